// jitson::detail::Program: a compiled serializer, or why it could not be compiled.
#ifndef JITSON_RUNTIME_COMPILEDPROGRAM_H
#define JITSON_RUNTIME_COMPILEDPROGRAM_H

#include "CodeGen/RuntimeAbi.h"
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

} // namespace jitson::detail

#endif // JITSON_RUNTIME_COMPILEDPROGRAM_H
