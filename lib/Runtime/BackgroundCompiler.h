// jitson's background compile thread: tier upgrades and background prepare().
#ifndef JITSON_RUNTIME_BACKGROUNDCOMPILER_H
#define JITSON_RUNTIME_BACKGROUNDCOMPILER_H

#include <atomic>
#include <functional>

namespace jitson::runtime {

/// Runs queued tasks one at a time on one thread, started on first use.
/// At process exit the queue is dropped, the running task is asked to stop
/// (Cancel), and the thread is joined before LLVM's own statics go away.
class BackgroundCompiler {
public:
  /// Queues Task; false when no thread could be started (run it yourself).
  /// Task receives the flag it should poll between stages.
  static bool enqueue(std::function<void(const std::atomic<bool>& Cancel)> Task) noexcept;
  /// Waits until every task queued before the call has finished.
  static void waitIdle() noexcept;
};

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_BACKGROUNDCOMPILER_H
