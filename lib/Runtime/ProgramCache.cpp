// Process-wide cache of compiled programs: each (type, options) compiles exactly once.
#include "IR/Builder.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/Jit.h"
#include "Runtime/StatusConversion.h"

#include <atomic>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace jitson::detail {

namespace {

std::atomic<std::uint64_t> Compiled{0};

struct CacheEntry {
  std::once_flag Once;
  Program P;
};

void compileInto(Program& P) {
  Compiled.fetch_add(1, std::memory_order_relaxed);
  llvm::Expected<ir::Program> IR = ir::buildProgram(*P.Type, P.Opts);
  if (!IR) {
    P.Failure = runtime::toStatus(IR.takeError(), P.Type->Name);
    return;
  }
  llvm::Expected<codegen::EntryFunction> Entry = runtime::compileProgram(*IR);
  if (!Entry) {
    P.Failure = runtime::toStatus(Entry.takeError(), P.Type->Name);
    return;
  }
  P.Entry = *Entry;
}

} // namespace

const Program& acquireProgram(const TypeDesc& Type, const Options& Opts) {
  static std::mutex M;
  // deque: entries never move, so other threads may hold references.
  static std::unordered_map<const TypeDesc*, std::deque<CacheEntry>> Entries;
  CacheEntry* Entry = nullptr;
  {
    std::lock_guard<std::mutex> Lock(M);
    std::deque<CacheEntry>& ForType = Entries[&Type];
    for (CacheEntry& E : ForType)
      if (E.P.Opts == Opts)
        Entry = &E;
    if (!Entry) {
      Entry = &ForType.emplace_back();
      Entry->P.Type = &Type;
      Entry->P.Opts = Opts;
    }
  }
  // Outside the cache lock: other types compile meanwhile; racers on the
  // same entry wait here for the one compile.
  std::call_once(Entry->Once, [&] {
    try {
      compileInto(Entry->P);
    } catch (const std::bad_alloc&) {
      Entry->P.Failure = Status::outOfMemory();
    }
  });
  return Entry->P;
}

const Status& programStatus(const Program& P) noexcept { return P.Failure; }

std::uint64_t programsCompiled() noexcept { return Compiled.load(std::memory_order_relaxed); }

} // namespace jitson::detail
