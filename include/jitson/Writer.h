// Custom hooks: jitson::Serialize<T> and the small Writer API they write JSON through.
#ifndef JITSON_WRITER_H
#define JITSON_WRITER_H

#include "jitson/Buffer.h"
#include "jitson/Error.h"

#include <concepts>
#include <exception>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace jitson {

class Writer;

/// Specialise for a type jitson cannot reflect (private members, a base
/// class, a third-party type) and write it yourself; generated code calls it:
///
///   template <> struct jitson::Serialize<Money> {
///     static void write(jitson::Writer& W, const Money& M) {
///       W.beginObject(); W.key("cents"); W.number(M.cents()); W.endObject();
///     }
///   };
///
/// An exception thrown by write becomes ErrorCode::HookFailed with its what().
template <class T> struct Serialize;

namespace detail {
struct Program;
template <class T> const struct TypeDesc& describe();
const Program& acquireDefaultProgram(const TypeDesc& Type);
} // namespace detail

/// Writes one JSON value (which may be an object or array) for a hook.
/// Commas and colons are placed for you; misuse (a key outside an object,
/// unbalanced ends, two top-level values) fails the serialization.
class Writer {
public:
  void null();
  void boolean(bool V);
  void number(std::int64_t V);
  void number(std::uint64_t V);
  void number(double V); ///< NaN and infinities fail (NonFiniteNumber).
  template <std::integral I>
    requires(!std::is_same_v<I, bool>)
  void number(I V) {
    if constexpr (std::is_signed_v<I>)
      number(static_cast<std::int64_t>(V));
    else
      number(static_cast<std::uint64_t>(V));
  }
  void number(float V) { number(static_cast<double>(V)); }
  void string(std::string_view V); ///< Quoted and escaped.
  void raw(std::string_view Json); ///< Already JSON: copied verbatim.
  void beginObject();
  void key(std::string_view Key);
  void endObject();
  void beginArray();
  void endArray();
  /// Any type jitson serializes, written by its generated code (default Options).
  template <class V> void value(const V& Value) {
    writeValue(detail::acquireDefaultProgram(detail::describe<V>()), &Value);
  }

  /// For the library: a writer appending to B.
  explicit Writer(detail::BufferWords& B) noexcept : B(B) {}
  /// For the library: 0, or the ErrorCode that failed the hook.
  std::int32_t finish() noexcept;

private:
  detail::BufferWords& B;
  std::uint64_t InObject = 0;  ///< Bit L: level L+1 is an object.
  std::uint64_t HasItems = 0;  ///< Bit L: level L+1 has an item (needs a comma).
  unsigned Level = 0;
  bool AfterKey = false;
  bool Wrote = false;
  std::int32_t Failed = 0;

  bool startValue();
  void put(std::string_view Bytes);
  void open(char Bracket, bool Object);
  void close(char Bracket, bool Object);
  void writeValue(const detail::Program& P, const void* Value);
  void fail(std::int32_t Code, std::string_view Why);
};

namespace detail {

template <class T>
concept HasCustomHook = requires(Writer& W, const T& V) { Serialize<T>::write(W, V); };

/// Records a hook's failure message for the Status; returns HookFailed.
std::int32_t hookFailed(const char* What) noexcept;

/// Generated code's entry into a hook: never lets an exception out.
template <class T> std::int32_t callCustomHook(BufferWords* B, const void* Value) noexcept {
  try {
    Writer W(*B);
    Serialize<T>::write(W, *static_cast<const T*>(Value));
    return W.finish();
  } catch (const std::exception& E) {
    return hookFailed(E.what());
  } catch (...) {
    return hookFailed("an exception that is not a std::exception");
  }
}

} // namespace detail
} // namespace jitson

#endif // JITSON_WRITER_H
