// Stages 5 and 6: call a compiled program on a value and hand the JSON back (or a Status).
#include "Runtime/Execution.h"

#include "Runtime/CompiledProgram.h"
#include "Runtime/Jit.h"
#include "Runtime/StatusConversion.h"

#include <cstdlib>

namespace jitson::detail {

namespace {

using codegen::Buffer;

/// Each thread reuses one malloc'd output buffer across calls, so steady-state
/// serialization does not allocate. A nested call on the same thread (from a
/// future custom hook, say) gets a private buffer instead.
struct ThreadBuffer {
  Buffer B{nullptr, nullptr, nullptr};
  bool InUse = false;
  ~ThreadBuffer() { std::free(B.Begin); }
};

/// Capacity kept between calls; a larger buffer is released after use.
constexpr std::size_t KeptCapacity = std::size_t(16) << 20;
constexpr std::size_t InitialCapacity = 4096;

class BufferLease {
public:
  BufferLease() noexcept {
    static thread_local ThreadBuffer Shared;
    if (!Shared.InUse) {
      Owner = &Shared;
      Shared.InUse = true;
    } else {
      Owner = &Private;
    }
    Buffer& B = Owner->B;
    if (!B.Begin) {
      B.Begin = static_cast<char*>(std::malloc(InitialCapacity));
      B.End = B.Begin ? B.Begin + InitialCapacity : nullptr;
    }
    B.Cur = B.Begin;
  }
  ~BufferLease() {
    Buffer& B = Owner->B;
    if (Owner == &Private || static_cast<std::size_t>(B.End - B.Begin) > KeptCapacity) {
      std::free(B.Begin);
      B = Buffer{nullptr, nullptr, nullptr};
    }
    Owner->InUse = false;
  }
  BufferLease(const BufferLease&) = delete;
  BufferLease& operator=(const BufferLease&) = delete;

  Buffer* get() noexcept { return Owner->B.Begin ? &Owner->B : nullptr; }

private:
  ThreadBuffer* Owner;
  ThreadBuffer Private;
};

} // namespace

Status runProgram(const Program& P, const void* Value, std::string& Out) noexcept {
  if (!P.Entry)
    return P.Failure;
  BufferLease Lease;
  Buffer* B = Lease.get();
  if (!B)
    return Status::outOfMemory();
  codegen::Stack S;
  S.Depth = 0;
  S.InnerCount = 0;
  S.OuterCount = 0;
  std::int32_t Code = P.Entry(B, Value, &S, 0);
  try {
    if (Code != 0)
      return runtime::statusFromRun(Code, S, P.Opts);
    Out.append(B->Begin, static_cast<std::size_t>(B->Cur - B->Begin));
  } catch (...) { // std::bad_alloc or length_error: Out is unchanged (strong guarantee)
    return Status::outOfMemory();
  }
  return Status();
}

} // namespace jitson::detail

namespace jitson::runtime {

Status compileAndRun(const ir::Program& P, const void* Value, std::string& Out) {
  const detail::TypeDesc* Type = P.Functions.empty() ? nullptr : P.Functions[0].Type;
  std::string TypeName = Type ? Type->Name : "<empty program>";
  llvm::Expected<codegen::EntryFunction> Entry = compileProgram(P);
  if (!Entry)
    return toStatus(Entry.takeError(), TypeName);
  detail::Program Compiled;
  Compiled.Type = Type;
  Compiled.Opts = P.Opts;
  Compiled.Entry = *Entry;
  return detail::runProgram(Compiled, Value, Out);
}

} // namespace jitson::runtime
