// Decimal integer formatting emitted as LLVM IR into each module, so generated code need not call out.
#ifndef JITSON_CODEGEN_INTEGERFORMAT_H
#define JITSON_CODEGEN_INTEGERFORMAT_H

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace jitson::codegen {

/// `ptr jitson.format.u64(ptr Cur, i64 V)`: writes V in decimal at Cur (at
/// most 20 bytes, exactly the digits) and returns the end. Defined once per
/// module (internal), so the optimiser may inline it and the fast tier
/// calls it directly instead of through a runtime helper.
llvm::Function* formatU64Function(llvm::Module& M);

/// `ptr jitson.format.i64(ptr Cur, i64 V)`: the same for a signed V (at most
/// 20 bytes with the '-').
llvm::Function* formatI64Function(llvm::Module& M);

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_INTEGERFORMAT_H
