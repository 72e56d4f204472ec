// Running programs that did not come from reflection (parsed or built by tools).
#ifndef JITSON_RUNTIME_EXECUTION_H
#define JITSON_RUNTIME_EXECUTION_H

#include "IR/Program.h"
#include "jitson/Error.h"

#include <string>

namespace jitson::runtime {

/// Compiles P (uncached) and runs it on Value, which must be laid out as
/// P.Functions[0].Type says; appends the JSON to Out. Compile failures and
/// run failures both come back as a Status.
Status compileAndRun(const ir::Program& P, const void* Value, std::string& Out);

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_EXECUTION_H
