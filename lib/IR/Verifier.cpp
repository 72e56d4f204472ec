// Structural checks of serializer IR and its types: what lowering relies on, with located messages.
#include "IR/Verifier.h"

#include "IR/CodedError.h"

#include "llvm/ADT/StringExtras.h"

#include <set>

namespace jitson::ir {

namespace {

/// Deepest nesting of scopes accepted. LLVM's loop passes take superlinear
/// time in loop depth (measured: 50 nested loops 0.5 s, 100 2 s, 200 11 s), and
/// lowering recurses once per scope; real types nest a few containers deep.
constexpr std::size_t MaxScopeDepth = 64;

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
    return T.Kind == TypeKind::String;
  case Opcode::VecBegin:
    return T.Kind == TypeKind::Vector || T.Kind == TypeKind::Span;
  case Opcode::Char:
    return T.Kind == TypeKind::Char && T.Size == 1;
  case Opcode::CStr:
    return T.Kind == TypeKind::CString;
  case Opcode::Raw:
    return T.Kind == TypeKind::Raw;
  case Opcode::Bytes:
    return T.Kind == TypeKind::Bytes;
  case Opcode::Time:
    return T.Kind == TypeKind::Time;
  case Opcode::Enum:
  case Opcode::EnumKey:
    return T.Kind == TypeKind::Enum;
  case Opcode::Hook:
    return T.Kind == TypeKind::Custom && T.Helpers.size() == 1;
  case Opcode::SeqBegin:
    return T.Kind == TypeKind::Sequence;
  case Opcode::SortedBegin:
    return T.Kind == TypeKind::Sequence && T.IsMap && !T.Ordered &&
           T.Helpers.size() > detail::IterSorted;
  case Opcode::PtrBegin:
    return T.Kind == TypeKind::Pointer;
  case Opcode::VarBegin:
    return T.Kind == TypeKind::Variant && !T.Members.empty();
  case Opcode::ObjBegin:
    return T.Kind == TypeKind::Struct;
  case Opcode::OmitBegin:
    return true;
  case Opcode::OmitNullBegin:
    return T.Kind == TypeKind::Optional || T.Kind == TypeKind::Pointer ||
           (T.Kind == TypeKind::CString && T.Count == 0) || T.Kind == TypeKind::Null;
  case Opcode::ArrBegin:
    return T.Kind == TypeKind::Array && T.Count > 0;
  case Opcode::OptBegin:
    return T.Kind == TypeKind::Optional;
  case Opcode::Call:
    return T.Kind == TypeKind::Struct;
  default:
    return false;
  }
}

/// Whether [Offset, Offset + Size) lies inside [0, Whole), without overflow.
bool fits(std::uint64_t Offset, std::uint64_t Size, std::uint64_t Whole) {
  return Offset <= Whole && Size <= Whole - Offset;
}

bool disjointWords(std::uint64_t A, std::uint64_t B) { return A >= B + 8 || B >= A + 8; }

/// Strict UTF-8 (no overlong forms, surrogates, or code points past
/// U+10FFFF): the offset of the first byte of the first bad sequence, or
/// npos when S is valid.
std::size_t firstInvalidUtf8(llvm::StringRef S) {
  const auto* Begin = reinterpret_cast<const unsigned char*>(S.data());
  const auto* End = Begin + S.size();
  const auto* P = Begin;
  while (P < End) {
    const auto* Start = P;
    unsigned C = *P++;
    if (C < 0x80)
      continue;
    unsigned Extra = C >= 0xF0 ? 3 : C >= 0xE0 ? 2 : C >= 0xC0 ? 1 : 0;
    if (Extra == 0 || C > 0xF4 || End - P < Extra)
      return std::size_t(Start - Begin);
    std::uint32_t Code = C & (0x3F >> Extra);
    for (unsigned I = 0; I < Extra; ++I) {
      if ((P[I] & 0xC0) != 0x80)
        return std::size_t(Start - Begin);
      Code = (Code << 6) | (P[I] & 0x3F);
    }
    P += Extra;
    static const std::uint32_t Min[] = {0, 0x80, 0x800, 0x10000};
    if (Code < Min[Extra] || Code > 0x10FFFF || (Code >= 0xD800 && Code <= 0xDFFF))
      return std::size_t(Start - Begin);
  }
  return llvm::StringRef::npos;
}

struct OpenScope {
  Opcode Begin;
  std::size_t Index;     ///< Of the opening op.
  bool SawElse;
  std::size_t Cases = 0; ///< var.case ops seen so far.
  const TypeDesc* Base;  ///< What offsets inside the scope are relative to.
  const TypeDesc* Outer; ///< The base around the scope (opt.else's base).
};

class Verifier {
public:
  explicit Verifier(const Program& P) : P(P) {}

  llvm::Error run() {
    if (P.Functions.empty())
      return located(P.SourceName.empty() ? SourceLoc{} : SourceLoc{1, 1},
                     "program has no functions (it needs at least func @0)");
    for (const auto& [Type, Loc] : P.TypeLocs)
      if (llvm::Error E = checkType(*Type))
        return E;
    for (std::size_t FI = 0; FI < P.Functions.size(); ++FI)
      if (llvm::Error E = checkFunction(FI))
        return E;
    return llvm::Error::success();
  }

private:
  const Program& P;
  std::set<const TypeDesc*> CheckedTypes;

  llvm::Error located(SourceLoc Loc, const llvm::Twine& Message) {
    if (Loc.Line == 0)
      return makeError(ErrorCode::InvalidProgram, Message);
    return makeError(ErrorCode::InvalidProgram,
                     (P.SourceName.empty() ? std::string("<input>") : P.SourceName) + ":" +
                         llvm::Twine(Loc.Line) + ":" + llvm::Twine(Loc.Column) +
                         ": error: " + Message);
  }

  llvm::Error typeError(const TypeDesc& T, const llvm::Twine& Why) {
    auto Loc = P.TypeLocs.find(&T);
    return located(Loc == P.TypeLocs.end() ? SourceLoc{} : Loc->second,
                   "type \"" + T.Name + "\": " + Why);
  }

  /// The layout of T (and of everything it contains) is self-consistent.
  llvm::Error checkType(const TypeDesc& Root) {
    std::vector<const TypeDesc*> Work{&Root};
    while (!Work.empty()) {
      const TypeDesc& T = *Work.back();
      Work.pop_back();
      if (!CheckedTypes.insert(&T).second)
        continue;
      if (!T.LayoutError.empty())
        return typeError(T, T.LayoutError);
      if (T.Element)
        Work.push_back(T.Element);
      switch (T.Kind) {
      case TypeKind::Bool:
      case TypeKind::Int:
      case TypeKind::Float:
        break;
      case TypeKind::String:
        if (!fits(T.DataOffset, 8, T.Size) || !fits(T.SizeOffset, 8, T.Size))
          return typeError(T, "data and length words must lie inside its size " +
                                  llvm::Twine(T.Size));
        if (!disjointWords(T.DataOffset, T.SizeOffset))
          return typeError(T, "data and length words overlap");
        break;
      case TypeKind::Vector:
        if (!fits(T.BeginOffset, 8, T.Size) || !fits(T.EndOffset, 8, T.Size))
          return typeError(T, "begin and end pointers must lie inside its size " +
                                  llvm::Twine(T.Size));
        if (!disjointWords(T.BeginOffset, T.EndOffset))
          return typeError(T, "begin and end pointers overlap");
        if (!T.Element || T.Element->Size == 0)
          return typeError(T, "elements must not be empty");
        break;
      case TypeKind::Array:
        if (!T.Element || (T.Count && T.Element->Size == 0))
          return typeError(T, "elements must not be empty");
        break;
      case TypeKind::Optional:
        if (!T.Element || !fits(T.PayloadOffset, T.Element->Size, T.Size))
          return typeError(T, "payload must lie inside its size " + llvm::Twine(T.Size));
        if (!fits(T.FlagOffset, 1, T.Size))
          return typeError(T, "flag byte must lie inside its size " + llvm::Twine(T.Size));
        if (fits(T.FlagOffset, 1, T.PayloadOffset + T.Element->Size) &&
            T.FlagOffset >= T.PayloadOffset)
          return typeError(T, "flag byte lies inside the payload");
        break;
      case TypeKind::Char:
        if (T.Size != 1)
          return typeError(T, "must have size 1");
        break;
      case TypeKind::Null:
        break;
      case TypeKind::CString:
        if (T.Count == 0 ? T.Size != 8 : T.Size != T.Count)
          return typeError(T, "size must be 8 (a pointer) or its array length");
        break;
      case TypeKind::Enum:
      case TypeKind::Time:
        if (!T.Element || T.Element->Kind != TypeKind::Int || T.Element->Size != T.Size)
          return typeError(T, "must be of an int type of its size");
        if (T.Kind == TypeKind::Time && (T.Num == 0 || T.Den == 0))
          return typeError(T, "period must be positive");
        break;
      case TypeKind::Span:
        if (!fits(T.BeginOffset, 8, T.Size) || !fits(T.SizeOffset, 8, T.Size) ||
            !disjointWords(T.BeginOffset, T.SizeOffset))
          return typeError(T, "data and count words must be distinct and inside its size");
        if (!T.Element || T.Element->Size == 0)
          return typeError(T, "elements must not be empty");
        break;
      case TypeKind::Bytes:
        if (!fits(T.BeginOffset, 8, T.Size) || !fits(T.EndOffset, 8, T.Size) ||
            !disjointWords(T.BeginOffset, T.EndOffset))
          return typeError(T, "begin and end words must be distinct and inside its size");
        break;
      case TypeKind::Raw:
        if (!fits(T.DataOffset, 8, T.Size) || !fits(T.SizeOffset, 8, T.Size) ||
            !disjointWords(T.DataOffset, T.SizeOffset))
          return typeError(T, "data and length words must be distinct and inside its size");
        break;
      case TypeKind::Pointer:
        if (!T.Element || !fits(T.PayloadOffset, 8, T.Size))
          return typeError(T, "needs a pointee and a pointer word inside its size");
        break;
      case TypeKind::Custom:
        if (T.Helpers.size() != 1 || T.Helpers[0].Symbol.empty())
          return typeError(T, "needs exactly one hook symbol");
        break;
      case TypeKind::Sequence:
        if (!T.Element || T.Helpers.size() < 2 || T.Helpers.size() > 3)
          return typeError(T, "needs an element type and 2 or 3 helpers");
        for (const detail::TypeHelper& H : T.Helpers)
          if (H.Symbol.empty())
            return typeError(T, "has a helper without a symbol");
        if (T.IsMap) {
          const TypeDesc* Pair = T.Element;
          if (Pair->Kind != TypeKind::Tuple || Pair->Members.size() != 2 ||
              !Pair->Members[0].Type)
            return typeError(T, "a map's elements must be tuples of (key, value)");
          TypeKind Key = Pair->Members[0].Type->Kind;
          if (Key != TypeKind::String && Key != TypeKind::Int && Key != TypeKind::Enum)
            return typeError(T, "map keys must be strings, integers or enums");
        }
        break;
      case TypeKind::Variant:
        if (!fits(T.FlagOffset, 1, T.Size) || T.Bits != 8)
          return typeError(T, "index byte must lie inside its size");
        if (T.Members.empty() || T.Members.size() > 254)
          return typeError(T, "must have 1 to 254 alternatives");
        [[fallthrough]];
      case TypeKind::Tuple:
      case TypeKind::Struct:
        for (const detail::MemberDesc& M : T.Members) {
          if (!M.Type)
            return typeError(T, "member \"" + M.Name + "\" has no type");
          if (!fits(M.Offset, M.Type->Size, T.Size))
            return typeError(T, "member \"" + M.Name + "\" at offset " +
                                    llvm::Twine(M.Offset) + " of size " +
                                    llvm::Twine(M.Type->Size) + " is past the end (size " +
                                    llvm::Twine(T.Size) + ")");
          Work.push_back(M.Type);
        }
        break;
      }
    }
    return llvm::Error::success();
  }

  llvm::Error checkFunction(std::size_t FI) {
    const Function& F = P.Functions[FI];
    auto Fail = [&](std::size_t OpIndex, const llvm::Twine& Why) {
      if (OpIndex < F.Body.size() && F.Body[OpIndex].Loc.Line)
        return located(F.Body[OpIndex].Loc,
                       std::string(mnemonic(F.Body[OpIndex].Code)) + ": " + Why);
      if (F.Loc.Line)
        return located(F.Loc, Why);
      std::string Where = "function @" + std::to_string(FI) + " \"" + F.Name + "\"";
      if (OpIndex < F.Body.size())
        Where += ", op " + std::to_string(OpIndex) + " (" +
                 std::string(mnemonic(F.Body[OpIndex].Code)) + ")";
      return makeError(ErrorCode::InvalidProgram, Where + ": " + Why);
    };
    if (!F.Type)
      return Fail(F.Body.size(), "has no type");
    if (llvm::Error E = checkType(*F.Type))
      return E;
    std::vector<OpenScope> Scopes;
    for (std::size_t I = 0; I < F.Body.size(); ++I) {
      const Op& O = F.Body[I];
      const TypeDesc* Base = Scopes.empty() ? F.Type : Scopes.back().Base;
      switch (shapeOf(O.Code)) {
      case OpShape::Text:
        if (O.Bytes.empty())
          return Fail(I, "is empty");
        if (std::size_t Bad = firstInvalidUtf8(O.Bytes); Bad != llvm::StringRef::npos)
          return Fail(I, "is not valid UTF-8 (byte " + llvm::Twine(Bad) + " of the text, 0x" +
                             llvm::utohexstr(static_cast<unsigned char>(O.Bytes[Bad])) + ")");
        break;
      case OpShape::Value:
      case OpShape::ScopeBegin:
      case OpShape::Call: {
        if (!O.Type)
          return Fail(I, "has no type");
        if (llvm::Error E = checkType(*O.Type))
          return E;
        if (O.Code == Opcode::ArrBegin && O.Type->Kind == TypeKind::Array && O.Type->Count == 0)
          return Fail(I, "\"" + O.Type->Name + "\" has no elements (write text \"[]\" instead)");
        if (!opMatchesType(O.Code, *O.Type))
          return Fail(I, "cannot write a value of type \"" + O.Type->Name + "\"");
        if (!fits(O.Offset, O.Type->Size, Base->Size))
          return Fail(I, "value at offset " + llvm::Twine(O.Offset) + " of size " +
                             llvm::Twine(O.Type->Size) + " is past the end of \"" +
                             Base->Name + "\" (size " + llvm::Twine(Base->Size) + ")");
        if (O.Code == Opcode::Call && O.Callee >= P.Functions.size())
          return Fail(I, "there is no function @" + llvm::Twine(O.Callee) + " (the program has " +
                             llvm::Twine(P.Functions.size()) + " functions)");
        if (O.Code == Opcode::Call && P.Functions[O.Callee].Type != O.Type)
          return Fail(I, "callee @" + llvm::Twine(O.Callee) + " writes \"" +
                             P.Functions[O.Callee].Type->Name + "\", not \"" + O.Type->Name +
                             "\"");
        if (shapeOf(O.Code) == OpShape::ScopeBegin) {
          if (Scopes.size() == MaxScopeDepth)
            return Fail(I, "scopes nested deeper than " + llvm::Twine(MaxScopeDepth));
          // Inside var.begin, obj.begin and omit.begin offsets are from the
          // value itself; inside the others, from the element or payload.
          bool OnValue = O.Code == Opcode::VarBegin || O.Code == Opcode::ObjBegin ||
                         O.Code == Opcode::OmitBegin || O.Code == Opcode::OmitNullBegin;
          Scopes.push_back(OpenScope{O.Code, I, false, 0, OnValue ? O.Type : O.Type->Element,
                                     Base});
        }
        break;
      }
      case OpShape::Indent:
        break;
      case OpShape::ScopeElse: {
        if (Scopes.empty() || scopeElseOf(Scopes.back().Begin) != O.Code)
          return Fail(I, "without an open " +
                             llvm::Twine(O.Code == Opcode::VarCase ? "var.begin"
                                         : O.Code == Opcode::PtrElse ? "ptr.begin"
                                                                     : "opt.begin"));
        OpenScope& Open = Scopes.back();
        if (O.Code == Opcode::VarCase) {
          const TypeDesc& V = *F.Body[Open.Index].Type;
          if (++Open.Cases >= V.Members.size())
            return Fail(I, "more cases than \"" + V.Name + "\" has alternatives (" +
                               llvm::Twine(V.Members.size()) + ")");
          break;
        }
        if (Open.SawElse)
          return Fail(I, "a second else part");
        Open.SawElse = true;
        Open.Base = Open.Outer;
        break;
      }
      case OpShape::ScopeEnd:
        if (Scopes.empty() || scopeEndOf(Scopes.back().Begin) != O.Code)
          return Fail(I, Scopes.empty()
                             ? llvm::Twine("closes a scope that is not open")
                             : "does not close " +
                                   llvm::Twine(mnemonic(Scopes.back().Begin)) +
                                   (F.Body[Scopes.back().Index].Loc.Line
                                        ? " (line " +
                                              llvm::Twine(F.Body[Scopes.back().Index].Loc.Line) +
                                              ")"
                                        : llvm::Twine("")));
        if (O.Code == Opcode::VarEnd) {
          const TypeDesc& V = *F.Body[Scopes.back().Index].Type;
          if (Scopes.back().Cases + 1 != V.Members.size())
            return Fail(I, "\"" + V.Name + "\" has " + llvm::Twine(V.Members.size()) +
                               " alternatives but var.begin has " +
                               llvm::Twine(Scopes.back().Cases + 1) + " parts");
        }
        Scopes.pop_back();
        break;
      }
    }
    if (!Scopes.empty()) {
      const OpenScope& Open = Scopes.back();
      if (F.Body[Open.Index].Loc.Line)
        return Fail(Open.Index, "is never closed (expected " +
                                    llvm::Twine(mnemonic(scopeEndOf(Open.Begin))) + ")");
      return Fail(F.Body.size(), "unclosed " + llvm::Twine(mnemonic(Open.Begin)));
    }
    return llvm::Error::success();
  }
};

} // namespace

llvm::Error verifyProgram(const Program& P) { return Verifier(P).run(); }

} // namespace jitson::ir
