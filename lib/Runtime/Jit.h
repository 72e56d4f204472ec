// Stages 3 and 4: the process's ORC JIT session that compiles and loads serializer programs.
#ifndef JITSON_RUNTIME_JIT_H
#define JITSON_RUNTIME_JIT_H

#include "CodeGen/RuntimeAbi.h"
#include "IR/Program.h"
#include "Runtime/CompileTiming.h"

#include "llvm/Support/Error.h"

#include <atomic>

namespace jitson::runtime {

/// Lowers P, optimises it (Optimized tier only), compiles it to an object
/// in memory and links it into a JITDylib of its own; returns its entry
/// point. Not cached anywhere: tools use it for parsed programs. Thread-safe:
/// compiles on different threads run in parallel (each leases its own
/// TargetMachines); only linking is serialised.
llvm::Expected<codegen::EntryFunction> compileProgram(const ir::Program& P,
                                                      Tier T = Tier::Optimized);

/// How compileType may use the persistent object cache (ObjectCache.h).
struct CacheUse {
  bool Load = true;  ///< Look for the object first (no IR is built on a hit).
  bool Store = true; ///< Store a freshly compiled object.
};

/// The program for (Root, Opts) at tier T: loaded from the persistent cache
/// when it is on and holds it, else built from Root, compiled, and stored.
/// Cancel (optional) is polled between stages: when it becomes true the
/// compile stops with an error (the background compiler at process exit).
llvm::Expected<codegen::EntryFunction> compileType(const detail::TypeDesc& Root,
                                                   const Options& Opts, Tier T, CacheUse Use,
                                                   const std::atomic<bool>* Cancel = nullptr);

/// Only the persistent cache: the entry when it holds (Root, Opts, T), null
/// when it does not or is off. Never builds IR or runs LLVM's passes.
llvm::Expected<codegen::EntryFunction> loadCachedType(const detail::TypeDesc& Root,
                                                      const Options& Opts, Tier T);

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_JIT_H
