// Prints serializer IR programs as text (one op per line, scopes indented).
#include "IR/Printer.h"

#include "llvm/Support/Format.h"

namespace jitson::ir {

namespace {

void printQuoted(llvm::raw_ostream& OS, llvm::StringRef S) {
  OS << '"';
  for (unsigned char C : S) {
    if (C == '"' || C == '\\')
      OS << '\\' << C;
    else if (C >= 0x20 && C < 0x7F)
      OS << C;
    else
      OS << "\\x" << llvm::format_hex_no_prefix(C, 2);
  }
  OS << '"';
}

} // namespace

void printProgram(const Program& P, llvm::raw_ostream& OS) {
  OS << "; jitson serializer IR, maxDepth " << P.Opts.maxDepth << "\n";
  for (std::size_t I = 0; I < P.Functions.size(); ++I) {
    const Function& F = P.Functions[I];
    OS << "func @" << I << ' ';
    printQuoted(OS, F.Name);
    OS << " {\n";
    unsigned Depth = 1;
    for (const Op& O : F.Body) {
      OpShape Shape = shapeOf(O.Code);
      if (Shape == OpShape::ScopeEnd || Shape == OpShape::ScopeElse)
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
        printQuoted(OS, O.Type ? O.Type->Name : "<null>");
        if (Shape == OpShape::Call)
          OS << " -> @" << O.Callee;
        if (!O.Path.empty()) {
          OS << " path ";
          printQuoted(OS, O.Path);
        }
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

std::string printProgram(const Program& P) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  printProgram(P, OS);
  return S;
}

} // namespace jitson::ir
