// IR-level passes by name (the list jitson-opt --passes accepts).
#include "IR/PassRegistry.h"

#include "IR/CodedError.h"
#include "IR/TextMerging.h"

namespace jitson::ir {

const std::vector<PassInfo>& availablePasses() {
  static const std::vector<PassInfo> Passes = {
      {"merge-text", "fold adjacent text ops into one"},
  };
  return Passes;
}

llvm::Error runPass(Program& P, llvm::StringRef Name) {
  if (Name == "merge-text") {
    for (Function& F : P.Functions)
      mergeAdjacentText(F);
    return llvm::Error::success();
  }
  std::string Known;
  for (const PassInfo& Info : availablePasses())
    Known += (Known.empty() ? "" : ", ") + std::string(Info.Name);
  return makeError(ErrorCode::InvalidProgram,
                   "unknown pass '" + Name + "' (available: " + Known + ")");
}

} // namespace jitson::ir
