// Stage 2: serializer IR -> LLVM IR. Each op's lowering has its own section below.
#include "CodeGen/Lowering.h"

#include "CodeGen/IntegerFormat.h"
#include "CodeGen/RuntimeAbi.h"
#include "IR/Builder.h"
#include "IR/CodedError.h"
#include "IR/Verifier.h"
#include "Runtime/TestHooks.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <set>

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
  case Opcode::Time:
    return MaxTimeChars;
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
  bool DynamicIndent; ///< Pretty and recursive: indentation adds the callers' levels.
  FunctionType* EntryType;
  std::vector<Function*> Functions;
  FunctionCallee Grow, WriteString, WriteF64, WriteF32, PathField, PathIndex;
  MDNode* Unlikely; ///< Branch weights: the first successor almost never runs.
  FunctionCallee WriteStringEx, WriteCStr, WriteRaw, WriteBase64, WriteTime, SortedNext,
      SortedRelease, ParkFailure;
  std::uint64_t StringMode = 0;
  /// Plain strings shorter than this are written inline (0: never): 32 where
  /// the target has AVX-512BW/VL, whose masked loads do not fault on lanes
  /// masked off (elsewhere LLVM would split a masked load into 32 branches).
  unsigned InlineStringBytes = 0;

  /// A per-type helper (TypeDesc::Helpers), declared by its symbol.
  FunctionCallee helper(const std::string& Symbol, Type* Ret, ArrayRef<Type*> Params) {
    FunctionCallee Callee = M.getOrInsertFunction(Symbol, FunctionType::get(Ret, Params, false));
    cast<Function>(Callee.getCallee())->setDoesNotThrow();
    return Callee;
  }
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
  FunctionLowering(ModuleContext& MC, const ir::Function& IRF, Function* F,
                   std::uint64_t FunctionIndex)
      : MC(MC), IRF(IRF), F(F), B(MC.Ctx), FunctionIndex(FunctionIndex) {}

  void lower();

private:
  ModuleContext& MC;
  const ir::Function& IRF;
  Function* F;
  IRBuilder<> B;
  Value *Buf = nullptr, *Val = nullptr, *Stk = nullptr, *Flags = nullptr;
  BasicBlock* Entry = nullptr; ///< Where allocas go (static, so SROA/mem2reg see them).
  AllocaInst *CurSlot = nullptr, *EndSlot = nullptr, *StatusSlot = nullptr;
  BasicBlock* ReturnFailure = nullptr;
  BasicBlock* OutOfMemory = nullptr; ///< Shared by every failed growth; made on first use.
  std::uint64_t Reserved = 0; ///< Bytes ensured ahead for the current run.
  std::uint64_t FunctionIndex;

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
  void checkBound(std::uint64_t Bytes, const Op& O, const Scope& S);
  void ensureDynamic(Value* Bytes);
  AllocaInst* entryAlloca(Type* Ty, std::uint64_t Bytes, const Twine& Name);
  void writeConstant(StringRef Bytes);
  void newline(std::uint32_t Level);
  void checkedCursor(Value* NewCur, bool CodeInStack, const Op& O, const Scope& S);
  Value* isEmpty(const ir::TypeDesc& T, Value* Addr, bool NullOnly);
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
  void lowerStr(const Op& O, Value* Base, const Scope& S);
  Value* writeString(Value* Data, Value* Size, const Op& O, const Scope& S);
  void writeShortString(Value* Data, Value* Size, BasicBlock* Done);
  std::size_t lowerScope(std::size_t I, Value* Base, const Scope& S);
  std::size_t lowerLoop(std::size_t I, Value* Base, const Scope& S);
  std::size_t lowerOpt(std::size_t I, Value* Base, const Scope& S);
  template <class PayloadFn>
  std::size_t lowerPresentOrNot(std::size_t I, Value* Base, const Scope& S, Value* Present,
                                const char* SomeName, const char* NoneName, const Twine& Prefix,
                                PayloadFn Payload);
  void lowerCall(const Op& O, Value* Base, const Scope& S);
  void lowerChar(const Op& O, Value* Base, const Scope& S);
  void lowerCStr(const Op& O, Value* Base, const Scope& S);
  void lowerRaw(const Op& O, Value* Base, const Scope& S);
  void lowerBytes(const Op& O, Value* Base, const Scope& S);
  void lowerTime(const Op& O, Value* Base, const Scope& S);
  void lowerEnum(const Op& O, Value* Base);
  void lowerHook(const Op& O, Value* Base, const Scope& S);
  std::size_t lowerSeq(std::size_t I, Value* Base, const Scope& S);
  std::size_t lowerPtr(std::size_t I, Value* Base, const Scope& S);
  std::size_t lowerVar(std::size_t I, Value* Base, const Scope& S);
  std::size_t lowerObj(std::size_t I, Value* Base, const Scope& S);
  std::size_t lowerOmit(std::size_t I, Value* Base, const Scope& S);
};

//===----------------------------------------------------------------------===//
// Capacity and failure plumbing
//===----------------------------------------------------------------------===//

/// Makes sure Bytes can be written at the cursor; grows on a cold path.
void FunctionLowering::ensure(std::uint64_t Bytes) {
  if (runtime::testhooks::skipCapacityChecks())
    return;
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

/// Developer mode (JITSON_CHECK_BOUNDS, runtime::testhooks::setCheckBounds):
/// before a fixed-size op writes up to Bytes bytes, check `cur + Bytes <=
/// end` against the buffer's real end and fail with Internal if it does not
/// hold, with O's path. Sanitizers cannot see generated code's stores; this
/// catches a wrong fixedBound or a missed capacity check in it.
void FunctionLowering::checkBound(std::uint64_t Bytes, const Op& O, const Scope& S) {
  if (!runtime::testhooks::checkBounds())
    return;
  Value* End = B.CreateLoad(ptr(), bufferField(BufferEnd), "real.end");
  Value* Short = B.CreateICmpULT(distance(cur(), End), B.getInt64(Bytes), "overflow");
  BasicBlock* Bad = block("bound.broken");
  BasicBlock* Ok = block("bound.ok");
  B.CreateCondBr(Short, Bad, Ok, MC.Unlikely);
  B.SetInsertPoint(Bad);
  failWith(B.getInt32(std::int32_t(ErrorCode::Internal)), O, S);
  B.SetInsertPoint(Ok);
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

/// Makes sure a run-time number of bytes can be written at the cursor.
void FunctionLowering::ensureDynamic(Value* Bytes) {
  Value* Cur = cur();
  Value* End = B.CreateLoad(ptr(), EndSlot, "end");
  Value* Room = distance(Cur, End);
  Value* Short = B.CreateICmpULT(Room, Bytes, "short");
  BasicBlock* GrowBB = block("grow");
  BasicBlock* Done = block("room");
  B.CreateCondBr(Short, GrowBB, Done, MC.Unlikely);
  B.SetInsertPoint(GrowBB);
  CallInst* NewCur = B.CreateCall(MC.Grow, {Buf, Cur, Bytes});
  NewCur->addFnAttr(Attribute::Cold);
  BasicBlock* Grown = block("grown");
  Value* Failed = B.CreateIsNull(NewCur);
  B.CreateCondBr(Failed, outOfMemory(), Grown, MC.Unlikely);
  B.SetInsertPoint(Grown);
  setCur(NewCur);
  reloadEnd();
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
}

AllocaInst* FunctionLowering::entryAlloca(Type* Ty, std::uint64_t Bytes, const Twine& Name) {
  IRBuilder<> AtEntry(Entry, Entry->begin());
  AllocaInst* A = AtEntry.CreateAlloca(Ty, Bytes ? AtEntry.getInt64(Bytes) : nullptr, Name);
  A->setAlignment(Align(16));
  return A;
}

/// Ensures and writes constant bytes (outside fixed runs).
void FunctionLowering::writeConstant(StringRef Bytes) {
  if (Bytes.empty())
    return;
  ensure(Bytes.size());
  Value* Cur = cur();
  B.CreateMemCpy(Cur, MaybeAlign(1), globalText(Bytes), MaybeAlign(1), Bytes.size());
  setCur(B.CreateConstInBoundsGEP1_64(i8(), Cur, Bytes.size()));
}

/// Pretty printing: a newline and indentation to Level, plus the caller's
/// levels when indentation depends on the call chain (recursive programs).
void FunctionLowering::newline(std::uint32_t Level) {
  const Options& Opts = MC.P.Opts;
  if (!MC.DynamicIndent) {
    writeConstant(std::string("\n") + std::string(std::size_t(Level) * Opts.indentWidth,
                                                     Opts.indentChar));
    return;
  }
  Value* BaseLevel = B.CreateLoad(i32(), B.CreateConstInBoundsGEP1_64(i8(), Stk, StackIndentBase));
  Value* Levels = B.CreateAdd(B.CreateZExt(BaseLevel, i64()), B.getInt64(Level));
  Value* Count = B.CreateMul(Levels, B.getInt64(Opts.indentWidth));
  ensureDynamic(B.CreateAdd(Count, B.getInt64(1)));
  Value* Cur = cur();
  B.CreateStore(B.getInt8('\n'), Cur);
  Value* Indent = B.CreateConstInBoundsGEP1_64(i8(), Cur, 1);
  B.CreateMemSet(Indent, B.getInt8(static_cast<std::uint8_t>(Opts.indentChar)), Count,
                 MaybeAlign(1));
  setCur(B.CreateInBoundsGEP(i8(), Indent, Count));
}

/// After a helper that returns the new cursor or null: on null fail with
/// OutOfMemory, or with the code the helper left in the Stack.
void FunctionLowering::checkedCursor(Value* NewCur, bool CodeInStack, const Op& O,
                                     const Scope& S) {
  BasicBlock* Ok = block("helper.ok");
  Value* Failed = B.CreateIsNull(NewCur);
  if (!CodeInStack) {
    B.CreateCondBr(Failed, outOfMemory(), Ok, MC.Unlikely);
  } else {
    BasicBlock* FailBB = block("helper.fail");
    B.CreateCondBr(Failed, FailBB, Ok, MC.Unlikely);
    B.SetInsertPoint(FailBB);
    Value* Code = B.CreateLoad(i32(), B.CreateConstInBoundsGEP1_64(i8(), Stk, StackFailCode));
    failWith(Code, O, S);
  }
  B.SetInsertPoint(Ok);
  setCur(NewCur);
  reloadEnd();
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

  Entry = block("entry");
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
    // Record (value, function) in the call ring: when TooDeep strikes, the
    // runtime tells a cycle (a repeated entry) from a merely deep value.
    Value* Slot = B.CreateAnd(B.CreateZExt(Deeper, i64()), B.getInt64(Stack::KeptCalls - 1));
    Value* EntryOffset = B.CreateAdd(B.CreateShl(Slot, 4),
                                     B.getInt64(offsetof(Stack, Calls)));
    Value* EntryAddr = B.CreateInBoundsGEP(i8(), Stk, EntryOffset);
    B.CreateStore(Val, EntryAddr);
    B.CreateStore(B.getInt64(FunctionIndex),
                  B.CreateConstInBoundsGEP1_64(i8(), EntryAddr, 8));
    BasicBlock* TooDeep = block("too.deep");
    BasicBlock* Body = block("body");
    B.CreateCondBr(B.CreateICmpUGT(Deeper, B.getInt32(MC.MaxDepth)), TooDeep, Body,
                   MC.Unlikely);
    B.SetInsertPoint(TooDeep);
    B.CreateStore(Deeper, Stk);
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
      checkBound(Bound, O, S);
    } else {
      Reserved = 0; // control flow or a helper that grows: start over
    }
    if (Shape == OpShape::ScopeBegin) {
      I = lowerScope(I, Base, S); // returns the op after the scope's end
      Reserved = 0;
      continue;
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
      lowerStr(O, Base, S);
      break;
    case Opcode::Call:
      lowerCall(O, Base, S);
      break;
    case Opcode::Char:
      lowerChar(O, Base, S);
      break;
    case Opcode::CStr:
      lowerCStr(O, Base, S);
      break;
    case Opcode::Raw:
      lowerRaw(O, Base, S);
      break;
    case Opcode::Bytes:
      lowerBytes(O, Base, S);
      break;
    case Opcode::Time:
      lowerTime(O, Base, S);
      break;
    case Opcode::Enum:
    case Opcode::EnumKey:
      lowerEnum(O, Base);
      break;
    case Opcode::Hook:
      lowerHook(O, Base, S);
      break;
    case Opcode::Nl:
      newline(O.Level);
      break;
    default:
      assert(false && "scope markers are handled by their opening op");
    }
    ++I;
  }
  return I;
}

/// Lowers the scope that op I opens; returns the index after its end.
std::size_t FunctionLowering::lowerScope(std::size_t I, Value* Base, const Scope& S) {
  switch (IRF.Body[I].Code) {
  case Opcode::VecBegin:
  case Opcode::ArrBegin:
    return lowerLoop(I, Base, S);
  case Opcode::OptBegin:
    return lowerOpt(I, Base, S);
  case Opcode::SeqBegin:
  case Opcode::SortedBegin:
    return lowerSeq(I, Base, S);
  case Opcode::PtrBegin:
    return lowerPtr(I, Base, S);
  case Opcode::VarBegin:
    return lowerVar(I, Base, S);
  case Opcode::ObjBegin:
    return lowerObj(I, Base, S);
  case Opcode::OmitBegin:
  case Opcode::OmitNullBegin:
    return lowerOmit(I, Base, S);
  default:
    assert(false && "every ScopeBegin op has a lowering");
    return IRF.Body.size();
  }
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
  // Formatted by IR in this module (CodeGen/IntegerFormat): no call out.
  setCur(B.CreateCall(Signed ? formatI64Function(MC.M) : formatU64Function(MC.M), {cur(), V}));
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
  if (MC.P.Opts.nonFinite == NonFiniteMode::Null) {
    // "null" fits in the bytes reserved for the number.
    BasicBlock* Number = block("float.finite");
    BasicBlock* Null = block("float.null");
    BasicBlock* Join = block("float.join");
    B.CreateCondBr(Finite, Number, Null);
    B.SetInsertPoint(Null);
    Value* Cur = cur();
    B.CreateAlignedStore(B.getInt32(0x6c6c756e), Cur, MaybeAlign(1)); // "null"
    setCur(B.CreateConstInBoundsGEP1_64(i8(), Cur, 4));
    B.CreateBr(Join);
    B.SetInsertPoint(Number);
    setCur(B.CreateCall(Single ? MC.WriteF32 : MC.WriteF64, {cur(), V}));
    B.CreateBr(Join);
    B.SetInsertPoint(Join);
    return;
  }
  failIf(B.CreateNot(Finite), std::int32_t(ErrorCode::NonFiniteNumber), O, S);
  setCur(B.CreateCall(Single ? MC.WriteF32 : MC.WriteF64, {cur(), V}));
}

//===----------------------------------------------------------------------===//
// str: load (data, size) from the string's layout; the runtime quotes,
// escapes and grows as needed (short clean strings inline, with AVX-512).
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerStr(const Op& O, Value* Base, const Scope& S) {
  Value* Str = addr(Base, O.Offset);
  Value* Data = B.CreateLoad(ptr(), addr(Str, O.Type->DataOffset), "str.data");
  Value* Size = B.CreateLoad(i64(), addr(Str, O.Type->SizeOffset), "str.size");
  writeString(Data, Size, O, S);
}

/// The string writer for the program's options: the plain one (null means
/// out of memory) or the one that escapes, replaces or rejects as asked.
Value* FunctionLowering::writeString(Value* Data, Value* Size, const Op& O, const Scope& S) {
  if (!MC.StringMode) {
    BasicBlock* Done = nullptr;
    if (MC.InlineStringBytes) {
      Done = block("str.done");
      writeShortString(Data, Size, Done);
    }
    Value* Cur = cur();
    checkedCursor(B.CreateCall(MC.WriteString, {Buf, Cur, Data, Size}), false, O, S);
    if (Done) {
      B.CreateBr(Done);
      B.SetInsertPoint(Done);
    }
    return nullptr;
  }
  Value* Cur = cur();
  Value* NewCur =
      B.CreateCall(MC.WriteStringEx, {Buf, Cur, Data, Size, B.getInt64(MC.StringMode), Stk});
  checkedCursor(NewCur, true, O, S);
  return nullptr;
}

/// Most strings are short (names, ids, codes): one shorter than
/// MC.InlineStringBytes that needs no escape is written here, without a
/// call, when the buffer has room for the quotes and a whole vector store.
/// A masked load reads exactly its bytes (never a page past them). Branches
/// to Done when written; anything else continues at the insertion point left,
/// where the helper is called.
void FunctionLowering::writeShortString(Value* Data, Value* Size, BasicBlock* Done) {
  const unsigned Width = MC.InlineStringBytes;
  BasicBlock* Short = block("str.short");
  BasicBlock* Inline = block("str.inline");
  BasicBlock* Call = block("str.call");
  B.CreateCondBr(B.CreateICmpULT(Size, B.getInt64(Width), "str.isshort"), Short, Call);

  B.SetInsertPoint(Short);
  Value* Cur = cur();
  Value* End = B.CreateLoad(ptr(), EndSlot, "end");
  Value* Room = distance(Cur, End);
  // The opening quote, then Width bytes (the closing quote lands inside them).
  Value* Roomy = B.CreateICmpUGE(Room, B.getInt64(Width + 1), "str.roomy");
  IntegerType* LaneBits = B.getIntNTy(Width);
  auto* Bytes = FixedVectorType::get(i8(), Width);
  auto* Lanes = FixedVectorType::get(B.getInt1Ty(), Width);
  Value* Shifted = B.CreateShl(ConstantInt::get(LaneBits, 1), B.CreateTrunc(Size, LaneBits));
  Value* Live = B.CreateBitCast(B.CreateSub(Shifted, ConstantInt::get(LaneBits, 1)), Lanes);
  Value* V = B.CreateMaskedLoad(Bytes, Data, Align(1), Live, Constant::getNullValue(Bytes),
                                "str.bytes");
  auto Splat = [&](char C) {
    return ConstantVector::getSplat(ElementCount::getFixed(Width), B.getInt8(C));
  };
  Value* Quote = B.CreateICmpEQ(V, Splat('"'));
  Value* Backslash = B.CreateICmpEQ(V, Splat('\\'));
  Value* Control = B.CreateICmpULT(V, Splat(0x20)); // also the zeroed lanes: masked below
  Value* Special = B.CreateOr(B.CreateOr(Quote, Backslash), Control);
  Value* Found = B.CreateBitCast(B.CreateAnd(Special, Live), LaneBits);
  Value* Clean = B.CreateICmpEQ(Found, ConstantInt::get(LaneBits, 0), "str.clean");
  B.CreateCondBr(B.CreateAnd(Roomy, Clean), Inline, Call);

  B.SetInsertPoint(Inline);
  B.CreateStore(B.getInt8('"'), Cur);
  Value* Text = B.CreateConstInBoundsGEP1_64(i8(), Cur, 1);
  B.CreateAlignedStore(V, Text, MaybeAlign(1));
  Value* Close = B.CreateInBoundsGEP(i8(), Text, Size);
  B.CreateStore(B.getInt8('"'), Close);
  setCur(B.CreateConstInBoundsGEP1_64(i8(), Close, 1));
  B.CreateBr(Done);

  B.SetInsertPoint(Call);
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
  if (O.Code == Opcode::VecBegin && T.Kind == ir::TypeKind::Span) {
    Value* Span = addr(Base, O.Offset);
    Begin = B.CreateLoad(ptr(), addr(Span, T.BeginOffset), "span.data");
    Value* Count = B.CreateLoad(i64(), addr(Span, T.SizeOffset), "span.count");
    End = B.CreateInBoundsGEP(i8(), Begin, B.CreateMul(Count, B.getInt64(Stride)), "span.end");
    B.CreateCondBr(B.CreateICmpEQ(Begin, End), After, Head);
  } else if (O.Code == Opcode::VecBegin) {
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
  Reserved = 0;
  if (O.Level)
    newline(O.Level);
  std::size_t Close = lowerRange(I + 1, Elem, Inner);

  Value* Next = B.CreateConstInBoundsGEP1_64(i8(), Elem, Stride, "next");
  BasicBlock* Sep = block("loop.sep");
  BasicBlock* Last = O.Level ? block("loop.last") : After;
  // uge, not eq: a corrupt vector (size not a multiple of the stride) ends.
  B.CreateCondBr(B.CreateICmpUGE(Next, End), Last, Sep);
  if (O.Level) {
    B.SetInsertPoint(Last);
    Reserved = 0;
    newline(O.Level - 1);
    B.CreateBr(After);
  }
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
  return lowerPresentOrNot(I, Base, S, Engaged, "opt.some", "opt.none", "opt",
                           [&] { return addr(Opt, T.PayloadOffset); });
}

/// The two parts of opt.begin and ptr.begin: the body on the payload when
/// Present, else the else part (if any) on the enclosing base. Payload is
/// computed inside the body's block.
template <class PayloadFn>
std::size_t FunctionLowering::lowerPresentOrNot(std::size_t I, Value* Base, const Scope& S,
                                                Value* Present, const char* SomeName,
                                                const char* NoneName, const Twine& Prefix,
                                                PayloadFn Payload) {
  const Op& O = IRF.Body[I];
  BasicBlock* Then = block(SomeName);
  BasicBlock* Else = block(NoneName);
  BasicBlock* Join = block(Prefix + ".join");
  B.CreateCondBr(Present, Then, Else);

  BasicBlock* Unwind = block(Prefix + ".unwind");
  Scope Inner{Unwind};
  B.SetInsertPoint(Then);
  Reserved = 0;
  std::size_t Split = lowerRange(I + 1, Payload(), Inner);
  B.CreateBr(Join);

  B.SetInsertPoint(Else);
  Reserved = 0;
  std::size_t Close = Split;
  if (ir::shapeOf(IRF.Body[Split].Code) == OpShape::ScopeElse)
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
  // Pretty: the callee indents relative to this call's level.
  Value* IndentBase = nullptr;
  Value* LevelAddr = nullptr;
  if (O.Level) {
    LevelAddr = B.CreateConstInBoundsGEP1_64(i8(), Stk, StackIndentBase);
    IndentBase = B.CreateLoad(i32(), LevelAddr);
    B.CreateStore(B.CreateAdd(IndentBase, B.getInt32(O.Level)), LevelAddr);
  }
  Value* Status = B.CreateCall(MC.EntryType, MC.Functions[O.Callee],
                               {Buf, addr(Base, O.Offset), Stk, Flags}, "status");
  if (IndentBase)
    B.CreateStore(IndentBase, LevelAddr);
  BasicBlock* FailBB = block("call.fail");
  BasicBlock* Ok = block("call.ok");
  B.CreateCondBr(B.CreateICmpNE(Status, B.getInt32(0)), FailBB, Ok, MC.Unlikely);
  B.SetInsertPoint(FailBB);
  failWith(Status, O, S);
  B.SetInsertPoint(Ok);
  reloadCursor();
}

//===----------------------------------------------------------------------===//
// char: one byte as a one-character string (escaped like any string).
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerChar(const Op& O, Value* Base, const Scope& S) {
  writeString(addr(Base, O.Offset), B.getInt64(1), O, S);
}

//===----------------------------------------------------------------------===//
// cstr: a pointer (null -> null) or char[N], up to the first NUL.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerCStr(const Op& O, Value* Base, const Scope& S) {
  Value* Data = addr(Base, O.Offset);
  std::uint64_t MaxLen = O.Type->Count;
  if (MaxLen == 0) {
    Data = B.CreateLoad(ptr(), Data, "cstr");
    MaxLen = ~std::uint64_t(0);
  }
  Value* NewCur = B.CreateCall(MC.WriteCStr, {Buf, cur(), Data, B.getInt64(MaxLen),
                                              B.getInt64(MC.StringMode), Stk});
  checkedCursor(NewCur, true, O, S);
}

//===----------------------------------------------------------------------===//
// raw: jitson::RawJson's text, verbatim (empty -> null).
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerRaw(const Op& O, Value* Base, const Scope& S) {
  Value* Str = addr(Base, O.Offset);
  Value* Data = B.CreateLoad(ptr(), addr(Str, O.Type->DataOffset), "raw.data");
  Value* Size = B.CreateLoad(i64(), addr(Str, O.Type->SizeOffset), "raw.size");
  checkedCursor(B.CreateCall(MC.WriteRaw, {Buf, cur(), Data, Size}), false, O, S);
}

//===----------------------------------------------------------------------===//
// bytes: [begin, end) as a padded base64 string.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerBytes(const Op& O, Value* Base, const Scope& S) {
  Value* Vec = addr(Base, O.Offset);
  Value* Begin = B.CreateLoad(ptr(), addr(Vec, O.Type->BeginOffset), "bytes.begin");
  Value* End = B.CreateLoad(ptr(), addr(Vec, O.Type->EndOffset), "bytes.end");
  Value* Size = distance(Begin, End);
  checkedCursor(B.CreateCall(MC.WriteBase64, {Buf, cur(), Begin, Size}), false, O, S);
}

//===----------------------------------------------------------------------===//
// time: ticks since the epoch as RFC 3339; a year outside 0000-9999 fails.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerTime(const Op& O, Value* Base, const Scope& S) {
  const ir::TypeDesc& Ticks = *O.Type->Element;
  Value* Count = B.CreateLoad(B.getIntNTy(unsigned(Ticks.Bits)), addr(Base, O.Offset), "ticks");
  Count = Ticks.IsSigned ? B.CreateSExt(Count, i64()) : B.CreateZExt(Count, i64());
  Value* NewCur = B.CreateCall(MC.WriteTime, {cur(), Count, B.getInt64(O.Type->Num),
                                              B.getInt64(O.Type->Den)});
  failIf(B.CreateIsNull(NewCur), std::int32_t(ErrorCode::InvalidValue), O, S);
  setCur(NewCur);
}

//===----------------------------------------------------------------------===//
// enum, enum.key: a switch writing each named value's quoted name (escaped at
// code generation); other values as numbers (quoted for keys).
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerEnum(const Op& O, Value* Base) {
  const ir::TypeDesc& T = *O.Type;
  const ir::TypeDesc& U = *T.Element;
  bool Key = O.Code == Opcode::EnumKey;
  std::vector<std::string> Texts;
  std::uint64_t Longest = MaxIntChars + 2;
  for (const detail::EnumeratorDesc& E : T.Enumerators) {
    std::string Text = "\"";
    ir::appendJsonEscaped(Text, E.Name, MC.P.Opts);
    Text += '"';
    Longest = std::max<std::uint64_t>(Longest, Text.size());
    Texts.push_back(std::move(Text));
  }
  ensure(Longest);
  Value* Raw = B.CreateLoad(B.getIntNTy(unsigned(U.Bits)), addr(Base, O.Offset), "enum");
  Value* V = U.IsSigned ? B.CreateSExt(Raw, i64()) : B.CreateZExt(Raw, i64());
  BasicBlock* Other = block("enum.number");
  BasicBlock* Join = block("enum.join");
  SwitchInst* Switch = B.CreateSwitch(V, Other, unsigned(Texts.size()));
  std::set<std::int64_t> Seen; // aliases (two names, one value): the first wins
  for (std::size_t I = 0; I < Texts.size(); ++I) {
    if (!Seen.insert(T.Enumerators[I].Value).second)
      continue;
    BasicBlock* Case = block("enum.name");
    Switch->addCase(B.getInt64(std::uint64_t(T.Enumerators[I].Value)), Case);
    B.SetInsertPoint(Case);
    Value* Cur = cur();
    B.CreateMemCpy(Cur, MaybeAlign(1), globalText(Texts[I]), MaybeAlign(1), Texts[I].size());
    setCur(B.CreateConstInBoundsGEP1_64(i8(), Cur, Texts[I].size()));
    B.CreateBr(Join);
  }
  B.SetInsertPoint(Other);
  Value* Cur = cur();
  if (Key) {
    B.CreateStore(B.getInt8('"'), Cur);
    Cur = B.CreateConstInBoundsGEP1_64(i8(), Cur, 1);
  }
  Cur = B.CreateCall(U.IsSigned ? formatI64Function(MC.M) : formatU64Function(MC.M), {Cur, V});
  if (Key) {
    B.CreateStore(B.getInt8('"'), Cur);
    Cur = B.CreateConstInBoundsGEP1_64(i8(), Cur, 1);
  }
  setCur(Cur);
  B.CreateBr(Join);
  B.SetInsertPoint(Join);
}

//===----------------------------------------------------------------------===//
// hook: a user's jitson::Serialize<T>, through its per-type thunk (which
// catches exceptions). The cursor goes through the Buffer around the call.
//===----------------------------------------------------------------------===//

void FunctionLowering::lowerHook(const Op& O, Value* Base, const Scope& S) {
  flushCursor();
  FunctionCallee Hook = MC.helper(O.Type->Helpers[0].Symbol, i32(), {ptr(), ptr()});
  Value* Status = B.CreateCall(Hook, {Buf, addr(Base, O.Offset)}, "hook.status");
  BasicBlock* FailBB = block("hook.fail");
  BasicBlock* Ok = block("hook.ok");
  B.CreateCondBr(B.CreateICmpNE(Status, B.getInt32(0)), FailBB, Ok, MC.Unlikely);
  B.SetInsertPoint(FailBB);
  failWith(Status, O, S);
  B.SetInsertPoint(Ok);
  reloadCursor();
}

//===----------------------------------------------------------------------===//
// seq.begin/seq.sorted/seq.end: walk any container through its per-type
// helpers (first, next) or, sorted, through the runtime's sorted walk.
//===----------------------------------------------------------------------===//

std::size_t FunctionLowering::lowerSeq(std::size_t I, Value* Base, const Scope& S) {
  const Op& O = IRF.Body[I];
  const ir::TypeDesc& T = *O.Type;
  bool Sorted = O.Code == Opcode::SortedBegin;
  Value* Container = addr(Base, O.Offset);
  AllocaInst* State = entryAlloca(i8(), IterStateSize, "iter.state");
  FunctionCallee Next;
  Value* First;
  if (Sorted) {
    FunctionCallee Sort = MC.helper(T.Helpers[detail::IterSorted].Symbol, i32(), {ptr(), ptr()});
    Value* Status = B.CreateCall(Sort, {Container, State}, "sort.status");
    BasicBlock* Ok = block("sort.ok");
    B.CreateCondBr(B.CreateICmpNE(Status, B.getInt32(0)), outOfMemory(), Ok, MC.Unlikely);
    B.SetInsertPoint(Ok);
    Next = MC.SortedNext;
    First = B.CreateCall(Next, {State}, "first");
  } else {
    FunctionCallee FirstFn =
        MC.helper(T.Helpers[detail::IterFirst].Symbol, ptr(), {ptr(), ptr()});
    Next = MC.helper(T.Helpers[detail::IterNext].Symbol, ptr(), {ptr()});
    First = B.CreateCall(FirstFn, {Container, State}, "first");
  }
  BasicBlock* After = block("seq.after");
  BasicBlock* Head = block("seq.body");
  B.CreateCondBr(B.CreateIsNull(First), After, Head);
  BasicBlock* Pre = B.GetInsertBlock();
  B.SetInsertPoint(Head);
  PHINode* Elem = B.CreatePHI(ptr(), 2, "elem");
  PHINode* Index = B.CreatePHI(i64(), 2, "index");
  Elem->addIncoming(First, Pre);
  Index->addIncoming(B.getInt64(0), Pre);

  BasicBlock* Unwind = block("seq.unwind");
  Scope Inner{Unwind};
  // Running out of memory skips the unwind blocks: inside a sorted walk it
  // must still free the walk's array first.
  BasicBlock* OuterOom = nullptr;
  if (Sorted) {
    OuterOom = outOfMemory();
    BasicBlock* SortedOom = block("sorted.oom");
    IRBuilder<>::InsertPointGuard Guard(B);
    B.SetInsertPoint(SortedOom);
    B.CreateCall(MC.SortedRelease, {State});
    B.CreateBr(OuterOom);
    OutOfMemory = SortedOom;
  }
  Reserved = 0;
  if (O.Level)
    newline(O.Level);
  std::size_t Close = lowerRange(I + 1, Elem, Inner);

  Value* NextElem = B.CreateCall(Next, {State}, "next");
  BasicBlock* Sep = block("seq.sep");
  BasicBlock* Last = O.Level ? block("seq.last") : After;
  B.CreateCondBr(B.CreateIsNull(NextElem), Last, Sep);
  if (O.Level) {
    B.SetInsertPoint(Last);
    Reserved = 0;
    newline(O.Level - 1);
    B.CreateBr(After);
  }
  B.SetInsertPoint(Sep);
  Reserved = 0;
  ensure(1);
  Value* Cur = cur();
  B.CreateStore(B.getInt8(','), Cur);
  setCur(B.CreateConstInBoundsGEP1_64(i8(), Cur, 1));
  Elem->addIncoming(NextElem, B.GetInsertBlock());
  Index->addIncoming(B.CreateAdd(Index, B.getInt64(1)), B.GetInsertBlock());
  B.CreateBr(Head);
  if (OuterOom)
    OutOfMemory = OuterOom;

  B.SetInsertPoint(Unwind);
  if (Sorted)
    B.CreateCall(MC.SortedRelease, {State});
  B.CreateCall(MC.PathIndex, {Stk, Index});
  unwindThrough(O, S);

  B.SetInsertPoint(After);
  return Close + 1;
}

//===----------------------------------------------------------------------===//
// ptr.begin/ptr.else/ptr.end: branch on the pointer; the body's base is the
// pointee. (Cycles through pointers are caught by the call ring.)
//===----------------------------------------------------------------------===//

std::size_t FunctionLowering::lowerPtr(std::size_t I, Value* Base, const Scope& S) {
  const Op& O = IRF.Body[I];
  Value* Pointee =
      B.CreateLoad(ptr(), addr(addr(Base, O.Offset), O.Type->PayloadOffset), "pointee");
  return lowerPresentOrNot(I, Base, S, B.CreateIsNotNull(Pointee), "ptr.some", "ptr.null", "ptr",
                           [&] { return Pointee; });
}

//===----------------------------------------------------------------------===//
// var.begin/var.case/var.end: switch on the index byte; part K writes
// alternative K (offsets from the variant); a valueless variant is null.
//===----------------------------------------------------------------------===//

std::size_t FunctionLowering::lowerVar(std::size_t I, Value* Base, const Scope& S) {
  const Op& O = IRF.Body[I];
  Value* Variant = addr(Base, O.Offset);
  Value* Index = B.CreateLoad(i8(), addr(Variant, O.Type->FlagOffset), "var.index");
  BasicBlock* Valueless = block("var.valueless");
  BasicBlock* Join = block("var.join");
  SwitchInst* Switch = B.CreateSwitch(Index, Valueless, unsigned(O.Type->Members.size()));
  BasicBlock* Unwind = block("var.unwind");
  Scope Inner{Unwind};
  std::size_t At = I;
  for (std::size_t K = 0; K < O.Type->Members.size(); ++K) {
    BasicBlock* Case = block("var.case");
    Switch->addCase(B.getInt8(std::uint8_t(K)), Case);
    B.SetInsertPoint(Case);
    Reserved = 0;
    At = lowerRange(At + 1, Variant, Inner);
    B.CreateBr(Join);
  }
  B.SetInsertPoint(Valueless);
  Reserved = 0;
  writeConstant("null");
  B.CreateBr(Join);
  B.SetInsertPoint(Unwind);
  unwindThrough(O, S);
  B.SetInsertPoint(Join);
  return At + 1;
}

//===----------------------------------------------------------------------===//
// obj.begin/obj.end: an object whose members may be left out. Each written
// member starts with ','; at the end the first ',' becomes '{' and '}' is
// added, or {} is written when no member was.
//===----------------------------------------------------------------------===//

std::size_t FunctionLowering::lowerObj(std::size_t I, Value* Base, const Scope& S) {
  const Op& O = IRF.Body[I];
  // Offsets, not pointers: the buffer may move while members are written.
  auto Written = [&] {
    Value* Begin = B.CreateLoad(ptr(), bufferField(BufferBegin), "buf.begin");
    return distance(Begin, cur());
  };
  Value* Start = Written();
  BasicBlock* Unwind = block("obj.unwind");
  Scope Inner{Unwind};
  Reserved = 0;
  std::size_t Close = lowerRange(I + 1, addr(Base, O.Offset), Inner);
  Reserved = 0;
  // The buffer's Begin is current only after a flush-free helper call if
  // grow wrote it back, which it always does.
  Value* Now = Written();
  BasicBlock* Empty = block("obj.empty");
  BasicBlock* Some = block("obj.some");
  BasicBlock* Join = block("obj.join");
  B.CreateCondBr(B.CreateICmpEQ(Now, Start), Empty, Some);
  B.SetInsertPoint(Empty);
  writeConstant("{}");
  B.CreateBr(Join);
  B.SetInsertPoint(Some);
  Value* Begin = B.CreateLoad(ptr(), bufferField(BufferBegin), "buf.begin");
  B.CreateStore(B.getInt8('{'), B.CreateInBoundsGEP(i8(), Begin, Start));
  if (MC.P.Opts.pretty)
    newline(O.Level);
  writeConstant("}");
  B.CreateBr(Join);
  B.SetInsertPoint(Unwind);
  unwindThrough(O, S);
  B.SetInsertPoint(Join);
  return Close + 1;
}

//===----------------------------------------------------------------------===//
// omit.begin/omit.null/omit.end: the body (key and value) only when the
// value is not empty ("", [], {}, null, 0, false), or for omit.null not null.
//===----------------------------------------------------------------------===//

Value* FunctionLowering::isEmpty(const ir::TypeDesc& T, Value* Addr, bool NullOnly) {
  using ir::TypeKind;
  auto Word = [&](std::uint64_t Offset) { return B.CreateLoad(i64(), addr(Addr, Offset)); };
  switch (T.Kind) {
  case TypeKind::String:
  case TypeKind::Raw:
    return B.CreateICmpEQ(Word(T.SizeOffset), B.getInt64(0));
  case TypeKind::Vector:
  case TypeKind::Bytes:
    return B.CreateICmpEQ(Word(T.BeginOffset), Word(T.EndOffset));
  case TypeKind::Span:
    return B.CreateICmpEQ(Word(T.SizeOffset), B.getInt64(0));
  case TypeKind::Optional:
    return B.CreateICmpEQ(B.CreateLoad(i8(), addr(Addr, T.FlagOffset)), B.getInt8(0));
  case TypeKind::Pointer:
    return B.CreateIsNull(B.CreateLoad(ptr(), addr(Addr, T.PayloadOffset)));
  case TypeKind::CString: {
    if (NullOnly)
      return B.CreateIsNull(B.CreateLoad(ptr(), Addr));
    if (T.Count)
      return B.CreateICmpEQ(B.CreateLoad(i8(), Addr), B.getInt8(0));
    // null or "": test the pointer, then (only if set) its first byte.
    Value* P = B.CreateLoad(ptr(), Addr);
    BasicBlock* Pre = B.GetInsertBlock();
    BasicBlock* Deref = block("cstr.first");
    BasicBlock* Join = block("cstr.tested");
    B.CreateCondBr(B.CreateIsNull(P), Join, Deref);
    B.SetInsertPoint(Deref);
    Value* FirstNul = B.CreateICmpEQ(B.CreateLoad(i8(), P), B.getInt8(0));
    B.CreateBr(Join);
    B.SetInsertPoint(Join);
    PHINode* Result = B.CreatePHI(B.getInt1Ty(), 2);
    Result->addIncoming(B.getTrue(), Pre);
    Result->addIncoming(FirstNul, Deref);
    return Result;
  }
  case TypeKind::Sequence: {
    AllocaInst* State = entryAlloca(i8(), IterStateSize, "empty.state");
    FunctionCallee First = MC.helper(T.Helpers[detail::IterFirst].Symbol, ptr(), {ptr(), ptr()});
    return B.CreateIsNull(B.CreateCall(First, {Addr, State}));
  }
  case TypeKind::Bool:
  case TypeKind::Char:
    return B.CreateICmpEQ(B.CreateLoad(i8(), Addr), B.getInt8(0));
  case TypeKind::Int:
  case TypeKind::Enum: {
    unsigned Bits = unsigned((T.Kind == TypeKind::Enum ? *T.Element : T).Bits);
    return B.CreateICmpEQ(B.CreateLoad(B.getIntNTy(Bits), Addr), B.getIntN(Bits, 0));
  }
  case TypeKind::Float: {
    Type* Ty = T.Bits == 32 ? B.getFloatTy() : B.getDoubleTy();
    return B.CreateFCmpOEQ(B.CreateLoad(Ty, Addr), ConstantFP::get(Ty, 0.0));
  }
  case TypeKind::Array:
    return B.getInt1(T.Count == 0);
  case TypeKind::Null:
    return B.getTrue();
  default: // structs, tuples, variants, times, hooks: never empty
    return B.getFalse();
  }
}

std::size_t FunctionLowering::lowerOmit(std::size_t I, Value* Base, const Scope& S) {
  const Op& O = IRF.Body[I];
  Value* Addr = addr(Base, O.Offset);
  Value* Empty = isEmpty(*O.Type, Addr, O.Code == Opcode::OmitNullBegin);
  BasicBlock* Write = block("omit.write");
  BasicBlock* Join = block("omit.join");
  B.CreateCondBr(Empty, Join, Write);
  B.SetInsertPoint(Write);
  BasicBlock* Unwind = block("omit.unwind");
  Scope Inner{Unwind};
  Reserved = 0;
  std::size_t Close = lowerRange(I + 1, Addr, Inner);
  B.CreateBr(Join);
  B.SetInsertPoint(Unwind);
  unwindThrough(O, S);
  B.SetInsertPoint(Join);
  return Close + 1;
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
  MC.WriteF64 = Declare(WriteF64Helper, Ptr, {Ptr, Type::getDoubleTy(C)});
  MC.WriteF32 = Declare(WriteF32Helper, Ptr, {Ptr, Type::getFloatTy(C)});
  MC.PathField = Declare(PathFieldHelper, Void, {Ptr, Ptr, I64});
  MC.PathIndex = Declare(PathIndexHelper, Void, {Ptr, I64});
  MC.WriteStringEx = Declare(WriteStringExHelper, Ptr, {Ptr, Ptr, Ptr, I64, I64, Ptr});
  MC.WriteCStr = Declare(WriteCStrHelper, Ptr, {Ptr, Ptr, Ptr, I64, I64, Ptr});
  MC.WriteRaw = Declare(WriteRawHelper, Ptr, {Ptr, Ptr, Ptr, I64});
  MC.WriteBase64 = Declare(WriteBase64Helper, Ptr, {Ptr, Ptr, Ptr, I64});
  MC.WriteTime = Declare(WriteTimeHelper, Ptr, {Ptr, I64, I64, I64});
  MC.SortedNext = Declare(SortedNextHelper, Ptr, {Ptr});
  MC.SortedRelease = Declare(SortedReleaseHelper, Void, {Ptr});
  MC.ParkFailure = Declare(ParkFailureHelper, Void, {Ptr, Ptr});
  for (FunctionCallee Cold : {MC.PathField, MC.PathIndex, MC.SortedRelease, MC.ParkFailure})
    cast<Function>(Cold.getCallee())->addFnAttr(Attribute::Cold);
}

/// The run function around Entry (RuntimeAbi.h): what the public
/// serializeTo calls. The stack is allocated here rather than by a C++
/// caller, so a run is one call from the user's code (measured: a C++
/// function in between cost ~1.5 ns per call; the optimiser inlines a small
/// entry here, see optimizeModule). The size to restore on failure goes into
/// the stack, not a register kept across the run; on failure the cold helper
/// restores it and parks the stack for runFailed.
void emitRunFunction(ModuleContext& MC, Function* Entry, const Twine& Name) {
  LLVMContext& C = MC.Ctx;
  Type* Ptr = PointerType::getUnqual(C);
  Type* I8 = Type::getInt8Ty(C);
  auto* Fn = Function::Create(FunctionType::get(Type::getInt32Ty(C), {Ptr, Ptr, Ptr}, false),
                              GlobalValue::ExternalLinkage, Name, MC.M);
  Fn->setDoesNotThrow();
  for (const char* Kind : {"target-cpu", "target-features"})
    Fn->addFnAttr(Entry->getFnAttribute(Kind));
  Fn->addParamAttr(0, Attribute::NoAlias);
  Fn->addParamAttr(1, Attribute::NoAlias);
  // The entry's names: inlined, its code reads as it does on its own.
  Fn->getArg(0)->setName("buf");
  Fn->getArg(1)->setName("value");
  Fn->getArg(2)->setName("head");
  IRBuilder<> B(BasicBlock::Create(C, "run", Fn));
  Argument* Buf = Fn->getArg(0);
  AllocaInst* Stk = B.CreateAlloca(ArrayType::get(I8, sizeof(Stack)), nullptr, "stack");
  Stk->setAlignment(Align(alignof(Stack)));
  static_assert(offsetof(Stack, InnerCount) == 4 && offsetof(Stack, OuterCount) == 8);
  B.CreateStore(B.getInt64(0), Stk);                                  // Depth, InnerCount
  B.CreateStore(B.getInt64(0), B.CreateConstInBoundsGEP1_64(I8, Stk, 8)); // OuterCount
  B.CreateStore(B.getInt32(0), B.CreateConstInBoundsGEP1_64(I8, Stk, StackIndentBase));
  auto Field = [&](BufferField F) { return B.CreateConstInBoundsGEP1_64(Ptr, Buf, F); };
  Type* I64 = Type::getInt64Ty(C);
  Value* Kept = B.CreateSub(B.CreatePtrToInt(B.CreateLoad(Ptr, Field(BufferCur)), I64),
                            B.CreatePtrToInt(B.CreateLoad(Ptr, Field(BufferBegin)), I64), "kept");
  B.CreateStore(Kept, B.CreateConstInBoundsGEP1_64(I8, Stk, StackKept));
  CallInst* Code = B.CreateCall(MC.EntryType, Entry, {Buf, Fn->getArg(1), Stk, B.getInt64(0)});
  BasicBlock* Failed = BasicBlock::Create(C, "failed", Fn);
  BasicBlock* Done = BasicBlock::Create(C, "done", Fn);
  B.CreateCondBr(B.CreateICmpNE(Code, B.getInt32(0)), Failed, Done, MC.Unlikely);
  B.SetInsertPoint(Done);
  B.CreateRet(B.getInt32(0));
  B.SetInsertPoint(Failed);
  B.CreateCall(MC.ParkFailure, {Buf, Stk});
  B.CreateRet(Code);
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
                   P.Opts.pretty && HasCalls,
                   FunctionType::get(Type::getInt32Ty(Ctx),
                                     {Ptr, Ptr, Ptr, Type::getInt64Ty(Ctx)}, false),
                   {}, {}, {}, {}, {}, {}, {},
                   MDBuilder(Ctx).createBranchWeights(1, 1 << 20),
                   {}, {}, {}, {}, {}, {}, {}, {}, 0};
  MC.StringMode = stringMode(P.Opts);
  if (TM.getTargetTriple().isX86() &&
      TM.getMCSubtargetInfo()->checkFeatures("+avx512bw,+avx512vl"))
    MC.InlineStringBytes = 32;
  declareHelpers(MC);

  std::string CPU = TM.getTargetCPU().str();
  std::string Features = TM.getTargetFeatureString().str();
  for (std::size_t I = 0; I < P.Functions.size(); ++I) {
    std::string Name = I == 0 ? EntryName.str() : (EntryName + "." + Twine(I)).str();
    Function* F = Function::Create(MC.EntryType,
                                   I == 0 ? GlobalValue::ExternalLinkage
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
    FunctionLowering(MC, P.Functions[I], MC.Functions[I], I).lower();
  emitRunFunction(MC, MC.Functions[0], EntryName + RunSuffix);

  std::string Broken;
  raw_string_ostream OS(Broken);
  if (verifyModule(*M, &OS))
    return ir::makeError(ErrorCode::Internal, "lowering produced invalid LLVM IR: " + OS.str());
  return M;
}

} // namespace jitson::codegen

// The developer-mode bounds check's switches (declared in Runtime/TestHooks.h).
namespace jitson::runtime::testhooks {
namespace {
std::atomic<bool>& checkBoundsFlag() {
#ifdef JITSON_CHECK_BOUNDS_DEFAULT
  constexpr bool Default = true;
#else
  constexpr bool Default = false;
#endif
  static std::atomic<bool> Flag{[] {
    const char* V = std::getenv("JITSON_CHECK_BOUNDS");
    return V ? *V && std::strcmp(V, "0") != 0 : Default;
  }()};
  return Flag;
}
} // namespace
void setCheckBounds(bool On) noexcept { checkBoundsFlag().store(On, std::memory_order_relaxed); }
bool checkBounds() noexcept { return checkBoundsFlag().load(std::memory_order_relaxed); }

static std::atomic<bool> SkipCapacityChecks{false};
void setSkipCapacityChecks(bool On) noexcept {
  SkipCapacityChecks.store(On, std::memory_order_relaxed);
}
bool skipCapacityChecks() noexcept { return SkipCapacityChecks.load(std::memory_order_relaxed); }
} // namespace jitson::runtime::testhooks
