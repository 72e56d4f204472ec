// Stages 3 and 4: the process's ORC JIT session that compiles and loads serializer programs.
#ifndef JITSON_RUNTIME_JIT_H
#define JITSON_RUNTIME_JIT_H

#include "CodeGen/RuntimeAbi.h"
#include "IR/Program.h"

#include "llvm/Support/Error.h"

namespace jitson::runtime {

/// Lowers, optimises, compiles and loads P; returns its entry point. One
/// module per program, added to the session's JITDylib and compiled when
/// its entry is looked up, i.e. when the program is first needed. Thread-safe.
llvm::Expected<codegen::EntryFunction> compileProgram(const ir::Program& P);

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_JIT_H
