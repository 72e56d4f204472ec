// IR pass: fold runs of adjacent text ops into one.
#ifndef JITSON_IR_TEXTMERGING_H
#define JITSON_IR_TEXTMERGING_H

#include "IR/Program.h"

namespace jitson::ir {

/// Adjacent text ops always write adjacent bytes (scope ops separate
/// anything that could run in between), so each run becomes one op.
void mergeAdjacentText(Function& F);

} // namespace jitson::ir

#endif // JITSON_IR_TEXTMERGING_H
