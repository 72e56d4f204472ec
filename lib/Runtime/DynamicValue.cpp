// Builds values of run-time-described types from JSON (the engine behind jitson-opt --run).
#include "Runtime/DynamicValue.h"

#include "IR/CodedError.h"

#include "llvm/Support/JSON.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

namespace jitson::runtime {

using detail::TypeDesc;
using detail::TypeKind;

void DynamicValue::Free::operator()(void* Memory) const { std::free(Memory); }

namespace {

/// llvm::json's parser recurses once per nesting level: reject documents
/// deeper than MaxDepth before handing them over.
bool nestingWithin(llvm::StringRef Json, unsigned Max) {
  unsigned Depth = 0;
  bool InString = false;
  for (std::size_t I = 0; I < Json.size(); ++I) {
    char C = Json[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > Max)
        return false;
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return true;
}

std::string kindName(const TypeDesc& T) {
  switch (T.Kind) {
  case TypeKind::Bool: return "a bool";
  case TypeKind::Int: return "an integer";
  case TypeKind::Float: return "a number";
  case TypeKind::String: return "a string";
  case TypeKind::Vector:
  case TypeKind::Array: return "an array";
  case TypeKind::Optional: return "null or a value";
  case TypeKind::Struct: return "an object";
  case TypeKind::Char: return "a one-byte string";
  case TypeKind::CString: return "null or a string";
  case TypeKind::Enum:
  case TypeKind::Time: return "an integer";
  case TypeKind::Null: return "null";
  case TypeKind::Tuple: return "an array";
  case TypeKind::Pointer: return "null or a value";
  case TypeKind::Raw: return "a string of JSON text";
  default: return "a value jitson-opt --run cannot build";
  }
}

/// The bytes of a string-like value: a JSON string, or {"hex":"c3a9ff"} for
/// bytes JSON strings cannot hold (invalid UTF-8), e.g. to test Options::utf8.
std::optional<std::string> stringBytes(const llvm::json::Value& J) {
  if (std::optional<llvm::StringRef> S = J.getAsString())
    return S->str();
  const llvm::json::Object* O = J.getAsObject();
  if (!O || O->size() != 1)
    return std::nullopt;
  std::optional<llvm::StringRef> Hex = O->getString("hex");
  if (!Hex || Hex->size() % 2)
    return std::nullopt;
  std::string Bytes;
  for (std::size_t I = 0; I < Hex->size(); I += 2) {
    unsigned Byte;
    if (Hex->substr(I, 2).getAsInteger(16, Byte))
      return std::nullopt;
    Bytes += static_cast<char>(Byte);
  }
  return Bytes;
}

} // namespace

class DynamicValueBuilder {
public:
  explicit DynamicValueBuilder(DynamicValue& V) : V(V) {}

  llvm::Expected<void*> allocate(std::uint64_t Size, std::uint64_t Align, const std::string& Path) {
    if (Size > DynamicValue::MaxBytes - V.Used)
      return fail(Path, "value needs more than " + std::to_string(DynamicValue::MaxBytes) +
                            " bytes");
    V.Used += Size;
    std::uint64_t A = Align < alignof(std::max_align_t) ? alignof(std::max_align_t) : Align;
    std::uint64_t Rounded = (Size + A - 1) / A * A;
    void* Memory = std::aligned_alloc(A, Rounded ? Rounded : A);
    if (!Memory)
      return fail(Path, "out of memory");
    V.Blocks.emplace_back(Memory);
    std::memset(Memory, 0, Rounded ? Rounded : A);
    return Memory;
  }

  llvm::Error fill(const TypeDesc& T, char* At, const llvm::json::Value& J, const std::string& Path,
                   unsigned Depth) {
    if (Depth > DynamicValue::MaxDepth)
      return fail(Path, "nested too deeply");
    if (!T.LayoutError.empty())
      return fail(Path, T.LayoutError);
    switch (T.Kind) {
    case TypeKind::Bool: {
      std::optional<bool> B = J.getAsBoolean();
      if (!B)
        return mismatch(T, Path);
      *At = *B ? 1 : 0;
      return llvm::Error::success();
    }
    case TypeKind::Int:
      return fillInt(T, At, J, Path);
    case TypeKind::Float:
      return fillFloat(T, At, J, Path);
    case TypeKind::String: {
      std::optional<std::string> S = stringBytes(J);
      if (!S)
        return mismatch(T, Path);
      llvm::Expected<void*> Bytes = allocate(S->size(), 1, Path);
      if (!Bytes)
        return Bytes.takeError();
      std::memcpy(*Bytes, S->data(), S->size());
      storeWord(At + T.DataOffset, reinterpret_cast<std::uint64_t>(*Bytes));
      storeWord(At + T.SizeOffset, S->size());
      return llvm::Error::success();
    }
    case TypeKind::Vector: {
      const llvm::json::Array* A = J.getAsArray();
      if (!A)
        return mismatch(T, Path);
      char* Elements = nullptr;
      if (!A->empty()) {
        if (T.Element->Size > DynamicValue::MaxBytes / A->size())
          return fail(Path, "vector is too large");
        llvm::Expected<void*> Storage =
            allocate(T.Element->Size * A->size(), T.Element->Align, Path);
        if (!Storage)
          return Storage.takeError();
        Elements = static_cast<char*>(*Storage);
        for (std::size_t I = 0; I < A->size(); ++I)
          if (llvm::Error E = fill(*T.Element, Elements + I * T.Element->Size, (*A)[I],
                                   Path + "[" + std::to_string(I) + "]", Depth + 1))
            return E;
      }
      storeWord(At + T.BeginOffset, reinterpret_cast<std::uint64_t>(Elements));
      storeWord(At + T.EndOffset,
                reinterpret_cast<std::uint64_t>(Elements + T.Element->Size * A->size()));
      return llvm::Error::success();
    }
    case TypeKind::Array: {
      const llvm::json::Array* A = J.getAsArray();
      if (!A)
        return mismatch(T, Path);
      if (A->size() != T.Count)
        return fail(Path, "expected " + std::to_string(T.Count) + " elements, got " +
                              std::to_string(A->size()));
      for (std::size_t I = 0; I < A->size(); ++I)
        if (llvm::Error E = fill(*T.Element, At + I * T.Element->Size, (*A)[I],
                                 Path + "[" + std::to_string(I) + "]", Depth + 1))
          return E;
      return llvm::Error::success();
    }
    case TypeKind::Optional:
      if (J.kind() == llvm::json::Value::Null) {
        At[T.FlagOffset] = 0;
        return llvm::Error::success();
      }
      At[T.FlagOffset] = 1;
      return fill(*T.Element, At + T.PayloadOffset, J, Path, Depth + 1);
    case TypeKind::Char: {
      std::optional<std::string> S = stringBytes(J);
      if (!S || S->size() != 1)
        return mismatch(T, Path);
      *At = (*S)[0];
      return llvm::Error::success();
    }
    case TypeKind::Enum:
    case TypeKind::Time:
      return fillInt(*T.Element, At, J, Path);
    case TypeKind::Null:
      if (J.kind() != llvm::json::Value::Null)
        return mismatch(T, Path);
      return llvm::Error::success();
    case TypeKind::Raw: {
      // The JSON text is given as a string; stored in a std::string layout.
      std::optional<std::string> S = stringBytes(J);
      if (!S)
        return mismatch(T, Path);
      llvm::Expected<void*> Bytes = allocate(S->size(), 1, Path);
      if (!Bytes)
        return Bytes.takeError();
      std::memcpy(*Bytes, S->data(), S->size());
      storeWord(At + T.DataOffset, reinterpret_cast<std::uint64_t>(*Bytes));
      storeWord(At + T.SizeOffset, S->size());
      return llvm::Error::success();
    }
    case TypeKind::CString: {
      std::optional<std::string> S = stringBytes(J);
      if (T.Count == 0 && J.kind() == llvm::json::Value::Null) {
        storeWord(At, 0);
        return llvm::Error::success();
      }
      if (!S || (T.Count && S->size() > T.Count))
        return mismatch(T, Path);
      char* Chars = At;
      if (T.Count == 0) {
        llvm::Expected<void*> Bytes = allocate(S->size() + 1, 1, Path);
        if (!Bytes)
          return Bytes.takeError();
        Chars = static_cast<char*>(*Bytes);
        storeWord(At, reinterpret_cast<std::uint64_t>(Chars));
      }
      std::memcpy(Chars, S->data(), S->size());
      if (S->size() < (T.Count ? T.Count : S->size() + 1))
        Chars[S->size()] = '\0';
      return llvm::Error::success();
    }
    case TypeKind::Pointer: {
      if (J.kind() == llvm::json::Value::Null) {
        storeWord(At + T.PayloadOffset, 0);
        return llvm::Error::success();
      }
      llvm::Expected<void*> Pointee = allocate(T.Element->Size, T.Element->Align, Path);
      if (!Pointee)
        return Pointee.takeError();
      storeWord(At + T.PayloadOffset, reinterpret_cast<std::uint64_t>(*Pointee));
      return fill(*T.Element, static_cast<char*>(*Pointee), J, Path, Depth + 1);
    }
    case TypeKind::Tuple: {
      const llvm::json::Array* A = J.getAsArray();
      if (!A || A->size() != T.Members.size())
        return mismatch(T, Path);
      for (std::size_t I = 0; I < A->size(); ++I)
        if (llvm::Error E = fill(*T.Members[I].Type, At + T.Members[I].Offset, (*A)[I],
                                 Path + "[" + std::to_string(I) + "]", Depth + 1))
          return E;
      return llvm::Error::success();
    }
    case TypeKind::Span:
    case TypeKind::Sequence:
    case TypeKind::Variant:
    case TypeKind::Bytes:
    case TypeKind::Custom:
      return fail(Path, "jitson-opt --run cannot build values of \"" + T.Name +
                            "\" (its kind needs C++ helpers or is not supported here)");
    case TypeKind::Struct: {
      const llvm::json::Object* O = J.getAsObject();
      if (!O)
        return mismatch(T, Path);
      for (const detail::MemberDesc& M : T.Members) {
        const llvm::json::Value* Member = O->get(M.Name);
        if (!Member)
          return fail(Path, "missing member \"" + M.Name + "\"");
        if (llvm::Error E = fill(*M.Type, At + M.Offset, *Member, Path + "." + M.Name, Depth + 1))
          return E;
      }
      for (const auto& KV : *O) {
        bool Known = false;
        for (const detail::MemberDesc& M : T.Members)
          Known |= llvm::StringRef(M.Name) == llvm::StringRef(KV.first);
        if (!Known)
          return fail(Path, "\"" + std::string(KV.first.str()) + "\" is not a member of " + T.Name);
      }
      return llvm::Error::success();
    }
    }
    return fail(Path, "unknown type kind");
  }

private:
  DynamicValue& V;

  static void storeWord(char* At, std::uint64_t Word) { std::memcpy(At, &Word, sizeof Word); }

  static llvm::Error fail(const std::string& Path, const std::string& Why) {
    return ir::makeError(ErrorCode::InvalidProgram,
                         "value" + (Path.empty() ? std::string() : " at " + Path) + ": " + Why);
  }
  static llvm::Error mismatch(const TypeDesc& T, const std::string& Path) {
    return fail(Path, "expected " + kindName(T) + " for \"" + T.Name + "\"");
  }

  /// Integers: any JSON number with an integral value in the type's range
  /// (2, 2.0 and 2e0 alike: JSON does not distinguish them).
  llvm::Error fillInt(const TypeDesc& T, char* At, const llvm::json::Value& J,
                      const std::string& Path) {
    std::uint64_t Bits = 0;
    std::string Spelled;
    bool InRange;
    if (std::optional<std::uint64_t> U = J.getAsUINT64()) {
      Spelled = std::to_string(*U);
      InRange = T.IsSigned ? (T.Bits == 64 ? *U <= std::uint64_t(INT64_MAX)
                                           : *U < (std::uint64_t(1) << (T.Bits - 1)))
                           : (T.Bits == 64 || *U >> T.Bits == 0);
      Bits = *U;
    } else if (std::optional<double> D = J.getAsNumber(); D && !(*D >= -0x1p63 && *D < 0x1p63)) {
      // llvm::json's getAsInteger converts such a double to int64 before
      // comparing (undefined behaviour, found by jitson-fuzz-value).
      return fail(Path, "number " + std::to_string(*D) + " does not fit in \"" + T.Name + "\"");
    } else if (std::optional<std::int64_t> I = J.getAsInteger()) {
      Spelled = std::to_string(*I);
      if (*I >= 0) {
        InRange = T.IsSigned ? (T.Bits == 64 || *I < (std::int64_t(1) << (T.Bits - 1)))
                             : (T.Bits == 64 || std::uint64_t(*I) >> T.Bits == 0);
      } else {
        if (!T.IsSigned)
          return fail(Path, "negative value " + Spelled + " for \"" + T.Name + "\"");
        InRange = T.Bits == 64 || *I >= -(std::int64_t(1) << (T.Bits - 1));
      }
      Bits = static_cast<std::uint64_t>(*I);
    } else {
      return fail(Path, "expected an integer for \"" + T.Name + "\"");
    }
    if (!InRange)
      return fail(Path, Spelled + " does not fit in \"" + T.Name + "\" (int " +
                            std::to_string(T.Bits) + (T.IsSigned ? " signed)" : " unsigned)"));
    std::memcpy(At, &Bits, T.Size); // little-endian: the low bytes
    return llvm::Error::success();
  }

  llvm::Error fillFloat(const TypeDesc& T, char* At, const llvm::json::Value& J,
                        const std::string& Path) {
    double D;
    if (std::optional<llvm::StringRef> S = J.getAsString()) {
      if (*S == "NaN")
        D = std::numeric_limits<double>::quiet_NaN();
      else if (*S == "Infinity")
        D = std::numeric_limits<double>::infinity();
      else if (*S == "-Infinity")
        D = -std::numeric_limits<double>::infinity();
      else
        return mismatch(T, Path);
    } else if (std::optional<double> N = J.getAsNumber()) {
      D = *N;
      // A number too large for the type would become infinity: say so now,
      // not as a NonFiniteNumber when the program runs. (3.4028235e38 is
      // above FLT_MAX as a double but rounds to it as a float: convert first.)
      bool Finite = T.Bits == 32 ? std::isfinite(static_cast<float>(D)) : std::isfinite(D);
      if (!Finite)
        return fail(Path, "number out of range for \"" + T.Name + "\" (float " +
                              std::to_string(T.Bits) + "); write \"Infinity\" for infinity");
    } else {
      return mismatch(T, Path);
    }
    if (T.Bits == 32) {
      float F = static_cast<float>(D);
      std::memcpy(At, &F, 4);
    } else {
      std::memcpy(At, &D, 8);
    }
    return llvm::Error::success();
  }
};

llvm::Expected<std::unique_ptr<DynamicValue>> DynamicValue::fromJson(const TypeDesc& Type,
                                                                     llvm::StringRef Json) {
  if (!nestingWithin(Json, MaxDepth))
    return ir::makeError(ErrorCode::InvalidProgram,
                         "value: JSON nested deeper than " + llvm::Twine(MaxDepth));
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Json);
  if (!Parsed)
    return ir::makeError(ErrorCode::InvalidProgram,
                         "value: invalid JSON: " + llvm::toString(Parsed.takeError()));
  auto Value = std::unique_ptr<DynamicValue>(new DynamicValue());
  DynamicValueBuilder Builder(*Value);
  llvm::Expected<void*> Root = Builder.allocate(Type.Size, Type.Align, "");
  if (!Root)
    return Root.takeError();
  Value->Root = *Root;
  if (llvm::Error E = Builder.fill(Type, static_cast<char*>(*Root), *Parsed, "", 0))
    return E;
  return Value;
}

} // namespace jitson::runtime
