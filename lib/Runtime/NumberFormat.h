// Decimal text of integers and shortest round-trip floats, as generated code writes them.
#ifndef JITSON_RUNTIME_NUMBERFORMAT_H
#define JITSON_RUNTIME_NUMBERFORMAT_H

#include <cstdint>

namespace jitson::runtime {

/// Writes V in decimal at Cur (at most 20 bytes); returns the end.
char* formatUnsigned(char* Cur, std::uint64_t V) noexcept;

/// Writes finite V as the shortest text that reads back to the same value,
/// choosing exactly what std::to_chars(first, last, V) chooses (the fewer
/// characters of fixed and exponent form, ties to fixed; fixed spells an
/// integral value with all its digits), with the exponent written without '+'
/// and leading zeros ("1e21", "1e-7"). Writes (the number and scratch past
/// it) at most 24 bytes at Cur (15 for float).
char* formatShortest(char* Cur, double V) noexcept;
char* formatShortest(char* Cur, float V) noexcept;

/// formatShortest for the runtime's number helpers: hidden, so that their
/// calls bind directly instead of through the PLT (formatShortest is
/// exported for tests and tools).
[[gnu::visibility("hidden")]] char* formatShortestDirect(char* Cur, double V) noexcept;
[[gnu::visibility("hidden")]] char* formatShortestDirect(char* Cur, float V) noexcept;

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_NUMBERFORMAT_H
