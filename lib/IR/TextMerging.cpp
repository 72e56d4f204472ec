// IR pass: fold runs of adjacent text ops into one (fewer, wider stores).
#include "IR/TextMerging.h"

namespace jitson::ir {

void mergeAdjacentText(Function& F) {
  std::vector<Op> Merged;
  Merged.reserve(F.Body.size());
  for (Op& O : F.Body) {
    if (O.Code == Opcode::Text && O.Bytes.empty())
      continue;
    if (O.Code == Opcode::Text && !Merged.empty() && Merged.back().Code == Opcode::Text) {
      Merged.back().Bytes += O.Bytes;
      continue;
    }
    Merged.push_back(std::move(O));
  }
  F.Body = std::move(Merged);
}

} // namespace jitson::ir
