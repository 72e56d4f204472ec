// Stages 5 and 6: call a compiled program on a value and hand the JSON back (or a Status).
#include "Runtime/Execution.h"

#include "Runtime/CompiledProgram.h"
#include "Runtime/Jit.h"
#include "Runtime/StatusConversion.h"
#include "jitson/Jit.h"

#include <cstdlib>

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

/// A run's stack, with what a failed run needs after the call kept in
/// memory beside it rather than in callee-saved registers: the success path
/// saves and restores one register instead of six (measured: this layer
/// costs about 1.7 ns of the 4.1 ns an empty struct takes; keeping these in
/// memory took about 0.2 ns off it).
struct RunFrame {
  codegen::Stack S;
  const Program* P;
  Buffer* Words;
  std::size_t Kept;
};

/// Restores Words' size and says why the run failed.
[[gnu::noinline, gnu::cold]] Status failedRun(const RunFrame& F, std::int32_t Code) noexcept {
  F.Words->Cur = F.Words->Begin + F.Kept;
  try {
    return runtime::statusFromRun(Code, F.S, F.P->Opts);
  } catch (...) {
    return Status::outOfMemory();
  }
}

/// Runs P's entry, appending at Words.Cur. On failure Words' size is
/// restored (its storage may have moved) and the status says why.
[[gnu::always_inline]] inline Status appendTo(const Program& P, codegen::EntryFunction Entry,
                                              Buffer& Words, const void* Value) noexcept {
  RunFrame F;
  F.S.Depth = 0;
  F.S.InnerCount = 0;
  F.S.OuterCount = 0;
  F.S.IndentBase = 0;
  F.P = &P;
  F.Words = &Words;
  F.Kept = static_cast<std::size_t>(Words.Cur - Words.Begin);
  std::int32_t Code = Entry(&Words, Value, &F.S, P.EntryFlags);
  if (Code == 0) [[likely]]
    return Status();
  return failedRun(F, Code);
}

/// Runs P into the scratch buffer Target, then appends the result to Out.
Status runInto(const Program& P, codegen::EntryFunction Entry, Buffer& Target, const void* Value,
               std::string& Out) noexcept {
  Target.Cur = Target.Begin;
  if (Status St = appendTo(P, Entry, Target, Value); !St)
    return St;
  try {
    Out.append(Target.Begin, static_cast<std::size_t>(Target.Cur - Target.Begin));
  } catch (...) { // std::bad_alloc or length_error: Out is unchanged (strong guarantee)
    return Status::outOfMemory();
  }
  return Status();
}

/// A serialization on a thread that is already serializing (a future custom
/// hook calling jitson, say) gets a buffer of its own.
[[gnu::noinline]] Status runNested(const Program& P, codegen::EntryFunction Entry,
                                   const void* Value, std::string& Out) noexcept {
  Buffer Private{static_cast<char*>(std::malloc(InitialCapacity)), nullptr, nullptr};
  if (!Private.Begin)
    return Status::outOfMemory();
  Private.Cur = Private.Begin;
  Private.End = Private.Begin + InitialCapacity;
  Status St = runInto(P, Entry, Private, Value, Out);
  std::free(Private.Begin); // grow may have moved it: Private holds the latest
  return St;
}

} // namespace

// One acquire load of the entry per call (a plain load on x86-64): the
// background compiler may swap in the optimised tier at any time.
Status runProgram(const Program& P, const void* Value, jitson::Buffer& Out) noexcept {
  codegen::EntryFunction Entry = P.Entry.load(std::memory_order_acquire);
  if (!Entry)
    return P.Failure;
  return appendTo(P, Entry, Out.words(), Value);
}

Status appendProgram(const Program& P, const void* Value, BufferWords& Out) noexcept {
  codegen::EntryFunction Entry = P.Entry.load(std::memory_order_acquire);
  if (!Entry)
    return P.Failure;
  return appendTo(P, Entry, Out, Value);
}

Status runProgram(const Program& P, const void* Value, std::string& Out) noexcept {
  codegen::EntryFunction Entry = P.Entry.load(std::memory_order_acquire);
  if (!Entry)
    return P.Failure;
  if (Shared.InUse)
    return runNested(P, Entry, Value, Out);
  if (!Shared.B.Begin && !allocateShared())
    return Status::outOfMemory();
  Shared.InUse = true;
  Status St = runInto(P, Entry, Shared.B, Value, Out);
  Shared.InUse = false;
  if (static_cast<std::size_t>(Shared.B.End - Shared.B.Begin) > KeptCapacity) {
    std::free(Shared.B.Begin);
    Shared.B = Buffer{nullptr, nullptr, nullptr};
  }
  return St;
}

} // namespace jitson::detail

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
  Compiled.Entry.store(Owned->entry(), std::memory_order_release);
  return detail::runProgram(Compiled, Value, Out);
}

} // namespace jitson::runtime
