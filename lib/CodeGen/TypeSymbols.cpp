// Collects the per-type helper symbols a program's generated code refers to.
#include "CodeGen/TypeSymbols.h"

namespace jitson::codegen {

std::vector<TypeSymbol> typeSymbols(const detail::TypeDesc& Root) {
  (void)Root;
  return {};
}

std::vector<TypeSymbol> programSymbols(const ir::Program& P) {
  std::vector<TypeSymbol> All;
  for (const ir::Function& F : P.Functions)
    for (TypeSymbol& S : typeSymbols(*F.Type))
      All.push_back(std::move(S));
  return All;
}

} // namespace jitson::codegen
