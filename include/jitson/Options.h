// Options that select a generated program: each distinct set compiles its own code.
#ifndef JITSON_OPTIONS_H
#define JITSON_OPTIONS_H

#include <cstdint>

namespace jitson {

/// Serialization options. They are compiled into the generated code, so a
/// Serializer for a new option set costs one JIT compile; reuse them.
struct Options {
  /// Deepest nesting of generated struct functions before ErrorCode::TooDeep.
  std::uint32_t maxDepth = 1000;

  friend bool operator==(const Options&, const Options&) = default;
};

} // namespace jitson

#endif // JITSON_OPTIONS_H
