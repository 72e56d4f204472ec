// Reads the textual serializer IR (docs/IR.md) into a program and the types it defines.
#ifndef JITSON_IR_PARSER_H
#define JITSON_IR_PARSER_H

#include "IR/Program.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <deque>
#include <memory>

namespace jitson::ir {

/// A parsed program and the type descriptions it points into.
struct ParsedProgram {
  std::deque<TypeDesc> Types; ///< Stable addresses: Program refers to them.
  Program P;
};

/// Parses Text. Errors (InvalidProgram) read "Source:line:col: error: ...".
/// Any input, however malformed, gives a program or an error: the parser is
/// iterative and bounds every number it reads. Does not verify the program.
llvm::Expected<std::unique_ptr<ParsedProgram>> parseProgram(llvm::StringRef Text,
                                                            llvm::StringRef Source);

} // namespace jitson::ir

#endif // JITSON_IR_PARSER_H
