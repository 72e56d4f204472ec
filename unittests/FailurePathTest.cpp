// Failure paths (issue #6): buffer growth failing, LLVM failing to compile; each becomes a Status,
// the caller's output is untouched, and the next value serializes fine.
//
// An unknown standard-library layout (LayoutProbeTest.cpp) and a throwing
// custom hook (CustomHookTest.cpp) are covered where those features are.
#include "TestHelpers.h"

#include "IR/Parser.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/Execution.h"
#include "Runtime/Jit.h"
#include "Runtime/TestHooks.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using jitson::Buffer;
using jitson::ErrorCode;
using jitson::Serializer;
using jitson::Status;
namespace hooks = jitson::runtime::testhooks;

namespace failtest {

struct Row {
  std::int64_t id;
  std::string text;
  std::vector<double> values;
};

struct Table {
  std::string name;
  std::vector<Row> rows;
};

Table bigTable(int Rows) {
  Table T{"t", {}};
  for (int I = 0; I < Rows; ++I)
    T.rows.push_back(Row{I, std::string(std::size_t(I % 50), 'x') + "<&>\xC3\xA9",
                         std::vector<double>(std::size_t(I % 7), 0.25 * I)});
  return T;
}

// Fresh types: their first compile happens in the test that uses them.
struct NeverCompiles {
  std::int32_t a;
  std::string b;
};
struct CompilesAfterwards {
  std::int32_t a;
  std::string b;
};

/// Every grow fails again after the scope (even when a CHECK fails).
struct GrowFault {
  explicit GrowFault(std::int64_t N) { hooks::failGrowAfter(N); }
  ~GrowFault() { hooks::failGrowAfter(-1); }
};

/// Restores the tier and the persistent cache after a test changes them.
struct TierAndCache {
  jitson::Tier Tier = jitson::tier();
  std::string Cache = jitson::cacheDirectory();
  ~TierAndCache() {
    hooks::failNextCompiles(0);
    jitson::setTier(Tier);
    jitson::setCacheDirectory(Cache);
  }
};

} // namespace failtest

using namespace failtest;

TEST_CASE("a failing grow at every point of a Buffer serialization") {
  for (jitson::Options Opts : {jitson::Options{}, [] {
         jitson::Options O;
         O.pretty = true;
         O.escapeHtml = true;
         O.utf8 = jitson::Utf8Mode::Replace;
         return O;
       }()}) {
    CAPTURE(Opts.pretty);
    const Serializer<Table>& S = Serializer<Table>::get(Opts);
    const Table Big = bigTable(300);
    const std::string Expected = S.serialize(Big);
    // How many grows a fresh Buffer needs for the prefix and then Big.
    int Grows = 0;
    for (;; ++Grows) {
      Buffer Out;
      GrowFault Fault(Grows);
      if (S.serializeTo(Table{"prefix", {}}, Out).ok() && S.serializeTo(Big, Out).ok())
        break;
      REQUIRE(Grows < 64);
    }
    CHECK(Grows >= 3);
    for (int N = 0; N < Grows; ++N) {
      CAPTURE(N);
      Buffer Out;
      Status First, Second;
      std::string Prefix;
      {
        GrowFault Fault(N);
        First = S.serializeTo(Table{"prefix", {}}, Out);
        Prefix = Out.str();
        if (First)
          Second = S.serializeTo(Big, Out);
      }
      const Status& Failed = First ? Second : First;
      CHECK(Failed.code() == ErrorCode::OutOfMemory);
      CHECK(Failed.path().empty());
      // The Buffer holds what it held before the failing call ...
      CHECK(Out.str() == (First ? Prefix : std::string()));
      // ... and the next value appends normally.
      REQUIRE(S.serializeTo(Big, Out).ok());
      CHECK(Out.str() == (First ? Prefix : std::string()) + Expected);
    }
  }
}

TEST_CASE("a failing grow into a std::string leaves it untouched") {
  const Serializer<Table>& S = Serializer<Table>::get();
  const Table Big = bigTable(400);
  const std::string Expected = S.serialize(Big);
  REQUIRE(Expected.size() > 4 * 4096);
  // A new thread starts with a new 4 KiB scratch buffer: the run must grow it.
  std::thread([&] {
    std::string Out = "untouched";
    {
      GrowFault Fault(1);
      Status St = S.serializeTo(Big, Out);
      CHECK(St.code() == ErrorCode::OutOfMemory);
    }
    CHECK(Out == "untouched");
    CHECK(S.serializeTo(Big, Out).ok());
    CHECK(Out == "untouched" + Expected);
    // The throwing API throws, and then works again.
    {
      GrowFault Fault(0);
      CHECK_THROWS_AS((void)S.serialize(bigTable(800)), jitson::Error);
    }
    CHECK(S.serialize(Big) == Expected);
  }).join();
}

TEST_CASE("an LLVM failure while compiling becomes CompileFailed, and the next type compiles") {
  TierAndCache Restore;
  // Compile synchronously (the default first serves from the interpreter
  // and compiles in the background), with no persistent cache to load from.
  jitson::waitForBackgroundCompiles();
  jitson::setTier(jitson::Tier::Fast);
  jitson::setCacheDirectory("");
  std::uint64_t Before = jitson::detail::programsCompiled();
  hooks::failNextCompiles(1);
  const Serializer<NeverCompiles>& Bad = Serializer<NeverCompiles>::get();
  CHECK(Bad.status().code() == ErrorCode::CompileFailed);
  CHECK(Bad.status().message().find("injected codegen failure") != std::string::npos);
  CHECK(Bad.status().message().find("NeverCompiles") != std::string::npos);
  std::string Out = "untouched";
  Status St = Bad.serializeTo(NeverCompiles{1, "x"}, Out);
  CHECK(St.code() == ErrorCode::CompileFailed);
  CHECK(Out == "untouched");
  Buffer B;
  CHECK(Bad.serializeTo(NeverCompiles{1, "x"}, B).code() == ErrorCode::CompileFailed);
  CHECK(B.empty());
  CHECK_THROWS_AS((void)Bad.serialize(NeverCompiles{1, "x"}), jitson::Error);
  // The failure is the program's for good (no compile storm) ...
  CHECK(&Serializer<NeverCompiles>::get() == &Bad);
  CHECK(jitson::detail::programsCompiled() - Before == 1);
  // ... and the JIT is fine for the next one.
  CHECK(jitson::toJson(CompilesAfterwards{2, "y"}) == "{\"a\":2,\"b\":\"y\"}");
  CHECK(jitson::detail::programsCompiled() - Before == 2);
}

TEST_CASE("an LLVM failure in compileAndRun is a Status; the next program runs") {
  TierAndCache Restore;
  auto Parsed = jitson::ir::parseProgram(R"(type "int" = int 32 signed
type "P" = struct size 4 align 4 {
  "v" @0 : "int"
}
func @0 : "P" {
  text "{\"v\":"
  i32 @0 : "int" path ".v"
  text "}"
}
)",
                                         "inline.sir");
  REQUIRE(Parsed);
  std::int32_t Value = -5;
  std::uint64_t Live = hooks::livePrograms();
  std::string Out = "untouched";
  hooks::failNextCompiles(1);
  Status St = jitson::runtime::compileAndRun((*Parsed)->P, &Value, Out);
  CHECK(St.code() == ErrorCode::CompileFailed);
  CHECK(Out == "untouched");
  CHECK(jitson::runtime::compileAndRun((*Parsed)->P, &Value, Out).ok());
  CHECK(Out == "untouched{\"v\":-5}");
  CHECK(hooks::livePrograms() == Live); // compileAndRun unloads what it compiled
}

TEST_CASE("a failing grow in a compiled program from compileAndRun") {
  auto Parsed = jitson::ir::parseProgram(R"(type "std::string" = string size 32 align 8 data 0 length 8
type "S" = struct size 32 align 8 {
  "s" @0 : "std::string"
}
func @0 : "S" {
  text "{\"s\":"
  str @0 : "std::string" path ".s"
  text "}"
}
)",
                                         "inline.sir");
  REQUIRE(Parsed);
  std::string Long(100000, 'q');
  std::string Out = "untouched";
  std::thread([&] { // a fresh 4 KiB scratch buffer
    GrowFault Fault(0);
    Status St = jitson::runtime::compileAndRun((*Parsed)->P, &Long, Out);
    CHECK(St.code() == ErrorCode::OutOfMemory);
  }).join();
  CHECK(Out == "untouched");
  CHECK(jitson::runtime::compileAndRun((*Parsed)->P, &Long, Out).ok());
  CHECK(Out == "untouched{\"s\":\"" + Long + "\"}");
}

/// The bounds check of JITSON_CHECK_BOUNDS and the fault it exists to catch
/// are both on for the scope (the fault off, the check as it was, after it).
struct MissingCapacityChecks {
  bool Was = hooks::checkBounds();
  MissingCapacityChecks() {
    hooks::setCheckBounds(true);
    hooks::setSkipCapacityChecks(true);
  }
  ~MissingCapacityChecks() {
    hooks::setSkipCapacityChecks(false);
    hooks::setCheckBounds(Was);
  }
};

TEST_CASE("the bounds check catches generated code that would write past the buffer") {
  auto Parsed = jitson::ir::parseProgram(R"(type "int" = int 32 signed
type "std::vector<int>" = vector size 24 align 8 begin 0 end 8 of "int"
func @0 : "std::vector<int>" {
  text "["
  vec.begin @0 : "std::vector<int>" path ""
    i32 @0 : "int"
  vec.end
  text "]"
}
)",
                                         "inline.sir");
  REQUIRE(Parsed);
  std::vector<std::int32_t> Values(5000, -1234567);
  std::string Want = "[";
  for (std::size_t I = 0; I < Values.size(); ++I)
    Want += I ? ",-1234567" : "-1234567";
  Want += "]";
  const jitson::ir::Program& P = (*Parsed)->P;
  jitson::detail::Program Checked;
  Checked.Type = P.Functions[0].Type;
  Checked.Opts = P.Opts;

  SUBCASE("into an empty Buffer: the first store is caught") {
    auto Owned = [&] {
      MissingCapacityChecks Fault;
      return jitson::runtime::compileOwnedProgram(P, jitson::runtime::Tier::Optimized);
    }();
    REQUIRE(Owned);
    jitson::detail::publishRun(Checked, Owned->run(), jitson::runtime::Tier::Optimized);
    Buffer Out;
    Status St = jitson::detail::run(Checked, &Values, Out);
    CHECK(St.code() == ErrorCode::Internal);
    CHECK(St.message().find("past the end of its buffer") != std::string::npos);
    CHECK(Out.size() == 0);
  }
  SUBCASE("into a std::string: caught where the scratch buffer runs out") {
    auto Owned = [&] {
      MissingCapacityChecks Fault;
      return jitson::runtime::compileOwnedProgram(P, jitson::runtime::Tier::Fast);
    }();
    REQUIRE(Owned);
    jitson::detail::publishRun(Checked, Owned->run(), jitson::runtime::Tier::Optimized);
    std::string Out = "untouched";
    Status St;
    std::thread([&] { St = jitson::detail::runProgram(Checked, &Values, Out); })
        .join(); // a thread's first serialization: a fresh 4 KiB scratch buffer
    CHECK(St.code() == ErrorCode::Internal);
    CHECK(St.path().rfind('[', 0) == 0); // inside the array, at some element
    bool Untouched = Out == "untouched";
    CHECK(Untouched);
  }
  SUBCASE("with its capacity checks the same program passes the bounds check") {
    bool Was = hooks::checkBounds();
    hooks::setCheckBounds(true);
    auto Owned = jitson::runtime::compileOwnedProgram(P, jitson::runtime::Tier::Optimized);
    hooks::setCheckBounds(Was);
    REQUIRE(Owned);
    jitson::detail::publishRun(Checked, Owned->run(), jitson::runtime::Tier::Optimized);
    Buffer Out;
    CHECK(jitson::detail::run(Checked, &Values, Out).ok());
    bool Same = Out.view() == Want;
    CHECK(Same);
  }
}
