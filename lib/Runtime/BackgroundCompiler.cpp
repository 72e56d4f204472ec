// One jitson-owned worker thread with a queue, joined at exit without running what is left.
#include "Runtime/BackgroundCompiler.h"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <malloc.h>
#include <mutex>
#include <thread>
#include <sys/syscall.h>
#include <unistd.h>

namespace jitson::runtime {

namespace {

void shutdownWorker();

class Worker {
public:
  using Task = std::function<void(const std::atomic<bool>&)>;

  bool enqueue(Task T) noexcept {
    try {
      std::unique_lock<std::mutex> Lock(M);
      if (Stop)
        return false;
      if (!Thread.joinable())
        Thread = std::thread([this] { run(); });
      Queue.push_back(std::move(T));
      ++Queued;
    } catch (...) { // std::system_error (no thread), std::bad_alloc
      return false;
    }
    Wake.notify_one();
    return true;
  }

  void waitIdle() noexcept {
    std::unique_lock<std::mutex> Lock(M);
    std::uint64_t Target = Queued;
    Idle.wait(Lock, [&] { return Stop || Finished >= Target; });
  }

  ~Worker() { shutdown(); }

  /// Cancels what is queued and joins the thread (after the compile in
  /// flight reaches a stage boundary). Idempotent.
  void shutdown() noexcept {
    {
      std::lock_guard<std::mutex> Lock(M);
      Stop = true;
      Cancel.store(true, std::memory_order_relaxed);
      Queue.clear();
    }
    Wake.notify_all();
    Idle.notify_all();
    if (Thread.joinable())
      Thread.join();
  }

private:
  std::mutex M;
  std::condition_variable Wake, Idle;
  std::deque<Task> Queue;
  std::thread Thread;
  bool Stop = false;
  std::atomic<bool> Cancel{false};
  std::uint64_t Queued = 0, Finished = 0;

  void run() {
    std::unique_lock<std::mutex> Lock(M);
    while (true) {
      Wake.wait(Lock, [&] { return Stop || !Queue.empty(); });
      if (Stop)
        return;
      Task T = std::move(Queue.front());
      Queue.pop_front();
      Lock.unlock();
      T(Cancel); // tasks catch their own exceptions
      // After the first compile, LLVM's lazy statics exist: an exit handler
      // registered now runs before they are destroyed (for processes whose
      // main thread never queued anything, see ExitGuard).
      static std::once_flag Registered;
      std::call_once(Registered, [] { std::atexit(shutdownWorker); });
      Lock.lock();
      if (Queue.empty()) {
        // glibc keeps freed compiler heap (~0.3 MB per compile) until asked.
        Lock.unlock();
        malloc_trim(0);
        Lock.lock();
      }
      ++Finished;
      Idle.notify_all();
    }
  }
};

Worker& worker() {
  static Worker W;
  return W;
}

void shutdownWorker() { worker().shutdown(); }

/// The worker must stop before any static object is destroyed: a compile in
/// flight uses LLVM's lazily built statics, which (constructed on the worker
/// thread after the Worker itself) are destroyed before it. The exiting main
/// thread destroys its thread_locals before any static, so a thread_local of
/// the main thread stops the worker first.
struct ExitGuard {
  ~ExitGuard() { worker().shutdown(); }
};

void armExitGuard() {
  if (static_cast<pid_t>(syscall(SYS_gettid)) == getpid()) {
    static thread_local ExitGuard Guard;
    (void)Guard;
  }
}

} // namespace

bool BackgroundCompiler::enqueue(std::function<void(const std::atomic<bool>&)> Task) noexcept {
  armExitGuard();
  return worker().enqueue(std::move(Task));
}

void BackgroundCompiler::waitIdle() noexcept { worker().waitIdle(); }

} // namespace jitson::runtime
