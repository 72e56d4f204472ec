// The interpreted tier: runs serializer IR directly, so a first call needs no LLVM compile.
#ifndef JITSON_RUNTIME_INTERPRETER_H
#define JITSON_RUNTIME_INTERPRETER_H

#include "CodeGen/RuntimeAbi.h"
#include "IR/Program.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <vector>

namespace jitson::runtime {

/// A verified program ready to interpret. It writes exactly what the
/// program's generated code writes (same helpers, same error paths), only
/// slower; Auto serves first calls with it while the optimised code compiles.
class Interpreter {
public:
  /// Fails when P does not verify, or names a per-type helper without an
  /// address (programs parsed from text): those must be compiled.
  static llvm::Expected<std::unique_ptr<Interpreter>> create(ir::Program P);

  /// The generated-code signature: Self is the Interpreter (passed in the
  /// flags word, which generated code never reads).
  static std::int32_t entry(codegen::Buffer* B, const void* Value, codegen::Stack* S,
                            std::uint64_t Self) noexcept;

  const ir::Program& program() const { return P; }

private:
  ir::Program P;
  /// For each function, for each ScopeBegin/ScopeElse op: the index of the
  /// op that ends its part (the next ScopeElse or the ScopeEnd).
  std::vector<std::vector<std::uint32_t>> PartEnd;
  bool CountsDepth = false;
  bool DynamicIndent = false;
  std::uint64_t StringMode = 0;

  explicit Interpreter(ir::Program Program) : P(std::move(Program)) {}
  friend class Run;
};

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_INTERPRETER_H
