// The LLVM IR optimisation pipeline run on each lowered module.
#ifndef JITSON_CODEGEN_OPTIMIZER_H
#define JITSON_CODEGEN_OPTIMIZER_H

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace jitson::codegen {

/// Runs the O1 pipeline (as fast as O2 for this code, cheaper to compile).
/// TM must not be used by another thread meanwhile.
void optimizeModule(llvm::Module& M, llvm::TargetMachine& TM);

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_OPTIMIZER_H
