// Stages 3 and 4: one LLJIT per process; runtime helpers as absolute symbols; compile on lookup.
#include "Runtime/Jit.h"

#include "CodeGen/HostTarget.h"
#include "CodeGen/Lowering.h"
#include "CodeGen/Optimizer.h"
#include "IR/CodedError.h"
#include "Runtime/Helpers.h"

#include "llvm/ExecutionEngine/Orc/Core.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"

#include "llvm/ADT/StringExtras.h"

#include <atomic>
#include <mutex>

namespace jitson::runtime {

using namespace llvm;
using namespace llvm::orc;

namespace {

/// Symbol names: readable in profilers, unique per compiled program.
std::string entryName(const ir::Program& P, std::uint64_t Serial) {
  std::string Name = "jitson." + std::to_string(Serial) + ".";
  const std::string& TypeName = P.Functions.front().Name;
  for (char C : TypeName.substr(0, 64))
    Name += llvm::isAlnum(C) ? C : '_';
  return Name;
}

class JitSession {
public:
  static Expected<JitSession*> get() {
    static JitSession* Session = nullptr;
    static std::string Failure;
    static std::once_flag Once;
    std::call_once(Once, [] {
      Expected<std::unique_ptr<JitSession>> Made = create();
      if (Made)
        Session = Made->release(); // never destroyed: programs live until exit
      else
        Failure = toString(Made.takeError());
    });
    if (!Session)
      return ir::makeError(ErrorCode::CompileFailed, "cannot start the JIT: " + Failure);
    return Session;
  }

  Expected<codegen::EntryFunction> compile(const ir::Program& P) {
    // One compile at a time: the optimiser's TargetMachine and LLJIT's
    // single-threaded compiler are not safe to share between threads.
    std::lock_guard<std::mutex> Lock(Mutex);
    std::string Name = entryName(P, ++Serial);
    auto Ctx = std::make_unique<LLVMContext>();
    Expected<std::unique_ptr<Module>> M = codegen::lowerProgram(P, Name, *Ctx, *OptimizerTM);
    if (!M)
      return M.takeError();
    codegen::optimizeModule(**M, *OptimizerTM);
    if (llvm::Error E = J->addIRModule(ThreadSafeModule(std::move(*M), std::move(Ctx))))
      return compileFailure(std::move(E));
    Expected<ExecutorAddr> Entry = J->lookup(Name);
    if (!Entry)
      return compileFailure(Entry.takeError());
    return Entry->toPtr<codegen::EntryFunction>();
  }

private:
  std::unique_ptr<LLJIT> J;
  std::unique_ptr<TargetMachine> OptimizerTM;
  std::mutex Mutex;
  std::uint64_t Serial = 0;

  static llvm::Error compileFailure(llvm::Error E) {
    return ir::makeError(ErrorCode::CompileFailed, "LLVM failed: " + toString(std::move(E)));
  }

  static Expected<std::unique_ptr<JitSession>> create() {
    Expected<JITTargetMachineBuilder> JTMB = codegen::detectHostTarget();
    if (!JTMB)
      return JTMB.takeError();
    auto Session = std::make_unique<JitSession>();
    Expected<std::unique_ptr<TargetMachine>> TM = JTMB->createTargetMachine();
    if (!TM)
      return TM.takeError();
    Session->OptimizerTM = std::move(*TM);
    // Generated code may reach only our helpers (and memcpy & co., which
    // LLVM emits itself), never the rest of the process's symbols.
    auto Jit = LLJITBuilder()
                   .setJITTargetMachineBuilder(std::move(*JTMB))
                   .setPlatformSetUp(setUpInactivePlatform)
                   .setProcessSymbolsJITDylibSetup([](LLJIT& J) -> Expected<JITDylibSP> {
                     JITDylib& Helpers = J.getExecutionSession().createBareJITDylib(
                         "<jitson runtime helpers>");
                     SymbolMap Symbols;
                     std::size_t Count = 0;
                     const HelperSymbol* List = helperSymbols(Count);
                     for (std::size_t I = 0; I < Count; ++I)
                       Symbols[J.mangleAndIntern(List[I].Name)] = ExecutorSymbolDef(
                           ExecutorAddr::fromPtr(List[I].Address),
                           JITSymbolFlags::Exported | JITSymbolFlags::Callable);
                     if (llvm::Error E = Helpers.define(absoluteSymbols(std::move(Symbols))))
                       return E;
                     return &Helpers;
                   })
                   .create();
    if (!Jit)
      return Jit.takeError();
    Session->J = std::move(*Jit);
    // Errors reach callers through lookup's result; never print to stderr.
    Session->J->getExecutionSession().setErrorReporter([](llvm::Error E) {
      consumeError(std::move(E));
    });
    return Session;
  }
};

} // namespace

Expected<codegen::EntryFunction> compileProgram(const ir::Program& P) {
  Expected<JitSession*> Session = JitSession::get();
  if (!Session)
    return Session.takeError();
  return (*Session)->compile(P);
}

} // namespace jitson::runtime
