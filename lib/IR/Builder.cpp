// Stage 1b: type description + options -> serializer IR (one function per called type).
#include "IR/Builder.h"

#include "IR/CodedError.h"
#include "IR/TextMerging.h"

#include <algorithm>
#include <map>

namespace jitson::ir {

void appendJsonEscaped(std::string& Out, std::string_view Bytes) {
  static const char Hex[] = "0123456789abcdef";
  for (unsigned char C : Bytes) {
    switch (C) {
    case '"': Out += "\\\""; break;
    case '\\': Out += "\\\\"; break;
    case '\b': Out += "\\b"; break;
    case '\f': Out += "\\f"; break;
    case '\n': Out += "\\n"; break;
    case '\r': Out += "\\r"; break;
    case '\t': Out += "\\t"; break;
    default:
      if (C < 0x20) {
        Out += "\\u00";
        Out += Hex[C >> 4];
        Out += Hex[C & 15];
      } else {
        Out += static_cast<char>(C);
      }
    }
  }
}

namespace {

Opcode intOpcode(const TypeDesc& T) {
  static const Opcode Signed[] = {Opcode::I8, Opcode::I16, Opcode::I32, Opcode::I64};
  static const Opcode Unsigned[] = {Opcode::U8, Opcode::U16, Opcode::U32, Opcode::U64};
  unsigned Index = T.Bits == 8 ? 0 : T.Bits == 16 ? 1 : T.Bits == 32 ? 2 : 3;
  return T.IsSigned ? Signed[Index] : Unsigned[Index];
}

/// Walks a type description depth-first. Nested structs are inlined into the
/// function that reaches them (so their constant text merges with the
/// parent's); a struct that reaches itself becomes a function of its own,
/// called at each place it recurs.
class ProgramBuilder {
public:
  explicit ProgramBuilder(const Options& Opts) { P.Opts = Opts; }

  llvm::Expected<Program> build(const TypeDesc& Root) {
    if (llvm::Error E = defineFunction(Root).takeError())
      return E;
    for (Function& F : P.Functions)
      mergeAdjacentText(F);
    return std::move(P);
  }

private:
  Program P;
  std::map<const TypeDesc*, std::uint32_t> FunctionIndex;
  std::vector<const TypeDesc*> Open; ///< Structs being written, outermost first.

  llvm::Expected<std::uint32_t> defineFunction(const TypeDesc& T) {
    auto Found = FunctionIndex.find(&T);
    if (Found != FunctionIndex.end())
      return Found->second;
    auto Index = static_cast<std::uint32_t>(P.Functions.size());
    FunctionIndex[&T] = Index;
    P.Functions.push_back(Function{T.Name, &T, {}, {}});
    // A new function inlines afresh from its own type: what the caller had
    // open is not on this function's path.
    std::vector<const TypeDesc*> CallerOpen;
    std::swap(CallerOpen, Open);
    std::vector<Op> Body;
    llvm::Error E = T.Kind == TypeKind::Struct ? emitStructBody(Body, T, 0, "")
                                               : emitValue(Body, T, 0, "");
    Open = std::move(CallerOpen);
    if (E)
      return E;
    P.Functions[Index].Body = std::move(Body); // Functions may have grown.
    return Index;
  }

  static void text(std::vector<Op>& Body, std::string Bytes) {
    Op O;
    O.Code = Opcode::Text;
    O.Bytes = std::move(Bytes);
    Body.push_back(std::move(O));
  }

  static void valueOp(std::vector<Op>& Body, Opcode Code, const TypeDesc& T,
                      std::uint64_t Offset, const std::string& Path) {
    Op O;
    O.Code = Code;
    O.Offset = Offset;
    O.Type = &T;
    O.Path = Path;
    Body.push_back(std::move(O));
  }

  llvm::Error emitScope(std::vector<Op>& Body, Opcode Begin, const TypeDesc& T,
                        std::uint64_t Offset, const std::string& Path) {
    valueOp(Body, Begin, T, Offset, Path);
    if (llvm::Error E = emitValue(Body, *T.Element, 0, ""))
      return E;
    if (Begin == Opcode::OptBegin) {
      valueOp(Body, Opcode::OptElse, T, 0, "");
      Body.back().Type = nullptr;
      text(Body, "null");
    }
    Op End;
    End.Code = scopeEndOf(Begin);
    Body.push_back(std::move(End));
    return llvm::Error::success();
  }

  llvm::Error emitValue(std::vector<Op>& Body, const TypeDesc& T, std::uint64_t Offset,
                        const std::string& Path) {
    if (!T.LayoutError.empty())
      return makeError(ErrorCode::UnsupportedLayout, T.LayoutError);
    switch (T.Kind) {
    case TypeKind::Bool:
      valueOp(Body, Opcode::Bool, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Int:
      valueOp(Body, intOpcode(T), T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Float:
      valueOp(Body, T.Bits == 32 ? Opcode::F32 : Opcode::F64, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::String:
      valueOp(Body, Opcode::Str, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Vector: {
      text(Body, "[");
      if (llvm::Error E = emitScope(Body, Opcode::VecBegin, T, Offset, Path))
        return E;
      text(Body, "]");
      return llvm::Error::success();
    }
    case TypeKind::Array: {
      text(Body, "[");
      if (T.Count != 0)
        if (llvm::Error E = emitScope(Body, Opcode::ArrBegin, T, Offset, Path))
          return E;
      text(Body, "]");
      return llvm::Error::success();
    }
    case TypeKind::Optional:
      return emitScope(Body, Opcode::OptBegin, T, Offset, Path);
    case TypeKind::Struct:
      return emitStruct(Body, T, Offset, Path);
    }
    return makeError(ErrorCode::Internal, "unknown type kind in " + T.Name);
  }

  llvm::Error emitStruct(std::vector<Op>& Body, const TypeDesc& T, std::uint64_t Offset,
                         const std::string& Path) {
    bool Recurs = std::find(Open.begin(), Open.end(), &T) != Open.end();
    if (Recurs) {
      llvm::Expected<std::uint32_t> Callee = defineFunction(T);
      if (!Callee)
        return Callee.takeError();
      valueOp(Body, Opcode::Call, T, Offset, Path);
      Body.back().Callee = *Callee;
      return llvm::Error::success();
    }
    return emitStructBody(Body, T, Offset, Path);
  }

  llvm::Error emitStructBody(std::vector<Op>& Body, const TypeDesc& T,
                             std::uint64_t Offset, const std::string& Path) {
    Open.push_back(&T);
    std::string Key = "{";
    for (const detail::MemberDesc& M : T.Members) {
      Key += '"';
      appendJsonEscaped(Key, M.Name);
      Key += "\":";
      text(Body, std::move(Key));
      std::string MemberPath = Path;
      MemberPath += '.';
      MemberPath += M.Name;
      if (llvm::Error E = emitValue(Body, *M.Type, Offset + M.Offset, MemberPath))
        return E;
      Key.assign(1, ',');
    }
    text(Body, Key == "{" ? "{}" : "}");
    Open.pop_back();
    return llvm::Error::success();
  }
};

} // namespace

llvm::Expected<Program> buildProgram(const TypeDesc& Root, const Options& Opts) {
  return ProgramBuilder(Opts).build(Root);
}

} // namespace jitson::ir
