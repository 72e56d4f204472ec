// Where one JIT compile spent its time and how much code it made (for tools and benchmarks).
#ifndef JITSON_RUNTIME_COMPILETIMING_H
#define JITSON_RUNTIME_COMPILETIMING_H

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace jitson::runtime {

/// The code a program was compiled into. Fast: no IR passes, codegen at
/// None (cheap to compile, slower to run). Optimized: IR O1, codegen Less.
enum class Tier : std::uint8_t { None = 0, Fast = 1, Optimized = 2, Interpreted = 3 };

/// One compile, stage by stage. Always recorded (a few clock reads per
/// compile, nothing per serialization); read by jitson-firstcall.
struct CompileTimings {
  double SessionMs = 0;  ///< Starting the JIT session, when this compile did.
  double IrMs = 0;       ///< Serializer IR: build, merge, verify.
  double LowerMs = 0;    ///< Serializer IR to LLVM IR.
  double OptimizeMs = 0; ///< LLVM IR passes (Optimized tier only).
  double CodegenMs = 0;  ///< LLVM IR to an object file in memory.
  double LinkMs = 0;     ///< JITLink: allocate, relocate, protect; entry lookup.
  double CacheMs = 0;    ///< Persistent cache: key, read and verify (hit or miss), write.
  double TotalMs = 0;    ///< Everything above and the glue between.
  std::size_t ObjectBytes = 0; ///< The relocatable object file.
  std::size_t CodeBytes = 0;   ///< Executable bytes linked (functions and stubs).
  std::size_t DataBytes = 0;   ///< Read-only and writable bytes linked.
  Tier CompiledTier = Tier::None;
  bool CacheHit = false;    ///< Loaded from the persistent cache: no IR, no LLVM.
  bool CacheStored = false; ///< Written to the persistent cache.
};

/// The last compile that ran on this thread (acquireProgram, prepare or
/// compileProgram), complete once it returned.
CompileTimings lastCompileTimings() noexcept;

/// The last compile the background compiler finished (tier upgrades and
/// background prepare).
CompileTimings lastBackgroundTimings() noexcept;

namespace timing {
/// The record the current thread's compile fills in.
CompileTimings& currentTimings() noexcept;
/// The JIT session's start-up time, when this thread started it and no
/// record has claimed it yet (the next compile's record reports it).
double& pendingSessionMs() noexcept;
/// Publishes the current thread's record as the last background compile.
void publishBackgroundTimings() noexcept;

/// Milliseconds since a start point; adds the elapsed time to a field.
class StageClock {
public:
  StageClock() : Start(std::chrono::steady_clock::now()) {}
  double ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - Start)
        .count();
  }
  void addTo(double& Field) { Field += ms(); }

private:
  std::chrono::steady_clock::time_point Start;
};
} // namespace timing

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_COMPILETIMING_H
