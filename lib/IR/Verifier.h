// Structural checks of serializer IR before it is lowered.
#ifndef JITSON_IR_VERIFIER_H
#define JITSON_IR_VERIFIER_H

#include "IR/Program.h"

#include "llvm/Support/Error.h"

namespace jitson::ir {

/// Checks what lowering relies on: balanced scopes, ops that match their
/// types, values inside their base, callees that exist. The error names the
/// function, op index and mnemonic.
llvm::Error verifyProgram(const Program& P);

} // namespace jitson::ir

#endif // JITSON_IR_VERIFIER_H
