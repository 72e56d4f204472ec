// Stage 2: lower a serializer IR program to an LLVM module (one function per IR function).
#ifndef JITSON_CODEGEN_LOWERING_H
#define JITSON_CODEGEN_LOWERING_H

#include "IR/Program.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace jitson::codegen {

/// Lowers P (which must verify) into a module for TM's target, CPU and
/// features. Functions[0] becomes the external function EntryName with the
/// EntryFunction signature (RuntimeAbi.h), the others internal ones; the run
/// function EntryName.run (RuntimeAbi.h) calls the first.
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerProgram(const ir::Program& P, llvm::StringRef EntryName, llvm::LLVMContext& Ctx,
             const llvm::TargetMachine& TM);

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_LOWERING_H
