// Stage 1b: type description + options -> serializer IR (one function per called type).
#include "IR/Builder.h"

#include "IR/CodedError.h"
#include "IR/TextMerging.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace jitson::ir {

namespace {

/// Decodes one UTF-8 code point at S[I]; returns its length, or 0 if invalid.
unsigned decodeUtf8(std::string_view S, std::size_t I, std::uint32_t& CodePoint) {
  auto Byte = [&](std::size_t K) { return static_cast<unsigned char>(S[K]); };
  unsigned char C = Byte(I);
  unsigned Len = C < 0xC2 ? 0 : C < 0xE0 ? 2 : C < 0xF0 ? 3 : C < 0xF5 ? 4 : 0;
  if (!Len || I + Len > S.size())
    return 0;
  std::uint32_t V = C & (0x7F >> Len);
  for (unsigned K = 1; K < Len; ++K) {
    if ((Byte(I + K) & 0xC0) != 0x80)
      return 0;
    V = (V << 6) | (Byte(I + K) & 0x3F);
  }
  static const std::uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (V < Min[Len] || V > 0x10FFFF || (V >= 0xD800 && V <= 0xDFFF))
    return 0;
  CodePoint = V;
  return Len;
}

void appendU(std::string& Out, std::uint32_t Unit) {
  static const char Hex[] = "0123456789abcdef";
  Out += "\\u";
  for (int Shift = 12; Shift >= 0; Shift -= 4)
    Out += Hex[(Unit >> Shift) & 15];
}

} // namespace

void appendJsonEscaped(std::string& Out, std::string_view Bytes, const Options& Opts) {
  for (std::size_t I = 0; I < Bytes.size(); ++I) {
    auto C = static_cast<unsigned char>(Bytes[I]);
    switch (C) {
    case '"': Out += "\\\""; continue;
    case '\\': Out += "\\\\"; continue;
    case '\b': Out += "\\b"; continue;
    case '\f': Out += "\\f"; continue;
    case '\n': Out += "\\n"; continue;
    case '\r': Out += "\\r"; continue;
    case '\t': Out += "\\t"; continue;
    default:
      break;
    }
    if (C < 0x20 || (Opts.escapeHtml && (C == '<' || C == '>' || C == '&'))) {
      appendU(Out, C);
      continue;
    }
    std::uint32_t CodePoint = 0;
    unsigned Len = C >= 0x80 ? decodeUtf8(Bytes, I, CodePoint) : 0;
    if (Len && (Opts.escapeUnicode ||
                (Opts.escapeHtml && (CodePoint == 0x2028 || CodePoint == 0x2029)))) {
      if (CodePoint >= 0x10000) {
        CodePoint -= 0x10000;
        appendU(Out, 0xD800 + (CodePoint >> 10));
        appendU(Out, 0xDC00 + (CodePoint & 0x3FF));
      } else {
        appendU(Out, CodePoint);
      }
      I += Len - 1;
      continue;
    }
    Out += static_cast<char>(C);
  }
}

namespace {

/// Visits every type reachable from Root once.
void forEachType(const TypeDesc& Root, const std::function<void(const TypeDesc&)>& Visit) {
  std::set<const TypeDesc*> Seen;
  std::vector<const TypeDesc*> Work{&Root};
  while (!Work.empty()) {
    const TypeDesc* T = Work.back();
    Work.pop_back();
    if (!T || !Seen.insert(T).second)
      continue;
    Visit(*T);
    Work.push_back(T->Element);
    for (const detail::MemberDesc& M : T->Members)
      Work.push_back(M.Type);
  }
}

bool isNullable(const TypeDesc& T) {
  return T.Kind == TypeKind::Optional || T.Kind == TypeKind::Pointer ||
         (T.Kind == TypeKind::CString && T.Count == 0) || T.Kind == TypeKind::Null;
}

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
  ProgramBuilder(const TypeDesc& Root, const Options& Opts)
      : Pretty(Opts.pretty), DynamicIndent(Opts.pretty && isRecursive(Root)) {
    P.Opts = Opts;
  }

  llvm::Expected<Program> build(const TypeDesc& Root) {
    if (Pretty && P.Opts.indentChar != ' ' && P.Opts.indentChar != '\t')
      return makeError(ErrorCode::InvalidProgram,
                       "Options::indentChar must be ' ' or '\\t' (JSON whitespace)");
    if (Pretty && P.Opts.indentWidth > 16)
      return makeError(ErrorCode::InvalidProgram, "Options::indentWidth must be at most 16");
    // With a trailing newline the entry cannot double as the function that
    // recursion calls (the newline would repeat inside).
    llvm::Expected<std::uint32_t> Entry =
        defineFunction(Root, /*Reusable=*/!P.Opts.trailingNewline);
    if (!Entry)
      return Entry.takeError();
    if (P.Opts.trailingNewline)
      text(P.Functions[0].Body, "\n");
    for (Function& F : P.Functions)
      mergeAdjacentText(F);
    return std::move(P);
  }

private:
  Program P;
  bool Pretty;
  bool DynamicIndent; ///< Indentation depends on the caller: nl ops, not text.
  std::map<const TypeDesc*, std::uint32_t> FunctionIndex;
  std::vector<const TypeDesc*> Open; ///< Structs being written, outermost first.

  llvm::Expected<std::uint32_t> defineFunction(const TypeDesc& T, bool Reusable = true) {
    if (Reusable) {
      auto Found = FunctionIndex.find(&T);
      if (Found != FunctionIndex.end())
        return Found->second;
    }
    auto Index = static_cast<std::uint32_t>(P.Functions.size());
    if (Reusable)
      FunctionIndex[&T] = Index;
    P.Functions.push_back(Function{T.Name, &T, {}, {}});
    // A new function inlines afresh from its own type: what the caller had
    // open is not on this function's path.
    std::vector<const TypeDesc*> CallerOpen;
    std::swap(CallerOpen, Open);
    std::vector<Op> Body;
    llvm::Error E = T.Kind == TypeKind::Struct ? emitStructBody(Body, T, 0, "", 0)
                                               : emitValue(Body, T, 0, "", 0);
    Open = std::move(CallerOpen);
    if (E)
      return E;
    P.Functions[Index].Body = std::move(Body); // Functions may have grown.
    return Index;
  }

  static void text(std::vector<Op>& Body, std::string Bytes) {
    if (Bytes.empty())
      return;
    Op O;
    O.Code = Opcode::Text;
    O.Bytes = std::move(Bytes);
    Body.push_back(std::move(O));
  }

  static Op& valueOp(std::vector<Op>& Body, Opcode Code, const TypeDesc& T,
                     std::uint64_t Offset, const std::string& Path) {
    Op O;
    O.Code = Code;
    O.Offset = Offset;
    O.Type = &T;
    O.Path = Path;
    Body.push_back(std::move(O));
    return Body.back();
  }

  static void marker(std::vector<Op>& Body, Opcode Code) {
    Op O;
    O.Code = Code;
    Body.push_back(std::move(O));
  }

  std::string indentText(std::uint32_t Level) const {
    return "\n" + std::string(std::size_t(Level) * P.Opts.indentWidth, P.Opts.indentChar);
  }

  /// Appends a newline and indentation to Level to Pending text, or (when
  /// indentation depends on the caller) flushes Pending and adds an nl op.
  void newline(std::vector<Op>& Body, std::string& Pending, std::uint32_t Level) const {
    if (!Pretty)
      return;
    if (!DynamicIndent) {
      Pending += indentText(Level);
      return;
    }
    text(Body, std::move(Pending));
    Pending.clear();
    Op O;
    O.Code = Opcode::Nl;
    O.Level = Level;
    Body.push_back(std::move(O));
  }

  std::string quotedKey(std::string_view Key) const {
    std::string Out = "\"";
    appendJsonEscaped(Out, Key, P.Opts);
    Out += Pretty ? "\": " : "\":";
    return Out;
  }

  llvm::Error emitLoop(std::vector<Op>& Body, Opcode Begin, const TypeDesc& T,
                       std::uint64_t Offset, const std::string& Path, std::uint32_t Level,
                       const char* Open, const char* Close) {
    text(Body, Open);
    valueOp(Body, Begin, T, Offset, Path).Level = Pretty ? Level + 1 : 0;
    llvm::Error E = T.IsMap ? emitMapEntry(Body, *T.Element, Level + 1)
                            : emitValue(Body, *T.Element, 0, "", Level + 1);
    if (E)
      return E;
    marker(Body, scopeEndOf(Begin));
    text(Body, Close);
    return llvm::Error::success();
  }

  /// One (key, value) pair of a map: "key":value.
  llvm::Error emitMapEntry(std::vector<Op>& Body, const TypeDesc& Pair, std::uint32_t Level) {
    const detail::MemberDesc& Key = Pair.Members[0];
    const detail::MemberDesc& Value = Pair.Members[1];
    const TypeDesc& K = *Key.Type;
    if (!K.LayoutError.empty())
      return makeError(ErrorCode::UnsupportedLayout, K.LayoutError);
    std::string Colon = Pretty ? ": " : ":";
    switch (K.Kind) {
    case TypeKind::String:
      valueOp(Body, Opcode::Str, K, Key.Offset, "");
      break;
    case TypeKind::Int:
      text(Body, "\"");
      valueOp(Body, intOpcode(K), K, Key.Offset, "");
      Colon.insert(0, "\"");
      break;
    case TypeKind::Enum:
      if (P.Opts.enumsAsStrings && !K.Enumerators.empty()) {
        valueOp(Body, Opcode::EnumKey, K, Key.Offset, "");
      } else {
        text(Body, "\"");
        valueOp(Body, intOpcode(*K.Element), *K.Element, Key.Offset, "");
        Colon.insert(0, "\"");
      }
      break;
    default:
      return makeError(ErrorCode::InvalidProgram, "map key type " + K.Name +
                                                      " is not a string, integer or enum");
    }
    text(Body, Colon);
    return emitValue(Body, *Value.Type, Value.Offset, "", Level);
  }

  /// A scope whose body writes the payload at 0 and whose else part writes null.
  llvm::Error emitNullable(std::vector<Op>& Body, Opcode Begin, const TypeDesc& T,
                           std::uint64_t Offset, const std::string& Path, std::uint32_t Level) {
    valueOp(Body, Begin, T, Offset, Path);
    if (llvm::Error E = emitValue(Body, *T.Element, 0, "", Level))
      return E;
    marker(Body, scopeElseOf(Begin));
    text(Body, "null");
    marker(Body, scopeEndOf(Begin));
    return llvm::Error::success();
  }

  llvm::Error emitValue(std::vector<Op>& Body, const TypeDesc& T, std::uint64_t Offset,
                        const std::string& Path, std::uint32_t Level, bool Quoted = false) {
    if (!T.LayoutError.empty())
      return makeError(ErrorCode::UnsupportedLayout, T.LayoutError);
    auto Scalar = [&](Opcode Code, const TypeDesc& Of) {
      if (Quoted)
        text(Body, "\"");
      valueOp(Body, Code, Of, Offset, Path);
      if (Quoted)
        text(Body, "\"");
      return llvm::Error::success();
    };
    switch (T.Kind) {
    case TypeKind::Bool:
      return Scalar(Opcode::Bool, T);
    case TypeKind::Int:
      return Scalar(intOpcode(T), T);
    case TypeKind::Float:
      return Scalar(T.Bits == 32 ? Opcode::F32 : Opcode::F64, T);
    case TypeKind::Enum:
      if (P.Opts.enumsAsStrings && !T.Enumerators.empty()) {
        valueOp(Body, Quoted ? Opcode::EnumKey : Opcode::Enum, T, Offset, Path);
        return llvm::Error::success();
      }
      return Scalar(intOpcode(*T.Element), *T.Element);
    case TypeKind::String:
      valueOp(Body, Opcode::Str, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Char:
      valueOp(Body, Opcode::Char, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::CString:
      valueOp(Body, Opcode::CStr, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Raw:
      valueOp(Body, Opcode::Raw, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Bytes:
      valueOp(Body, Opcode::Bytes, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Time:
      valueOp(Body, Opcode::Time, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Custom:
      valueOp(Body, Opcode::Hook, T, Offset, Path);
      return llvm::Error::success();
    case TypeKind::Null:
      text(Body, "null");
      return llvm::Error::success();
    case TypeKind::Vector:
    case TypeKind::Span:
      return emitLoop(Body, Opcode::VecBegin, T, Offset, Path, Level, "[", "]");
    case TypeKind::Sequence: {
      Opcode Begin = T.IsMap && P.Opts.sortMapKeys && !T.Ordered && T.Helpers.size() > detail::IterSorted
                         ? Opcode::SortedBegin
                         : Opcode::SeqBegin;
      return emitLoop(Body, Begin, T, Offset, Path, Level, T.IsMap ? "{" : "[",
                      T.IsMap ? "}" : "]");
    }
    case TypeKind::Array:
      if (T.Count == 0) {
        text(Body, "[]");
        return llvm::Error::success();
      }
      return emitLoop(Body, Opcode::ArrBegin, T, Offset, Path, Level, "[", "]");
    case TypeKind::Tuple: {
      std::string Pending = "[";
      for (std::size_t I = 0; I < T.Members.size(); ++I) {
        if (I)
          Pending += ',';
        newline(Body, Pending, Level + 1);
        text(Body, std::move(Pending));
        Pending.clear();
        std::string ElementPath = Path + "[" + std::to_string(I) + "]";
        if (llvm::Error E = emitValue(Body, *T.Members[I].Type, Offset + T.Members[I].Offset,
                                      ElementPath, Level + 1))
          return E;
      }
      if (!T.Members.empty())
        newline(Body, Pending, Level);
      Pending += ']';
      text(Body, std::move(Pending));
      return llvm::Error::success();
    }
    case TypeKind::Optional:
      return emitNullable(Body, Opcode::OptBegin, T, Offset, Path, Level);
    case TypeKind::Pointer:
      return emitNullable(Body, Opcode::PtrBegin, T, Offset, Path, Level);
    case TypeKind::Variant: {
      valueOp(Body, Opcode::VarBegin, T, Offset, Path);
      for (std::size_t I = 0; I < T.Members.size(); ++I) {
        if (I)
          marker(Body, Opcode::VarCase);
        if (llvm::Error E = emitValue(Body, *T.Members[I].Type, T.Members[I].Offset, "", Level))
          return E;
      }
      marker(Body, Opcode::VarEnd);
      return llvm::Error::success();
    }
    case TypeKind::Struct:
      return emitStruct(Body, T, Offset, Path, Level);
    }
    return makeError(ErrorCode::Internal, "unknown type kind in " + T.Name);
  }

  llvm::Error emitStruct(std::vector<Op>& Body, const TypeDesc& T, std::uint64_t Offset,
                         const std::string& Path, std::uint32_t Level) {
    bool Recurs = std::find(Open.begin(), Open.end(), &T) != Open.end();
    if (Recurs) {
      llvm::Expected<std::uint32_t> Callee = defineFunction(T);
      if (!Callee)
        return Callee.takeError();
      Op& Call = valueOp(Body, Opcode::Call, T, Offset, Path);
      Call.Callee = *Callee;
      Call.Level = DynamicIndent ? Level : 0;
      return llvm::Error::success();
    }
    return emitStructBody(Body, T, Offset, Path, Level);
  }

  bool omittable(const detail::MemberDesc& M) const {
    return M.OmitEmpty || (P.Opts.omitNull && isNullable(*M.Type));
  }

  llvm::Error emitStructBody(std::vector<Op>& Body, const TypeDesc& T, std::uint64_t Offset,
                             const std::string& Path, std::uint32_t Level) {
    Open.push_back(&T);
    bool AnyOmittable = std::any_of(T.Members.begin(), T.Members.end(),
                                    [&](const detail::MemberDesc& M) { return omittable(M); });
    llvm::Error E = AnyOmittable ? emitObjectScope(Body, T, Offset, Path, Level)
                                 : emitFixedObject(Body, T, Offset, Path, Level);
    Open.pop_back();
    return E;
  }

  /// Every member is written: all punctuation is constant text.
  llvm::Error emitFixedObject(std::vector<Op>& Body, const TypeDesc& T, std::uint64_t Offset,
                              const std::string& Path, std::uint32_t Level) {
    std::string Pending = "{";
    for (const detail::MemberDesc& M : T.Members) {
      newline(Body, Pending, Level + 1);
      Pending += quotedKey(M.Name);
      text(Body, std::move(Pending));
      Pending.clear();
      if (llvm::Error E = emitValue(Body, *M.Type, Offset + M.Offset, Path + "." + M.Name,
                                    Level + 1, M.AsString))
        return E;
      Pending = ",";
    }
    if (T.Members.empty()) {
      Pending = "{}";
    } else {
      Pending.clear();
      newline(Body, Pending, Level);
      Pending += '}';
    }
    text(Body, std::move(Pending));
    return llvm::Error::success();
  }

  /// Some members may be left out: each writes its own ',' and obj.end turns
  /// the first one into '{' (or writes {} when none was written).
  llvm::Error emitObjectScope(std::vector<Op>& Body, const TypeDesc& T, std::uint64_t Offset,
                              const std::string& Path, std::uint32_t Level) {
    valueOp(Body, Opcode::ObjBegin, T, Offset, "").Level = Pretty ? Level : 0;
    for (const detail::MemberDesc& M : T.Members) {
      bool Omit = omittable(M);
      if (Omit)
        valueOp(Body, M.OmitEmpty ? Opcode::OmitBegin : Opcode::OmitNullBegin, *M.Type,
                M.Offset, "");
      std::string Pending = ",";
      newline(Body, Pending, Level + 1);
      Pending += quotedKey(M.Name);
      text(Body, std::move(Pending));
      if (llvm::Error E = emitValue(Body, *M.Type, Omit ? 0 : M.Offset, Path + "." + M.Name,
                                    Level + 1, M.AsString))
        return E;
      if (Omit)
        marker(Body, Opcode::OmitEnd);
    }
    marker(Body, Opcode::ObjEnd);
    return llvm::Error::success();
  }
};

} // namespace

bool isRecursive(const TypeDesc& Root) {
  // Depth-first with colours: a struct met again while still open recurs.
  std::map<const TypeDesc*, int> State; // 1 open, 2 done
  std::function<bool(const TypeDesc*)> Visit = [&](const TypeDesc* T) {
    if (!T)
      return false;
    int& S = State[T];
    if (S == 1)
      return true;
    if (S == 2)
      return false;
    S = 1;
    bool Found = Visit(T->Element);
    for (const detail::MemberDesc& M : T->Members)
      Found = Found || Visit(M.Type);
    State[T] = 2;
    return Found;
  };
  return Visit(&Root);
}

Options normalizeOptions(const TypeDesc& Root, const Options& Opts) {
  bool Strings = false, Floats = false, Unordered = false, Nullables = false, Names = false;
  bool SpecialText = false; // constant text that escapeHtml/escapeUnicode would change
  auto Special = [&](std::string_view S) {
    for (unsigned char C : S)
      SpecialText |= C >= 0x80 || C == '<' || C == '>' || C == '&';
  };
  forEachType(Root, [&](const TypeDesc& T) {
    switch (T.Kind) {
    case TypeKind::String:
    case TypeKind::Char:
    case TypeKind::CString:
      Strings = true;
      break;
    case TypeKind::Float:
      Floats = true;
      break;
    case TypeKind::Sequence:
      Unordered |= T.IsMap && !T.Ordered;
      break;
    case TypeKind::Enum:
      Names |= !T.Enumerators.empty();
      for (const detail::EnumeratorDesc& E : T.Enumerators)
        Special(E.Name);
      break;
    case TypeKind::Struct:
      for (const detail::MemberDesc& M : T.Members) {
        Nullables |= isNullable(*M.Type);
        Special(M.Name);
      }
      break;
    default:
      break;
    }
  });
  Options Out = Opts;
  const Options Defaults;
  if (!Strings && !SpecialText) {
    Out.escapeHtml = Defaults.escapeHtml;
    Out.escapeUnicode = Defaults.escapeUnicode;
  }
  if (!Strings)
    Out.utf8 = Defaults.utf8;
  if (!Floats)
    Out.nonFinite = Defaults.nonFinite;
  if (!Unordered)
    Out.sortMapKeys = Defaults.sortMapKeys;
  if (!Nullables)
    Out.omitNull = Defaults.omitNull;
  if (!Names)
    Out.enumsAsStrings = Defaults.enumsAsStrings;
  if (!Opts.pretty) {
    Out.indentWidth = Defaults.indentWidth;
    Out.indentChar = Defaults.indentChar;
  }
  // Depth only bounds recursion (0 fails everything, as documented).
  if (!isRecursive(Root) && Opts.maxDepth != 0)
    Out.maxDepth = Defaults.maxDepth;
  return Out;
}

llvm::Expected<Program> buildProgram(const TypeDesc& Root, const Options& Opts) {
  return ProgramBuilder(Root, Opts).build(Root);
}

} // namespace jitson::ir
