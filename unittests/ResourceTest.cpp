// Resource bounds (issue #6): thousands of distinct programs, and the memory released programs give back.
//
// JITSON_RESOURCE_PROGRAMS=<n> sets how many programs each phase compiles
// (default 200, to keep the unit tests quick); docs/Testing.md records a run
// with 2000. Figures are printed with MESSAGE (doctest -s shows them).
#include "TestHelpers.h"

#include "IR/Parser.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/Execution.h"
#include "Runtime/Jit.h"
#include "Runtime/TestHooks.h"

#include <doctest/doctest.h>

#include <malloc.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool Sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool Sanitized = true;
#else
constexpr bool Sanitized = false;
#endif
#else
constexpr bool Sanitized = false;
#endif

/// Resident bytes after giving freed heap back to the system.
double residentMiB() {
  malloc_trim(0);
  std::FILE* F = std::fopen("/proc/self/statm", "r");
  REQUIRE(F);
  unsigned long Size = 0, Resident = 0;
  REQUIRE(std::fscanf(F, "%lu %lu", &Size, &Resident) == 2);
  std::fclose(F);
  return double(Resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

int programCount() {
  const char* Env = std::getenv("JITSON_RESOURCE_PROGRAMS");
  int N = Env ? std::atoi(Env) : 0;
  return N > 0 ? N : 200;
}

struct Pair {
  std::int32_t a;
  double d;
};

/// The I-th distinct program: its own type name, text and length.
std::string programText(int I) {
  std::string T = "Gen" + std::to_string(I);
  std::string Text = "type \"int\" = int 32 signed\ntype \"double\" = float 64\n"
                     "type \"" + T + "\" = struct size 16 align 8 {\n"
                     "  \"a\" @0 : \"int\"\n  \"d\" @8 : \"double\"\n}\n"
                     "func @0 : \"" + T + "\" {\n  text \"{\"\n";
  for (int K = 0; K <= I % 8; ++K) {
    Text += "  text \"" + std::string(K ? "," : "") + "\\\"a" + std::to_string(I) + "_" +
            std::to_string(K) + "\\\":\"\n  i32 @0 : \"int\" path \".a\"\n";
    Text += "  text \",\\\"d" + std::to_string(K) + "\\\":\"\n  f64 @8 : \"double\" path \".d\"\n";
  }
  Text += "  text \"}\"\n}\n";
  return Text;
}

std::unique_ptr<jitson::ir::ParsedProgram> parse(int I) {
  auto Parsed = jitson::ir::parseProgram(programText(I), "generated.sir");
  if (!Parsed) {
    FAIL_CHECK(llvm::toString(Parsed.takeError()));
    return nullptr;
  }
  return std::move(*Parsed);
}

} // namespace

TEST_CASE("thousands of programs: released ones give their memory back") {
  namespace hooks = jitson::runtime::testhooks;
  using jitson::runtime::OwnedProgram;
  const int N = programCount();
  const Pair Value{7, 0.5};
  const std::uint64_t Live = hooks::livePrograms();

  // Warm up the session, the allocator and the string pools.
  for (int I = 0; I < 20; ++I) {
    auto P = parse(1000000 + I);
    REQUIRE(P);
    std::string Out;
    REQUIRE(jitson::runtime::compileAndRun(P->P, &Value, Out).ok());
  }
  const double Start = residentMiB();

  // Kept: N programs loaded at once.
  std::vector<OwnedProgram> Kept;
  for (int I = 0; I < N; ++I) {
    auto P = parse(I);
    REQUIRE(P);
    auto Owned = jitson::runtime::compileOwnedProgram(P->P, jitson::runtime::Tier::Fast);
    REQUIRE(Owned);
    Kept.push_back(std::move(*Owned));
  }
  CHECK(hooks::livePrograms() == Live + std::uint64_t(N));
  // They all still run.
  {
    auto Sample = parse(N - 1);
    std::string Expected;
    REQUIRE(jitson::runtime::compileAndRun(Sample->P, &Value, Expected).ok());
    std::string Out;
    jitson::detail::Program Prog;
    jitson::detail::publishRun(Prog, Kept.back().run(), jitson::runtime::Tier::Optimized);
    Prog.Type = Sample->P.Functions[0].Type;
    CHECK(jitson::detail::runProgram(Prog, &Value, Out).ok());
    CHECK(Out == Expected);
  }
  const double Loaded = residentMiB();
  Kept.clear();
  CHECK(hooks::livePrograms() == Live);
  const double Released = residentMiB();

  // Compiled, run and released one at a time (compileAndRun): bounded.
  for (int I = 0; I < N; ++I) {
    auto P = parse(N + I);
    REQUIRE(P);
    std::string Out;
    REQUIRE(jitson::runtime::compileAndRun(P->P, &Value, Out).ok());
  }
  CHECK(hooks::livePrograms() == Live);
  const double After = residentMiB();

  const double PerProgramKiB = (Loaded - Start) * 1024.0 / N;
  MESSAGE("programs per phase: " << N << "; RSS MiB: start " << Start << ", " << N
                                 << " loaded " << Loaded << ", released " << Released
                                 << ", after " << N << " compile-run-release " << After
                                 << "; per loaded program " << PerProgramKiB << " KiB");
  if (Sanitized)
    return; // sanitizer allocators keep freed memory (quarantine): no bound to check
  // Loaded programs cost memory; released ones give nearly all of it back,
  // and compiling N more one at a time grows the process by far less than
  // keeping them would.
  CHECK(Loaded > Start);
  CHECK(After - Start < 0.25 * (Loaded - Start) + 2.0);
}
