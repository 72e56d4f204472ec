// Runs LLVM's O1 pipeline (host cost model), then inlines small entries into run functions.
#include "CodeGen/Optimizer.h"

#include "CodeGen/RuntimeAbi.h"

#include "llvm/IR/InstIterator.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Utils/Cloning.h"

namespace jitson::codegen {

namespace {

/// Optimised entries of at most this many instructions are inlined into
/// their run function.
constexpr unsigned SmallEntryInstructions = 400;

/// Inlines a small entry into the run function that calls it (RuntimeAbi.h):
/// on small values the call is a good part of a run (~1 ns of a 19-digit
/// int64's ~11). Done after the pipeline, not by it: LLVM's inliner keeps
/// calls to an external function, and inlining before optimising would
/// leave two callers of the entry's own internal helpers (the integer
/// formatting), which then stay calls in both. A large entry stays a call,
/// so its code is not there twice.
bool inlineSmallEntry(llvm::Function& Run) {
  llvm::SmallVector<llvm::CallBase*, 1> Calls;
  for (llvm::Instruction& I : llvm::instructions(Run))
    if (auto* Call = llvm::dyn_cast<llvm::CallBase>(&I))
      if (llvm::Function* Callee = Call->getCalledFunction();
          Callee && !Callee->isDeclaration() &&
          Callee->getInstructionCount() <= SmallEntryInstructions)
        Calls.push_back(Call);
  bool Changed = false;
  for (llvm::CallBase* Call : Calls) {
    llvm::InlineFunctionInfo Info;
    Changed |= llvm::InlineFunction(*Call, Info).isSuccess();
  }
  return Changed;
}

} // namespace

void optimizeModule(llvm::Module& M, llvm::TargetMachine& TM) {
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB(&TM);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  llvm::ModulePassManager MPM = PB.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O1);
  MPM.run(M, MAM);

  // The entry's status, now known on each path, folds into the run's test,
  // and the run's loads of the buffer merge with the entry's.
  llvm::FunctionPassManager Cleanup;
  Cleanup.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
  Cleanup.addPass(llvm::InstCombinePass());
  Cleanup.addPass(llvm::SimplifyCFGPass());
  for (llvm::Function& F : M)
    if (!F.isDeclaration() && F.getName().ends_with(RunSuffix) && inlineSmallEntry(F)) {
      FAM.invalidate(F, llvm::PreservedAnalyses::none());
      Cleanup.run(F, FAM);
    }
}

} // namespace jitson::codegen
