// Public Status/Error, and the one conversion from internal failures to them.
#include "IR/CodedError.h"
#include "Runtime/StatusConversion.h"
#include "jitson/detail/Program.h"

#include "llvm/Support/raw_ostream.h"

#include <atomic>

namespace jitson {

struct Status::Payload {
  ErrorCode Code;
  std::string Message;
  std::string Path;
  mutable std::atomic<std::uint64_t> References{1};
};

Status::Status(ErrorCode Code, std::string Message, std::string Path)
    : Data(Code == ErrorCode::Ok ? nullptr
                                 : new Payload{Code, std::move(Message), std::move(Path)}) {}

void Status::retain(const Payload* P) noexcept {
  P->References.fetch_add(1, std::memory_order_relaxed);
}

void Status::release(const Payload* P) noexcept {
  if (P->References.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete P;
}

namespace {
const std::string& emptyString() {
  static const std::string Empty;
  return Empty;
}
} // namespace

ErrorCode Status::code() const noexcept { return Data ? Data->Code : ErrorCode::Ok; }
const std::string& Status::message() const noexcept {
  return Data ? Data->Message : emptyString();
}
const std::string& Status::path() const noexcept { return Data ? Data->Path : emptyString(); }

std::string Status::toString() const {
  if (!Data)
    return "ok";
  if (Data->Path.empty())
    return Data->Message;
  return Data->Message + " at " + Data->Path;
}

Status Status::outOfMemory() noexcept {
  // Built once at start-up, so reporting OOM never needs memory.
  static const Status Oom(ErrorCode::OutOfMemory, "out of memory while writing JSON");
  return Oom;
}

Error::Error(Status S) : std::runtime_error(S.toString()), St(std::move(S)) {}

std::string_view errorCodeName(ErrorCode Code) noexcept {
  switch (Code) {
  case ErrorCode::Ok: return "Ok";
  case ErrorCode::NonFiniteNumber: return "NonFiniteNumber";
  case ErrorCode::TooDeep: return "TooDeep";
  case ErrorCode::OutOfMemory: return "OutOfMemory";
  case ErrorCode::UnsupportedLayout: return "UnsupportedLayout";
  case ErrorCode::CompileFailed: return "CompileFailed";
  case ErrorCode::InvalidProgram: return "InvalidProgram";
  case ErrorCode::Internal: return "Internal";
  case ErrorCode::Cycle: return "Cycle";
  case ErrorCode::InvalidUtf8: return "InvalidUtf8";
  case ErrorCode::HookFailed: return "HookFailed";
  case ErrorCode::InvalidValue: return "InvalidValue";
  }
  return "Unknown";
}

namespace runtime {

Status toStatus(llvm::Error E, const std::string& TypeName) {
  ErrorCode Code = ErrorCode::Internal;
  std::string Message;
  llvm::handleAllErrors(
      std::move(E),
      [&](const ir::CodedError& CE) {
        Code = CE.code();
        Message = CE.text();
      },
      [&](const llvm::ErrorInfoBase& Other) { Message = Other.message(); });
  std::string Text = "cannot serialize ";
  Text.append(TypeName).append(": ").append(Message);
  return Status(Code, std::move(Text));
}

/// Whether the call that hit TooDeep was already on the call chain with the
/// same value: then recursion would never end (the ring keeps the latest
/// KeptCalls calls, enough for any cycle shorter than that).
static bool callRingRepeats(const codegen::Stack& S) {
  constexpr std::uint32_t Kept = codegen::Stack::KeptCalls;
  if (S.Depth < 2)
    return false;
  const codegen::Stack::CallEntry& Last = S.Calls[S.Depth % Kept];
  std::uint32_t Earlier = std::min(S.Depth - 1, Kept - 1);
  for (std::uint32_t Back = 1; Back <= Earlier; ++Back) {
    const codegen::Stack::CallEntry& E = S.Calls[(S.Depth - Back) % Kept];
    if (E.Value == Last.Value && E.Function == Last.Function)
      return true;
  }
  return false;
}

Status statusFromRun(std::int32_t Code, const codegen::Stack& S, const Options& Opts) {
  // Frames were pushed innermost first: render outermost first.
  std::string Path;
  auto Render = [&](const codegen::PathFrame& F) {
    if (F.Text)
      Path.append(F.Text, F.Value);
    else
    {
      Path += '[';
      Path += std::to_string(F.Value);
      Path += ']';
    }
  };
  std::uint64_t OuterKept = std::min<std::uint64_t>(S.OuterCount, codegen::Stack::KeptFrames);
  for (std::uint64_t I = 0; I < OuterKept; ++I)
    Render(S.Outer[(S.OuterCount - 1 - I) % codegen::Stack::KeptFrames]);
  if (S.OuterCount > codegen::Stack::KeptFrames)
    Path += "...";
  for (std::uint32_t I = S.InnerCount; I-- > 0;)
    Render(S.Inner[I]);

  auto Known = static_cast<ErrorCode>(Code);
  switch (Known) {
  case ErrorCode::NonFiniteNumber:
    return Status(Known, "cannot write NaN or infinity as a JSON number", std::move(Path));
  case ErrorCode::TooDeep:
    if (callRingRepeats(S))
      return Status(ErrorCode::Cycle, "the value contains itself (a pointer cycle)",
                    std::move(Path));
    return Status(Known, "nesting deeper than Options::maxDepth (" +
                             std::to_string(Opts.maxDepth) + ")",
                  std::move(Path));
  case ErrorCode::InvalidUtf8:
    return Status(Known, "invalid UTF-8 at byte " + std::to_string(S.FailDetail) +
                             " of the string",
                  std::move(Path));
  case ErrorCode::HookFailed:
    return Status(Known, "custom hook failed: " + detail::takeHookFailure(), std::move(Path));
  case ErrorCode::InvalidValue:
    return Status(Known, "time point outside the years 0000-9999 that RFC 3339 can write",
                  std::move(Path));
  case ErrorCode::OutOfMemory:
    return Status::outOfMemory();
  case ErrorCode::Internal: // only the developer-mode bounds check returns it
    return Status(Known, "generated code was about to write past the end of its buffer "
                         "(caught by JITSON_CHECK_BOUNDS)",
                  std::move(Path));
  default:
    return Status(ErrorCode::Internal,
                  "generated code returned unknown status " + std::to_string(Code),
                  std::move(Path));
  }
}

} // namespace runtime
} // namespace jitson
