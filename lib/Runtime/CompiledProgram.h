// jitson::detail::Program: a compiled serializer, or why it could not be compiled.
#ifndef JITSON_RUNTIME_COMPILEDPROGRAM_H
#define JITSON_RUNTIME_COMPILEDPROGRAM_H

#include "CodeGen/RuntimeAbi.h"
#include "Runtime/CompileTiming.h"
#include "jitson/detail/Program.h"

#include <atomic>
#include <cstdint>

namespace jitson::detail {

/// What a run function returns for a program without code: runFailed then
/// returns the program's Failure.
inline constexpr std::int32_t NoCode = -1;

/// The run function of programs without a generated one (the interpreter,
/// or code that failed to compile): calls Entry with a stack of its own.
std::int32_t runThroughEntry(BufferWords* Words, const void* Value,
                             const ProgramHead* Head) noexcept;

struct Program : ProgramHead {
  Program() noexcept { Run.store(&runThroughEntry, std::memory_order_relaxed); }

  const TypeDesc* Type = nullptr;
  Options Opts;
  /// The interpreter's entry, which runThroughEntry calls (generated code is
  /// reached through Run alone). The background compiler replaces it, or a
  /// Fast run function, with the Optimized run function (release); runs
  /// load Run once (acquire), so a call in flight finishes on the code it
  /// started with. Replaced code is never freed: another thread may still be
  /// running it.
  std::atomic<codegen::EntryFunction> Entry{nullptr};
  std::atomic<std::uint8_t> CurrentTier{0}; ///< A runtime::Tier.
  /// Passed to Entry as its flags word: the Interpreter when Entry is
  /// Interpreter::entry (generated code ignores it). Set before Entry.
  std::uint64_t EntryFlags = 0;
  Status Failure; ///< Why there is no code (runs return NoCode).
};

/// Makes generated code compiled at tier T, Run, the code P runs: the tier
/// first, then the run function (release).
inline void publishRun(Program& P, RunFunction Run, runtime::Tier T) {
  P.CurrentTier.store(static_cast<std::uint8_t>(T), std::memory_order_relaxed);
  P.Run.store(Run, std::memory_order_release);
}

/// Makes Entry, which has no run function of its own (the interpreter's),
/// the code P runs, through runThroughEntry: the entry is stored (release)
/// before the run function, so a run that sees either sees its flags too.
inline void publishEntry(Program& P, codegen::EntryFunction Entry, runtime::Tier T) {
  P.CurrentTier.store(static_cast<std::uint8_t>(T), std::memory_order_relaxed);
  P.Entry.store(Entry, std::memory_order_release);
  P.Run.store(&runThroughEntry, std::memory_order_release);
}

} // namespace jitson::detail

#endif // JITSON_RUNTIME_COMPILEDPROGRAM_H
