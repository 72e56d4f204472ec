// Readable text form of serializer IR programs.
#ifndef JITSON_IR_PRINTER_H
#define JITSON_IR_PRINTER_H

#include "IR/Program.h"

#include "llvm/Support/raw_ostream.h"

namespace jitson::ir {

/// Prints P, one op per line, scopes indented:
///   func @0 "Point" {
///     text "{\"x\":"
///     f64 @0 : "double" path ".x"
///     ...
///   }
void printProgram(const Program& P, llvm::raw_ostream& OS);
std::string printProgram(const Program& P);

} // namespace jitson::ir

#endif // JITSON_IR_PRINTER_H
