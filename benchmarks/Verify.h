// Equivalence of a library's output with a workload's source document.
#ifndef JITSON_BENCHMARKS_VERIFY_H
#define JITSON_BENCHMARKS_VERIFY_H

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace bench {

/// Checks that Output is one JSON value equivalent to Expected. Returns an
/// empty string when it is, else what differs and where (a JSON pointer).
///
/// Output is parsed with nlohmann::json (strictly: nothing may follow the
/// value). Equivalent means:
/// - objects have the same keys, in any order, each key once in Output (a
///   repeated key is reported, not collapsed); a key absent from Expected is
///   accepted only with the value null (the C++ type models a member some
///   records lack as std::optional, which every library writes as null);
/// - arrays have the same length and equivalent elements in order;
/// - strings are byte-for-byte equal; booleans and null equal;
/// - numbers are numerically equal, whatever their spelling (1, 1.0, 1E0) and
///   nlohmann's storage (signed, unsigned, double): integers exactly, doubles
///   exactly (+0 and -0 are equal), an integer and a double only if the double
///   is that integer exactly. Numbers under a path matching one of FloatPaths
///   ("*" matches any one segment) are equal if they round to the same float:
///   the C++ member is a float, which some libraries widen to double first.
std::string checkEquivalent(const nlohmann::json& Expected, std::string_view Output,
                            const std::vector<std::string>& FloatPaths);

/// Checks the checker: feeds checkEquivalent outputs with known defects (a
/// number off by one unit in the last place, a large integer off by one, a
/// lost, repeated or extra key, a changed string, reordered elements, trailing
/// text, ...) and equivalent respellings. Returns what it got wrong, or an
/// empty string.
std::string selfTestChecker();

} // namespace bench

#endif // JITSON_BENCHMARKS_VERIFY_H
