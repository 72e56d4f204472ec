// The serializer IR: ops, functions, and the program for one (type, options).
#ifndef JITSON_IR_PROGRAM_H
#define JITSON_IR_PROGRAM_H

#include "jitson/Options.h"
#include "jitson/detail/TypeDescription.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jitson::ir {

using detail::TypeDesc;
using detail::TypeKind;

enum class Opcode : std::uint8_t {
#define JITSON_OP(Name, Mnemonic, Shape) Name,
#include "IR/Ops.def"
};

enum class OpShape : std::uint8_t { Text, Value, ScopeBegin, ScopeElse, ScopeEnd, Call, Indent };

std::string_view mnemonic(Opcode Code);
OpShape shapeOf(Opcode Code);
/// The ScopeEnd that closes a ScopeBegin (VecBegin -> VecEnd, ...).
Opcode scopeEndOf(Opcode Begin);
/// The ScopeElse a ScopeBegin may contain (OptBegin -> OptElse, VarBegin ->
/// VarCase, ...), or Opcode::Text when it has none.
Opcode scopeElseOf(Opcode Begin);

/// Where something was written in a textual IR file (1-based); 0 when the
/// IR was built in memory.
struct SourceLoc {
  std::uint32_t Line = 0;
  std::uint32_t Column = 0;
};

/// One instruction. Which fields matter depends on the op's shape.
struct Op {
  Opcode Code = Opcode::Text;
  std::uint64_t Offset = 0;       ///< Value/ScopeBegin/Call: from the base.
  const TypeDesc* Type = nullptr; ///< Value/ScopeBegin/Call: the value's type.
  std::string Bytes;              ///< Text: bytes to write.
  std::string Path;               ///< Error path segment, e.g. ".inner.x".
  std::uint32_t Callee = 0;       ///< Call: index of the function.
  /// Pretty printing: nl's level; a loop's element level; obj.begin's
  /// closing level; a call's level (added to its callee's). 0 when compact.
  std::uint32_t Level = 0;
  SourceLoc Loc;
};

/// Writes one value of Type, given a pointer to it.
struct Function {
  std::string Name; ///< Readable and unique within the program.
  const TypeDesc* Type = nullptr;
  std::vector<Op> Body;
  SourceLoc Loc;
};

/// Everything generated for one (type, options); Functions[0] is the entry.
struct Program {
  Options Opts;
  std::vector<Function> Functions;
  std::string SourceName; ///< The file it was parsed from, if any.
  /// Where each type was defined, for programs parsed from text.
  std::map<const TypeDesc*, SourceLoc> TypeLocs;
};

} // namespace jitson::ir

#endif // JITSON_IR_PROGRAM_H
