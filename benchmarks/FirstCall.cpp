// jitson-firstcall: the time to a type's first serialization in a fresh process, stage by stage.
//
//   jitson-firstcall SCHEMA [--tier=auto|fast|optimized] [--cache=DIR] [--wait]
//
// Measures one schema per process (a second schema would find LLVM warm), and
// prints one line of `key=value` pairs; benchmarks/firstcall.py runs it many
// times and prints the median table recorded in docs/Performance.md.
// Reflection runs in the header templates, so it is timed here; the library
// times the rest (runtime::lastCompileTimings). --wait also waits for the
// background (optimised) compile in Auto and reports it.
#include "Workloads.h"

#include "Runtime/CompileTiming.h"
#include "jitson/Jit.h"
#include "jitson/jitson.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point Start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - Start).count();
}

long rssKb() {
  std::ifstream Statm("/proc/self/statm");
  long Size = 0, Resident = 0;
  Statm >> Size >> Resident;
  return Resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/// Ten members of the common kinds: the "10-field struct".
struct Struct10 {
  std::int64_t a;
  double b;
  bool c;
  std::string d;
  std::int32_t e;
  std::optional<std::string> f;
  std::vector<std::int64_t> g;
  std::uint64_t h;
  float i;
  std::string j;
};

const char* tierName(jitson::runtime::Tier T) {
  switch (T) {
  case jitson::runtime::Tier::Fast:
    return "fast";
  case jitson::runtime::Tier::Optimized:
    return "optimized";
  case jitson::runtime::Tier::Interpreted:
    return "interpreted";
  default:
    return "none";
  }
}

void printTimings(const char* Prefix, const jitson::runtime::CompileTimings& T) {
  std::printf(" %ssession_ms=%.3f %sir_ms=%.3f %slower_ms=%.3f %soptimize_ms=%.3f "
              "%scodegen_ms=%.3f %slink_ms=%.3f %scache_ms=%.3f %scompile_total_ms=%.3f "
              "%sobject_bytes=%zu %scode_bytes=%zu %sdata_bytes=%zu %stier=%s %scache_hit=%d",
              Prefix, T.SessionMs, Prefix, T.IrMs, Prefix, T.LowerMs, Prefix, T.OptimizeMs, Prefix,
              T.CodegenMs, Prefix, T.LinkMs, Prefix, T.CacheMs, Prefix, T.TotalMs, Prefix,
              T.ObjectBytes, Prefix, T.CodeBytes, Prefix, T.DataBytes, Prefix,
              tierName(T.CompiledTier), Prefix, int(T.CacheHit));
}

template <class T> int measure(const char* Schema, bool Wait) {
  T Value{};
  Clock::time_point Start = Clock::now();
  const jitson::detail::TypeDesc& Desc = jitson::detail::describe<T>();
  double ReflectMs = msSince(Start);
  (void)Desc;
  std::string Out;
  jitson::Status St = jitson::Serializer<T>::get().serializeTo(Value, Out);
  double FirstMs = msSince(Start);
  jitson::runtime::CompileTimings Timings = jitson::runtime::lastCompileTimings();
  if (!St.ok()) {
    std::fprintf(stderr, "jitson-firstcall: %s: %s\n", Schema, St.toString().c_str());
    return 1;
  }
  std::printf("schema=%s first_serialize_ms=%.3f reflect_ms=%.3f", Schema, FirstMs, ReflectMs);
  printTimings("", Timings);
  std::printf(" rss_kb=%ld", rssKb());
  if (Wait) {
    Clock::time_point WaitStart = Clock::now();
    jitson::waitForBackgroundCompiles();
    double WaitMs = msSince(WaitStart);
    jitson::runtime::CompileTimings Bg = jitson::runtime::lastBackgroundTimings();
    if (Bg.CompiledTier != jitson::runtime::Tier::None) {
      std::printf(" bg_wait_ms=%.3f", WaitMs);
      printTimings("bg_", Bg);
      std::printf(" bg_rss_kb=%ld", rssKb());
    }
  }
  if (const char* Map = std::getenv("JITSON_PERF_MAP"); Map && std::strcmp(Map, "1") == 0) {
    // The perf map jitson wrote for this process: count its lines, then
    // remove it (ctest checks the count; perf is not needed for that).
    std::string Path = "/tmp/perf-" + std::to_string(getpid()) + ".map";
    std::ifstream In(Path);
    int Lines = 0;
    for (std::string Line; std::getline(In, Line);)
      Lines += Line.find(" jitson.") != std::string::npos;
    std::remove(Path.c_str());
    std::printf(" perf_map_symbols=%d", Lines);
  }
  std::printf("\n");
  return 0;
}

} // namespace

int main(int Argc, char** Argv) {
  const char* Schema = nullptr;
  bool Wait = false;
  for (int I = 1; I < Argc; ++I) {
    const char* A = Argv[I];
    if (std::strncmp(A, "--tier=", 7) == 0) {
      std::string T = A + 7;
      jitson::setTier(T == "fast"        ? jitson::Tier::Fast
                      : T == "optimized" ? jitson::Tier::Optimized
                      : T == "interpret" ? jitson::Tier::Interpret
                                         : jitson::Tier::Auto);
    } else if (std::strncmp(A, "--cache=", 8) == 0) {
      jitson::setCacheDirectory(A + 8);
    } else if (std::strcmp(A, "--wait") == 0) {
      Wait = true;
    } else if (A[0] != '-') {
      Schema = A;
    } else {
      std::fprintf(stderr, "jitson-firstcall: unknown option %s\n", A);
      return 2;
    }
  }
  if (!Schema) {
    std::fprintf(stderr, "usage: jitson-firstcall SCHEMA [--tier=auto|fast|optimized|interpret] "
                         "[--cache=DIR] [--wait]\n  schemas: twitter json_performance canada "
                         "micro_small struct10\n");
    return 2;
  }
  std::string S = Schema;
  if (S == bench::TwitterName)
    return measure<twitter::Twitter>(Schema, Wait);
  if (S == bench::JsonPerformanceName)
    return measure<JsonPerformance>(Schema, Wait);
  if (S == bench::CanadaName)
    return measure<canada::Canada>(Schema, Wait);
  if (S == bench::MicroSmallName)
    return measure<micro::Small>(Schema, Wait);
  if (S == "struct10")
    return measure<Struct10>(Schema, Wait);
  std::fprintf(stderr, "jitson-firstcall: unknown schema %s\n", Schema);
  return 2;
}
