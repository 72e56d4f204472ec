// The JIT's price controls: both tiers write the same JSON, tier switching, prepare, object cache.
#include "IR/Builder.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/Jit.h"
#include "Runtime/ObjectCache.h"

#include <jitson/Jit.h>
#include <jitson/jitson.h>

#include <doctest/doctest.h>

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace {

using jitson::runtime::Tier;

struct TierPoint {
  double x;
  float y;
};
struct TierTree {
  std::int32_t value;
  std::vector<TierTree> kids;
};
struct TierMix {
  bool flag;
  std::int8_t i8;
  std::uint16_t u16;
  std::int32_t i32;
  std::uint64_t u64;
  std::int64_t i64;
  double d;
  float f;
  std::string text;
  std::string_view view;
  std::vector<TierPoint> points;
  std::array<std::int32_t, 3> triple;
  std::optional<std::string> maybe;
  std::optional<TierPoint> maybePoint;
  std::vector<std::vector<std::string>> nested;
  TierTree tree;
};

/// (A fresh type per test that needs a program of its own: programs are
/// process-wide and keyed by type.)
struct TierSwitched {
  std::string name;
  std::vector<std::int64_t> ids;
};
struct TierPrepared {
  std::int32_t a;
  TierPoint p;
};
struct TierPreparedLater {
  std::string s;
};
struct TierCached {
  std::string name;
  std::vector<TierPoint> points;
  std::optional<std::int32_t> layer;
};
struct TierCachedOther {
  double only;
};

TierMix sampleMix() {
  TierMix M{};
  M.flag = true;
  M.i8 = -128;
  M.u16 = 65535;
  M.i32 = -2147483647 - 1;
  M.u64 = std::numeric_limits<std::uint64_t>::max();
  M.i64 = std::numeric_limits<std::int64_t>::min();
  M.d = 0.1;
  M.f = 1.5e-7f;
  M.text = std::string("quote\" back\\ nl\n ctl\x01 utf8 \xc3\xa9 and a longer tail to pass sixteen");
  M.view = "view";
  M.points = {{1.5, 2.0f}, {-0.0, 3.25f}, {1e300, -1e-30f}};
  M.triple = {1, -2, 3};
  M.maybe = "yes";
  M.maybePoint = std::nullopt;
  M.nested = {{}, {"a", ""}, {"b\tc"}};
  M.tree = TierTree{1, {TierTree{2, {}}, TierTree{3, {TierTree{4, {}}}}}};
  return M;
}

/// Compiles T's program (uncached) at tier T and runs it on Value.
template <class T> jitson::Status runAt(Tier Level, const T& Value, std::string& Out) {
  const jitson::detail::TypeDesc& Desc = jitson::detail::describe<T>();
  llvm::Expected<jitson::ir::Program> IR = jitson::ir::buildProgram(Desc, jitson::Options{});
  REQUIRE(static_cast<bool>(IR));
  llvm::Expected<jitson::detail::RunFunction> Run = jitson::runtime::compileProgram(*IR, Level);
  REQUIRE(static_cast<bool>(Run));
  CHECK(jitson::runtime::lastCompileTimings().CompiledTier == Level);
  jitson::detail::Program P;
  P.Type = &Desc;
  jitson::detail::publishRun(P, *Run, Level);
  return jitson::detail::runProgram(P, &Value, Out);
}

template <class T> void checkSameInBothTiers(const T& Value, const std::string& Expected) {
  std::string Fast, Optimized;
  jitson::Status FastStatus = runAt(Tier::Fast, Value, Fast);
  jitson::Status OptimizedStatus = runAt(Tier::Optimized, Value, Optimized);
  CHECK(FastStatus.toString() == OptimizedStatus.toString());
  CHECK(Fast == Optimized);
  if (!Expected.empty())
    CHECK(Optimized == Expected);
}

/// Restores the process-wide settings a test changes.
struct SettingsGuard {
  jitson::Tier SavedTier = jitson::tier();
  std::string SavedDir = jitson::cacheDirectory();
  ~SettingsGuard() {
    jitson::setTier(SavedTier);
    jitson::setCacheDirectory(SavedDir);
  }
};

/// A fresh, empty directory under the system's temporary directory.
std::string freshDirectory() {
  llvm::SmallString<128> Dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("jitson-cache-test", Dir));
  return std::string(Dir);
}

std::string readFile(const std::string& Path) {
  std::ifstream In(Path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(In), {});
}

void writeFile(const std::string& Path, const std::string& Bytes) {
  std::ofstream Out(Path, std::ios::binary | std::ios::trunc);
  Out.write(Bytes.data(), static_cast<std::streamsize>(Bytes.size()));
}

/// compileType with the cache on; returns the JSON and the stage record.
template <class T>
std::string compileThroughCache(const T& Value, jitson::runtime::CompileTimings& Timings) {
  const jitson::detail::TypeDesc& Desc = jitson::detail::describe<T>();
  llvm::Expected<jitson::detail::RunFunction> Run = jitson::runtime::compileType(
      Desc, jitson::Options{}, Tier::Optimized, jitson::runtime::CacheUse{true, true});
  REQUIRE(static_cast<bool>(Run));
  Timings = jitson::runtime::lastCompileTimings();
  jitson::detail::Program P;
  P.Type = &Desc;
  jitson::detail::publishRun(P, *Run, Tier::Optimized);
  std::string Out;
  REQUIRE(jitson::detail::runProgram(P, &Value, Out).ok());
  return Out;
}

} // namespace

TEST_CASE("both tiers write the same JSON") {
  checkSameInBothTiers(sampleMix(), "");
  std::string Mix;
  REQUIRE(runAt(Tier::Optimized, sampleMix(), Mix).ok());
  CHECK(Mix.find("\"u64\":18446744073709551615") != std::string::npos);
  CHECK(Mix.find("\"tree\":{\"value\":1,\"kids\":[{\"value\":2,\"kids\":[]},") != std::string::npos);
  checkSameInBothTiers(TierPoint{0.5, 2.0f}, "{\"x\":0.5,\"y\":2}");
  checkSameInBothTiers(std::vector<TierPoint>{}, "[]");
  checkSameInBothTiers(std::vector<std::string>{"a", "b\"c"}, "[\"a\",\"b\\\"c\"]");
  checkSameInBothTiers(TierTree{7, {TierTree{8, {}}}},
                       "{\"value\":7,\"kids\":[{\"value\":8,\"kids\":[]}]}");
}

TEST_CASE("both tiers fail the same way") {
  // Errors unwind through generated frames: same code and path in both tiers.
  TierMix M = sampleMix();
  M.points[1].x = std::nan("");
  std::string Fast, Optimized;
  jitson::Status FastStatus = runAt(Tier::Fast, M, Fast);
  jitson::Status OptimizedStatus = runAt(Tier::Optimized, M, Optimized);
  CHECK(FastStatus.code() == jitson::ErrorCode::NonFiniteNumber);
  CHECK(FastStatus.path() == ".points[1].x");
  CHECK(FastStatus.toString() == OptimizedStatus.toString());
  CHECK(Fast.empty());
  CHECK(Optimized.empty());
}

TEST_CASE("auto tier: fast first, then the optimised program in the background") {
  SettingsGuard Guard;
  jitson::setCacheDirectory(""); // a cache hit would skip the fast tier
  jitson::setTier(jitson::Tier::Auto);
  TierSwitched V{"n", {1, 2, 3}};
  const auto& S = jitson::Serializer<TierSwitched>::get();
  const jitson::detail::Program& P =
      jitson::detail::acquireProgram(jitson::detail::describe<TierSwitched>(), jitson::Options{});
  CHECK(jitson::detail::programTier(P) != jitson::Tier::Auto);
  std::string Before = S.serialize(V);
  jitson::waitForBackgroundCompiles();
  CHECK(jitson::detail::programTier(P) == jitson::Tier::Optimized);
  CHECK(S.serialize(V) == Before);
  CHECK(Before == "{\"name\":\"n\",\"ids\":[1,2,3]}");
}

TEST_CASE("prepare compiles ahead of time, synchronously or in the background") {
  SettingsGuard Guard;
  jitson::setCacheDirectory("");
  jitson::setTier(jitson::Tier::Auto);
  std::uint64_t Before = jitson::detail::programsCompiled();
  jitson::Status St = jitson::prepare<TierPrepared>();
  CHECK(St.ok());
  CHECK(jitson::detail::programsCompiled() - Before == 1);
  const jitson::detail::Program& P =
      jitson::detail::acquireProgram(jitson::detail::describe<TierPrepared>(), jitson::Options{});
  CHECK(jitson::detail::programTier(P) == jitson::Tier::Optimized); // prepared: optimised at once
  CHECK(jitson::toJson(TierPrepared{4, {0.25, 1.0f}}) ==
        "{\"a\":4,\"p\":{\"x\":0.25,\"y\":1}}");
  CHECK(jitson::detail::programsCompiled() - Before == 1); // get() found the prepared program

  CHECK(jitson::prepare<TierPreparedLater>(jitson::Options{}, /*Background=*/true).ok());
  jitson::waitForBackgroundCompiles();
  const jitson::detail::Program& Later = jitson::detail::acquireProgram(
      jitson::detail::describe<TierPreparedLater>(), jitson::Options{});
  CHECK(jitson::detail::programTier(Later) == jitson::Tier::Optimized);
  CHECK(jitson::toJson(TierPreparedLater{"x"}) == "{\"s\":\"x\"}");
}

TEST_CASE("object cache: a hit loads the stored object without building anything") {
  SettingsGuard Guard;
  std::string Dir = freshDirectory();
  jitson::setCacheDirectory(Dir);
  CHECK(jitson::cacheDirectory() == Dir);
  TierCached V{"c", {{1.5, 2.0f}}, 3};
  const std::string Expected = "{\"name\":\"c\",\"points\":[{\"x\":1.5,\"y\":2}],\"layer\":3}";
  jitson::runtime::CompileTimings T;

  CHECK(compileThroughCache(V, T) == Expected);
  CHECK(!T.CacheHit);
  CHECK(T.CacheStored);
  CHECK(compileThroughCache(V, T) == Expected);
  CHECK(T.CacheHit);
  CHECK(T.IrMs == 0);      // no IR was built,
  CHECK(T.CodegenMs == 0); // nothing was compiled
  CHECK(T.ObjectBytes > 0);

  // The one file in Dir is TierCached's object.
  std::error_code EC;
  std::string File;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".jitobj"))
      File = It->path();
  REQUIRE(!File.empty());
  const std::string Good = readFile(File);

  SUBCASE("a corrupt file is ignored and rewritten") {
    std::string Bad = Good;
    Bad[Bad.size() - 7] ^= 0x5a;
    writeFile(File, Bad);
  }
  SUBCASE("a truncated file is ignored and rewritten") {
    writeFile(File, Good.substr(0, Good.size() / 2));
  }
  SUBCASE("an empty file is ignored and rewritten") { writeFile(File, ""); }
  SUBCASE("a file with a damaged header is ignored and rewritten") {
    std::string Bad = Good;
    Bad[20] ^= 1; // inside the key echo
    writeFile(File, Bad);
  }
  SUBCASE("a foreign file (another program's object) is ignored and rewritten") {
    TierCachedOther O{0.5};
    jitson::runtime::CompileTimings OtherT;
    CHECK(compileThroughCache(O, OtherT) == "{\"only\":0.5}");
    std::string Other;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
      if (It->path() != File && llvm::StringRef(It->path()).ends_with(".jitobj"))
        Other = It->path();
    REQUIRE(!Other.empty());
    writeFile(File, readFile(Other));
  }
  CHECK(compileThroughCache(V, T) == Expected);
  CHECK(!T.CacheHit);
  CHECK(T.CacheStored);
  CHECK(readFile(File) == Good); // rewritten: the same code again
  CHECK(compileThroughCache(V, T) == Expected);
  CHECK(T.CacheHit);
}

TEST_CASE("object cache keys: options, tier and target each select another object") {
  const jitson::detail::TypeDesc& D = jitson::detail::describe<TierCached>();
  jitson::runtime::TargetIdentity Host{"x86_64-pc-linux-gnu", "sapphirerapids", "+avx2"};
  auto Key = [&](const jitson::Options& O, Tier T, const jitson::runtime::TargetIdentity& Id) {
    return jitson::runtime::makeCacheKey(D, O, T, Id).hex();
  };
  jitson::Options Deeper;
  Deeper.maxDepth = 7;
  jitson::Options Html;
  Html.escapeHtml = true;
  jitson::Options Pretty;
  Pretty.pretty = true;
  jitson::runtime::TargetIdentity OtherCpu = Host;
  OtherCpu.CPU = "znver4";
  jitson::runtime::TargetIdentity OtherFeatures = Host;
  OtherFeatures.Features = "+avx2,+avx512f";
  std::string Base = Key({}, Tier::Optimized, Host);
  CHECK(Base.size() == 64);
  CHECK(Key({}, Tier::Optimized, Host) == Base);
  CHECK(Key(Deeper, Tier::Optimized, Host) != Base);
  CHECK(Key(Html, Tier::Optimized, Host) != Base);
  CHECK(Key(Pretty, Tier::Optimized, Host) != Base);
  CHECK(Key(Html, Tier::Optimized, Host) != Key(Pretty, Tier::Optimized, Host));
  CHECK(Key({}, Tier::Fast, Host) != Base);
  CHECK(Key({}, Tier::Optimized, OtherCpu) != Base);
  CHECK(Key({}, Tier::Optimized, OtherFeatures) != Base);
  CHECK(jitson::runtime::makeCacheKey(jitson::detail::describe<TierCachedOther>(), {},
                                      Tier::Optimized, Host)
            .hex() != Base);
}
