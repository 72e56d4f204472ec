// Process-wide cache of compiled programs: each (type, options) compiles once per tier it needs.
#include "Runtime/BackgroundCompiler.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/Interpreter.h"
#include "IR/Builder.h"
#include "Runtime/Jit.h"
#include "Runtime/ObjectCache.h"
#include "Runtime/StatusConversion.h"
#include "jitson/Jit.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace jitson {

namespace {

Tier tierFromEnvironment() {
  const char* Env = std::getenv("JITSON_TIER");
  if (!Env)
    return Tier::Auto;
  if (std::strcmp(Env, "fast") == 0)
    return Tier::Fast;
  if (std::strcmp(Env, "optimized") == 0)
    return Tier::Optimized;
  if (std::strcmp(Env, "interpret") == 0)
    return Tier::Interpret;
  return Tier::Auto; // "auto", or anything unknown
}

std::atomic<std::uint8_t>& tierSetting() {
  static std::atomic<std::uint8_t> Setting{static_cast<std::uint8_t>(tierFromEnvironment())};
  return Setting;
}

} // namespace

void setTier(Tier T) noexcept {
  tierSetting().store(static_cast<std::uint8_t>(T), std::memory_order_relaxed);
}

Tier tier() noexcept { return static_cast<Tier>(tierSetting().load(std::memory_order_relaxed)); }

void setCacheDirectory(std::string_view Dir) { runtime::setCacheDirectory(std::string(Dir)); }

std::string cacheDirectory() { return runtime::cacheDirectory().value_or(std::string()); }

void waitForBackgroundCompiles() noexcept { runtime::BackgroundCompiler::waitIdle(); }

} // namespace jitson

namespace jitson::detail {

namespace {

using runtime::CacheUse;

std::atomic<std::uint64_t> Compiled{0};

struct CacheEntry {
  std::once_flag Once;
  Program P;
};

/// Compiles P at T (through the persistent cache); false and P.Failure set
/// when it fails.
bool compileAt(Program& P, runtime::Tier T, CacheUse Use) {
  llvm::Expected<RunFunction> Run = runtime::compileType(*P.Type, P.Opts, T, Use);
  if (!Run) {
    P.Failure = runtime::toStatus(Run.takeError(), P.Type->Name);
    return false;
  }
  publishRun(P, *Run, T);
  return true;
}

/// Serves P with the interpreter: builds the IR (no LLVM). False when P
/// cannot be interpreted (then it is compiled); a type that cannot be
/// serialized at all sets P.Failure and returns true.
bool interpretFirst(Program& P) {
  runtime::CompileTimings& Tm = runtime::timing::currentTimings();
  Tm = runtime::CompileTimings();
  runtime::timing::StageClock Clock;
  llvm::Expected<ir::Program> IR = ir::buildProgram(*P.Type, P.Opts);
  if (!IR) {
    P.Failure = runtime::toStatus(IR.takeError(), P.Type->Name);
    return true;
  }
  llvm::Expected<std::unique_ptr<runtime::Interpreter>> Made =
      runtime::Interpreter::create(std::move(*IR));
  Clock.addTo(Tm.IrMs);
  if (!Made) {
    llvm::consumeError(Made.takeError());
    return false;
  }
  // Never freed, like compiled code: a run in flight may still use it.
  P.EntryFlags = reinterpret_cast<std::uint64_t>(Made->release());
  Tm.CompiledTier = runtime::Tier::Interpreted;
  Tm.TotalMs = Tm.IrMs;
  publishEntry(P, &runtime::Interpreter::entry, runtime::Tier::Interpreted);
  return true;
}

/// The background half of Auto: compile the optimised program (storing it in
/// the persistent cache) and switch P to it. A failure keeps the fast one.
void upgradeLater(Program& P) {
  bool Queued = runtime::BackgroundCompiler::enqueue([&P](const std::atomic<bool>& Cancel) {
    try {
      llvm::Expected<RunFunction> Run = runtime::compileType(
          *P.Type, P.Opts, runtime::Tier::Optimized, CacheUse{true, true}, &Cancel);
      runtime::timing::publishBackgroundTimings();
      if (Run)
        publishRun(P, *Run, runtime::Tier::Optimized);
      else
        llvm::consumeError(Run.takeError());
    } catch (...) { // bad_alloc: stay on the fast tier
    }
  });
  (void)Queued; // no thread: the fast tier stays, which is correct, only slower
}

/// The first compile of P. AheadOfTime (prepare) goes straight to the
/// optimised program; a first use in Auto serves the fast one first.
void compileFirst(Program& P, bool AheadOfTime) {
  Tier Policy = tier();
  if (Policy == Tier::Fast) {
    compileAt(P, runtime::Tier::Fast, CacheUse{true, true});
    return;
  }
  if (Policy == Tier::Optimized || AheadOfTime) {
    compileAt(P, runtime::Tier::Optimized, CacheUse{true, true});
    return;
  }
  if (Policy == Tier::Interpret) {
    if (!interpretFirst(P))
      compileAt(P, runtime::Tier::Fast, CacheUse{false, false});
    return;
  }
  // Auto: first calls are interpreted (no LLVM on the caller's thread, not
  // even to load a cached object); the optimised program follows from the
  // background, loaded from the persistent cache when it is there. Programs
  // that cannot be interpreted get the fast compile (temporary: not cached).
  if (interpretFirst(P)) {
    if (P.Failure.ok())
      upgradeLater(P);
    return;
  }
  if (compileAt(P, runtime::Tier::Fast, CacheUse{false, false}))
    upgradeLater(P);
}

CacheEntry& findEntry(const TypeDesc& Type, const Options& Opts) {
  static std::mutex M;
  // Never destroyed: the background compiler may still write programs while
  // the process exits. deque: entries never move, so references stay valid.
  static auto& Entries = *new std::unordered_map<const TypeDesc*, std::deque<CacheEntry>>();
  std::lock_guard<std::mutex> Lock(M);
  std::deque<CacheEntry>& ForType = Entries[&Type];
  for (CacheEntry& E : ForType)
    if (E.P.Opts == Opts)
      return E;
  CacheEntry& E = ForType.emplace_back();
  E.P.Type = &Type;
  E.P.Opts = Opts;
  return E;
}

void ensureCompiled(CacheEntry& Entry, bool AheadOfTime) {
  // Outside the cache lock: other types compile meanwhile; racers on the
  // same entry wait here for the one compile.
  std::call_once(Entry.Once, [&] {
    // One per program, whatever tiers it goes through (tier upgrades are not counted).
    Compiled.fetch_add(1, std::memory_order_relaxed);
    try {
      compileFirst(Entry.P, AheadOfTime);
    } catch (const std::bad_alloc&) {
      Entry.P.Failure = Status::outOfMemory();
    }
  });
}

} // namespace

const Program& acquireProgram(const TypeDesc& Type, const Options& Opts) {
  CacheEntry& Entry = findEntry(Type, Opts);
  ensureCompiled(Entry, /*AheadOfTime=*/false);
  return Entry.P;
}

Status prepareProgram(const TypeDesc& Type, const Options& Opts, bool Background) noexcept {
  try {
    CacheEntry& Entry = findEntry(Type, Opts);
    if (Background &&
        runtime::BackgroundCompiler::enqueue([&Entry](const std::atomic<bool>&) {
          try {
            ensureCompiled(Entry, /*AheadOfTime=*/true);
            runtime::timing::publishBackgroundTimings();
          } catch (...) {
          }
        }))
      return Status();
    ensureCompiled(Entry, /*AheadOfTime=*/true);
    return Entry.P.Failure;
  } catch (...) {
    return Status::outOfMemory();
  }
}

Tier programTier(const Program& P) noexcept {
  switch (static_cast<runtime::Tier>(P.CurrentTier.load(std::memory_order_relaxed))) {
  case runtime::Tier::Fast:
    return Tier::Fast;
  case runtime::Tier::Optimized:
    return Tier::Optimized;
  case runtime::Tier::Interpreted:
    return Tier::Interpret;
  case runtime::Tier::None:
    break;
  }
  return Tier::Auto;
}

const Status& programStatus(const Program& P) noexcept { return P.Failure; }

std::uint64_t programsCompiled() noexcept { return Compiled.load(std::memory_order_relaxed); }

} // namespace jitson::detail
