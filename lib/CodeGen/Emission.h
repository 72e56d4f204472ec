// Text output of generated code for tools: LLVM IR or assembly, for the host or a chosen CPU.
#ifndef JITSON_CODEGEN_EMISSION_H
#define JITSON_CODEGEN_EMISSION_H

#include "IR/Program.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace jitson::codegen {

/// A target machine for CPU with Features ("+avx2,-avx512f"); an empty CPU
/// means the host's CPU, and then empty Features means the host's features.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(llvm::StringRef CPU, llvm::StringRef Features);

/// The assembly TM would emit for M.
llvm::Expected<std::string> emitAssembly(llvm::Module& M, llvm::TargetMachine& TM);

enum class EmitKind { LLVM, Asm };

/// Lowers P for CPU/Features (see createTargetMachine), runs jitson's
/// optimisation pipeline unless OptLevel is 0, and returns the LLVM IR or
/// assembly as text.
llvm::Expected<std::string> emitProgram(const ir::Program& P, EmitKind Kind, unsigned OptLevel,
                                        llvm::StringRef CPU, llvm::StringRef Features);

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_EMISSION_H
