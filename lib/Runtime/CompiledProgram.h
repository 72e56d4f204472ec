// jitson::detail::Program: a compiled serializer, or why it could not be compiled.
#ifndef JITSON_RUNTIME_COMPILEDPROGRAM_H
#define JITSON_RUNTIME_COMPILEDPROGRAM_H

#include "CodeGen/RuntimeAbi.h"
#include "Runtime/CompileTiming.h"
#include "jitson/detail/Program.h"

#include <atomic>
#include <cstdint>

namespace jitson::detail {

struct Program {
  const TypeDesc* Type = nullptr;
  Options Opts;
  /// Null when compiling failed. The background compiler replaces a Fast
  /// entry with the Optimized one (release); runs load it once (acquire), so
  /// a call in flight finishes on the code it started with. Replaced code is
  /// never freed: another thread may still be running it.
  std::atomic<codegen::EntryFunction> Entry{nullptr};
  std::atomic<std::uint8_t> CurrentTier{0}; ///< A runtime::Tier.
  /// Passed to Entry as its flags word: the Interpreter when Entry is
  /// Interpreter::entry (generated code ignores it). Set before Entry.
  std::uint64_t EntryFlags = 0;
  Status Failure;                           ///< Why Entry is null.
};

/// Makes Entry, compiled at tier T, the code P runs: the tier first, then
/// the entry (release), so a run that sees the entry sees its flags too.
inline void publishEntry(Program& P, codegen::EntryFunction Entry, runtime::Tier T) {
  P.CurrentTier.store(static_cast<std::uint8_t>(T), std::memory_order_relaxed);
  P.Entry.store(Entry, std::memory_order_release);
}

} // namespace jitson::detail

#endif // JITSON_RUNTIME_COMPILEDPROGRAM_H
