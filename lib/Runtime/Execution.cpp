// Stages 5 and 6: call a compiled program on a value and hand the JSON back (or a Status).
#include "Runtime/Execution.h"

#include "Runtime/CompiledProgram.h"
#include "Runtime/Helpers.h"
#include "Runtime/Jit.h"
#include "Runtime/StatusConversion.h"
#include "jitson/Jit.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace jitson::detail {

namespace {

using codegen::Buffer;

/// Capacity kept between calls; a larger buffer is released after use.
constexpr std::size_t KeptCapacity = std::size_t(16) << 20;
constexpr std::size_t InitialCapacity = 4096;

/// Each thread reuses one malloc'd output buffer across calls, so steady-state
/// serialization does not allocate. It is plain data, constant-initialised,
/// with the initial-exec TLS model: reaching it is one %fs-relative load, not
/// a __tls_get_addr call and an initialisation guard per serialization.
struct ThreadBuffer {
  Buffer B;
  bool InUse;
  bool CleanupRegistered;
};
__attribute__((tls_model("initial-exec"))) constinit thread_local ThreadBuffer Shared = {
    {nullptr, nullptr, nullptr}, false, false};

/// Frees the thread's buffer when the thread ends; touched only the first
/// time a thread allocates one (a cold path), so registering it is rare.
struct ThreadBufferCleanup {
  ~ThreadBufferCleanup() {
    std::free(Shared.B.Begin);
    Shared.B = Buffer{nullptr, nullptr, nullptr};
  }
};

[[gnu::noinline, gnu::cold]] bool allocateShared() noexcept {
  if (!Shared.CleanupRegistered) {
    static thread_local ThreadBufferCleanup Cleanup;
    (void)Cleanup;
    Shared.CleanupRegistered = true;
  }
  Shared.B.Begin = static_cast<char*>(std::malloc(InitialCapacity));
  Shared.B.End = Shared.B.Begin ? Shared.B.Begin + InitialCapacity : nullptr;
  return Shared.B.Begin != nullptr;
}

/// The stack of this thread's last failed run, copied there by
/// jitson_rt_park_failure for runFailed (a run's own stack is gone by then:
/// generated code allocates it). Allocated on the first failure.
thread_local std::unique_ptr<codegen::Stack> Parked;
thread_local bool ParkLost = false; ///< The copy could not be allocated.

/// Runs P's entry, appending at Words.Cur: the program's run function.
[[gnu::always_inline]] inline std::int32_t append(const Program& P, Buffer& Words,
                                                  const void* Value) noexcept {
  return P.Run.load(std::memory_order_acquire)(&Words, Value, &P);
}

/// Runs P into the scratch buffer Target, then appends the result to Out.
Status runInto(const Program& P, Buffer& Target, const void* Value,
               std::string& Out) noexcept {
  Target.Cur = Target.Begin;
  if (std::int32_t Code = append(P, Target, Value))
    return runFailed(P, Code);
  try {
    Out.append(Target.Begin, static_cast<std::size_t>(Target.Cur - Target.Begin));
  } catch (...) { // std::bad_alloc or length_error: Out is unchanged (strong guarantee)
    return Status::outOfMemory();
  }
  return Status();
}

/// A serialization on a thread that is already serializing (a future custom
/// hook calling jitson, say) gets a buffer of its own.
[[gnu::noinline]] Status runNested(const Program& P, const void* Value,
                                   std::string& Out) noexcept {
  Buffer Private{static_cast<char*>(std::malloc(InitialCapacity)), nullptr, nullptr};
  if (!Private.Begin)
    return Status::outOfMemory();
  Private.Cur = Private.Begin;
  Private.End = Private.Begin + InitialCapacity;
  Status St = runInto(P, Private, Value, Out);
  std::free(Private.Begin); // grow may have moved it: Private holds the latest
  return St;
}

} // namespace

std::int32_t runThroughEntry(BufferWords* Words, const void* Value,
                             const ProgramHead* Head) noexcept {
  const Program& P = static_cast<const Program&>(*Head);
  codegen::EntryFunction Entry = P.Entry.load(std::memory_order_acquire);
  if (!Entry)
    return NoCode;
  codegen::Stack S;
  S.Depth = 0;
  S.InnerCount = 0;
  S.OuterCount = 0;
  S.IndentBase = 0;
  S.Kept = static_cast<std::uint64_t>(Words->Cur - Words->Begin);
  std::int32_t Code = Entry(Words, Value, &S, P.EntryFlags);
  if (Code != 0) [[unlikely]]
    jitson_rt_park_failure(Words, &S);
  return Code;
}

const ProgramHead& headOf(const Program& P) noexcept { return P; }

Status runFailed(const ProgramHead& Head, std::int32_t Code) noexcept {
  const Program& P = static_cast<const Program&>(Head);
  if (Code == NoCode)
    return P.Failure;
  if (ParkLost)
    return Status::outOfMemory();
  try {
    return runtime::statusFromRun(Code, *Parked, P.Opts);
  } catch (...) {
    return Status::outOfMemory();
  }
}

Status appendProgram(const Program& P, const void* Value, BufferWords& Out) noexcept {
  if (std::int32_t Code = append(P, Out, Value))
    return runFailed(P, Code);
  return Status();
}

Status runProgram(const Program& P, const void* Value, std::string& Out) noexcept {
  if (Shared.InUse)
    return runNested(P, Value, Out);
  if (!Shared.B.Begin && !allocateShared())
    return Status::outOfMemory();
  Shared.InUse = true;
  Status St = runInto(P, Shared.B, Value, Out);
  Shared.InUse = false;
  if (static_cast<std::size_t>(Shared.B.End - Shared.B.Begin) > KeptCapacity) {
    std::free(Shared.B.Begin);
    Shared.B = Buffer{nullptr, nullptr, nullptr};
  }
  return St;
}

} // namespace jitson::detail

void jitson_rt_park_failure(Buffer* B, const Stack* S) noexcept {
  B->Cur = B->Begin + S->Kept; // grow may have moved the storage
  using jitson::detail::Parked;
  if (!Parked)
    Parked.reset(new (std::nothrow) jitson::codegen::Stack);
  jitson::detail::ParkLost = !Parked;
  if (Parked)
    std::memcpy(Parked.get(), S, sizeof *S);
}

namespace jitson::runtime {

Status compileAndRun(const ir::Program& P, const void* Value, std::string& Out) {
  const detail::TypeDesc* Type = P.Functions.empty() ? nullptr : P.Functions[0].Type;
  std::string TypeName = Type ? Type->Name : "<empty program>";
  // Tools run parsed programs once: the optimised tier unless forced to Fast.
  // The program is unloaded when Owned goes out of scope: tools and tests
  // that run thousands of programs keep their memory bounded.
  llvm::Expected<OwnedProgram> Owned = compileOwnedProgram(P, oneOffTier(jitson::tier()));
  if (!Owned)
    return toStatus(Owned.takeError(), TypeName);
  detail::Program Compiled;
  Compiled.Type = Type;
  Compiled.Opts = P.Opts;
  detail::publishRun(Compiled, Owned->run(), oneOffTier(jitson::tier()));
  return detail::runProgram(Compiled, Value, Out);
}

} // namespace jitson::runtime
