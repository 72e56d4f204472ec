// Public error vocabulary: ErrorCode, the noexcept Status, and the throwing Error.
#ifndef JITSON_ERROR_H
#define JITSON_ERROR_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace jitson {

/// Why a serialization failed. Generated code returns these numbers, so the
/// values are part of the runtime ABI: append, never renumber.
enum class ErrorCode : std::int32_t {
  Ok = 0,
  NonFiniteNumber = 1,   ///< NaN or an infinity, which JSON cannot represent.
  TooDeep = 2,           ///< Nesting beyond Options::maxDepth.
  OutOfMemory = 3,       ///< The output buffer could not grow.
  UnsupportedLayout = 4, ///< A standard-library type's layout is not one jitson knows.
  CompileFailed = 5,     ///< LLVM could not build the serializer.
  InvalidProgram = 6,    ///< The serializer IR failed verification (a jitson bug).
  Internal = 7,          ///< Anything else that should not happen.
  Cycle = 8,             ///< A pointer cycle: the value contains itself.
  InvalidUtf8 = 9,       ///< A string is not UTF-8 and Options::utf8 is Error.
  HookFailed = 10,       ///< A custom hook (jitson::Serialize<T>) threw.
  InvalidValue = 11,     ///< A value JSON (or RFC 3339) cannot spell, e.g. year 10000.
};

/// A short stable name for a code, e.g. "NonFiniteNumber".
std::string_view errorCodeName(ErrorCode code) noexcept;

/// Outcome of a noexcept operation. Cheap when ok: one null pointer, which
/// a success writes with one 8-byte store (a 16-byte shared_ptr made every
/// call pay a store-forwarding stall reading it back). Copies share the
/// immutable error (reference counted, thread-safe).
class Status {
public:
  Status() noexcept = default;
  Status(ErrorCode code, std::string message, std::string path = {});
  Status(const Status& Other) noexcept : Data(Other.Data) {
    if (Data)
      retain(Data);
  }
  Status(Status&& Other) noexcept : Data(Other.Data) { Other.Data = nullptr; }
  Status& operator=(const Status& Other) noexcept {
    Status Copy(Other);
    std::swap(Data, Copy.Data);
    return *this;
  }
  Status& operator=(Status&& Other) noexcept {
    Status Moved(std::move(Other));
    std::swap(Data, Moved.Data);
    return *this;
  }
  ~Status() {
    if (Data)
      release(Data);
  }

  [[nodiscard]] bool ok() const noexcept { return !Data; }
  explicit operator bool() const noexcept { return ok(); }
  [[nodiscard]] ErrorCode code() const noexcept;
  /// What went wrong, without the path. Empty when ok.
  [[nodiscard]] const std::string& message() const noexcept;
  /// Where in the value, e.g. ".points[3].x"; empty for the value itself.
  [[nodiscard]] const std::string& path() const noexcept;
  /// "message at path" (or just the message when the path is empty).
  [[nodiscard]] std::string toString() const;

  /// A preallocated OutOfMemory status, usable when allocating fails.
  static Status outOfMemory() noexcept;

private:
  struct Payload;
  static void retain(const Payload* P) noexcept;
  static void release(const Payload* P) noexcept;
  const Payload* Data = nullptr;
};

/// Thrown by the throwing API (Serializer::serialize, toJson).
class Error : public std::runtime_error {
public:
  explicit Error(Status status);
  [[nodiscard]] ErrorCode code() const noexcept { return St.code(); }
  [[nodiscard]] const std::string& path() const noexcept { return St.path(); }
  [[nodiscard]] const Status& status() const noexcept { return St; }

private:
  Status St;
};

} // namespace jitson

#endif // JITSON_ERROR_H
