// Structural checks of serializer IR: what lowering relies on, with located messages.
#include "IR/Verifier.h"

#include "IR/CodedError.h"

namespace jitson::ir {

namespace {

/// Whether an op of Code may write a value of type T.
bool opMatchesType(Opcode Code, const TypeDesc& T) {
  switch (Code) {
  case Opcode::Bool:
    return T.Kind == TypeKind::Bool && T.Size == 1;
  case Opcode::I8: case Opcode::I16: case Opcode::I32: case Opcode::I64:
  case Opcode::U8: case Opcode::U16: case Opcode::U32: case Opcode::U64: {
    static const unsigned Bits[] = {8, 16, 32, 64};
    unsigned Index = Code <= Opcode::I64 ? unsigned(Code) - unsigned(Opcode::I8)
                                         : unsigned(Code) - unsigned(Opcode::U8);
    return T.Kind == TypeKind::Int && T.Bits == Bits[Index] && T.Size * 8 == T.Bits &&
           T.IsSigned == (Code <= Opcode::I64);
  }
  case Opcode::F32:
    return T.Kind == TypeKind::Float && T.Bits == 32 && T.Size == 4;
  case Opcode::F64:
    return T.Kind == TypeKind::Float && T.Bits == 64 && T.Size == 8;
  case Opcode::Str:
    return T.Kind == TypeKind::String && T.DataOffset + 8 <= T.Size &&
           T.SizeOffset + 8 <= T.Size;
  case Opcode::VecBegin:
    return T.Kind == TypeKind::Vector && T.Element && T.BeginOffset + 8 <= T.Size &&
           T.EndOffset + 8 <= T.Size && T.Element->Size > 0;
  case Opcode::ArrBegin:
    return T.Kind == TypeKind::Array && T.Element && T.Count > 0 &&
           T.Element->Size > 0 && T.Element->Size * T.Count <= T.Size;
  case Opcode::OptBegin:
    return T.Kind == TypeKind::Optional && T.Element && T.FlagOffset < T.Size &&
           T.PayloadOffset + T.Element->Size <= T.Size;
  case Opcode::Call:
    return T.Kind == TypeKind::Struct;
  default:
    return false;
  }
}

struct OpenScope {
  Opcode Begin;
  bool SawElse;
  const TypeDesc* Base;  ///< What offsets inside the scope are relative to.
  const TypeDesc* Outer; ///< The base around the scope (opt.else's base).
};

} // namespace

llvm::Error verifyProgram(const Program& P) {
  if (P.Functions.empty())
    return makeError(ErrorCode::InvalidProgram, "program has no functions");
  for (std::size_t FI = 0; FI < P.Functions.size(); ++FI) {
    const Function& F = P.Functions[FI];
    auto Fail = [&](std::size_t OpIndex, const llvm::Twine& Why) {
      std::string Where = "function @" + std::to_string(FI) + " \"" + F.Name + "\"";
      if (OpIndex < F.Body.size())
        Where += ", op " + std::to_string(OpIndex) + " (" +
                 std::string(mnemonic(F.Body[OpIndex].Code)) + ")";
      return makeError(ErrorCode::InvalidProgram, Where + ": " + Why);
    };
    if (!F.Type)
      return Fail(F.Body.size(), "has no type");
    std::vector<OpenScope> Scopes;
    for (std::size_t I = 0; I < F.Body.size(); ++I) {
      const Op& O = F.Body[I];
      const TypeDesc* Base = Scopes.empty() ? F.Type : Scopes.back().Base;
      switch (shapeOf(O.Code)) {
      case OpShape::Text:
        if (O.Bytes.empty())
          return Fail(I, "empty text");
        break;
      case OpShape::Value:
      case OpShape::ScopeBegin:
      case OpShape::Call: {
        if (!O.Type)
          return Fail(I, "has no type");
        if (!O.Type->LayoutError.empty())
          return Fail(I, O.Type->LayoutError);
        if (!opMatchesType(O.Code, *O.Type))
          return Fail(I, "cannot write a value of type \"" + O.Type->Name + "\"");
        if (O.Offset > Base->Size || O.Type->Size > Base->Size - O.Offset)
          return Fail(I, "value at offset " + llvm::Twine(O.Offset) + " of size " +
                             llvm::Twine(O.Type->Size) + " is past the end of \"" +
                             Base->Name + "\" (size " + llvm::Twine(Base->Size) + ")");
        if (O.Code == Opcode::Call &&
            (O.Callee >= P.Functions.size() || P.Functions[O.Callee].Type != O.Type))
          return Fail(I, "callee @" + llvm::Twine(O.Callee) +
                             " is not a function of this type");
        if (shapeOf(O.Code) == OpShape::ScopeBegin)
          Scopes.push_back(OpenScope{O.Code, false, O.Type->Element, Base});
        break;
      }
      case OpShape::ScopeElse:
        if (Scopes.empty() || Scopes.back().Begin != Opcode::OptBegin ||
            Scopes.back().SawElse)
          return Fail(I, "opt.else without an open opt.begin");
        Scopes.back().SawElse = true;
        Scopes.back().Base = Scopes.back().Outer;
        break;
      case OpShape::ScopeEnd:
        if (Scopes.empty() || scopeEndOf(Scopes.back().Begin) != O.Code)
          return Fail(I, "closes a scope that is not open");
        Scopes.pop_back();
        break;
      }
    }
    if (!Scopes.empty())
      return Fail(F.Body.size(), std::string("unclosed ") +
                                     std::string(mnemonic(Scopes.back().Begin)));
  }
  return llvm::Error::success();
}

} // namespace jitson::ir
