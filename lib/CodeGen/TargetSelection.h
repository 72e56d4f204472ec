// Target machines for a chosen CPU and features, and assembly output (for tools).
#ifndef JITSON_CODEGEN_TARGETSELECTION_H
#define JITSON_CODEGEN_TARGETSELECTION_H

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

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_TARGETSELECTION_H
