// Text output of generated code (LLVM IR, assembly) for jitson-opt and jitson-dump.
#include "CodeGen/Emission.h"

#include "CodeGen/HostTarget.h"
#include "CodeGen/Lowering.h"
#include "CodeGen/Optimizer.h"
#include "IR/CodedError.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/SubtargetFeature.h"

namespace jitson::codegen {

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(llvm::StringRef CPU, llvm::StringRef Features) {
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> Builder = detectHostTarget();
  if (!Builder)
    return Builder.takeError();
  if (!CPU.empty()) {
    // Ask a generic subtarget whether the CPU exists: LLVM would otherwise
    // print a warning and silently fall back to generic code.
    std::string Error;
    const llvm::Target* T =
        llvm::TargetRegistry::lookupTarget(Builder->getTargetTriple().str(), Error);
    if (!T)
      return ir::makeError(ErrorCode::CompileFailed, Error);
    std::unique_ptr<llvm::MCSubtargetInfo> Generic(
        T->createMCSubtargetInfo(Builder->getTargetTriple().str(), "", ""));
    if (!Generic || !Generic->isCPUStringValid(CPU))
      return ir::makeError(ErrorCode::CompileFailed,
                           "unknown CPU '" + CPU + "' for " + Builder->getTargetTriple().str() +
                               " (llc -mcpu=help lists them)");
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

llvm::Expected<std::string> emitProgram(const ir::Program& P, EmitKind Kind, unsigned OptLevel,
                                        llvm::StringRef CPU, llvm::StringRef Features) {
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> TM = createTargetMachine(CPU, Features);
  if (!TM)
    return TM.takeError();
  llvm::LLVMContext Ctx;
  llvm::Expected<std::unique_ptr<llvm::Module>> M = lowerProgram(P, "jitson.entry", Ctx, **TM);
  if (!M)
    return M.takeError();
  if (OptLevel > 0)
    optimizeModule(**M, **TM);
  if (Kind == EmitKind::Asm)
    return emitAssembly(**M, **TM);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  (*M)->print(OS, nullptr);
  return Text;
}

} // namespace jitson::codegen
