// The interpreted tier: each op's semantics as its lowering (lib/CodeGen/Lowering.cpp) defines them.
#include "Runtime/Interpreter.h"

#include "IR/Builder.h"
#include "IR/CodedError.h"
#include "IR/Verifier.h"
#include "Runtime/Helpers.h"
#include "jitson/Error.h"
#include "jitson/detail/Iteration.h"

#include <cmath>
#include <cstring>
#include <string>

namespace jitson::runtime {

using codegen::Buffer;
using codegen::Stack;
using ir::Op;
using ir::Opcode;
using ir::OpShape;
using ir::TypeDesc;
using ir::TypeKind;

llvm::Expected<std::unique_ptr<Interpreter>> Interpreter::create(ir::Program P) {
  if (llvm::Error E = ir::verifyProgram(P))
    return E;
  bool HasCalls = false;
  for (const ir::Function& F : P.Functions)
    for (const Op& O : F.Body) {
      HasCalls |= O.Code == Opcode::Call;
      if (O.Type)
        for (const detail::TypeHelper& H : O.Type->Helpers)
          if (!H.Address)
            return ir::makeError(ErrorCode::Internal,
                                 "cannot interpret a program whose helper \"" + H.Symbol +
                                     "\" has no address");
    }
  std::unique_ptr<Interpreter> I(new Interpreter(std::move(P)));
  I->CountsDepth = HasCalls || I->P.Opts.maxDepth == 0;
  I->DynamicIndent = I->P.Opts.pretty && HasCalls;
  I->StringMode = codegen::stringMode(I->P.Opts);
  for (const ir::Function& F : I->P.Functions) {
    std::vector<std::uint32_t> Ends(F.Body.size(), 0);
    std::vector<std::uint32_t> Open; // the op starting the current part
    for (std::uint32_t K = 0; K < F.Body.size(); ++K) {
      OpShape Shape = ir::shapeOf(F.Body[K].Code);
      if (Shape == OpShape::ScopeElse || Shape == OpShape::ScopeEnd) {
        Ends[Open.back()] = K;
        Open.pop_back();
      }
      if (Shape == OpShape::ScopeBegin || Shape == OpShape::ScopeElse)
        Open.push_back(K);
    }
    I->PartEnd.push_back(std::move(Ends));
  }
  return I;
}

/// One serialization: the buffer, the stack and the interpreter's tables.
class Run {
public:
  Run(const Interpreter& I, Buffer* B, Stack* S) : I(I), B(B), S(S) {}

  std::int32_t function(std::uint32_t FI, const char* Value) {
    std::uint32_t Depth = S->Depth;
    if (I.CountsDepth) {
      std::uint32_t Deeper = Depth + 1;
      Stack::CallEntry& E = S->Calls[Deeper & (Stack::KeptCalls - 1)];
      E.Value = Value;
      E.Function = FI;
      if (Deeper > I.P.Opts.maxDepth) {
        S->Depth = Deeper;
        return std::int32_t(ErrorCode::TooDeep);
      }
      S->Depth = Deeper;
    }
    const std::vector<Op>& Body = I.P.Functions[FI].Body;
    std::uint32_t At = 0;
    if (std::int32_t Status = range(FI, At, std::uint32_t(Body.size()), Value))
      return Status;
    if (I.CountsDepth)
      S->Depth = Depth;
    return 0;
  }

private:
  const Interpreter& I;
  Buffer* B;
  Stack* S;

  static constexpr std::int32_t Oom = std::int32_t(ErrorCode::OutOfMemory);

  bool ensure(std::uint64_t Bytes) {
    if (std::uint64_t(B->End - B->Cur) >= Bytes)
      return true;
    char* Cur = jitson_rt_grow(B, B->Cur, Bytes);
    return Cur != nullptr;
  }
  bool write(const char* Bytes, std::size_t Size) {
    if (!ensure(Size))
      return false;
    std::memcpy(B->Cur, Bytes, Size);
    B->Cur += Size;
    return true;
  }
  bool write(const std::string& Bytes) { return write(Bytes.data(), Bytes.size()); }
  bool newline(std::uint32_t Level) {
    const Options& O = I.P.Opts;
    std::uint64_t Levels = Level + (I.DynamicIndent ? S->IndentBase : 0);
    std::uint64_t Count = Levels * O.indentWidth;
    if (!ensure(Count + 1))
      return false;
    *B->Cur++ = '\n';
    std::memset(B->Cur, O.indentChar, Count);
    B->Cur += Count;
    return true;
  }
  /// A helper's new cursor, or its failure (null) as a status.
  std::int32_t took(char* NewCur, bool CodeInStack) {
    if (!NewCur)
      return CodeInStack ? S->FailCode : Oom;
    B->Cur = NewCur;
    return 0;
  }
  std::int32_t fail(std::int32_t Status, const Op& O) {
    if (!O.Path.empty())
      jitson_rt_path_field(S, O.Path.data(), O.Path.size());
    return Status;
  }
  static std::uint64_t word(const char* At) {
    std::uint64_t W;
    std::memcpy(&W, At, sizeof W);
    return W;
  }
  static const char* pointer(const char* At) {
    const char* P;
    std::memcpy(&P, At, sizeof P);
    return P;
  }
  static std::int64_t integer(const TypeDesc& T, const char* At) {
    switch (T.Bits) {
    case 8: return T.IsSigned ? std::int64_t(*reinterpret_cast<const std::int8_t*>(At))
                              : std::int64_t(*reinterpret_cast<const std::uint8_t*>(At));
    case 16: return T.IsSigned ? std::int64_t(*reinterpret_cast<const std::int16_t*>(At))
                               : std::int64_t(*reinterpret_cast<const std::uint16_t*>(At));
    case 32: return T.IsSigned ? std::int64_t(*reinterpret_cast<const std::int32_t*>(At))
                               : std::int64_t(*reinterpret_cast<const std::uint32_t*>(At));
    default: return std::int64_t(word(At));
    }
  }

  std::int32_t writeString(const char* Data, std::uint64_t Size) {
    if (!I.StringMode)
      return took(jitson_rt_write_string(B, B->Cur, Data, Size), false);
    return took(jitson_rt_write_string_ex(B, B->Cur, Data, Size, I.StringMode, S), true);
  }

  bool isEmpty(const TypeDesc& T, const char* At, bool NullOnly) {
    switch (T.Kind) {
    case TypeKind::String:
    case TypeKind::Raw:
      return word(At + T.SizeOffset) == 0;
    case TypeKind::Vector:
    case TypeKind::Bytes:
      return word(At + T.BeginOffset) == word(At + T.EndOffset);
    case TypeKind::Span:
      return word(At + T.SizeOffset) == 0;
    case TypeKind::Optional:
      return At[T.FlagOffset] == 0;
    case TypeKind::Pointer:
      return pointer(At + T.PayloadOffset) == nullptr;
    case TypeKind::CString: {
      if (T.Count)
        return At[0] == 0;
      const char* P = pointer(At);
      return !P || (!NullOnly && *P == 0);
    }
    case TypeKind::Sequence: {
      alignas(16) char State[codegen::IterStateSize];
      auto First = reinterpret_cast<const void* (*)(const void*, void*)>(
          const_cast<void*>(T.Helpers[detail::IterFirst].Address));
      return First(At, State) == nullptr;
    }
    case TypeKind::Bool:
    case TypeKind::Char:
      return At[0] == 0;
    case TypeKind::Int:
      return integer(T, At) == 0;
    case TypeKind::Enum:
      return integer(*T.Element, At) == 0;
    case TypeKind::Float:
      return T.Bits == 32 ? *reinterpret_cast<const float*>(At) == 0.0f
                          : *reinterpret_cast<const double*>(At) == 0.0;
    case TypeKind::Array:
      return T.Count == 0;
    case TypeKind::Null:
      return true;
    default:
      return false;
    }
  }

  /// Runs ops [At, End) of function FI on Base, stopping early at a part's
  /// end; At is left at the op that stopped it.
  std::int32_t range(std::uint32_t FI, std::uint32_t& At, std::uint32_t End, const char* Base) {
    const std::vector<Op>& Body = I.P.Functions[FI].Body;
    while (At < End) {
      const Op& O = Body[At];
      OpShape Shape = ir::shapeOf(O.Code);
      if (Shape == OpShape::ScopeElse || Shape == OpShape::ScopeEnd)
        return 0;
      if (Shape == OpShape::ScopeBegin) {
        if (std::int32_t Status = scope(FI, At, Base))
          return Status;
        continue; // scope() moved At past the scope
      }
      if (std::int32_t Status = op(FI, O, Base))
        return Status;
      ++At;
    }
    return 0;
  }

  std::int32_t op(std::uint32_t FI, const Op& O, const char* Base) {
    (void)FI;
    const char* At = Base + O.Offset;
    const TypeDesc* T = O.Type;
    switch (O.Code) {
    case Opcode::Text:
      return write(O.Bytes) ? 0 : Oom;
    case Opcode::Nl:
      return newline(O.Level) ? 0 : Oom;
    case Opcode::Bool:
      return write(At[0] ? "true" : "false", At[0] ? 4 : 5) ? 0 : Oom;
    case Opcode::I8: case Opcode::I16: case Opcode::I32: case Opcode::I64:
      if (!ensure(codegen::MaxIntChars))
        return Oom;
      B->Cur = jitson_rt_write_i64(B->Cur, integer(*T, At));
      return 0;
    case Opcode::U8: case Opcode::U16: case Opcode::U32: case Opcode::U64:
      if (!ensure(codegen::MaxIntChars))
        return Oom;
      B->Cur = jitson_rt_write_u64(B->Cur, std::uint64_t(integer(*T, At)));
      return 0;
    case Opcode::F32:
    case Opcode::F64: {
      double V = O.Code == Opcode::F32 ? double(*reinterpret_cast<const float*>(At))
                                       : *reinterpret_cast<const double*>(At);
      if (!ensure(codegen::MaxDoubleChars))
        return Oom;
      if (!std::isfinite(V)) {
        if (I.P.Opts.nonFinite == NonFiniteMode::Null)
          return write("null", 4) ? 0 : Oom;
        return fail(std::int32_t(ErrorCode::NonFiniteNumber), O);
      }
      B->Cur = O.Code == Opcode::F32
                   ? jitson_rt_write_f32(B->Cur, *reinterpret_cast<const float*>(At))
                   : jitson_rt_write_f64(B->Cur, V);
      return 0;
    }
    case Opcode::Str:
      if (std::int32_t Status = writeString(pointer(At + T->DataOffset), word(At + T->SizeOffset)))
        return fail(Status, O);
      return 0;
    case Opcode::Char:
      if (std::int32_t Status = writeString(At, 1))
        return fail(Status, O);
      return 0;
    case Opcode::CStr: {
      const char* Data = T->Count ? At : pointer(At);
      std::uint64_t MaxLen = T->Count ? T->Count : ~std::uint64_t(0);
      if (std::int32_t Status =
              took(jitson_rt_write_cstr(B, B->Cur, Data, MaxLen, I.StringMode, S), true))
        return fail(Status, O);
      return 0;
    }
    case Opcode::Raw:
      return took(jitson_rt_write_raw(B, B->Cur, pointer(At + T->DataOffset),
                                      word(At + T->SizeOffset)),
                  false);
    case Opcode::Bytes: {
      const char* Begin = pointer(At + T->BeginOffset);
      const char* EndP = pointer(At + T->EndOffset);
      return took(jitson_rt_write_base64(B, B->Cur, reinterpret_cast<const unsigned char*>(Begin),
                                         std::uint64_t(EndP - Begin)),
                  false);
    }
    case Opcode::Time: {
      if (!ensure(codegen::MaxTimeChars))
        return Oom;
      char* NewCur = jitson_rt_write_time(B->Cur, integer(*T->Element, At), T->Num, T->Den);
      if (!NewCur)
        return fail(std::int32_t(ErrorCode::InvalidValue), O);
      B->Cur = NewCur;
      return 0;
    }
    case Opcode::Enum:
    case Opcode::EnumKey: {
      std::int64_t V = integer(*T->Element, At);
      for (const detail::EnumeratorDesc& E : T->Enumerators)
        if (E.Value == V) {
          std::string Text = "\"";
          ir::appendJsonEscaped(Text, E.Name, I.P.Opts);
          Text += '"';
          return write(Text) ? 0 : Oom;
        }
      bool Key = O.Code == Opcode::EnumKey;
      if (!ensure(codegen::MaxIntChars + 2))
        return Oom;
      if (Key)
        *B->Cur++ = '"';
      B->Cur = T->Element->IsSigned ? jitson_rt_write_i64(B->Cur, V)
                                    : jitson_rt_write_u64(B->Cur, std::uint64_t(V));
      if (Key)
        *B->Cur++ = '"';
      return 0;
    }
    case Opcode::Hook: {
      auto Hook = reinterpret_cast<std::int32_t (*)(Buffer*, const void*)>(
          const_cast<void*>(T->Helpers[0].Address));
      if (std::int32_t Status = Hook(B, At))
        return fail(Status, O);
      return 0;
    }
    case Opcode::Call: {
      std::uint32_t Saved = S->IndentBase;
      S->IndentBase += O.Level;
      std::int32_t Status = function(O.Callee, At);
      S->IndentBase = Saved;
      return Status ? fail(Status, O) : 0;
    }
    default:
      return std::int32_t(ErrorCode::Internal);
    }
  }

  /// Runs the part starting after op Start (skipping nothing), leaving At at
  /// the op that ends the part.
  std::int32_t part(std::uint32_t FI, std::uint32_t Start, const char* Base) {
    std::uint32_t At = Start + 1;
    return range(FI, At, I.PartEnd[FI][Start], Base);
  }

  /// After a failure inside scope O: its own path segment, as unwinding does.
  std::int32_t unwind(std::int32_t Status, const Op& O) { return fail(Status, O); }

  std::int32_t scope(std::uint32_t FI, std::uint32_t& At, const char* Base) {
    const std::vector<Op>& Body = I.P.Functions[FI].Body;
    const std::vector<std::uint32_t>& Ends = I.PartEnd[FI];
    std::uint32_t Begin = At;
    const Op& O = Body[Begin];
    const TypeDesc& T = *O.Type;
    const char* Value = Base + O.Offset;
    // The scope's last op (its ScopeEnd), past every else part.
    std::uint32_t Close = Ends[Begin];
    while (ir::shapeOf(Body[Close].Code) == OpShape::ScopeElse)
      Close = Ends[Close];
    At = Close + 1;

    switch (O.Code) {
    case Opcode::VecBegin:
    case Opcode::ArrBegin: {
      const char* First;
      const char* Last;
      std::uint64_t Stride = T.Element->Size;
      if (O.Code == Opcode::ArrBegin) {
        First = Value;
        Last = Value + Stride * T.Count;
      } else if (T.Kind == TypeKind::Span) {
        First = pointer(Value + T.BeginOffset);
        Last = First + word(Value + T.SizeOffset) * Stride;
      } else {
        First = pointer(Value + T.BeginOffset);
        Last = pointer(Value + T.EndOffset);
      }
      if (First == Last)
        return 0;
      for (const char* Elem = First;; Elem += Stride) {
        if (O.Level && !newline(O.Level))
          return Oom;
        if (std::int32_t Status = part(FI, Begin, Elem)) {
          jitson_rt_path_index(S, std::uint64_t(Elem - First) / Stride);
          return unwind(Status, O);
        }
        if (Elem + Stride >= Last)
          break;
        if (!write(",", 1))
          return Oom;
      }
      if (O.Level && !newline(O.Level - 1))
        return Oom;
      return 0;
    }
    case Opcode::SeqBegin:
    case Opcode::SortedBegin: {
      alignas(16) char State[codegen::IterStateSize];
      bool Sorted = O.Code == Opcode::SortedBegin;
      const void* (*Next)(void*);
      const void* Elem;
      if (Sorted) {
        auto Sort = reinterpret_cast<std::int32_t (*)(const void*, void*)>(
            const_cast<void*>(T.Helpers[detail::IterSorted].Address));
        if (Sort(Value, State))
          return Oom;
        Next = &jitson_rt_sorted_next;
        Elem = Next(State);
      } else {
        auto FirstFn = reinterpret_cast<const void* (*)(const void*, void*)>(
            const_cast<void*>(T.Helpers[detail::IterFirst].Address));
        Next = reinterpret_cast<const void* (*)(void*)>(const_cast<void*>(T.Helpers[detail::IterNext].Address));
        Elem = FirstFn(Value, State);
      }
      if (!Elem)
        return 0;
      for (std::uint64_t Index = 0;; ++Index) {
        std::int32_t Status = O.Level && !newline(O.Level) ? Oom : 0;
        if (!Status)
          Status = part(FI, Begin, static_cast<const char*>(Elem));
        if (Status) {
          if (Sorted)
            jitson_rt_sorted_release(State);
          jitson_rt_path_index(S, Index);
          return unwind(Status, O);
        }
        Elem = Next(State);
        if (!Elem)
          break;
        if (!write(",", 1)) {
          if (Sorted)
            jitson_rt_sorted_release(State);
          return Oom;
        }
      }
      if (O.Level && !newline(O.Level - 1))
        return Oom;
      return 0;
    }
    case Opcode::OptBegin:
    case Opcode::PtrBegin: {
      const char* Payload = O.Code == Opcode::OptBegin
                                ? (Value[T.FlagOffset] ? Value + T.PayloadOffset : nullptr)
                                : pointer(Value + T.PayloadOffset);
      std::int32_t Status = 0;
      if (Payload)
        Status = part(FI, Begin, Payload);
      else if (Ends[Begin] != Close) // an else part
        Status = part(FI, Ends[Begin], Base);
      return Status ? unwind(Status, O) : 0;
    }
    case Opcode::VarBegin: {
      auto Index = static_cast<unsigned char>(Value[T.FlagOffset]);
      std::uint32_t Start = Begin;
      for (unsigned K = 0; K < Index && Start != Close; ++K)
        Start = Ends[Start];
      if (Index >= T.Members.size() || Start == Close)
        return write("null", 4) ? 0 : Oom;
      std::int32_t Status = part(FI, Start, Value);
      return Status ? unwind(Status, O) : 0;
    }
    case Opcode::ObjBegin: {
      std::uint64_t Start = std::uint64_t(B->Cur - B->Begin);
      if (std::int32_t Status = part(FI, Begin, Value))
        return unwind(Status, O);
      if (std::uint64_t(B->Cur - B->Begin) == Start)
        return write("{}", 2) ? 0 : Oom;
      B->Begin[Start] = '{';
      if (I.P.Opts.pretty && !newline(O.Level))
        return Oom;
      return write("}", 1) ? 0 : Oom;
    }
    case Opcode::OmitBegin:
    case Opcode::OmitNullBegin: {
      if (isEmpty(T, Value, O.Code == Opcode::OmitNullBegin))
        return 0;
      std::int32_t Status = part(FI, Begin, Value);
      return Status ? unwind(Status, O) : 0;
    }
    default:
      return std::int32_t(ErrorCode::Internal);
    }
  }
};

std::int32_t Interpreter::entry(Buffer* B, const void* Value, Stack* S,
                                std::uint64_t Self) noexcept {
  const auto* I = reinterpret_cast<const Interpreter*>(Self);
  try {
    return Run(*I, B, S).function(0, static_cast<const char*>(Value));
  } catch (...) { // std::bad_alloc from an enumerator's text
    return std::int32_t(ErrorCode::OutOfMemory);
  }
}

} // namespace jitson::runtime
