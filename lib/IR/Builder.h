// Stage 1b: turn a type description plus options into a serializer IR program.
#ifndef JITSON_IR_BUILDER_H
#define JITSON_IR_BUILDER_H

#include "IR/Program.h"

#include "llvm/Support/Error.h"

namespace jitson::ir {

/// Builds the program that writes Root with Opts, then merges adjacent text.
/// Fails (UnsupportedLayout) when a reachable type's layout is unknown.
llvm::Expected<Program> buildProgram(const TypeDesc& Root, const Options& Opts);

/// Appends Bytes to Out as the inside of a JSON string literal (no quotes),
/// escaped as Opts says (escapeHtml, escapeUnicode): keys and enumerator
/// names are escaped once, here, at code generation.
void appendJsonEscaped(std::string& Out, std::string_view Bytes, const Options& Opts = {});

/// Opts with every option that makes no difference to Root's output reset to
/// its default, so that such option sets share one program.
Options normalizeOptions(const TypeDesc& Root, const Options& Opts);

/// Whether Root's type graph contains a struct that reaches itself.
bool isRecursive(const TypeDesc& Root);

} // namespace jitson::ir

#endif // JITSON_IR_BUILDER_H
