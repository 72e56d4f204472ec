// Collects the per-type helper symbols a program's generated code refers to.
#include "CodeGen/TypeSymbols.h"

#include <set>

namespace jitson::codegen {

std::vector<TypeSymbol> typeSymbols(const detail::TypeDesc& Root) {
  std::vector<TypeSymbol> Found;
  std::set<const detail::TypeDesc*> Seen;
  std::vector<const detail::TypeDesc*> Work{&Root};
  while (!Work.empty()) {
    const detail::TypeDesc* T = Work.back();
    Work.pop_back();
    if (!T || !Seen.insert(T).second)
      continue;
    // Helpers without an address are the runtime's own (already defined).
    for (const detail::TypeHelper& H : T->Helpers)
      if (H.Address)
        Found.push_back(TypeSymbol{H.Symbol, H.Address});
    Work.push_back(T->Element);
    for (const detail::MemberDesc& M : T->Members)
      Work.push_back(M.Type);
  }
  return Found;
}

std::vector<TypeSymbol> programSymbols(const ir::Program& P) {
  std::vector<TypeSymbol> All;
  for (const ir::Function& F : P.Functions)
    if (F.Type)
      for (TypeSymbol& S : typeSymbols(*F.Type))
        All.push_back(std::move(S));
  return All;
}

} // namespace jitson::codegen
