// Op properties shared by every stage, all derived from Ops.def.
#include "IR/Program.h"

#include "IR/CodedError.h"

#include <cassert>

namespace jitson::ir {

std::string_view mnemonic(Opcode Code) {
  switch (Code) {
#define JITSON_OP(Name, Mnemonic, Shape)                                       \
  case Opcode::Name:                                                           \
    return Mnemonic;
#include "IR/Ops.def"
  }
  return "<invalid>";
}

OpShape shapeOf(Opcode Code) {
  switch (Code) {
#define JITSON_OP(Name, Mnemonic, Shape)                                       \
  case Opcode::Name:                                                           \
    return OpShape::Shape;
#include "IR/Ops.def"
  }
  return OpShape::Text;
}

Opcode scopeEndOf(Opcode Begin) {
  switch (Begin) {
  case Opcode::VecBegin:
    return Opcode::VecEnd;
  case Opcode::ArrBegin:
    return Opcode::ArrEnd;
  case Opcode::OptBegin:
    return Opcode::OptEnd;
  case Opcode::SeqBegin:
  case Opcode::SortedBegin:
    return Opcode::SeqEnd;
  case Opcode::PtrBegin:
    return Opcode::PtrEnd;
  case Opcode::VarBegin:
    return Opcode::VarEnd;
  case Opcode::ObjBegin:
    return Opcode::ObjEnd;
  case Opcode::OmitBegin:
  case Opcode::OmitNullBegin:
    return Opcode::OmitEnd;
  default:
    assert(false && "not a scope-opening op");
    return Begin;
  }
}

Opcode scopeElseOf(Opcode Begin) {
  switch (Begin) {
  case Opcode::OptBegin:
    return Opcode::OptElse;
  case Opcode::PtrBegin:
    return Opcode::PtrElse;
  case Opcode::VarBegin:
    return Opcode::VarCase;
  default:
    return Opcode::Text; // no alternative part
  }
}

} // namespace jitson::ir

char jitson::ir::CodedError::ID = 0;
