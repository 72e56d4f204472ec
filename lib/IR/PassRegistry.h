// IR-level passes by name, for tools that let the user choose them.
#ifndef JITSON_IR_PASSREGISTRY_H
#define JITSON_IR_PASSREGISTRY_H

#include "IR/Program.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace jitson::ir {

struct PassInfo {
  const char* Name;
  const char* Description;
};

/// Every pass a tool may name, in a stable order.
const std::vector<PassInfo>& availablePasses();

/// Runs the pass called Name on every function of P.
llvm::Error runPass(Program& P, llvm::StringRef Name);

} // namespace jitson::ir

#endif // JITSON_IR_PASSREGISTRY_H
