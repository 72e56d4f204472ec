// The options a program is compiled for: the caller's, less those that change nothing for the type.
#include "IR/Builder.h"
#include "jitson/detail/Program.h"

namespace jitson::detail {

Options normalizedOptions(const TypeDesc& Type, const Options& Opts) {
  return ir::normalizeOptions(Type, Opts);
}

} // namespace jitson::detail
