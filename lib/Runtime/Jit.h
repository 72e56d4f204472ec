// Stages 3 and 4: the process's ORC JIT session that compiles and loads serializer programs.
#ifndef JITSON_RUNTIME_JIT_H
#define JITSON_RUNTIME_JIT_H

#include "CodeGen/RuntimeAbi.h"
#include "IR/Program.h"
#include "Runtime/CompileTiming.h"
#include "jitson/Jit.h"

#include "llvm/Support/Error.h"

#include <atomic>
#include <utility>

namespace jitson::runtime {

/// A program compiled by compileOwnedProgram. Its code stays loaded while
/// the handle lives; destroying (or reset()ting) the handle removes the
/// program's JITDylib through ORC's ResourceTrackers, which frees its code,
/// data and symbols. The entry must not be running then.
class OwnedProgram {
public:
  OwnedProgram() = default;
  OwnedProgram(OwnedProgram&& Other) noexcept
      : Run(std::exchange(Other.Run, nullptr)), Dylib(std::exchange(Other.Dylib, nullptr)) {}
  OwnedProgram& operator=(OwnedProgram&& Other) noexcept {
    if (this != &Other) {
      reset();
      Run = std::exchange(Other.Run, nullptr);
      Dylib = std::exchange(Other.Dylib, nullptr);
    }
    return *this;
  }
  ~OwnedProgram() { reset(); }

  /// The program's run function (RuntimeAbi.h).
  detail::RunFunction run() const { return Run; }
  explicit operator bool() const { return Run != nullptr; }
  /// Unloads the program now; the handle becomes empty.
  void reset() noexcept;
  /// Gives up ownership: the code stays loaded until the process exits.
  detail::RunFunction leak() noexcept;

private:
  friend llvm::Expected<OwnedProgram> compileOwnedProgram(const ir::Program& P, Tier T);
  detail::RunFunction Run = nullptr;
  void* Dylib = nullptr; ///< The program's llvm::orc::JITDylib.
};

/// The tier of a program compiled once, on request (tools, OwnedSerializer):
/// the fast one when setTier/JITSON_TIER forces it, else the optimised one
/// (Auto's interpret-then-upgrade is for the process-wide programs).
inline Tier oneOffTier(jitson::Tier Policy) {
  return Policy == jitson::Tier::Fast ? Tier::Fast : Tier::Optimized;
}

/// Compiles P as compileProgram does, into a handle that unloads it.
llvm::Expected<OwnedProgram> compileOwnedProgram(const ir::Program& P, Tier T = Tier::Optimized);

/// Lowers P, optimises it (Optimized tier only), compiles it to an object
/// in memory and links it into a JITDylib of its own; returns its entry
/// program's run function. Not cached anywhere, and never unloaded (compileOwnedProgram
/// is the same with a handle that unloads it). Thread-safe:
/// compiles on different threads run in parallel (each leases its own
/// TargetMachines); only linking is serialised.
llvm::Expected<detail::RunFunction> compileProgram(const ir::Program& P,
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
llvm::Expected<detail::RunFunction> compileType(const detail::TypeDesc& Root,
                                                const Options& Opts, Tier T, CacheUse Use,
                                                const std::atomic<bool>* Cancel = nullptr);

/// Only the persistent cache: the run function when it holds (Root, Opts, T), null
/// when it does not or is off. Never builds IR or runs LLVM's passes.
llvm::Expected<detail::RunFunction> loadCachedType(const detail::TypeDesc& Root,
                                                   const Options& Opts, Tier T);

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_JIT_H
