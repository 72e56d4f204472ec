// The host's target machine: CPU name and features that generated code may use.
#ifndef JITSON_CODEGEN_HOSTTARGET_H
#define JITSON_CODEGEN_HOSTTARGET_H

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/Error.h"

namespace jitson::codegen {

/// A JITTargetMachineBuilder for this machine: host triple, CPU name and every
/// feature the CPU reports (AVX2, AVX-512, ...), codegen at Less (as fast as
/// Default here, for less compile time; LLVM's default would be Default).
llvm::Expected<llvm::orc::JITTargetMachineBuilder> detectHostTarget();

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_HOSTTARGET_H
