// jitson::Writer, the API custom hooks write through, and the hooks' failure reporting.
#include "jitson/Writer.h"

#include "CodeGen/RuntimeAbi.h"
#include "Runtime/Helpers.h"
#include "jitson/Options.h"
#include "jitson/detail/Program.h"

#include <cmath>
#include <cstring>
#include <string>

namespace jitson {

namespace {

/// The message of the last hook that failed on this thread (read once).
thread_local std::string HookFailure;

constexpr unsigned MaxLevels = 64; ///< Nesting a Writer tracks (one bit per level).

} // namespace

namespace detail {

std::int32_t hookFailed(const char* What) noexcept {
  try {
    HookFailure = What ? What : "";
  } catch (...) {
    return std::int32_t(ErrorCode::OutOfMemory);
  }
  return std::int32_t(ErrorCode::HookFailed);
}

std::string takeHookFailure() {
  std::string Message = std::move(HookFailure);
  HookFailure.clear();
  return Message;
}

const Program& acquireDefaultProgram(const TypeDesc& Type) {
  return acquireProgram(Type, normalizedOptions(Type, Options{}));
}

} // namespace detail

void Writer::fail(std::int32_t Code, std::string_view Why) {
  if (Failed)
    return;
  Failed = Code;
  if (Code == std::int32_t(ErrorCode::HookFailed))
    detail::hookFailed(std::string(Why).c_str());
}

void Writer::put(std::string_view Bytes) {
  if (Failed)
    return;
  if (static_cast<std::size_t>(B.End - B.Cur) < Bytes.size() &&
      !jitson_rt_grow(&B, B.Cur, Bytes.size())) {
    fail(std::int32_t(ErrorCode::OutOfMemory), "");
    return;
  }
  std::memcpy(B.Cur, Bytes.data(), Bytes.size());
  B.Cur += Bytes.size();
}

/// Before any value: the comma between items, and checks that a value may
/// come here. Returns false when the writer has failed.
bool Writer::startValue() {
  if (Failed)
    return false;
  if (Level == 0) {
    if (Wrote) {
      fail(std::int32_t(ErrorCode::HookFailed), "hook wrote two values");
      return false;
    }
    Wrote = true;
    return true;
  }
  std::uint64_t Bit = std::uint64_t(1) << (Level - 1);
  if (InObject & Bit) {
    if (!AfterKey) {
      fail(std::int32_t(ErrorCode::HookFailed), "hook wrote a value without a key");
      return false;
    }
    AfterKey = false;
    return true;
  }
  if (HasItems & Bit)
    put(",");
  HasItems |= Bit;
  return !Failed;
}

void Writer::null() {
  if (startValue())
    put("null");
}

void Writer::boolean(bool V) {
  if (startValue())
    put(V ? "true" : "false");
}

void Writer::number(std::int64_t V) {
  if (!startValue())
    return;
  char Digits[codegen::MaxIntChars];
  put(std::string_view(Digits, std::size_t(jitson_rt_write_i64(Digits, V) - Digits)));
}

void Writer::number(std::uint64_t V) {
  if (!startValue())
    return;
  char Digits[codegen::MaxIntChars];
  put(std::string_view(Digits, std::size_t(jitson_rt_write_u64(Digits, V) - Digits)));
}

void Writer::number(double V) {
  if (!std::isfinite(V)) {
    fail(std::int32_t(ErrorCode::NonFiniteNumber), "");
    return;
  }
  if (!startValue())
    return;
  char Digits[codegen::MaxDoubleChars];
  put(std::string_view(Digits, std::size_t(jitson_rt_write_f64(Digits, V) - Digits)));
}

void Writer::string(std::string_view V) {
  if (!startValue())
    return;
  char* Cur = jitson_rt_write_string(&B, B.Cur, V.data(), V.size());
  if (!Cur)
    fail(std::int32_t(ErrorCode::OutOfMemory), "");
  else
    B.Cur = Cur;
}

void Writer::raw(std::string_view Json) {
  if (!startValue())
    return;
  put(Json.empty() ? std::string_view("null") : Json);
}

void Writer::open(char Bracket, bool Object) {
  if (!startValue())
    return;
  if (Level == MaxLevels) {
    fail(std::int32_t(ErrorCode::HookFailed), "hook nested deeper than 64 levels");
    return;
  }
  put(std::string_view(&Bracket, 1));
  std::uint64_t Bit = std::uint64_t(1) << Level;
  ++Level;
  InObject = Object ? InObject | Bit : InObject & ~Bit;
  HasItems &= ~Bit;
}

void Writer::close(char Bracket, bool Object) {
  if (Failed)
    return;
  std::uint64_t Bit = Level ? std::uint64_t(1) << (Level - 1) : 0;
  if (!Level || bool(InObject & Bit) != Object || AfterKey) {
    fail(std::int32_t(ErrorCode::HookFailed),
         Object ? "hook ended an object it did not begin" : "hook ended an array it did not begin");
    return;
  }
  --Level;
  put(std::string_view(&Bracket, 1));
}

void Writer::beginObject() { open('{', true); }
void Writer::endObject() { close('}', true); }
void Writer::beginArray() { open('[', false); }
void Writer::endArray() { close(']', false); }

void Writer::key(std::string_view Key) {
  if (Failed)
    return;
  std::uint64_t Bit = Level ? std::uint64_t(1) << (Level - 1) : 0;
  if (!Level || !(InObject & Bit) || AfterKey) {
    fail(std::int32_t(ErrorCode::HookFailed), "hook wrote a key outside an object");
    return;
  }
  if (HasItems & Bit)
    put(",");
  HasItems |= Bit;
  char* Cur = jitson_rt_write_string(&B, B.Cur, Key.data(), Key.size());
  if (!Cur) {
    fail(std::int32_t(ErrorCode::OutOfMemory), "");
    return;
  }
  B.Cur = Cur;
  put(":");
  AfterKey = true;
}

void Writer::writeValue(const detail::Program& P, const void* Value) {
  if (!startValue())
    return;
  Status St = detail::appendProgram(P, Value, B);
  if (!St)
    fail(std::int32_t(St.code()), St.message());
}

std::int32_t Writer::finish() noexcept {
  if (!Failed && (Level != 0 || !Wrote))
    fail(std::int32_t(ErrorCode::HookFailed),
         Level ? "hook left an object or array open" : "hook wrote no value");
  return Failed;
}

} // namespace jitson
