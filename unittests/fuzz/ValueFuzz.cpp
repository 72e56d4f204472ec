// libFuzzer target: random values of fixed programs, run by JIT-compiled code in both tiers.
//
// The programs (compiled once, at the first input) are those jitson builds
// for two reflected types, with five option sets between them covering
// every op DynamicValue can feed: each is printed to textual IR, parsed
// back, and compiled Fast and Optimized (compileOwnedProgram). Input: byte
// 0 picks the program, the rest is the value as JSON (DynamicValue's form).
// Both tiers must agree byte for byte; a success must be one JSON document
// (and valid UTF-8 when the options promise it); a failure must be one the
// value can cause, and leave the output string untouched.
#include "FuzzSupport.h"

#include "IR/Builder.h"
#include "IR/Parser.h"
#include "IR/Printer.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/DynamicValue.h"
#include "Runtime/Jit.h"
#include "jitson/jitson.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace jitson;
using jitsonfuzz::fail;

namespace fuzztypes {

enum class Color : std::uint8_t { Red, Green, Blue = 4 };

struct Inner {
  std::string label;
  std::array<float, 2> pair;
  std::optional<std::int16_t> small;
};

struct Tree {
  std::int32_t id;
  std::vector<Tree> kids;
};

struct Everything {
  std::string name;
  bool flag;
  std::int8_t i8;
  std::uint64_t u64;
  double d;
  float f;
  std::vector<Inner> inners;
  std::optional<double> maybe;
  std::array<std::uint8_t, 3> rgb;
  char c;
  const char* cstr;
  Color color;
  std::tuple<std::int32_t, std::string> pair;
  std::chrono::sys_seconds at;
  std::nullptr_t nothing;
  std::int64_t* ptr;
  std::unique_ptr<Inner> owned;
  std::vector<std::optional<std::string>> tags;
  Tree tree;
};

} // namespace fuzztypes

namespace {

struct Compiled {
  std::unique_ptr<ir::ParsedProgram> Parsed;
  runtime::OwnedProgram Fast, Optimized;
  bool Utf8Out; ///< The options promise valid UTF-8 output.
};

std::vector<Compiled>& programs() {
  static std::vector<Compiled> All = [] {
    std::vector<Options> Sets(5);
    Sets[1].pretty = true;
    Sets[1].indentWidth = 4;
    Sets[1].trailingNewline = true;
    Sets[2].escapeHtml = true;
    Sets[2].escapeUnicode = true;
    Sets[2].utf8 = Utf8Mode::Replace;
    Sets[2].nonFinite = NonFiniteMode::Null;
    Sets[3].utf8 = Utf8Mode::Error;
    Sets[3].omitNull = true;
    Sets[3].enumsAsStrings = true;
    Sets[3].maxDepth = 3;
    Sets[4].pretty = true;
    Sets[4].indentChar = '\t';
    Sets[4].indentWidth = 1;
    Sets[4].omitNull = true;
    Sets[4].utf8 = Utf8Mode::Replace;
    std::vector<Compiled> Made;
    for (const detail::TypeDesc* Type :
         {&detail::describe<fuzztypes::Everything>(), &detail::describe<fuzztypes::Tree>()})
      for (const Options& Opts : Sets) {
        auto IR = ir::buildProgram(*Type, detail::normalizedOptions(*Type, Opts));
        if (!IR)
          fail("buildProgram failed", llvm::toString(IR.takeError()));
        std::string Text = ir::printProgram(*IR);
        auto Parsed = ir::parseProgram(Text, "value-fuzz.sir");
        if (!Parsed)
          fail("a built program does not parse", llvm::toString(Parsed.takeError()));
        Compiled C;
        C.Parsed = std::move(*Parsed);
        for (auto [T, Slot] : {std::pair{runtime::Tier::Fast, &C.Fast},
                               std::pair{runtime::Tier::Optimized, &C.Optimized}}) {
          auto Owned = runtime::compileOwnedProgram(C.Parsed->P, T);
          if (!Owned)
            fail("compile failed", llvm::toString(Owned.takeError()));
          *Slot = std::move(*Owned);
        }
        C.Utf8Out = Opts.utf8 != Utf8Mode::Passthrough || Opts.escapeUnicode;
        Made.push_back(std::move(C));
      }
    return Made;
  }();
  return All;
}

Status run(const Compiled& C, const runtime::OwnedProgram& Code, const void* Value,
           std::string& Out) {
  detail::Program P;
  P.Type = C.Parsed->P.Functions[0].Type;
  P.Opts = C.Parsed->P.Opts;
  detail::publishRun(P, Code.run(), runtime::Tier::Optimized);
  return detail::runProgram(P, Value, Out);
}

bool expectedFailure(ErrorCode Code) {
  switch (Code) {
  case ErrorCode::NonFiniteNumber:
  case ErrorCode::TooDeep:
  case ErrorCode::InvalidUtf8:
  case ErrorCode::InvalidValue:
    return true;
  default:
    return false;
  }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  programs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* Data, std::size_t Size) {
  if (Size < 1)
    return 0;
  std::vector<Compiled>& All = programs();
  const Compiled& C = All[Data[0] % All.size()];
  llvm::StringRef Json(reinterpret_cast<const char*>(Data + 1), Size - 1);
  static const bool Verbose = std::getenv("JITSON_FUZZ_VERBOSE") != nullptr;
  auto Value = runtime::DynamicValue::fromJson(*C.Parsed->P.Functions[0].Type, Json);
  if (!Value) {
    std::string Why = llvm::toString(Value.takeError());
    if (Verbose)
      std::fprintf(stderr, "program %u: no value: %s\n", unsigned(Data[0] % All.size()),
                   Why.c_str());
    return 0;
  }
  std::string Fast = "kept", Optimized = "kept";
  Status SFast = run(C, C.Fast, (*Value)->data(), Fast);
  Status SOpt = run(C, C.Optimized, (*Value)->data(), Optimized);
  if (SFast.ok() != SOpt.ok() || Fast != Optimized ||
      (!SFast.ok() && (SFast.code() != SOpt.code() || SFast.toString() != SOpt.toString())))
    fail("the tiers disagree", Fast + "\n" + SFast.toString() + "\n-----\n" + Optimized + "\n" +
                                   SOpt.toString());
  if (Verbose)
    std::fprintf(stderr, "program %u: %s\n", unsigned(Data[0] % All.size()),
                 SFast ? Fast.c_str() + 4 : SFast.toString().c_str());
  if (!SFast) {
    if (!expectedFailure(SFast.code()))
      fail("an unexpected failure", SFast.toString());
    if (Fast != "kept")
      fail("a failed run changed the output string", Fast);
    return 0;
  }
  std::string_view Out = std::string_view(Fast).substr(4);
  jitsonfuzz::JsonChecker Checker(Out);
  if (!Checker.document())
    fail("the output is not JSON", Out);
  if (C.Utf8Out && jitsonfuzz::firstInvalidUtf8(Out) != std::string_view::npos)
    fail("invalid UTF-8 in the output despite the options", Out);
  return 0;
}
