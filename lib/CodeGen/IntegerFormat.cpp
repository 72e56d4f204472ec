// Decimal integer formatting emitted as LLVM IR into each module, so generated code need not call out.
#include "CodeGen/IntegerFormat.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"

#include <cstdint>
#include <string>
#include <utility>

using namespace llvm;

namespace jitson::codegen {

namespace {

/// "00" "01" ... "99": two digits per 16-bit load.
GlobalVariable* digitPairs(Module& M) {
  if (GlobalVariable* G = M.getNamedGlobal("jitson.digit.pairs"))
    return G;
  std::string Pairs;
  for (int I = 0; I < 100; ++I) {
    Pairs += static_cast<char>('0' + I / 10);
    Pairs += static_cast<char>('0' + I % 10);
  }
  Constant* Init = ConstantDataArray::getString(M.getContext(), Pairs, /*AddNull=*/false);
  auto* G = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                               GlobalValue::PrivateLinkage, Init, "jitson.digit.pairs");
  G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  G->setAlignment(Align(2));
  return G;
}

/// 10^0 ... 10^19, for counting digits.
GlobalVariable* powersOf10(Module& M) {
  if (GlobalVariable* G = M.getNamedGlobal("jitson.powers.of.10"))
    return G;
  std::uint64_t Powers[20];
  Powers[0] = 1;
  for (int I = 1; I < 20; ++I)
    Powers[I] = Powers[I - 1] * 10;
  Constant* Init = ConstantDataArray::get(M.getContext(), ArrayRef<std::uint64_t>(Powers));
  auto* G = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                               GlobalValue::PrivateLinkage, Init, "jitson.powers.of.10");
  G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  G->setAlignment(Align(8));
  return G;
}

Function* newFormatter(Module& M, StringRef Name) {
  LLVMContext& C = M.getContext();
  Type* Ptr = PointerType::getUnqual(C);
  auto* Ty = FunctionType::get(Ptr, {Ptr, Type::getInt64Ty(C)}, false);
  Function* F = Function::Create(Ty, GlobalValue::InternalLinkage, Name, M);
  F->setDoesNotThrow();
  F->addFnAttr(Attribute::NoFree);
  F->addFnAttr(Attribute::NoSync);
  F->addFnAttr(Attribute::WillReturn);
  F->getArg(0)->setName("cur");
  F->getArg(1)->setName("v");
  return F;
}

/// Stores of digit pairs, from the table.
struct DigitWriter {
  IRBuilder<>& B;
  Value* Pairs;

  /// The two digits of V < 100 (i32) at P.
  void pair(Value* P, Value* V) {
    Value* Index = B.CreateShl(B.CreateZExt(V, B.getInt64Ty()), 1);
    Value* Src = B.CreateInBoundsGEP(B.getInt8Ty(), Pairs, Index);
    B.CreateAlignedStore(B.CreateAlignedLoad(B.getInt16Ty(), Src, Align(2)), P, Align(1));
  }

  /// Exactly eight digits of V < 10^8 (i32) at P: two independent halves.
  void eight(Value* P, Value* V) {
    Value* High = B.CreateUDiv(V, B.getInt32(10000));
    Value* Low = B.CreateSub(V, B.CreateMul(High, B.getInt32(10000)));
    Value* Halves[2] = {High, Low};
    for (unsigned H = 0; H < 2; ++H) {
      Value* Top = B.CreateUDiv(Halves[H], B.getInt32(100));
      Value* Bottom = B.CreateSub(Halves[H], B.CreateMul(Top, B.getInt32(100)));
      pair(B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), P, 4 * H), Top);
      pair(B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), P, 4 * H + 2), Bottom);
    }
  }
};

/// A loop that, while the value is Divisor or more, writes its remainder's
/// Width digits (Write) just before the position and goes on with the
/// quotient, right to left. Leaves B in the block after the loop and returns
/// the value and the position there.
std::pair<Value*, Value*> digitLoop(IRBuilder<>& B, Value* Start, Value* StartAt,
                                    std::uint64_t Divisor, std::int64_t Width, const Twine& Name,
                                    function_ref<void(Value* At, Value* Remainder)> Write) {
  Function* F = B.GetInsertBlock()->getParent();
  LLVMContext& C = F->getContext();
  BasicBlock* Before = B.GetInsertBlock();
  BasicBlock* Head = BasicBlock::Create(C, Name, F);
  BasicBlock* Body = BasicBlock::Create(C, Name + ".body", F);
  BasicBlock* Done = BasicBlock::Create(C, Name + ".done", F);
  B.CreateBr(Head);
  B.SetInsertPoint(Head);
  PHINode* Rest = B.CreatePHI(Start->getType(), 2, Name + ".rest");
  PHINode* At = B.CreatePHI(B.getPtrTy(), 2, Name + ".at");
  Rest->addIncoming(Start, Before);
  At->addIncoming(StartAt, Before);
  Value* D = ConstantInt::get(Start->getType(), Divisor);
  B.CreateCondBr(B.CreateICmpUGE(Rest, D), Body, Done);
  B.SetInsertPoint(Body);
  Value* Quotient = B.CreateUDiv(Rest, D);
  Value* Next = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), At, -Width);
  Write(Next, B.CreateSub(Rest, B.CreateMul(Quotient, D)));
  Rest->addIncoming(Quotient, B.GetInsertBlock());
  At->addIncoming(Next, B.GetInsertBlock());
  B.CreateBr(Head);
  B.SetInsertPoint(Done);
  return {Rest, At};
}

/// Right to left from the end, which the digit count fixes first: eight
/// digits at a time while the value is 10^8 or more (each block's stores
/// independent of the next division), then pairs, then the last one or two
/// digits. Table lookups keep each step's dependency chain short (measured:
/// a table-free SIMD-within-a-register variant was slower on citm_catalog).
void defineFormatU64(Function* F) {
  Module& M = *F->getParent();
  LLVMContext& C = M.getContext();
  IRBuilder<> B(BasicBlock::Create(C, "entry", F));
  Type* I8 = B.getInt8Ty();
  Type* I32 = B.getInt32Ty();
  Type* I64 = B.getInt64Ty();
  Value* Cur = F->getArg(0);
  Value* V = F->getArg(1);
  DigitWriter W{B, digitPairs(M)};
  auto Block = [&](const char* Name) { return BasicBlock::Create(C, Name, F); };

  BasicBlock* Small = Block("small");
  BasicBlock* One = Block("one");
  BasicBlock* Two = Block("two");
  BasicBlock* Large = Block("large");
  B.CreateCondBr(B.CreateICmpULT(V, B.getInt64(100)), Small, Large);

  B.SetInsertPoint(Small); // many integers in JSON documents are small
  B.CreateCondBr(B.CreateICmpULT(V, B.getInt64(10)), One, Two);
  B.SetInsertPoint(One);
  B.CreateStore(B.CreateAdd(B.CreateTrunc(V, I8), B.getInt8('0')), Cur);
  B.CreateRet(B.CreateConstInBoundsGEP1_64(I8, Cur, 1));
  B.SetInsertPoint(Two);
  W.pair(Cur, B.CreateTrunc(V, I32));
  B.CreateRet(B.CreateConstInBoundsGEP1_64(I8, Cur, 2));

  // Digits from the bit length: log10(2) ~ 1233 / 4096, corrected by one
  // comparison with the power of ten.
  B.SetInsertPoint(Large);
  Value* Bits =
      B.CreateSub(B.getInt64(64), B.CreateBinaryIntrinsic(Intrinsic::ctlz, V, B.getTrue()));
  Value* Guess = B.CreateLShr(B.CreateMul(Bits, B.getInt64(1233)), 12);
  Value* Power =
      B.CreateAlignedLoad(I64, B.CreateInBoundsGEP(I64, powersOf10(M), Guess), Align(8));
  Value* Digits = B.CreateSub(B.CreateAdd(Guess, B.getInt64(1)),
                              B.CreateZExt(B.CreateICmpULT(V, Power), I64));
  Value* End = B.CreateInBoundsGEP(I8, Cur, Digits, "end");
  auto [High, AtHigh] = digitLoop(B, V, End, 100000000, 8, "eights", [&](Value* At, Value* Eight) {
    W.eight(At, B.CreateTrunc(Eight, I32));
  });
  auto [Small32, AtPair] = digitLoop(B, B.CreateTrunc(High, I32), AtHigh, 100, 2, "pairs",
                                     [&](Value* At, Value* Two) { W.pair(At, Two); });
  BasicBlock* LastTwo = Block("last.two");
  BasicBlock* LastOne = Block("last.one");
  B.CreateCondBr(B.CreateICmpUGE(Small32, B.getInt32(10)), LastTwo, LastOne);
  B.SetInsertPoint(LastTwo);
  W.pair(B.CreateConstInBoundsGEP1_64(I8, AtPair, -2), Small32);
  B.CreateRet(End);
  B.SetInsertPoint(LastOne);
  B.CreateStore(B.CreateAdd(B.CreateTrunc(Small32, I8), B.getInt8('0')),
                B.CreateConstInBoundsGEP1_64(I8, AtPair, -1));
  B.CreateRet(End);
}

/// A '-' is stored unconditionally (the bytes are reserved, and a
/// non-negative value's first digit overwrites it); the cursor moves past
/// it only for a negative value. No branch on the sign.
void defineFormatI64(Function* F, Function* FormatU64) {
  IRBuilder<> B(BasicBlock::Create(F->getContext(), "entry", F));
  Value* Cur = F->getArg(0);
  Value* V = F->getArg(1);
  B.CreateStore(B.getInt8('-'), Cur);
  Value* Negative = B.CreateICmpSLT(V, B.getInt64(0));
  Value* Digits = B.CreateInBoundsGEP(B.getInt8Ty(), Cur, B.CreateZExt(Negative, B.getInt64Ty()));
  Value* Magnitude = B.CreateSelect(Negative, B.CreateSub(B.getInt64(0), V), V, "magnitude");
  B.CreateRet(B.CreateCall(FormatU64, {Digits, Magnitude}));
}

} // namespace

Function* formatU64Function(Module& M) {
  if (Function* F = M.getFunction("jitson.format.u64"))
    return F;
  Function* F = newFormatter(M, "jitson.format.u64");
  defineFormatU64(F);
  return F;
}

Function* formatI64Function(Module& M) {
  if (Function* F = M.getFunction("jitson.format.i64"))
    return F;
  Function* U = formatU64Function(M);
  Function* F = newFormatter(M, "jitson.format.i64");
  defineFormatI64(F, U);
  return F;
}

} // namespace jitson::codegen
