// Prints serializer IR programs in the textual form that Parser reads (docs/IR.md).
#ifndef JITSON_IR_PRINTER_H
#define JITSON_IR_PRINTER_H

#include "IR/Program.h"

#include "llvm/Support/raw_ostream.h"

namespace jitson::ir {

/// Prints P: its options, a definition of every type it reaches, then its
/// functions, one op per line with scopes indented. Parsing the text gives
/// back an equal program, and printing that gives the same text.
void printProgram(const Program& P, llvm::raw_ostream& OS);
std::string printProgram(const Program& P);

/// Prints the options line ("options maxDepth 1000 pretty true ...\n"):
/// every option that differs from its default. A stable key for caches.
void printOptions(const Options& Opts, llvm::raw_ostream& OS);

/// Prints just the type definitions reachable from Root.
void printTypes(const TypeDesc& Root, llvm::raw_ostream& OS);

/// Appends S as a quoted IR string literal ("..." with \" \\ \xHH escapes).
void printQuoted(llvm::raw_ostream& OS, llvm::StringRef S);

} // namespace jitson::ir

#endif // JITSON_IR_PRINTER_H
