// Stages 3 and 4: one LLJIT per process; our own codegen per tier; one JITDylib per program.
#include "Runtime/Jit.h"

#include "CodeGen/HostTarget.h"
#include "CodeGen/Lowering.h"
#include "CodeGen/Optimizer.h"
#include "CodeGen/TypeSymbols.h"
#include "IR/Builder.h"
#include "IR/CodedError.h"
#include "Runtime/Helpers.h"
#include "Runtime/ObjectCache.h"
#include "Runtime/TestHooks.h"

#include "llvm/ExecutionEngine/JITLink/JITLink.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/Core.h"
#include "llvm/ExecutionEngine/Orc/Debugging/DebuggerSupport.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

namespace jitson::runtime {

using namespace llvm;
using namespace llvm::orc;

namespace {

bool envFlag(const char* Name) {
  const char* V = std::getenv(Name);
  return V && *V && std::strcmp(V, "0") != 0;
}

/// testhooks::failNextCompiles: compiles left to fail.
std::atomic<std::uint32_t> InjectedCompileFailures{0};
/// testhooks::livePrograms.
std::atomic<std::uint64_t> LivePrograms{0};

/// True (and one fewer left) when a test asked this compile to fail.
bool takeInjectedFailure() {
  std::uint32_t Left = InjectedCompileFailures.load(std::memory_order_relaxed);
  while (Left && !InjectedCompileFailures.compare_exchange_weak(Left, Left - 1,
                                                                std::memory_order_relaxed))
    ;
  return Left != 0;
}

/// The entry's symbol name: readable in profilers and debuggers, and the same
/// in every process for the same type and tier, so a cached object's entry is
/// found by name without building anything. Programs never collide: each is
/// linked into a JITDylib of its own.
std::string entryName(StringRef TypeName, Tier T) {
  std::string Name = "jitson.";
  for (char C : TypeName.take_front(64))
    Name += llvm::isAlnum(C) ? C : '_';
  if (T == Tier::Fast)
    Name += ".fast";
  return Name;
}

/// Watches every link: counts the linked bytes for CompileTimings (links run
/// on the thread that looks the entry up), and writes /tmp/perf-<pid>.map
/// lines so that `perf report` names generated functions (JITSON_PERF_MAP=1).
class LinkObserver : public ObjectLinkingLayer::Plugin {
public:
  explicit LinkObserver(bool PerfMap) : PerfMap(PerfMap) {}

  void modifyPassConfig(MaterializationResponsibility&, jitlink::LinkGraph&,
                        jitlink::PassConfiguration& Config) override {
    Config.PostFixupPasses.push_back([this](jitlink::LinkGraph& G) -> llvm::Error {
      observe(G);
      return llvm::Error::success();
    });
  }
  llvm::Error notifyFailed(MaterializationResponsibility&) override {
    return llvm::Error::success();
  }
  llvm::Error notifyRemovingResources(JITDylib&, ResourceKey) override {
    return llvm::Error::success();
  }
  void notifyTransferringResources(JITDylib&, ResourceKey, ResourceKey) override {}

private:
  bool PerfMap;
  std::mutex MapMutex;

  void observe(jitlink::LinkGraph& G) {
    CompileTimings& Tm = timing::currentTimings();
    for (jitlink::Section& S : G.sections()) {
      std::size_t Bytes = 0;
      for (jitlink::Block* B : S.blocks())
        Bytes += B->getSize();
      if ((S.getMemProt() & MemProt::Exec) != MemProt::None)
        Tm.CodeBytes += Bytes;
      else
        Tm.DataBytes += Bytes;
    }
    if (!PerfMap)
      return;
    std::string Lines;
    raw_string_ostream OS(Lines);
    for (jitlink::Symbol* Sym : G.defined_symbols()) {
      if (!Sym->hasName() || Sym->getSize() == 0 ||
          (Sym->getBlock().getSection().getMemProt() & MemProt::Exec) == MemProt::None)
        continue;
      OS << format_hex_no_prefix(Sym->getAddress().getValue(), 1) << ' '
         << format_hex_no_prefix(Sym->getSize(), 1) << ' ' << Sym->getName() << '\n';
    }
    OS.flush();
    if (Lines.empty())
      return;
    std::lock_guard<std::mutex> Lock(MapMutex);
    std::error_code EC;
    // perf reads the whole file when it reports; append whole lines at once.
    raw_fd_ostream Map("/tmp/perf-" + std::to_string(sys::Process::getProcessId()) + ".map", EC,
                       sys::fs::OF_Append);
    if (EC)
      return;
    Map << Lines;
    Map.close();
    if (Map.has_error())
      Map.clear_error(); // a profiler aid: failing to write it is not a compile failure
  }
};

/// LLJIT's own IR compile layer is never used (jitson compiles modules to
/// objects itself and adds objects): this stands in for the compiler LLJIT
/// would otherwise build, which costs a TargetMachine at start-up.
class UnusedIRCompiler : public IRCompileLayer::IRCompiler {
public:
  UnusedIRCompiler() : IRCompiler(IRSymbolMapper::ManglingOptions()) {}
  Expected<std::unique_ptr<MemoryBuffer>> operator()(Module&) override {
    return ir::makeError(ErrorCode::Internal, "jitson adds objects, never IR, to its LLJIT");
  }
};

/// TargetMachines are not thread-safe; each compile leases one set.
struct Toolchain {
  std::unique_ptr<TargetMachine> Fast;      ///< codegen None
  std::unique_ptr<TargetMachine> Optimized; ///< codegen Less; the optimiser's cost model too
};

class JitSession {
public:
  static Expected<JitSession*> get() {
    static JitSession* Session = nullptr;
    static std::string Failure;
    static std::once_flag Once;
    std::call_once(Once, [] {
      timing::StageClock Clock;
      Expected<std::unique_ptr<JitSession>> Made = create();
      if (Made)
        Session = Made->release(); // never destroyed: programs live until exit
      else
        Failure = toString(Made.takeError());
      timing::pendingSessionMs() = Clock.ms();
    });
    if (!Session)
      return ir::makeError(ErrorCode::CompileFailed, "cannot start the JIT: " + Failure);
    return Session;
  }

  const TargetIdentity& target() const { return Target; }

  /// Defines Symbols as absolute symbols in the helpers JITDylib: each name
  /// once, the same address again is a no-op, another address an error.
  llvm::Error defineSymbols(const std::vector<codegen::TypeSymbol>& Symbols) {
    if (Symbols.empty())
      return llvm::Error::success();
    std::lock_guard<std::mutex> Lock(SymbolMutex);
    SymbolMap New;
    for (const codegen::TypeSymbol& S : Symbols) {
      auto [It, Inserted] = Defined.try_emplace(S.Name, S.Address);
      if (!Inserted) {
        if (It->second != S.Address)
          return ir::makeError(ErrorCode::Internal,
                               "symbol '" + S.Name + "' names two different helpers");
        continue;
      }
      New[J->mangleAndIntern(S.Name)] =
          ExecutorSymbolDef(ExecutorAddr::fromPtr(S.Address),
                            JITSymbolFlags::Exported | JITSymbolFlags::Callable);
    }
    if (New.empty())
      return llvm::Error::success();
    if (llvm::Error E = Helpers->define(absoluteSymbols(std::move(New)))) {
      for (const codegen::TypeSymbol& S : Symbols) // keep the map equal to the JITDylib
        Defined.erase(S.Name);
      return compileFailure(std::move(E));
    }
    return llvm::Error::success();
  }

  /// Lowers, optimises (Optimized) and compiles P to an object in memory.
  Expected<std::unique_ptr<MemoryBuffer>> compileToObject(const ir::Program& P, Tier T,
                                                          StringRef EntryName,
                                                          const std::atomic<bool>* Cancel) {
    CompileTimings& Tm = timing::currentTimings();
    std::unique_ptr<Toolchain> TC = leaseToolchain();
    auto Return = make_scope_exit([&] { returnToolchain(std::move(TC)); });
    Expected<TargetMachine*> TM = targetMachine(*TC, T);
    if (!TM)
      return TM.takeError();
    auto Ctx = std::make_unique<LLVMContext>();
    timing::StageClock Lower;
    Expected<std::unique_ptr<Module>> M = codegen::lowerProgram(P, EntryName, *Ctx, **TM);
    Lower.addTo(Tm.LowerMs);
    if (!M)
      return M.takeError();
    if (T == Tier::Optimized) {
      if (llvm::Error E = checkCancel(Cancel))
        return E;
      timing::StageClock Optimize;
      codegen::optimizeModule(**M, **TM);
      Optimize.addTo(Tm.OptimizeMs);
    }
    if (llvm::Error E = checkCancel(Cancel))
      return E;
    if (takeInjectedFailure())
      return compileFailure(createStringError(inconvertibleErrorCode(),
                                              "injected codegen failure (a test hook)"));
    timing::StageClock Codegen;
    SimpleCompiler Compile(**TM);
    Expected<std::unique_ptr<MemoryBuffer>> Object = Compile(**M);
    Codegen.addTo(Tm.CodegenMs);
    if (!Object)
      return compileFailure(Object.takeError());
    Tm.ObjectBytes = (*Object)->getBufferSize();
    return Object;
  }

  /// Links Object into a new JITDylib (which sees only the helpers) and
  /// returns the address of EntryName's run function. The JITDylib is never
  /// removed.
  Expected<detail::RunFunction> link(std::unique_ptr<MemoryBuffer> Object, StringRef EntryName) {
    return link(std::move(Object), EntryName, nullptr);
  }

  /// As link, and sets *Dylib to the program's JITDylib: release() frees it.
  Expected<detail::RunFunction> link(std::unique_ptr<MemoryBuffer> Object, StringRef EntryName,
                                     JITDylib** Dylib) {
    timing::StageClock Clock;
    auto Done = make_scope_exit([&] { Clock.addTo(timing::currentTimings().LinkMs); });
    std::lock_guard<std::mutex> Lock(LinkMutex);
    JITDylib& JD = J->getExecutionSession().createBareJITDylib(
        "<jitson program " + std::to_string(++Serial) + ">");
    JD.addToLinkOrder(*Helpers);
    llvm::Error E = J->addObjectFile(JD, std::move(Object));
    if (!E) {
      Expected<ExecutorAddr> Run = J->lookup(JD, (EntryName + codegen::RunSuffix).str());
      if (Run) {
        if (Dylib)
          *Dylib = &JD;
        return Run->toPtr<detail::RunFunction>();
      }
      E = Run.takeError();
    }
    // Nothing of a failed link may stay reachable.
    consumeError(J->getExecutionSession().removeJITDylib(JD));
    return compileFailure(std::move(E));
  }

  /// Removes a program's JITDylib: its ResourceTrackers release the linked
  /// code and data (JITLink's memory manager unmaps them), its symbol
  /// table goes, and names nobody else holds leave the string pool.
  void release(JITDylib& JD) {
    std::lock_guard<std::mutex> Lock(LinkMutex);
    ExecutionSession& ES = J->getExecutionSession();
    consumeError(ES.removeJITDylib(JD)); // a failure here leaks, it does not break anything
    ES.getSymbolStringPool()->clearDeadEntries();
  }

  static llvm::Error compileFailure(llvm::Error E) {
    return ir::makeError(ErrorCode::CompileFailed, "LLVM failed: " + toString(std::move(E)));
  }

private:
  std::unique_ptr<LLJIT> J;
  JITDylib* Helpers = nullptr;
  JITTargetMachineBuilder HostBuilder{Triple()};
  TargetIdentity Target;
  std::mutex LinkMutex;
  std::uint64_t Serial = 0;
  std::mutex SymbolMutex;
  StringMap<const void*> Defined; ///< Every absolute symbol in Helpers.
  std::mutex PoolMutex;
  std::vector<std::unique_ptr<Toolchain>> Pool;

  static llvm::Error checkCancel(const std::atomic<bool>* Cancel) {
    if (Cancel && Cancel->load(std::memory_order_relaxed))
      return ir::makeError(ErrorCode::CompileFailed, "compile cancelled (process exiting)");
    return llvm::Error::success();
  }

  std::unique_ptr<Toolchain> leaseToolchain() {
    std::lock_guard<std::mutex> Lock(PoolMutex);
    if (Pool.empty())
      return std::make_unique<Toolchain>();
    std::unique_ptr<Toolchain> TC = std::move(Pool.back());
    Pool.pop_back();
    return TC;
  }

  void returnToolchain(std::unique_ptr<Toolchain> TC) {
    std::lock_guard<std::mutex> Lock(PoolMutex);
    Pool.push_back(std::move(TC));
  }

  /// The tier's TargetMachine, created on first use: a process that only
  /// loads cached objects never creates one.
  Expected<TargetMachine*> targetMachine(Toolchain& TC, Tier T) {
    std::unique_ptr<TargetMachine>& Slot = T == Tier::Fast ? TC.Fast : TC.Optimized;
    if (!Slot) {
      JITTargetMachineBuilder Builder = HostBuilder;
      // Set explicitly: the codegen level defaults to Default whatever IR
      // pipeline ran (shared notes).
      Builder.setCodeGenOptLevel(T == Tier::Fast ? CodeGenOptLevel::None : CodeGenOptLevel::Less);
      Expected<std::unique_ptr<TargetMachine>> TM = Builder.createTargetMachine();
      if (!TM)
        return compileFailure(TM.takeError());
      Slot = std::move(*TM);
    }
    return Slot.get();
  }

  static Expected<std::unique_ptr<JitSession>> create() {
    Expected<JITTargetMachineBuilder> JTMB = codegen::detectHostTarget();
    if (!JTMB)
      return JTMB.takeError();
    auto Session = std::make_unique<JitSession>();
    Session->HostBuilder = *JTMB;
    // One TargetMachine gives LLJIT its data layout (else LLJIT would build
    // one for that alone) and then serves the first Optimized compile.
    auto First = std::make_unique<Toolchain>();
    if (Expected<TargetMachine*> TM = Session->targetMachine(*First, Tier::Optimized); !TM)
      return TM.takeError();
    DataLayout Layout = First->Optimized->createDataLayout();
    Session->Pool.push_back(std::move(First));
    Session->Target.Triple = JTMB->getTargetTriple().str();
    Session->Target.CPU = JTMB->getCPU();
    std::vector<std::string> Features = JTMB->getFeatures().getFeatures();
    llvm::sort(Features); // the host reports them in hash order
    Session->Target.Features = join(Features, ",");
    // Generated code may reach only our helpers (and memcpy & co., which
    // LLVM emits itself), never the rest of the process's symbols.
    JitSession* S = Session.get();
    auto Jit = LLJITBuilder()
                   .setJITTargetMachineBuilder(std::move(*JTMB))
                   .setDataLayout(std::move(Layout))
                   .setCompileFunctionCreator(
                       [](JITTargetMachineBuilder)
                           -> Expected<std::unique_ptr<IRCompileLayer::IRCompiler>> {
                         return std::make_unique<UnusedIRCompiler>();
                       })
                   .setPlatformSetUp(setUpInactivePlatform)
                   .setProcessSymbolsJITDylibSetup([S](LLJIT& J) -> Expected<JITDylibSP> {
                     JITDylib& Helpers = J.getExecutionSession().createBareJITDylib(
                         "<jitson runtime helpers>");
                     SymbolMap Symbols;
                     std::size_t Count = 0;
                     const HelperSymbol* List = helperSymbols(Count);
                     for (std::size_t I = 0; I < Count; ++I) {
                       Symbols[J.mangleAndIntern(List[I].Name)] = ExecutorSymbolDef(
                           ExecutorAddr::fromPtr(List[I].Address),
                           JITSymbolFlags::Exported | JITSymbolFlags::Callable);
                       S->Defined[List[I].Name] = List[I].Address;
                     }
                     if (llvm::Error E = Helpers.define(absoluteSymbols(std::move(Symbols))))
                       return E;
                     return &Helpers;
                   })
                   .create();
    if (!Jit)
      return Jit.takeError();
    Session->J = std::move(*Jit);
    Session->Helpers = Session->J->getProcessSymbolsJITDylib().get();
    // Errors reach callers through lookup's result; never print to stderr.
    Session->J->getExecutionSession().setErrorReporter([](llvm::Error E) {
      consumeError(std::move(E));
    });
    auto* Linker = dyn_cast<ObjectLinkingLayer>(&Session->J->getObjLinkingLayer());
    if (!Linker)
      return ir::makeError(ErrorCode::Internal, "the JIT does not link with JITLink");
    Linker->addPlugin(std::make_unique<LinkObserver>(envFlag("JITSON_PERF_MAP")));
    // gdb's JIT interface (__jit_debug_register_code in libLLVM): gdb then
    // names generated frames in backtraces. Off by default: every object is
    // copied once more for the debugger.
    if (envFlag("JITSON_GDB"))
      if (llvm::Error E = enableDebuggerSupport(*Session->J))
        consumeError(std::move(E)); // a debugging aid: the JIT works without it
    return Session;
  }
};

/// The type a program writes, named for its symbols.
std::string programTypeName(const ir::Program& P) {
  if (P.Functions.empty())
    return "empty";
  const ir::Function& F = P.Functions.front();
  return F.Type ? F.Type->Name : F.Name;
}

} // namespace

Expected<OwnedProgram> compileOwnedProgram(const ir::Program& P, Tier T) {
  CompileTimings& Tm = timing::currentTimings();
  Tm = CompileTimings();
  timing::StageClock Total;
  auto Done = make_scope_exit([&] { Tm.TotalMs = Total.ms(); });
  Expected<JitSession*> Session = JitSession::get();
  Tm.SessionMs = std::exchange(timing::pendingSessionMs(), 0.0);
  if (!Session)
    return Session.takeError();
  if (P.Functions.empty())
    return ir::makeError(ErrorCode::InvalidProgram, "the program has no functions");
  if (llvm::Error E = (*Session)->defineSymbols(codegen::programSymbols(P)))
    return E;
  std::string Name = entryName(programTypeName(P), T);
  Expected<std::unique_ptr<MemoryBuffer>> Object =
      (*Session)->compileToObject(P, T, Name, nullptr);
  if (!Object)
    return Object.takeError();
  Tm.CompiledTier = T;
  JITDylib* Dylib = nullptr;
  Expected<detail::RunFunction> Run = (*Session)->link(std::move(*Object), Name, &Dylib);
  if (!Run)
    return Run.takeError();
  LivePrograms.fetch_add(1, std::memory_order_relaxed);
  OwnedProgram Owned;
  Owned.Run = *Run;
  Owned.Dylib = Dylib;
  return Owned;
}

Expected<detail::RunFunction> compileProgram(const ir::Program& P, Tier T) {
  Expected<OwnedProgram> Owned = compileOwnedProgram(P, T);
  if (!Owned)
    return Owned.takeError();
  return Owned->leak();
}

void OwnedProgram::reset() noexcept {
  if (!Dylib)
    return;
  // A handle exists only after the session started.
  if (Expected<JitSession*> Session = JitSession::get())
    (*Session)->release(*static_cast<JITDylib*>(Dylib));
  else
    consumeError(Session.takeError());
  LivePrograms.fetch_sub(1, std::memory_order_relaxed);
  Dylib = nullptr;
  Run = nullptr;
}

detail::RunFunction OwnedProgram::leak() noexcept {
  Dylib = nullptr;
  return std::exchange(Run, nullptr);
}

void testhooks::failNextCompiles(std::uint32_t N) noexcept {
  InjectedCompileFailures.store(N, std::memory_order_relaxed);
}

std::uint64_t testhooks::livePrograms() noexcept {
  return LivePrograms.load(std::memory_order_relaxed);
}

namespace {

Expected<detail::RunFunction> compileTypeImpl(const detail::TypeDesc& Root, const Options& Opts,
                                                 Tier T, CacheUse Use, bool LoadOnly,
                                                 const std::atomic<bool>* Cancel) {
  CompileTimings& Tm = timing::currentTimings();
  Tm = CompileTimings();
  timing::StageClock Total;
  auto Done = make_scope_exit([&] { Tm.TotalMs = Total.ms(); });
  Expected<JitSession*> Session = JitSession::get();
  Tm.SessionMs = std::exchange(timing::pendingSessionMs(), 0.0);
  if (!Session)
    return Session.takeError();
  std::string Name = entryName(Root.Name, T);

  std::optional<std::string> Dir;
  CacheKey Key;
  if ((Use.Load || Use.Store) && !hasLayoutError(Root)) {
    Dir = cacheDirectory();
    if (Dir) {
      timing::StageClock Clock;
      Key = makeCacheKey(Root, Opts, T, (*Session)->target());
      std::unique_ptr<MemoryBuffer> Cached;
      if (Use.Load)
        Cached = readCachedObject(*Dir, Key);
      Clock.addTo(Tm.CacheMs);
      if (Cached) {
        // No IR: the helper symbols come from the type graph itself.
        if (llvm::Error E = (*Session)->defineSymbols(codegen::typeSymbols(Root)))
          return E;
        Tm.ObjectBytes = Cached->getBufferSize();
        Expected<detail::RunFunction> Run = (*Session)->link(std::move(Cached), Name);
        if (Run) {
          Tm.CacheHit = true;
          Tm.CompiledTier = T;
          return Run;
        }
        // Verified, yet it does not link here: rebuild it and replace the file.
        consumeError(Run.takeError());
        Tm.CodeBytes = Tm.DataBytes = Tm.ObjectBytes = 0;
      }
    }
  }
  if (LoadOnly) {
    // A miss: the compile that follows reports the session's start-up.
    timing::pendingSessionMs() = Tm.SessionMs;
    return nullptr;
  }

  timing::StageClock IrClock;
  Expected<ir::Program> IR = ir::buildProgram(Root, Opts);
  IrClock.addTo(Tm.IrMs);
  if (!IR)
    return IR.takeError();
  if (llvm::Error E = (*Session)->defineSymbols(codegen::programSymbols(*IR)))
    return E;
  Expected<std::unique_ptr<MemoryBuffer>> Object =
      (*Session)->compileToObject(*IR, T, Name, Cancel);
  if (!Object)
    return Object.takeError();
  // One codegen gives both the linked code and the cached bytes.
  std::unique_ptr<MemoryBuffer> ToStore;
  if (Dir && Use.Store)
    ToStore = MemoryBuffer::getMemBufferCopy((*Object)->getBuffer());
  Expected<detail::RunFunction> Run = (*Session)->link(std::move(*Object), Name);
  if (!Run)
    return Run.takeError();
  Tm.CompiledTier = T;
  if (ToStore) {
    timing::StageClock Clock;
    Tm.CacheStored = writeCachedObject(*Dir, Key, ToStore->getBuffer());
    Clock.addTo(Tm.CacheMs);
  }
  return Run;
}

} // namespace

Expected<detail::RunFunction> compileType(const detail::TypeDesc& Root, const Options& Opts,
                                             Tier T, CacheUse Use,
                                             const std::atomic<bool>* Cancel) {
  return compileTypeImpl(Root, Opts, T, Use, /*LoadOnly=*/false, Cancel);
}

Expected<detail::RunFunction> loadCachedType(const detail::TypeDesc& Root, const Options& Opts,
                                                Tier T) {
  return compileTypeImpl(Root, Opts, T, CacheUse{true, false}, /*LoadOnly=*/true, nullptr);
}

} // namespace jitson::runtime
