// Options that select a generated program: each distinct set compiles its own code.
#ifndef JITSON_OPTIONS_H
#define JITSON_OPTIONS_H

#include <cstdint>

namespace jitson {

/// What to do with strings that are not valid UTF-8.
enum class Utf8Mode : std::uint8_t {
  Passthrough, ///< Copy the bytes as they are (the fastest; output may not be UTF-8).
  Replace,     ///< Each invalid sequence becomes U+FFFD.
  Error,       ///< Fail with ErrorCode::InvalidUtf8, the path and the byte offset.
};

/// What to do with NaN and infinities, which JSON cannot spell.
enum class NonFiniteMode : std::uint8_t {
  Error, ///< Fail with ErrorCode::NonFiniteNumber and the path.
  Null,  ///< Write null.
};

/// Serialization options. They are compiled into the generated code, so a
/// Serializer for a new option set costs one JIT compile; reuse them. Options
/// that make no difference to a type share its program (docs/Options.md).
struct Options {
  /// Deepest nesting of recursive values before ErrorCode::TooDeep.
  std::uint32_t maxDepth = 1000;
  /// Escape < > & U+2028 U+2029 as \u003c ... (JSON safe inside HTML <script>).
  bool escapeHtml = false;
  Utf8Mode utf8 = Utf8Mode::Passthrough;
  /// Write every non-ASCII character as \uXXXX (ASCII-only output).
  bool escapeUnicode = false;
  NonFiniteMode nonFinite = NonFiniteMode::Error;
  /// Write unordered maps in key order (ordered maps always are).
  bool sortMapKeys = false;
  /// Leave out members that are null (empty optionals, null pointers).
  bool omitNull = false;
  /// Write enums as their enumerator names (numbers when a value has none).
  bool enumsAsStrings = false;
  /// Indented output: one member or element per line.
  bool pretty = false;
  std::uint8_t indentWidth = 2; ///< With pretty: indent characters per level.
  char indentChar = ' ';        ///< With pretty: ' ' or '\t'.
  /// End the output with a newline (after the value).
  bool trailingNewline = false;

  friend bool operator==(const Options&, const Options&) = default;
};

} // namespace jitson

#endif // JITSON_OPTIONS_H
