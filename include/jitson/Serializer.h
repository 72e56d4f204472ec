// jitson::Serializer<T>: the JIT-compiled JSON writer for one C++ type and option set.
#ifndef JITSON_SERIALIZER_H
#define JITSON_SERIALIZER_H

#include "jitson/Buffer.h"
#include "jitson/Error.h"
#include "jitson/Options.h"
#include "jitson/detail/Program.h"
#include "jitson/detail/Reflection.h"

#include <deque>
#include <mutex>
#include <string>
#include <utility>

namespace jitson {

/// Writes values of type T as compact JSON with code generated for T at run
/// time. Obtain one with get(); instances are process-wide and immutable, so
/// any number of threads may use one at once.
template <class T> class Serializer {
public:
  /// The serializer for default options. The first call compiles it.
  static const Serializer& get() {
    static const Serializer Instance{Tag{}, Options{}};
    return Instance;
  }

  /// The serializer for Opts: one generated program per distinct option set.
  static const Serializer& get(const Options& Opts) {
    if (Opts == Options{})
      return get();
    static std::mutex M;
    static std::deque<Serializer> Made; // deque: references stay valid
    std::lock_guard<std::mutex> Lock(M);
    for (const Serializer& S : Made)
      if (S.Opts == Opts)
        return S;
    return Made.emplace_back(Tag{}, Opts);
  }

  /// Returns Value as JSON; throws jitson::Error on failure.
  std::string serialize(const T& Value) const {
    std::string Out;
    Status St = detail::runProgram(*Prog, &Value, Out);
    if (!St)
      throw Error(std::move(St));
    return Out;
  }

  /// Appends Value as JSON to Out. On failure returns the error and leaves
  /// Out exactly as it was.
  [[nodiscard]] Status serializeTo(const T& Value, std::string& Out) const noexcept {
    return detail::runProgram(*Prog, &Value, Out);
  }

  /// Appends Value as JSON to Out, written in place (no copy): the fastest
  /// way to serialize many values. On failure returns the error and leaves
  /// Out's contents as they were.
  [[nodiscard]] Status serializeTo(const T& Value, Buffer& Out) const noexcept {
    return detail::run(*Head, &Value, Out);
  }

  /// Ok when the program compiled; otherwise why every call will fail.
  [[nodiscard]] const Status& status() const noexcept {
    return detail::programStatus(*Prog);
  }

  [[nodiscard]] const Options& options() const noexcept { return Opts; }

  Serializer(const Serializer&) = delete;
  Serializer& operator=(const Serializer&) = delete;

private:
  struct Tag {}; // only get() can construct: instances are process-wide

public:
  Serializer(Tag, const Options& O)
      : Opts(O), Prog(&detail::acquireProgram(
                     detail::describe<T>(), detail::normalizedOptions(detail::describe<T>(), O))),
        Head(&detail::headOf(*Prog)) {}

private:
  Options Opts;
  const detail::Program* Prog;
  const detail::ProgramHead* Head; ///< Prog's: what serializeTo calls directly.
};

/// Convenience: Serializer<T>::get(Opts).serialize(Value).
template <class T> std::string toJson(const T& Value, const Options& Opts = {}) {
  return Serializer<T>::get(Opts).serialize(Value);
}

} // namespace jitson

#endif // JITSON_SERIALIZER_H
