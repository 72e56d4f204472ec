// One benchmark case: a library writing one workload. Each library's file
// (JitsonCases.cpp, RapidJsonCases.cpp, ...) contributes its cases; the
// driver (JitsonBench.cpp) verifies every case's output, then times it.
#ifndef JITSON_BENCHMARKS_CASES_H
#define JITSON_BENCHMARKS_CASES_H

#include "Workloads.h"

#include <benchmark/benchmark.h>

#include <functional>
#include <string>
#include <vector>

namespace bench {

struct Case {
  std::string Workload; ///< e.g. "twitter"
  std::string Library;  ///< e.g. "rapidjson"
  /// Writes the workload once into Out (replacing its contents), the same way
  /// the timing loop does. Returns an error message, empty on success.
  std::function<std::string(std::string& Out)> Write;
  /// The timing loop: `for (auto _ : State)` writes the workload once per
  /// iteration, reusing buffers as the library's idiomatic fast path does.
  /// The driver adds the byte count afterwards.
  std::function<void(benchmark::State&)> Run;
};

using Cases = std::vector<Case>;

// Library names, as they appear in benchmark names and reports.
inline constexpr const char* JitsonLib = "jitson";
inline constexpr const char* RapidJsonLib = "rapidjson";
inline constexpr const char* NlohmannLib = "nlohmann";
inline constexpr const char* BoostJsonLib = "boost_json";
inline constexpr const char* MemcpyLib = "memcpy";

// Each adds its cases for the workloads of V (which must outlive the cases).
void addJitsonCases(const Values& V, Cases& Out);
void addRapidJsonCases(const Values& V, Cases& Out);
void addNlohmannCases(const Values& V, Cases& Out);
void addBoostJsonCases(const Values& V, Cases& Out);

} // namespace bench

#endif // JITSON_BENCHMARKS_CASES_H
