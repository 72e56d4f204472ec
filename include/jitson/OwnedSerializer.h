// jitson::OwnedSerializer<T>: a serializer whose generated code is freed when it is destroyed.
#ifndef JITSON_OWNEDSERIALIZER_H
#define JITSON_OWNEDSERIALIZER_H

#include "jitson/Buffer.h"
#include "jitson/Error.h"
#include "jitson/Options.h"
#include "jitson/detail/Program.h"
#include "jitson/detail/Reflection.h"

#include <string>
#include <utility>

namespace jitson {

/// Writes values of type T as JSON like Serializer<T>, but its generated
/// program belongs to this object, not to the process: destroying it (or
/// reset()) unloads the code and frees its memory. For option sets made at
/// run time, or any program that is not wanted for the life of the process.
///
/// The program is compiled by the constructor, on the calling thread: the
/// optimised tier (the fast one or the interpreter when setTier forces
/// them), never in the background and never from the persistent cache.
/// Serializer<T>::get() for the same options is a different program.
/// Any number of threads may serialize with one at once; it must outlive
/// every call in flight on it. Movable, not copyable; a moved-from or reset
/// serializer fails every call with ErrorCode::Internal.
template <class T> class OwnedSerializer {
public:
  explicit OwnedSerializer(const Options& Opts = {})
      : Opts(Opts), Prog(detail::compileOwnedProgram(
                        detail::describe<T>(), detail::normalizedOptions(detail::describe<T>(), Opts))),
        Head(&detail::headOf(*Prog)) {}
  OwnedSerializer(OwnedSerializer&& Other) noexcept
      : Opts(Other.Opts), Prog(std::exchange(Other.Prog, nullptr)),
        Head(std::exchange(Other.Head, releasedHead())) {}
  OwnedSerializer& operator=(OwnedSerializer&& Other) noexcept {
    if (this != &Other) {
      reset();
      Opts = Other.Opts;
      Prog = std::exchange(Other.Prog, nullptr);
      Head = std::exchange(Other.Head, releasedHead());
    }
    return *this;
  }
  OwnedSerializer(const OwnedSerializer&) = delete;
  OwnedSerializer& operator=(const OwnedSerializer&) = delete;
  ~OwnedSerializer() { reset(); }

  /// Returns Value as JSON; throws jitson::Error on failure.
  std::string serialize(const T& Value) const {
    std::string Out;
    Status St = detail::runProgram(program(), &Value, Out);
    if (!St)
      throw Error(std::move(St));
    return Out;
  }
  /// Appends Value as JSON to Out. On failure returns the error and leaves
  /// Out exactly as it was.
  [[nodiscard]] Status serializeTo(const T& Value, std::string& Out) const noexcept {
    return detail::runProgram(program(), &Value, Out);
  }
  /// Appends Value as JSON to Out, written in place. On failure returns the
  /// error and leaves Out's contents as they were.
  [[nodiscard]] Status serializeTo(const T& Value, Buffer& Out) const noexcept {
    return detail::run(*Head, &Value, Out);
  }
  /// Ok when the program compiled; otherwise why every call will fail.
  [[nodiscard]] const Status& status() const noexcept { return detail::programStatus(program()); }
  [[nodiscard]] const Options& options() const noexcept { return Opts; }
  /// Unloads the program now (no call may be running on it).
  void reset() noexcept {
    Head = releasedHead();
    detail::releaseProgram(std::exchange(Prog, nullptr));
  }

private:
  static const detail::ProgramHead* releasedHead() noexcept {
    return &detail::headOf(detail::releasedProgram());
  }

  const detail::Program& program() const noexcept {
    const detail::Program* Own = Prog;
    return Own ? *Own : detail::releasedProgram();
  }

  Options Opts;
  detail::Program* Prog;
  const detail::ProgramHead* Head; ///< Prog's, or releasedProgram()'s.
};

} // namespace jitson

#endif // JITSON_OWNEDSERIALIZER_H
