// jitson-bench: jitson against RapidJSON, nlohmann::json and Boost.JSON, writing
// the same C++ values as JSON, with a memcpy of the same size as the bound.
//
//   jitson-bench [--data-dir=DIR | --no-data] [--verify-only] [Google Benchmark flags]
//
// Before anything is timed, every library's output for every workload is
// parsed and compared with the workload's source document (Verify.h); any
// difference stops the run with the difference and no numbers. With
// --verify-only that is all it does (the bench.verify test).
//
// Each benchmark is named WORKLOAD/LIBRARY. Its bytes_per_second counts, for
// every library alike, the length of RapidJSON's output for the workload, so
// rates compare as 1/time (libraries spell numbers differently: 1.0, 1, 1E0).
// The counter out_bytes is the library's own output length.
#include "Cases.h"
#include "Load.h"
#include "Verify.h"

#include "jitson/Jit.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#ifndef JITSON_BENCH_DATA_DIR
#define JITSON_BENCH_DATA_DIR ""
#endif

namespace {

using namespace bench;

std::string compilerName() {
#if defined(__clang__)
  return "clang++ " __clang_version__;
#elif defined(__GNUC__)
  return "g++ " __VERSION__;
#else
  return "unknown";
#endif
}

void usage() {
  std::fprintf(stderr,
               "usage: jitson-bench [--data-dir=DIR | --no-data] [--verify-only] "
               "[--benchmark_...]\n"
               "  --data-dir=DIR  read json_performance.json, twitter.json, citm_catalog.json\n"
               "                  and canada.json from DIR (default: %s); a missing file\n"
               "                  is generated instead\n"
               "  --no-data       generate every workload (deterministic, fixed seeds)\n"
               "  --verify-only   check every library's output and exit, timing nothing\n",
               JITSON_BENCH_DATA_DIR[0] ? JITSON_BENCH_DATA_DIR : "none");
}

struct Verified {
  const Case* C;
  std::size_t OutBytes;
};

} // namespace

int main(int Argc, char** Argv) {
  std::string DataDir = JITSON_BENCH_DATA_DIR;
  bool VerifyOnly = false;
  // Take our flags out; the rest goes to Google Benchmark.
  std::vector<char*> Rest{Argv[0]};
  for (int I = 1; I < Argc; ++I) {
    std::string_view A = Argv[I];
    if (A == "--verify-only")
      VerifyOnly = true;
    else if (A == "--no-data")
      DataDir.clear();
    else if (A.starts_with("--data-dir="))
      DataDir = A.substr(std::strlen("--data-dir="));
    else if (A == "--help" || A == "-h") {
      usage();
      Rest.push_back(Argv[I]); // Google Benchmark's own help follows
    } else
      Rest.push_back(Argv[I]);
  }
  int RestArgc = static_cast<int>(Rest.size());
  Rest.push_back(nullptr);
  benchmark::Initialize(&RestArgc, Rest.data());
  if (benchmark::ReportUnrecognizedArguments(RestArgc, Rest.data()))
    return 2;

  // The values live until exit: the cases refer to them.
  static Values V;
  std::vector<Source> Sources;
  try {
    Sources = loadWorkloads(V, DataDir);
  } catch (const std::exception& E) {
    std::fprintf(stderr, "jitson-bench: %s\n", E.what());
    return 1;
  }

  static Cases All;
  try {
    addRapidJsonCases(V, All);
    addJitsonCases(V, All);
    addNlohmannCases(V, All);
    addBoostJsonCases(V, All);
  } catch (const std::exception& E) {
    std::fprintf(stderr, "jitson-bench: setting up the cases failed: %s\n", E.what());
    return 1;
  }

  // --- verification: every case against its source document ---
  if (std::string Wrong = selfTestChecker(); !Wrong.empty()) {
    std::fprintf(stderr, "jitson-bench: %s\n", Wrong.c_str());
    return 1;
  }
  std::printf("jitson-bench: checking every library's output against the source documents\n");
  std::map<std::string, std::vector<Verified>> ByWorkload;
  std::map<std::string, std::string> RapidJsonOutput; // per workload: the byte count and memcpy source
  int Failures = 0;
  for (const Source& S : Sources) {
    std::printf("  %-17s %s\n", S.Workload.c_str(), S.Origin.c_str());
    for (const Case& C : All) {
      if (C.Workload != S.Workload)
        continue;
      std::string Out, Again;
      std::string Error = C.Write(Out);
      if (Error.empty())
        Error = checkEquivalent(S.Doc, Out, S.FloatPaths);
      if (Error.empty() && (!C.Write(Again).empty() || Again != Out))
        Error = "a second call wrote different output";
      if (!Error.empty()) {
        std::fprintf(stderr, "jitson-bench: MISMATCH: %s output of %s differs from %s:\n  %s\n",
                     C.Workload.c_str(), C.Library.c_str(), S.Origin.c_str(), Error.c_str());
        ++Failures;
        continue;
      }
      std::printf("    %-11s ok, %zu bytes\n", C.Library.c_str(), Out.size());
      ByWorkload[S.Workload].push_back({&C, Out.size()});
      if (C.Library == RapidJsonLib)
        RapidJsonOutput[S.Workload] = std::move(Out);
    }
  }
  if (Failures) {
    std::fprintf(stderr,
                 "jitson-bench: %d output(s) differ from their source documents; no "
                 "benchmark was run\n",
                 Failures);
    return 1;
  }
  for (const Source& S : Sources)
    if (!RapidJsonOutput.count(S.Workload)) {
      std::fprintf(stderr, "jitson-bench: no RapidJSON case for %s\n", S.Workload.c_str());
      return 1;
    }
  std::printf("jitson-bench: all outputs are equivalent to their sources\n");

  // jitson's first calls above ran its interpreted tier; the optimised code
  // compiles in the background. Time (and check again) only that code.
  jitson::waitForBackgroundCompiles();
  for (const Source& S : Sources)
    for (const Verified& Vf : ByWorkload[S.Workload]) {
      if (Vf.C->Library != JitsonLib)
        continue;
      std::string Out;
      std::string Error = Vf.C->Write(Out);
      if (Error.empty())
        Error = checkEquivalent(S.Doc, Out, S.FloatPaths);
      if (!Error.empty()) {
        std::fprintf(stderr, "jitson-bench: MISMATCH: %s output of optimised jitson: %s\n",
                     S.Workload.c_str(), Error.c_str());
        return 1;
      }
    }
  std::printf("jitson-bench: jitson's optimised code writes the same\n");
  if (VerifyOnly)
    return 0;

  // --- timing ---
  benchmark::AddCustomContext("compiler", compilerName());
  for (const Source& S : Sources)
    benchmark::AddCustomContext("workload." + S.Workload,
                                S.Origin + ", " +
                                    std::to_string(RapidJsonOutput[S.Workload].size()) +
                                    " bytes of RapidJSON output");
  for (const Source& S : Sources) {
    const std::string& Reference = RapidJsonOutput[S.Workload];
    const auto Bytes = static_cast<std::int64_t>(Reference.size());
    for (const Verified& Vf : ByWorkload[S.Workload]) {
      const Case* C = Vf.C;
      double OutBytes = static_cast<double>(Vf.OutBytes);
      benchmark::RegisterBenchmark(
          (S.Workload + "/" + C->Library).c_str(), [C, Bytes, OutBytes](benchmark::State& St) {
            C->Run(St);
            St.SetBytesProcessed(St.iterations() * Bytes);
            St.counters["out_bytes"] = OutBytes;
          });
    }
    // The physical bound: copying the same number of bytes.
    benchmark::RegisterBenchmark(
        (S.Workload + "/" + MemcpyLib).c_str(), [&Reference, Bytes](benchmark::State& St) {
          std::string Dest(Reference.size(), '\0');
          for (auto _ : St) {
            std::memcpy(Dest.data(), Reference.data(), Reference.size());
            benchmark::DoNotOptimize(Dest.data());
            benchmark::ClobberMemory();
          }
          St.SetBytesProcessed(St.iterations() * Bytes);
          St.counters["out_bytes"] = static_cast<double>(Bytes);
        });
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
