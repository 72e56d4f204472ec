// Prints serializer IR programs as text: options, type definitions, functions.
#include "IR/Printer.h"

#include "llvm/Support/Format.h"

#include <map>
#include <set>

namespace jitson::ir {

void printQuoted(llvm::raw_ostream& OS, llvm::StringRef S) {
  OS << '"';
  for (unsigned char C : S) {
    if (C == '"' || C == '\\')
      OS << '\\' << C;
    else if (C >= 0x20 && C < 0x7F)
      OS << C;
    else
      OS << "\\x" << llvm::format_hex_no_prefix(C, 2, /*Upper=*/true);
  }
  OS << '"';
}

namespace {

/// Gives every reachable type a unique printed name (its C++ name, with
/// "#2", "#3", ... when distinct types share one) and an order in which each
/// type is defined after the types it contains (except through recursion).
class TypeNamer {
public:
  void add(const TypeDesc& T) {
    if (!Seen.insert(&T).second)
      return;
    if (T.Element)
      add(*T.Element);
    for (const detail::MemberDesc& M : T.Members)
      add(*M.Type);
    unsigned& Uses = NameUses[T.Name];
    Names[&T] = Uses++ ? T.Name + "#" + std::to_string(Uses) : T.Name;
    Order.push_back(&T);
  }

  const std::string& name(const TypeDesc& T) const {
    static const std::string Unknown = "<unknown>";
    auto It = Names.find(&T);
    return It == Names.end() ? Unknown : It->second;
  }

  void printDefinitions(llvm::raw_ostream& OS) const {
    for (const TypeDesc* T : Order)
      printDefinition(*T, OS);
  }

private:
  std::set<const TypeDesc*> Seen;
  std::map<std::string, unsigned> NameUses;
  std::map<const TypeDesc*, std::string> Names;
  std::vector<const TypeDesc*> Order;

  void ref(llvm::raw_ostream& OS, const TypeDesc* T) const {
    printQuoted(OS, T ? name(*T) : "<null>");
  }

  void printDefinition(const TypeDesc& T, llvm::raw_ostream& OS) const {
    OS << "type ";
    printQuoted(OS, name(T));
    OS << " = ";
    auto SizeAlign = [&] { OS << " size " << T.Size << " align " << T.Align; };
    switch (T.Kind) {
    case TypeKind::Bool:
      OS << "bool";
      break;
    case TypeKind::Int:
      OS << "int " << unsigned(T.Bits) << (T.IsSigned ? " signed" : " unsigned");
      break;
    case TypeKind::Float:
      OS << "float " << unsigned(T.Bits);
      break;
    case TypeKind::String:
      OS << (T.Flavor == detail::StringFlavor::StdString ? "string" : "string_view");
      SizeAlign();
      OS << " data " << T.DataOffset << " length " << T.SizeOffset;
      break;
    case TypeKind::Vector:
      OS << "vector";
      SizeAlign();
      OS << " begin " << T.BeginOffset << " end " << T.EndOffset << " of ";
      ref(OS, T.Element);
      break;
    case TypeKind::Array:
      OS << "array " << T.Count << " of ";
      ref(OS, T.Element);
      break;
    case TypeKind::Optional:
      OS << "optional";
      SizeAlign();
      OS << " payload " << T.PayloadOffset << " flag " << T.FlagOffset << " of ";
      ref(OS, T.Element);
      break;
    case TypeKind::Struct:
    case TypeKind::Tuple:
    case TypeKind::Variant:
      OS << (T.Kind == TypeKind::Struct ? "struct" : T.Kind == TypeKind::Tuple ? "tuple" : "variant");
      SizeAlign();
      if (T.Kind == TypeKind::Variant)
        OS << " index " << T.FlagOffset;
      OS << " {\n";
      for (const detail::MemberDesc& M : T.Members) {
        OS << "  ";
        printQuoted(OS, M.Name);
        OS << " @" << M.Offset << " : ";
        ref(OS, M.Type);
        if (M.OmitEmpty)
          OS << " omitempty";
        if (M.AsString)
          OS << " quoted";
        OS << '\n';
      }
      OS << '}';
      break;
    case TypeKind::Char:
      OS << "char";
      break;
    case TypeKind::Null:
      OS << "null";
      SizeAlign();
      break;
    case TypeKind::CString:
      OS << "cstring " << T.Count;
      break;
    case TypeKind::Enum:
      OS << "enum of ";
      ref(OS, T.Element);
      OS << " {";
      for (const detail::EnumeratorDesc& E : T.Enumerators) {
        OS << ' ' << static_cast<std::uint64_t>(E.Value) << ' '; // two's complement
        printQuoted(OS, E.Name);
      }
      OS << " }";
      break;
    case TypeKind::Span:
      OS << "span";
      SizeAlign();
      OS << " data " << T.BeginOffset << " count " << T.SizeOffset << " of ";
      ref(OS, T.Element);
      break;
    case TypeKind::Sequence:
      OS << (T.IsMap ? "map" : "sequence");
      SizeAlign();
      if (T.Ordered)
        OS << " ordered";
      OS << " helpers";
      for (const detail::TypeHelper& H : T.Helpers) {
        OS << ' ';
        printQuoted(OS, H.Symbol);
      }
      OS << " of ";
      ref(OS, T.Element);
      break;
    case TypeKind::Pointer:
      OS << "pointer";
      SizeAlign();
      OS << " at " << T.PayloadOffset << " to ";
      ref(OS, T.Element);
      break;
    case TypeKind::Bytes:
      OS << "bytes";
      SizeAlign();
      OS << " begin " << T.BeginOffset << " end " << T.EndOffset;
      break;
    case TypeKind::Time:
      OS << "time " << T.Num << '/' << T.Den << " of ";
      ref(OS, T.Element);
      break;
    case TypeKind::Raw:
      OS << "raw";
      SizeAlign();
      OS << " data " << T.DataOffset << " length " << T.SizeOffset;
      break;
    case TypeKind::Custom:
      OS << "custom";
      SizeAlign();
      OS << " hook ";
      printQuoted(OS, T.Helpers.empty() ? "" : T.Helpers[0].Symbol);
      break;
    }
    OS << '\n';
  }

public:
  void printFunctions(const Program& P, llvm::raw_ostream& OS) const {
    for (std::size_t I = 0; I < P.Functions.size(); ++I) {
      const Function& F = P.Functions[I];
      OS << "\nfunc @" << I << " : ";
      ref(OS, F.Type);
      OS << " {\n";
      unsigned Depth = 1;
      for (const Op& O : F.Body) {
        OpShape Shape = shapeOf(O.Code);
        if ((Shape == OpShape::ScopeEnd || Shape == OpShape::ScopeElse) && Depth > 1)
          --Depth;
        OS.indent(2 * Depth) << mnemonic(O.Code);
        switch (Shape) {
        case OpShape::Text:
          OS << ' ';
          printQuoted(OS, O.Bytes);
          break;
        case OpShape::Value:
        case OpShape::ScopeBegin:
        case OpShape::Call:
          OS << " @" << O.Offset << " : ";
          ref(OS, O.Type);
          if (Shape == OpShape::Call)
            OS << " -> @" << O.Callee;
          if (!O.Path.empty()) {
            OS << " path ";
            printQuoted(OS, O.Path);
          }
          if (O.Level)
            OS << " level " << O.Level;
          break;
        case OpShape::Indent:
          OS << ' ' << O.Level;
          break;
        case OpShape::ScopeElse:
        case OpShape::ScopeEnd:
          break;
        }
        OS << '\n';
        if (Shape == OpShape::ScopeBegin || Shape == OpShape::ScopeElse)
          ++Depth;
      }
      OS << "}\n";
    }
  }
};

} // namespace

void printOptions(const Options& Opts, llvm::raw_ostream& OS) {
  const Options Defaults;
  // maxDepth always, the others only when they differ from the defaults.
  OS << "options maxDepth " << Opts.maxDepth;
  auto Flag = [&](const char* Name, bool On, bool Default) {
    if (On != Default)
      OS << ' ' << Name << ' ' << (On ? "true" : "false");
  };
  Flag("escapeHtml", Opts.escapeHtml, Defaults.escapeHtml);
  if (Opts.utf8 != Defaults.utf8)
    OS << " utf8 " << (Opts.utf8 == Utf8Mode::Replace ? "replace" : "error");
  Flag("escapeUnicode", Opts.escapeUnicode, Defaults.escapeUnicode);
  if (Opts.nonFinite != Defaults.nonFinite)
    OS << " nonFinite null";
  Flag("sortMapKeys", Opts.sortMapKeys, Defaults.sortMapKeys);
  Flag("omitNull", Opts.omitNull, Defaults.omitNull);
  Flag("enumsAsStrings", Opts.enumsAsStrings, Defaults.enumsAsStrings);
  Flag("pretty", Opts.pretty, Defaults.pretty);
  if (Opts.indentWidth != Defaults.indentWidth)
    OS << " indentWidth " << unsigned(Opts.indentWidth);
  if (Opts.indentChar != Defaults.indentChar)
    OS << " indentChar " << (Opts.indentChar == '\t' ? "tab" : "space");
  Flag("trailingNewline", Opts.trailingNewline, Defaults.trailingNewline);
  OS << '\n';
}

void printProgram(const Program& P, llvm::raw_ostream& OS) {
  TypeNamer Namer;
  for (const Function& F : P.Functions) {
    if (F.Type)
      Namer.add(*F.Type);
    for (const Op& O : F.Body)
      if (O.Type)
        Namer.add(*O.Type);
  }
  printOptions(P.Opts, OS);
  OS << "\n";
  Namer.printDefinitions(OS);
  Namer.printFunctions(P, OS);
}

std::string printProgram(const Program& P) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  printProgram(P, OS);
  return S;
}

void printTypes(const TypeDesc& Root, llvm::raw_ostream& OS) {
  TypeNamer Namer;
  Namer.add(Root);
  Namer.printDefinitions(OS);
}

} // namespace jitson::ir
