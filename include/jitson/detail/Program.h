// The narrow, LLVM-free boundary between the public templates and the compiled library.
#ifndef JITSON_DETAIL_PROGRAM_H
#define JITSON_DETAIL_PROGRAM_H

#include "jitson/Buffer.h"
#include "jitson/Error.h"
#include "jitson/Options.h"
#include "jitson/detail/TypeDescription.h"

#include <atomic>
#include <cstdint>
#include <string>

// Calls into libjitson made per serialization go through the GOT, not a PLT
// stub: one jump less on the path of every small message (GCC only; clang
// has no such attribute, and -fno-plt does the same for a whole build).
#if defined(__GNUC__) && !defined(__clang__) && defined(__ELF__)
#define JITSON_NOPLT __attribute__((noplt))
#else
#define JITSON_NOPLT
#endif

namespace jitson::detail {

/// A compiled serializer for one (type, options), or the reason it could not
/// be compiled. Owned by the process-wide program cache; never freed while
/// the process runs, so references stay valid.
struct Program;

struct ProgramHead;
/// Runs a program on Value, appending its JSON at Out->Cur. Returns 0, or a
/// failure code for runFailed, with Out's size restored (its storage may
/// have moved).
using RunFunction = std::int32_t (*)(BufferWords* Out, const void* Value,
                                     const ProgramHead* Head) noexcept;

/// The part of a Program that a run reads, here so that the public
/// templates call the program's code directly: a call through another
/// function of libjitson cost ~1.5 ns, half of RapidJSON's time for `{}`.
struct ProgramHead {
  /// Never null: generated code (the background compiler may swap in the
  /// optimised tier at any time), the interpreter, or, when there is no
  /// code, a function that fails.
  std::atomic<RunFunction> Run;
};

/// P's head (a Program is a ProgramHead; the templates see it incomplete).
const ProgramHead& headOf(const Program& P) noexcept;

/// The Status of a run of Head that returned Code (not 0). Cold.
JITSON_NOPLT Status runFailed(const ProgramHead& Head, std::int32_t Code) noexcept;

/// Runs Head's program on Value writing straight into Out. On failure Out's
/// size is restored (its bytes up to size() are as they were).
[[gnu::always_inline]] inline Status run(const ProgramHead& Head, const void* Value,
                                         Buffer& Out) noexcept {
  // Acquire: a run that sees new code sees everything published before it.
  RunFunction Run = Head.Run.load(std::memory_order_acquire);
  std::int32_t Code = Run(&Out.words(), Value, &Head);
  if (Code == 0) [[likely]]
    return Status();
  return runFailed(Head, Code);
}

/// Returns the program for (Type, Opts), compiling it on the first request.
/// Many threads may ask at once: each (type, options) compiles exactly once.
const Program& acquireProgram(const TypeDesc& Type, const Options& Opts);

/// A program for (Type, Opts) that belongs to the caller (OwnedSerializer):
/// compiled now, shared with nothing, freed by releaseProgram. Never null:
/// a program that failed to compile holds the reason.
Program* compileOwnedProgram(const TypeDesc& Type, const Options& Opts);
/// Unloads and frees a program from compileOwnedProgram (null is ignored).
void releaseProgram(Program* P) noexcept;
/// A program with no code whose every run fails: what a moved-from or reset
/// OwnedSerializer runs.
const Program& releasedProgram() noexcept;
/// Why acquireProgram's program cannot run; ok when it can.
const Status& programStatus(const Program& P) noexcept;

/// Runs P on Value and appends the JSON to Out. On failure Out is untouched.
JITSON_NOPLT Status runProgram(const Program& P, const void* Value, std::string& Out) noexcept;

/// Runs P on Value appending to the buffer words Out (custom hooks' nested
/// values). On failure Out's size is restored.
Status appendProgram(const Program& P, const void* Value, BufferWords& Out) noexcept;

/// Opts with the options that make no difference to Type reset to their
/// defaults: the key under which Type's program is compiled and cached.
Options normalizedOptions(const TypeDesc& Type, const Options& Opts);

/// The message of the custom hook that last failed on this thread (once).
std::string takeHookFailure();

/// How many programs this process has JIT-compiled (for tests and tooling).
std::uint64_t programsCompiled() noexcept;

} // namespace jitson::detail

#endif // JITSON_DETAIL_PROGRAM_H
