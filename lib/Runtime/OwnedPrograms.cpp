// Programs owned by an OwnedSerializer: compiled on request, shared with nothing, unloaded on release.
#include "IR/Builder.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/Interpreter.h"
#include "Runtime/Jit.h"
#include "Runtime/StatusConversion.h"
#include "jitson/Jit.h"

#include <memory>

namespace jitson::detail {

namespace {

/// A Program and what keeps its code alive: the JITDylib (through
/// runtime::OwnedProgram) or the interpreter. Destroying it unloads both.
struct OwnedEntry : Program {
  runtime::OwnedProgram Code;
  std::unique_ptr<runtime::Interpreter> Interpreted;
};

void compileInto(OwnedEntry& E) {
  llvm::Expected<ir::Program> IR = ir::buildProgram(*E.Type, E.Opts);
  if (!IR) {
    E.Failure = runtime::toStatus(IR.takeError(), E.Type->Name);
    return;
  }
  Tier Policy = tier();
  if (Policy == Tier::Interpret) {
    llvm::Expected<std::unique_ptr<runtime::Interpreter>> Made =
        runtime::Interpreter::create(*IR);
    if (Made) {
      E.Interpreted = std::move(*Made);
      E.EntryFlags = reinterpret_cast<std::uint64_t>(E.Interpreted.get());
      publishEntry(E, &runtime::Interpreter::entry, runtime::Tier::Interpreted);
      return;
    }
    llvm::consumeError(Made.takeError()); // not interpretable: compile it
  }
  runtime::Tier T = runtime::oneOffTier(Policy);
  llvm::Expected<runtime::OwnedProgram> Owned = runtime::compileOwnedProgram(*IR, T);
  if (!Owned) {
    E.Failure = runtime::toStatus(Owned.takeError(), E.Type->Name);
    return;
  }
  RunFunction Run = Owned->run();
  E.Code = std::move(*Owned);
  publishRun(E, Run, T);
}

} // namespace

Program* compileOwnedProgram(const TypeDesc& Type, const Options& Opts) {
  auto E = std::make_unique<OwnedEntry>();
  E->Type = &Type;
  E->Opts = Opts;
  try {
    compileInto(*E);
  } catch (const std::bad_alloc&) {
    E->Failure = Status::outOfMemory();
  }
  return E.release();
}

void releaseProgram(Program* P) noexcept { delete static_cast<OwnedEntry*>(P); }

const Program& releasedProgram() noexcept {
  // Built once; never destroyed (a serializer may be used during exit).
  static const Program& Released = *[] {
    auto* P = new Program;
    P->Failure = Status(ErrorCode::Internal,
                        "the OwnedSerializer has no program (it was moved from or reset)");
    return P;
  }();
  return Released;
}

} // namespace jitson::detail
