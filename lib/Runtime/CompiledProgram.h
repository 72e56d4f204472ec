// jitson::detail::Program: a compiled serializer, or why it could not be compiled.
#ifndef JITSON_RUNTIME_COMPILEDPROGRAM_H
#define JITSON_RUNTIME_COMPILEDPROGRAM_H

#include "CodeGen/RuntimeAbi.h"
#include "jitson/detail/Program.h"

namespace jitson::detail {

struct Program {
  const TypeDesc* Type = nullptr;
  Options Opts;
  codegen::EntryFunction Entry = nullptr; ///< Null when compiling failed.
  Status Failure;                          ///< Why Entry is null.
};

} // namespace jitson::detail

#endif // JITSON_RUNTIME_COMPILEDPROGRAM_H
