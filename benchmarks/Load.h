// Filling the workloads: from ../shared/data/*.json when present, else from
// deterministic generators of the same shape and about the same size.
#ifndef JITSON_BENCHMARKS_LOAD_H
#define JITSON_BENCHMARKS_LOAD_H

#include "Workloads.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bench {

/// The document a workload's output must be equivalent to.
struct Source {
  std::string Workload;
  /// Where the value came from: a file's path, or "generated (seed N)".
  std::string Origin;
  /// The source document as nlohmann parsed it (or, for a generated workload,
  /// the generated value converted to a JSON tree by the reference converter).
  nlohmann::json Doc;
  /// JSON pointers, "*" standing for any array index, whose numbers are C++
  /// floats: they are compared after rounding to float (see Verify.h).
  std::vector<std::string> FloatPaths;
};

/// Fills V and returns one Source per workload, in the order of Workloads.h.
/// DataDir holds json_performance.json, twitter.json, citm_catalog.json and
/// canada.json; a file that is absent (or an empty DataDir) means that
/// workload is generated.
/// Throws std::runtime_error, with the JSON path, if a document does not fit
/// its C++ type.
std::vector<Source> loadWorkloads(Values& V, const std::string& DataDir);

} // namespace bench

#endif // JITSON_BENCHMARKS_LOAD_H
