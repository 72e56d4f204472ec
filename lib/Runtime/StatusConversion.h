// The one place where internal failures become public jitson::Status values.
#ifndef JITSON_RUNTIME_STATUSCONVERSION_H
#define JITSON_RUNTIME_STATUSCONVERSION_H

#include "CodeGen/RuntimeAbi.h"
#include "jitson/Error.h"
#include "jitson/Options.h"

#include "llvm/Support/Error.h"

namespace jitson::runtime {

/// A failure from lib/ (IR, CodeGen, ORC): its CodedError code, else Internal.
Status toStatus(llvm::Error E, const std::string& TypeName);

/// A non-zero status returned by generated code, with the path it unwound.
Status statusFromRun(std::int32_t Code, const codegen::Stack& S, const Options& Opts);

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_STATUSCONVERSION_H
