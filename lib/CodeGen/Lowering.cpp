// Stage 2: serializer IR -> LLVM IR. Each op's lowering has its own section below.
#include "CodeGen/Lowering.h"

#include "CodeGen/RuntimeAbi.h"
#include "IR/CodedError.h"
#include "IR/Verifier.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Verifier.h"

namespace jitson::codegen {

using namespace llvm;
using ir::Op;
using ir::Opcode;
using ir::OpShape;

namespace {

/// Upper bound of bytes a fixed-size op writes, or 0 for ops whose size
/// depends on the value (strings, calls, scopes).
std::uint64_t fixedBound(const Op& O) {
  switch (O.Code) {
  case Opcode::Text:
    return O.Bytes.size();
  case Opcode::Bool:
    return 5;
  case Opcode::I8: case Opcode::I16: case Opcode::I32: case Opcode::I64:
  case Opcode::U8: case Opcode::U16: case Opcode::U32: case Opcode::U64:
    return MaxIntChars;
  case Opcode::F32:
    return MaxFloatChars;
  case Opcode::F64:
    return MaxDoubleChars;
  default:
    return 0;
  }
}

/// Declarations shared by all functions of one module.
struct ModuleContext {
  Module& M;
  LLVMContext& Ctx;
  const ir::Program& P;
  std::uint32_t MaxDepth;
  bool CountsDepth; ///< Only programs with calls can recurse (or maxDepth 0 fails all).
  FunctionType* EntryType;
  std::vector<Function*> Functions;
  FunctionCallee Grow, WriteString, WriteU64, WriteI64, WriteF64, WriteF32, PathField,
      PathIndex;
  MDNode* Unlikely; ///< Branch weights: the first successor almost never runs.
};

/// Where failures inside a scope go: Fail is the scope's unwind block, which
/// adds the scope's own path segment and continues to the enclosing scope.
struct Scope {
  BasicBlock* Fail;
};

/// Lowers one IR function. The write cursor and end live in allocas that SROA
/// turns into SSA values; they are written back to the Buffer only around
/// calls that may grow it.
class FunctionLowering {
public:
  FunctionLowering(ModuleContext& MC, const ir::Function& IRF, Function* F)
      : MC(MC), IRF(IRF), F(F), B(MC.Ctx) {}

  void lower();

private:
  ModuleContext& MC;
  const ir::Function& IRF;
  Function* F;
  IRBuilder<> B;
  Value *Buf = nullptr, *Val = nullptr, *Stk = nullptr, *Flags = nullptr;
  AllocaInst *CurSlot = nullptr, *EndSlot = nullptr, *StatusSlot = nullptr;
  BasicBlock* ReturnFailure = nullptr;
  BasicBlock* OutOfMemory = nullptr; ///< Shared by every failed growth; made on first use.
  std::uint64_t Reserved = 0; ///< Bytes ensured ahead for the current run.

  Type* i8() { return B.getInt8Ty(); }
  Type* i32() { return B.getInt32Ty(); }
  Type* i64() { return B.getInt64Ty(); }
  Type* ptr() { return B.getPtrTy(); }

  Value* addr(Value* Base, std::uint64_t Offset) {
    return Offset ? B.CreateConstInBoundsGEP1_64(i8(), Base, Offset) : Base;
  }
  Value* cur() { return B.CreateLoad(ptr(), CurSlot, "cur"); }
  void setCur(Value* V) { B.CreateStore(V, CurSlot); }
  Value* bufferField(BufferField Field) {
    return B.CreateConstInBoundsGEP1_64(i8(), Buf, 8 * Field);
  }
  void reloadEnd() { B.CreateStore(B.CreateLoad(ptr(), bufferField(BufferEnd)), EndSlot); }
  void reloadCursor() {
    setCur(B.CreateLoad(ptr(), bufferField(BufferCur)));
    reloadEnd();
  }
  void flushCursor() {
    Value* Cur = cur();
    B.CreateStore(Cur, bufferField(BufferCur));
  }
  /// To - From in bytes. (Instructions are created one statement at a time:
  /// C++ leaves the order of argument evaluation open, and the IR must not
  /// depend on which compiler built jitson.)
  Value* distance(Value* From, Value* To) {
    Value* ToInt = B.CreatePtrToInt(To, i64());
    Value* FromInt = B.CreatePtrToInt(From, i64());
    return B.CreateSub(ToInt, FromInt);
  }
  BasicBlock* block(const Twine& Name) { return BasicBlock::Create(MC.Ctx, Name, F); }

  void ensure(std::uint64_t Bytes);
  BasicBlock* outOfMemory();
  void reserveRun(const std::vector<Op>& Body, std::size_t From);
  void failIf(Value* Failed, std::int32_t Code, const Op& O, const Scope& S);
  void failWith(Value* Status, const Op& O, const Scope& S);
  void unwindThrough(const Op& O, const Scope& Outer);
  Value* globalText(StringRef Bytes);

  std::size_t lowerRange(std::size_t I, Value* Base, const Scope& S);
  void lowerText(const Op& O);
  void lowerBool(const Op& O, Value* Base);
  void lowerInt(const Op& O, Value* Base);
  void lowerFloat(const Op& O, Value* Base, const Scope& S);
  void lowerStr(const Op& O, Value* Base);
  std::size_t lowerLoop(std::size_t I, Value* Base, const Scope& S);
  std::size_t lowerOpt(std::size_t I, Value* Base, const Scope& S);
  void lowerCall(const Op& O, Value* Base, const Scope& S);
};

//===----------------------------------------------------------------------===//
// Capacity and failure plumbing
//===----------------------------------------------------------------------===//

/// Makes sure Bytes can be written at the cursor; grows on a cold path.
void FunctionLowering::ensure(std::uint64_t Bytes) {
  Value* Cur = cur();
  Value* End = B.CreateLoad(ptr(), EndSlot, "end");
  Value* Room = distance(Cur, End);
  Value* Short = B.CreateICmpULT(Room, B.getInt64(Bytes), "short");
  BasicBlock* GrowBB = block("grow");
  BasicBlock* Done = block("room");
  B.CreateCondBr(Short, GrowBB, Done, MC.Unlikely);
  B.SetInsertPoint(GrowBB);
  CallInst* NewCur = B.CreateCall(MC.Grow, {Buf, Cur, B.getInt64(Bytes)});
  NewCur->addFnAttr(Attribute::Cold);
  BasicBlock* Grown = block("grown");
  BasicBlock* Oom = outOfMemory();
  Value* Failed = B.CreateIsNull(NewCur);
  B.CreateCondBr(Failed, Oom, Grown, MC.Unlikely);
  B.SetInsertPoint(Grown);
  setCur(NewCur);
  reloadEnd();
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
}

/// The block a failed growth branches to: status OutOfMemory, no path
/// (running out of memory is not the value's fault). One per function.
BasicBlock* FunctionLowering::outOfMemory() {
  if (!OutOfMemory) {
    OutOfMemory = block("oom");
    IRBuilder<>::InsertPointGuard Guard(B);
    B.SetInsertPoint(OutOfMemory);
    B.CreateStore(B.getInt32(std::int32_t(ErrorCode::OutOfMemory)), StatusSlot);
    B.CreateBr(ReturnFailure);
  }
  return OutOfMemory;
}

/// One capacity check for a run of fixed-size ops starting at From.
void FunctionLowering::reserveRun(const std::vector<Op>& Body, std::size_t From) {
  if (Reserved)
    return;
  std::uint64_t Sum = 0;
  for (std::size_t I = From; I < Body.size(); ++I) {
    std::uint64_t Bound = fixedBound(Body[I]);
    if (!Bound)
      break;
    Sum += Bound;
  }
  if (Sum)
    ensure(Sum);
  Reserved = Sum;
}

void FunctionLowering::failIf(Value* Failed, std::int32_t Code, const Op& O,
                              const Scope& S) {
  BasicBlock* FailBB = block("fail");
  BasicBlock* Ok = block("ok");
  B.CreateCondBr(Failed, FailBB, Ok, MC.Unlikely);
  B.SetInsertPoint(FailBB);
  failWith(B.getInt32(Code), O, S);
  B.SetInsertPoint(Ok);
}

/// At the current (cold) point: record Status, add O's path segment, and
/// continue with the scope's unwinding. Leaves no insertion point.
void FunctionLowering::failWith(Value* Status, const Op& O, const Scope& S) {
  B.CreateStore(Status, StatusSlot);
  if (!O.Path.empty())
    B.CreateCall(MC.PathField, {Stk, globalText(O.Path), B.getInt64(O.Path.size())});
  B.CreateBr(S.Fail);
  B.ClearInsertionPoint();
}

/// After a scope's own segment was pushed: continue as a failure of the op
/// that opened the scope, in the enclosing scope.
void FunctionLowering::unwindThrough(const Op& O, const Scope& Outer) {
  if (!O.Path.empty())
    B.CreateCall(MC.PathField, {Stk, globalText(O.Path), B.getInt64(O.Path.size())});
  B.CreateBr(Outer.Fail);
}

Value* FunctionLowering::globalText(StringRef Bytes) {
  return B.CreateGlobalString(Bytes, "jitson.text", 0, &MC.M, /*AddNull=*/false);
}

//===----------------------------------------------------------------------===//
// Function prologue and epilogue
//===----------------------------------------------------------------------===//

void FunctionLowering::lower() {
  auto Args = F->arg_begin();
  Buf = &*Args++;
  Val = &*Args++;
  Stk = &*Args++;
  Flags = &*Args++;
  Buf->setName("buf");
  Val->setName("value");
  Stk->setName("stack");
  Flags->setName("flags");

  BasicBlock* Entry = block("entry");
  ReturnFailure = block("return.failure");
  BasicBlock* FunctionFail = block("unwind");
  B.SetInsertPoint(Entry);
  CurSlot = B.CreateAlloca(ptr(), nullptr, "cur.slot");
  EndSlot = B.CreateAlloca(ptr(), nullptr, "end.slot");
  StatusSlot = B.CreateAlloca(i32(), nullptr, "status.slot");
  reloadCursor();

  // Depth: in a program that can recurse every generated function counts
  // itself, so recursion is bounded; one without calls needs no count.
  Value* Depth = nullptr;
  if (MC.CountsDepth) {
    Depth = B.CreateLoad(i32(), Stk, "depth");
    Value* Deeper = B.CreateAdd(Depth, B.getInt32(1));
    BasicBlock* TooDeep = block("too.deep");
    BasicBlock* Body = block("body");
    B.CreateCondBr(B.CreateICmpUGT(Deeper, B.getInt32(MC.MaxDepth)), TooDeep, Body,
                   MC.Unlikely);
    B.SetInsertPoint(TooDeep);
    B.CreateStore(B.getInt32(std::int32_t(ErrorCode::TooDeep)), StatusSlot);
    B.CreateBr(ReturnFailure);
    B.SetInsertPoint(Body);
    B.CreateStore(Deeper, Stk);
  }

  Scope Top{FunctionFail};
  std::size_t End = lowerRange(0, Val, Top);
  assert(End == IRF.Body.size() && "verified IR has balanced scopes");
  (void)End;
  flushCursor();
  if (Depth)
    B.CreateStore(Depth, Stk);
  B.CreateRet(B.getInt32(0));

  B.SetInsertPoint(FunctionFail);
  B.CreateBr(ReturnFailure);
  B.SetInsertPoint(ReturnFailure);
  B.CreateRet(B.CreateLoad(i32(), StatusSlot));
}

/// Lowers ops from I until the end of the body or the op that closes or
/// splits the current scope; returns that op's index.
std::size_t FunctionLowering::lowerRange(std::size_t I, Value* Base, const Scope& S) {
  const std::vector<Op>& Body = IRF.Body;
  while (I < Body.size()) {
    const Op& O = Body[I];
    OpShape Shape = ir::shapeOf(O.Code);
    if (Shape == OpShape::ScopeEnd || Shape == OpShape::ScopeElse)
      return I;
    if (std::uint64_t Bound = fixedBound(O)) {
      reserveRun(Body, I);
      Reserved -= Bound;
    } else {
      Reserved = 0; // control flow or a helper that grows: start over
    }
    switch (O.Code) {
    case Opcode::Text:
      lowerText(O);
      break;
    case Opcode::Bool:
      lowerBool(O, Base);
      break;
    case Opcode::I8: case Opcode::I16: case Opcode::I32: case Opcode::I64:
    case Opcode::U8: case Opcode::U16: case Opcode::U32: case Opcode::U64:
      lowerInt(O, Base);
      break;
    case Opcode::F32:
    case Opcode::F64:
      lowerFloat(O, Base, S);
      break;
    case Opcode::Str:
      lowerStr(O, Base);
      break;
    case Opcode::VecBegin:
    case Opcode::ArrBegin:
      I = lowerLoop(I, Base, S);
      Reserved = 0;
      continue;
    case Opcode::OptBegin:
      I = lowerOpt(I, Base, S);
      Reserved = 0;
      continue;
    case Opcode::Call:
      lowerCall(O, Base, S);
      break;
    default:
      assert(false && "scope markers are handled by their opening op");
    }
    ++I;
  }
  return I;
}

//===----------------------------------------------------------------------===//
// text: constant bytes, copied with one memcpy of constant length (small
// ones become immediate stores).
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerText(const Op& O) {
  Value* Cur = cur();
  B.CreateMemCpy(Cur, MaybeAlign(1), globalText(O.Bytes), MaybeAlign(1), O.Bytes.size());
  setCur(B.CreateConstInBoundsGEP1_64(i8(), Cur, O.Bytes.size()));
}

//===----------------------------------------------------------------------===//
// bool: store "true" or "fals" as one word, then 'e'; advance 4 or 5.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerBool(const Op& O, Value* Base) {
  Value* Byte = B.CreateLoad(i8(), addr(Base, O.Offset), "bool");
  Value* IsTrue = B.CreateICmpNE(Byte, B.getInt8(0));
  Value* Cur = cur();
  // Little-endian words: "true" = 74 72 75 65, "fals" = 66 61 6c 73.
  Value* Word = B.CreateSelect(IsTrue, B.getInt32(0x65757274), B.getInt32(0x736c6166));
  B.CreateAlignedStore(Word, Cur, MaybeAlign(1));
  B.CreateStore(B.getInt8('e'), B.CreateConstInBoundsGEP1_64(i8(), Cur, 4));
  Value* Len = B.CreateSelect(IsTrue, B.getInt64(4), B.getInt64(5));
  setCur(B.CreateInBoundsGEP(i8(), Cur, Len));
}

//===----------------------------------------------------------------------===//
// i8 ... u64: widen to 64 bits and format with the runtime's digit-pair writer.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerInt(const Op& O, Value* Base) {
  unsigned Bits = unsigned(O.Type->Bits);
  bool Signed = O.Code <= Opcode::I64;
  Value* V = B.CreateLoad(B.getIntNTy(Bits), addr(Base, O.Offset), "int");
  V = Signed ? B.CreateSExt(V, i64()) : B.CreateZExt(V, i64());
  setCur(B.CreateCall(Signed ? MC.WriteI64 : MC.WriteU64, {cur(), V}));
}

//===----------------------------------------------------------------------===//
// f32, f64: NaN and infinities fail (JSON has no spelling for them); finite
// values are written shortest-round-trip by the runtime.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerFloat(const Op& O, Value* Base, const Scope& S) {
  bool Single = O.Code == Opcode::F32;
  Type* Ty = Single ? B.getFloatTy() : B.getDoubleTy();
  Value* V = B.CreateLoad(Ty, addr(Base, O.Offset), "float");
  Value* Abs = B.CreateUnaryIntrinsic(Intrinsic::fabs, V);
  Value* Finite = B.CreateFCmpOLT(Abs, ConstantFP::getInfinity(Ty));
  failIf(B.CreateNot(Finite), std::int32_t(ErrorCode::NonFiniteNumber), O, S);
  setCur(B.CreateCall(Single ? MC.WriteF32 : MC.WriteF64, {cur(), V}));
}

//===----------------------------------------------------------------------===//
// str: load (data, size) from the string's layout; the runtime quotes,
// escapes and grows as needed.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerStr(const Op& O, Value* Base) {
  Value* Str = addr(Base, O.Offset);
  Value* Data = B.CreateLoad(ptr(), addr(Str, O.Type->DataOffset), "str.data");
  Value* Size = B.CreateLoad(i64(), addr(Str, O.Type->SizeOffset), "str.size");
  Value* NewCur = B.CreateCall(MC.WriteString, {Buf, cur(), Data, Size});
  BasicBlock* Ok = block("str.ok");
  BasicBlock* Oom = outOfMemory();
  Value* Failed = B.CreateIsNull(NewCur);
  B.CreateCondBr(Failed, Oom, Ok, MC.Unlikely);
  B.SetInsertPoint(Ok);
  setCur(NewCur);
  reloadEnd();
}

//===----------------------------------------------------------------------===//
// vec.begin/vec.end, arr.begin/arr.end: a pointer loop over the elements,
// with ',' between them. A failure inside adds "[index]" to the path.
//===----------------------------------------------------------------------===//

std::size_t FunctionLowering::lowerLoop(std::size_t I, Value* Base, const Scope& S) {
  const Op& O = IRF.Body[I];
  const ir::TypeDesc& T = *O.Type;
  std::uint64_t Stride = T.Element->Size;
  Value* Begin;
  Value* End;
  BasicBlock* After = block("loop.after");
  BasicBlock* Head = block("loop.body");
  if (O.Code == Opcode::VecBegin) {
    Value* Vec = addr(Base, O.Offset);
    Begin = B.CreateLoad(ptr(), addr(Vec, T.BeginOffset), "vec.begin");
    End = B.CreateLoad(ptr(), addr(Vec, T.EndOffset), "vec.end");
    B.CreateCondBr(B.CreateICmpEQ(Begin, End), After, Head);
  } else {
    Begin = addr(Base, O.Offset);
    End = B.CreateConstInBoundsGEP1_64(i8(), Begin, Stride * T.Count, "arr.end");
    B.CreateBr(Head);
  }
  BasicBlock* Pre = B.GetInsertBlock();
  B.SetInsertPoint(Head);
  PHINode* Elem = B.CreatePHI(ptr(), 2, "elem");
  Elem->addIncoming(Begin, Pre);

  // Failures inside the body: push the index, then continue as O's failure.
  BasicBlock* Unwind = block("loop.unwind");
  Scope Inner{Unwind};
  std::size_t Close = lowerRange(I + 1, Elem, Inner);

  Value* Next = B.CreateConstInBoundsGEP1_64(i8(), Elem, Stride, "next");
  BasicBlock* Sep = block("loop.sep");
  // uge, not eq: a corrupt vector (size not a multiple of the stride) ends.
  B.CreateCondBr(B.CreateICmpUGE(Next, End), After, Sep);
  B.SetInsertPoint(Sep);
  Reserved = 0;
  ensure(1);
  Value* Cur = cur();
  B.CreateStore(B.getInt8(','), Cur);
  setCur(B.CreateConstInBoundsGEP1_64(i8(), Cur, 1));
  Elem->addIncoming(Next, B.GetInsertBlock());
  B.CreateBr(Head);

  B.SetInsertPoint(Unwind);
  Value* Distance = distance(Begin, Elem);
  B.CreateCall(MC.PathIndex, {Stk, B.CreateUDiv(Distance, B.getInt64(Stride))});
  unwindThrough(O, S);

  B.SetInsertPoint(After);
  return Close + 1;
}

//===----------------------------------------------------------------------===//
// opt.begin/opt.else/opt.end: branch on the engaged byte; the body's base is
// the payload, the else part's base is the enclosing one.
//===----------------------------------------------------------------------===//

std::size_t FunctionLowering::lowerOpt(std::size_t I, Value* Base, const Scope& S) {
  const Op& O = IRF.Body[I];
  const ir::TypeDesc& T = *O.Type;
  Value* Opt = addr(Base, O.Offset);
  Value* Engaged = B.CreateICmpNE(B.CreateLoad(i8(), addr(Opt, T.FlagOffset)), B.getInt8(0));
  BasicBlock* Then = block("opt.some");
  BasicBlock* Else = block("opt.none");
  BasicBlock* Join = block("opt.join");
  B.CreateCondBr(Engaged, Then, Else);

  BasicBlock* Unwind = block("opt.unwind");
  Scope Inner{Unwind};
  B.SetInsertPoint(Then);
  Reserved = 0;
  std::size_t Split = lowerRange(I + 1, addr(Opt, T.PayloadOffset), Inner);
  B.CreateBr(Join);

  B.SetInsertPoint(Else);
  Reserved = 0;
  std::size_t Close = Split;
  if (IRF.Body[Split].Code == Opcode::OptElse)
    Close = lowerRange(Split + 1, Base, Inner);
  B.CreateBr(Join);

  B.SetInsertPoint(Unwind);
  unwindThrough(O, S);
  B.SetInsertPoint(Join);
  return Close + 1;
}

//===----------------------------------------------------------------------===//
// call: another generated function (recursive types). The cursor goes
// through the Buffer around the call.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerCall(const Op& O, Value* Base, const Scope& S) {
  flushCursor();
  Value* Status = B.CreateCall(MC.EntryType, MC.Functions[O.Callee],
                               {Buf, addr(Base, O.Offset), Stk, Flags}, "status");
  BasicBlock* FailBB = block("call.fail");
  BasicBlock* Ok = block("call.ok");
  B.CreateCondBr(B.CreateICmpNE(Status, B.getInt32(0)), FailBB, Ok, MC.Unlikely);
  B.SetInsertPoint(FailBB);
  failWith(Status, O, S);
  B.SetInsertPoint(Ok);
  reloadCursor();
}

void declareHelpers(ModuleContext& MC) {
  LLVMContext& C = MC.Ctx;
  Type* Ptr = PointerType::getUnqual(C);
  Type* I64 = Type::getInt64Ty(C);
  Type* Void = Type::getVoidTy(C);
  auto Declare = [&](const char* Name, Type* Ret, ArrayRef<Type*> Params) {
    FunctionCallee Callee = MC.M.getOrInsertFunction(Name, FunctionType::get(Ret, Params, false));
    auto* Fn = cast<Function>(Callee.getCallee());
    Fn->setDoesNotThrow();
    return Callee;
  };
  MC.Grow = Declare(GrowHelper, Ptr, {Ptr, Ptr, I64});
  cast<Function>(MC.Grow.getCallee())->addFnAttr(Attribute::Cold);
  cast<Function>(MC.Grow.getCallee())->addFnAttr(Attribute::NoInline);
  MC.WriteString = Declare(WriteStringHelper, Ptr, {Ptr, Ptr, Ptr, I64});
  MC.WriteU64 = Declare(WriteU64Helper, Ptr, {Ptr, I64});
  MC.WriteI64 = Declare(WriteI64Helper, Ptr, {Ptr, I64});
  MC.WriteF64 = Declare(WriteF64Helper, Ptr, {Ptr, Type::getDoubleTy(C)});
  MC.WriteF32 = Declare(WriteF32Helper, Ptr, {Ptr, Type::getFloatTy(C)});
  MC.PathField = Declare(PathFieldHelper, Void, {Ptr, Ptr, I64});
  MC.PathIndex = Declare(PathIndexHelper, Void, {Ptr, I64});
  for (FunctionCallee Cold : {MC.PathField, MC.PathIndex})
    cast<Function>(Cold.getCallee())->addFnAttr(Attribute::Cold);
}

} // namespace

Expected<std::unique_ptr<Module>> lowerProgram(const ir::Program& P, StringRef EntryName,
                                               LLVMContext& Ctx, const TargetMachine& TM) {
  if (llvm::Error E = ir::verifyProgram(P))
    return E;
  auto M = std::make_unique<Module>(EntryName, Ctx);
  M->setDataLayout(TM.createDataLayout());
  M->setTargetTriple(TM.getTargetTriple().str());

  Type* Ptr = PointerType::getUnqual(Ctx);
  bool HasCalls = false;
  for (const ir::Function& F : P.Functions)
    for (const Op& O : F.Body)
      HasCalls |= O.Code == Opcode::Call;
  ModuleContext MC{*M, Ctx, P, P.Opts.maxDepth, HasCalls || P.Opts.maxDepth == 0,
                   FunctionType::get(Type::getInt32Ty(Ctx),
                                     {Ptr, Ptr, Ptr, Type::getInt64Ty(Ctx)}, false),
                   {}, {}, {}, {}, {}, {}, {}, {}, {},
                   MDBuilder(Ctx).createBranchWeights(1, 1 << 20)};
  declareHelpers(MC);

  std::string CPU = TM.getTargetCPU().str();
  std::string Features = TM.getTargetFeatureString().str();
  for (std::size_t I = 0; I < P.Functions.size(); ++I) {
    bool IsEntry = I == 0;
    std::string Name = IsEntry ? EntryName.str() : (EntryName + "." + Twine(I)).str();
    Function* F = Function::Create(MC.EntryType,
                                   IsEntry ? GlobalValue::ExternalLinkage
                                           : GlobalValue::InternalLinkage,
                                   Name, *M);
    F->setDoesNotThrow();
    F->addFnAttr("target-cpu", CPU);
    F->addFnAttr("target-features", Features);
    for (unsigned Arg = 0; Arg < 3; ++Arg)
      F->addParamAttr(Arg, Attribute::NoAlias);
    MC.Functions.push_back(F);
  }
  for (std::size_t I = 0; I < P.Functions.size(); ++I)
    FunctionLowering(MC, P.Functions[I], MC.Functions[I]).lower();

  std::string Broken;
  raw_string_ostream OS(Broken);
  if (verifyModule(*M, &OS))
    return ir::makeError(ErrorCode::Internal, "lowering produced invalid LLVM IR: " + OS.str());
  return M;
}

} // namespace jitson::codegen
