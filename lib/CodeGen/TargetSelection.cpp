// Builds target machines for a chosen CPU and emits assembly text (used by jitson-opt and jitson-dump).
#include "CodeGen/TargetSelection.h"

#include "CodeGen/HostTarget.h"
#include "IR/CodedError.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/SubtargetFeature.h"

namespace jitson::codegen {

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(llvm::StringRef CPU, llvm::StringRef Features) {
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> Builder = detectHostTarget();
  if (!Builder)
    return Builder.takeError();
  if (!CPU.empty()) {
    Builder->setCPU(CPU.str());
    Builder->getFeatures() = llvm::SubtargetFeatures(); // the CPU's own defaults
  }
  if (!Features.empty()) {
    llvm::SubtargetFeatures Chosen(Features);
    for (const std::string& F : Chosen.getFeatures())
      Builder->getFeatures().AddFeature(F);
  }
  return Builder->createTargetMachine();
}

llvm::Expected<std::string> emitAssembly(llvm::Module& M, llvm::TargetMachine& TM) {
  llvm::SmallString<0> Text;
  llvm::raw_svector_ostream OS(Text);
  llvm::legacy::PassManager PM;
  if (TM.addPassesToEmitFile(PM, OS, nullptr, llvm::CodeGenFileType::AssemblyFile))
    return ir::makeError(ErrorCode::CompileFailed, "this target cannot emit assembly");
  PM.run(M);
  return std::string(Text.str());
}

} // namespace jitson::codegen
