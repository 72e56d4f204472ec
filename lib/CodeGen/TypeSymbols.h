// Per-type C++ helpers that generated code calls (container iteration, custom hooks), by symbol.
#ifndef JITSON_CODEGEN_TYPESYMBOLS_H
#define JITSON_CODEGEN_TYPESYMBOLS_H

#include "IR/Program.h"

#include <string>
#include <vector>

namespace jitson::codegen {

/// One absolute symbol the JIT must define before it links a program that
/// names it. The name is stable across processes (derived from the C++ type's
/// name), so cached object files link against the current process's address.
struct TypeSymbol {
  std::string Name;
  const void* Address = nullptr;
};

/// The helpers reachable from Root's description (walks the type graph).
std::vector<TypeSymbol> typeSymbols(const detail::TypeDesc& Root);

/// The helpers every function type of P reaches.
std::vector<TypeSymbol> programSymbols(const ir::Program& P);

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_TYPESYMBOLS_H
