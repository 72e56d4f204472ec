// Per-thread and background records of the last JIT compile's stages.
#include "Runtime/CompileTiming.h"

#include <mutex>

namespace jitson::runtime {

namespace {
thread_local CompileTimings Current;
thread_local double PendingSessionMs = 0;
std::mutex BackgroundMutex;
CompileTimings Background;
} // namespace

CompileTimings lastCompileTimings() noexcept { return Current; }

CompileTimings lastBackgroundTimings() noexcept {
  std::lock_guard<std::mutex> Lock(BackgroundMutex);
  return Background;
}

namespace timing {
CompileTimings& currentTimings() noexcept { return Current; }

double& pendingSessionMs() noexcept { return PendingSessionMs; }

void publishBackgroundTimings() noexcept {
  std::lock_guard<std::mutex> Lock(BackgroundMutex);
  Background = Current;
}
} // namespace timing

} // namespace jitson::runtime
