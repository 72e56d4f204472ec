// Runs LLVM's O1 module pipeline with the host target's cost model.
#include "CodeGen/Optimizer.h"

#include "llvm/Passes/PassBuilder.h"

namespace jitson::codegen {

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
}

} // namespace jitson::codegen
