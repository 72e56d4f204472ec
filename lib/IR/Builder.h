// Stage 1b: turn a type description plus options into a serializer IR program.
#ifndef JITSON_IR_BUILDER_H
#define JITSON_IR_BUILDER_H

#include "IR/Program.h"

#include "llvm/Support/Error.h"

namespace jitson::ir {

/// Builds the program that writes Root with Opts, then merges adjacent text.
/// Fails (UnsupportedLayout) when a reachable type's layout is unknown.
llvm::Expected<Program> buildProgram(const TypeDesc& Root, const Options& Opts);

/// Appends Bytes to Out as the inside of a JSON string literal (no quotes).
void appendJsonEscaped(std::string& Out, std::string_view Bytes);

} // namespace jitson::ir

#endif // JITSON_IR_BUILDER_H
