// jitson-difftest: differential testing of generated serializers against a simple reference writer.
//
// Random type descriptions (every kind DynamicValue can build) and random
// Options are built into serializer IR (ir::buildProgram) and compiled once
// per case; many random values of each type are laid out in memory with
// DynamicValue, written by the compiled program, and compared byte for byte
// with what the reference writer below renders from the same value. The
// reference shares no code with lib/: its own escaping, UTF-8 decoding,
// indentation and omission rules, written from docs/Options.md, docs/Types.md
// and docs/IR.md; numbers use std::to_chars (the documented rule). Every
// output is also parsed by RapidJSON (validating UTF-8 when the output must
// be UTF-8). Expected failures (NaN under nonFinite Error, invalid UTF-8
// under utf8 Error, nesting beyond a small maxDepth) must fail with the right
// code, message, path and byte offset. Each case's program is unloaded when
// the case ends (runtime::OwnedProgram), so memory stays bounded.
//
//   jitson-difftest [--seed N] [--count N] [--long] [--case C] [--verbose]
//
// Default: 100000 values from seed 1. --long: 10^7 values, 10 times as many
// per case. A mismatch prints the seed and case (rerun just that case with
// --seed S --case C, plus --long if the run had it), the
// program, the value and both outputs; the exit status is 1.
#include "IR/Builder.h"
#include "IR/Printer.h"
#include "Runtime/CompiledProgram.h"
#include "Runtime/DynamicValue.h"
#include "Runtime/Jit.h"
#include "jitson/detail/Program.h"

#include "rapidjson/error/en.h"
#include "rapidjson/reader.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using jitson::ErrorCode;
using jitson::NonFiniteMode;
using jitson::Options;
using jitson::Utf8Mode;
using jitson::detail::EnumeratorDesc;
using jitson::detail::MemberDesc;
using jitson::detail::StringFlavor;
using jitson::detail::TypeDesc;
using jitson::detail::TypeKind;

namespace {

// ---------------------------------------------------------------------------
// Randomness

std::uint64_t splitMix(std::uint64_t X) {
  X += 0x9e3779b97f4a7c15ULL;
  X = (X ^ (X >> 30)) * 0xbf58476d1ce4e5b9ULL;
  X = (X ^ (X >> 27)) * 0x94d049bb133111ebULL;
  return X ^ (X >> 31);
}

struct Rng {
  std::mt19937_64 G;
  explicit Rng(std::uint64_t Seed) : G(Seed) {}
  std::uint64_t bits() { return G(); }
  /// Uniform in [Lo, Hi].
  std::uint64_t range(std::uint64_t Lo, std::uint64_t Hi) {
    return Lo + (Hi - Lo == UINT64_MAX ? G() : G() % (Hi - Lo + 1));
  }
  bool chance(double P) { return std::uniform_real_distribution<double>(0, 1)(G) < P; }
  template <class T> const T& pick(const std::vector<T>& V) { return V[range(0, V.size() - 1)]; }
};

// ---------------------------------------------------------------------------
// Random type descriptions

std::uint64_t alignUp(std::uint64_t N, std::uint64_t A) { return (N + A - 1) / A * A; }

/// Name fragments: plain, needing escapes, HTML-special, non-ASCII UTF-8.
const std::vector<std::string> NameParts = {
    "a",      "b",         "id",     "name",     "x",        "value", "_",       "Z9",
    "",       "sp ace",    "q\"t",   "b\\s",     "tab\t",    "nl\n",  "\x01",    "\x1f",
    "\x7f",   "<a>",       "&amp;",  "\xe2\x80\xa8", "\xe2\x80\xa9", "caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac",
    "\xf0\x9f\x98\x80", "/", "\xc2\x80", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf", "\x08\x0c\r"};

std::string randomName(Rng& R) {
  std::string S;
  unsigned Parts = static_cast<unsigned>(R.range(1, 3));
  for (unsigned I = 0; I < Parts; ++I)
    S += R.pick(NameParts);
  return S;
}

struct TypeGen {
  Rng& R;
  std::deque<TypeDesc>& Arena;
  unsigned Counter = 0;
  unsigned Budget = 0; ///< Types left to create in this case.

  TypeDesc& make(TypeKind K, std::uint64_t Size, std::uint64_t Align) {
    TypeDesc& T = Arena.emplace_back();
    T.Kind = K;
    T.Size = Size;
    T.Align = Align;
    T.Name = "T" + std::to_string(Counter++);
    return T;
  }

  const TypeDesc* intType(unsigned Bits, bool Signed) {
    TypeDesc& T = make(TypeKind::Int, Bits / 8, Bits / 8);
    T.Bits = static_cast<std::uint8_t>(Bits);
    T.IsSigned = Signed;
    T.Name = std::string(Signed ? "i" : "u") + std::to_string(Bits) + "#" + T.Name;
    return &T;
  }

  const TypeDesc* stringLayout(TypeKind K) {
    bool View = K == TypeKind::String && R.chance(0.3);
    // libstdc++'s std::string and std::string_view (docs/IR.md).
    TypeDesc& T = make(K, View ? 16 : 32, 8);
    T.Flavor = View ? StringFlavor::StdStringView : StringFlavor::StdString;
    T.DataOffset = View ? 8 : 0;
    T.SizeOffset = View ? 0 : 8;
    return &T;
  }

  const TypeDesc* leaf() {
    switch (R.range(0, 11)) {
    case 0: return &make(TypeKind::Bool, 1, 1);
    case 1:
    case 2: {
      static const unsigned Widths[] = {8, 16, 32, 64};
      return intType(Widths[R.range(0, 3)], R.chance(0.5));
    }
    case 3: {
      unsigned Bits = R.chance(0.5) ? 32 : 64;
      TypeDesc& T = make(TypeKind::Float, Bits / 8, Bits / 8);
      T.Bits = static_cast<std::uint8_t>(Bits);
      return &T;
    }
    case 4:
    case 5: return stringLayout(TypeKind::String);
    case 6: return &make(TypeKind::Char, 1, 1);
    case 7: {
      std::uint64_t N = R.chance(0.5) ? 0 : R.range(1, 12);
      TypeDesc& T = make(TypeKind::CString, N ? N : 8, N ? 1 : 8);
      T.Count = N;
      return &T;
    }
    case 8: return enumType();
    case 9: return &make(TypeKind::Null, 1, 1);
    case 10: return stringLayout(TypeKind::Raw);
    default: {
      static const unsigned Widths[] = {8, 16, 32, 64};
      return intType(Widths[R.range(0, 3)], R.chance(0.5));
    }
    }
  }

  const TypeDesc* enumType() {
    static const unsigned Widths[] = {8, 16, 32, 64};
    unsigned Bits = Widths[R.range(0, 3)];
    bool Signed = R.chance(0.5);
    const TypeDesc* Under = intType(Bits, Signed);
    TypeDesc& T = make(TypeKind::Enum, Under->Size, Under->Align);
    T.Element = Under;
    unsigned N = static_cast<unsigned>(R.range(0, 6));
    std::vector<std::string> Names;
    for (unsigned I = 0; I < N; ++I) {
      std::int64_t V;
      if (I < 3) {
        V = static_cast<std::int64_t>(I); // small values, which random values hit
      } else {
        std::uint64_t B = R.bits();
        if (Bits < 64)
          B &= (std::uint64_t(1) << Bits) - 1;
        V = Signed && Bits < 64 && (B >> (Bits - 1)) ? static_cast<std::int64_t>(B | ~((std::uint64_t(1) << Bits) - 1))
                                                     : static_cast<std::int64_t>(B);
      }
      bool Dup = false;
      for (const EnumeratorDesc& E : T.Enumerators)
        Dup |= E.Value == V;
      std::string Name = randomName(R) + std::to_string(I);
      if (!Dup)
        T.Enumerators.push_back(EnumeratorDesc{V, Name});
    }
    return &T;
  }

  void layOut(TypeDesc& S) {
    std::uint64_t Off = 0, Align = 1;
    for (MemberDesc& M : S.Members) {
      Off = alignUp(Off, M.Type->Align);
      M.Offset = Off;
      Off += M.Type->Size;
      Align = std::max(Align, M.Type->Align);
    }
    S.Align = Align;
    S.Size = std::max<std::uint64_t>(1, alignUp(Off, Align));
  }

  void addMember(TypeDesc& S, const TypeDesc* MT, bool Named) {
    MemberDesc M;
    M.Type = MT;
    if (Named) {
      for (int Try = 0;; ++Try) {
        M.Name = randomName(R) + (Try ? std::to_string(Try) : "");
        bool Dup = false;
        for (const MemberDesc& O : S.Members)
          Dup |= O.Name == M.Name;
        if (!Dup)
          break;
      }
      M.OmitEmpty = R.chance(0.12);
      TypeKind K = MT->Kind;
      M.AsString = (K == TypeKind::Int || K == TypeKind::Bool || K == TypeKind::Float ||
                    K == TypeKind::Enum) &&
                   R.chance(0.15);
    }
    S.Members.push_back(M);
  }

  const TypeDesc* any(unsigned Depth) {
    if (Budget == 0 || Depth == 0 || R.chance(0.35))
      return leaf();
    --Budget;
    switch (R.range(0, 6)) {
    case 0: {
      const TypeDesc* E = any(Depth - 1);
      TypeDesc& T = make(TypeKind::Vector, 24, 8);
      T.BeginOffset = 0;
      T.EndOffset = 8;
      T.Element = E;
      return &T;
    }
    case 1: {
      const TypeDesc* E = any(Depth - 1);
      std::uint64_t N = R.chance(0.15) ? 0 : R.range(1, 4);
      // std::array<T, 0> is not empty (sizeof >= 1): IR elements never are.
      TypeDesc& T = make(TypeKind::Array, N ? E->Size * N : E->Align, E->Align);
      T.Count = N;
      T.Element = E;
      return &T;
    }
    case 2: {
      const TypeDesc* E = any(Depth - 1);
      TypeDesc& T = make(TypeKind::Optional, 0, E->Align);
      T.Element = E;
      if (R.chance(0.5)) { // payload first, like libstdc++
        T.PayloadOffset = 0;
        T.FlagOffset = E->Size;
        T.Size = alignUp(E->Size + 1, E->Align);
      } else {
        T.FlagOffset = 0;
        T.PayloadOffset = alignUp(1, E->Align);
        T.Size = alignUp(T.PayloadOffset + E->Size, E->Align);
      }
      return &T;
    }
    case 3: {
      const TypeDesc* E = any(Depth - 1);
      TypeDesc& T = make(TypeKind::Pointer, 8, 8);
      T.PayloadOffset = 0;
      T.Element = E;
      return &T;
    }
    case 4: {
      TypeDesc& T = make(TypeKind::Tuple, 0, 1);
      unsigned N = static_cast<unsigned>(R.range(0, 4));
      for (unsigned I = 0; I < N; ++I)
        addMember(T, any(Depth - 1), false);
      layOut(T);
      return &T;
    }
    default: return structType(Depth);
    }
  }

  const TypeDesc* structType(unsigned Depth) {
    TypeDesc& T = make(TypeKind::Struct, 0, 1);
    unsigned N = static_cast<unsigned>(R.range(0, 6));
    for (unsigned I = 0; I < N; ++I)
      addMember(T, any(Depth ? Depth - 1 : 0), true);
    layOut(T);
    return &T;
  }

  /// A struct that contains itself through a vector or a pointer.
  const TypeDesc* recursiveType() {
    TypeDesc& T = make(TypeKind::Struct, 0, 1);
    TypeDesc& Link = R.chance(0.5) ? make(TypeKind::Vector, 24, 8) : make(TypeKind::Pointer, 8, 8);
    Link.BeginOffset = 0;
    Link.EndOffset = 8;
    Link.Element = &T;
    unsigned N = static_cast<unsigned>(R.range(0, 3));
    unsigned At = static_cast<unsigned>(R.range(0, N));
    for (unsigned I = 0; I <= N; ++I) {
      if (I == At)
        addMember(T, &Link, true);
      else
        addMember(T, any(2), true);
    }
    layOut(T);
    return &T;
  }
};

Options randomOptions(Rng& R) {
  Options O;
  O.escapeHtml = R.chance(0.3);
  static const Utf8Mode Modes[] = {Utf8Mode::Passthrough, Utf8Mode::Replace, Utf8Mode::Error};
  O.utf8 = Modes[R.range(0, 2)];
  O.escapeUnicode = R.chance(0.3);
  O.nonFinite = R.chance(0.5) ? NonFiniteMode::Error : NonFiniteMode::Null;
  O.omitNull = R.chance(0.3);
  O.enumsAsStrings = R.chance(0.5);
  O.pretty = R.chance(0.4);
  if (O.pretty) {
    O.indentWidth = static_cast<std::uint8_t>(R.range(0, 16));
    O.indentChar = R.chance(0.3) ? '\t' : ' ';
  }
  O.trailingNewline = R.chance(0.3);
  O.sortMapKeys = R.chance(0.2); // no maps here: must change nothing
  // Small limits, so that recursive values reach them; 0 fails every value.
  if (R.chance(0.15))
    O.maxDepth = R.chance(0.05) ? 0 : static_cast<std::uint32_t>(R.range(1, 6));
  return O;
}

// ---------------------------------------------------------------------------
// Random values: a plain tree shaped by the type

struct Val {
  bool IsNull = false;   ///< Optional, pointer, cstring 0: disengaged.
  std::uint64_t U = 0;   ///< Bool, Int (two's complement bits), Enum, Char.
  double D = 0;          ///< Float (float values are held exactly).
  std::string S;         ///< String, CString, Raw: the bytes.
  std::vector<Val> Kids; ///< Vector, Array, Tuple, Struct (member order), Optional/Pointer payload.
};

struct ValueGen {
  Rng& R;
  double Wild;         ///< Chance a string holds arbitrary bytes.
  double NonFinite;    ///< Chance a float is NaN or infinite.
  double Huge;         ///< Chance a vector or string is huge.
  std::uint64_t Nodes; ///< Budget of nodes left.
  unsigned MaxDepth = 12; ///< Deepest nesting of vectors and pointers (recursive types).

  std::string cleanString() {
    static const std::vector<std::string> Pieces = {
        "a", "hello", " ", "\"", "\\", "/", "<", ">", "&", "\n", "\t", "\x01", "\x7f",
        "caf\xc3\xa9", "\xe2\x82\xac", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xf0\x9f\x98\x80",
        "\xef\xbb\xbf", "\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf", "\xc2\x80", "\xdf\xbf",
        "\xe0\xa0\x80", "\xf0\x90\x80\x80", "0", "{}[]:,"};
    std::string S;
    unsigned N = static_cast<unsigned>(R.range(0, 8));
    for (unsigned I = 0; I < N; ++I)
      S += R.pick(Pieces);
    return S;
  }

  std::string wildString(std::size_t MaxLen) {
    // Truncated, overlong and surrogate sequences, lone continuation bytes,
    // every byte value.
    static const std::vector<std::string> Bad = {
        "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe1\x80",
        "\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
        "\xf5\x80\x80\x80", "\xff", "\xfe", "\xf8\x88\x80\x80\x80", "\xf0\x9f\x98", "\xe2\x82",
        std::string("\0", 1)};
    std::string S;
    std::size_t N = R.range(0, MaxLen);
    while (S.size() < N) {
      switch (R.range(0, 3)) {
      case 0: S += static_cast<char>(R.range(0, 255)); break;
      case 1: S += R.pick(Bad); break;
      case 2: S += cleanString(); break;
      default: S += static_cast<char>(R.range(0x20, 0x7e)); break;
      }
    }
    return S;
  }

  std::string str(std::size_t MaxLen = 24) {
    if (Nodes > 1000 && R.chance(Huge)) {
      std::string S = wildString(R.range(100, 5000));
      Nodes -= std::min<std::uint64_t>(Nodes, S.size() / 8);
      return S;
    }
    return R.chance(Wild) ? wildString(MaxLen) : cleanString();
  }

  double finiteDouble() {
    static const double Special[] = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1e21, 1e-7, 123456789.0,
                                     1e300, -1e-300, 5e-324, 2.2250738585072014e-308,
                                     1.7976931348623157e308, 9007199254740993.0, 1e15, 1e16,
                                     0.3, 100.0, 1e22, 1e-5, 1e-6};
    switch (R.range(0, 3)) {
    case 0: return Special[R.range(0, std::size(Special) - 1)];
    case 1: return static_cast<double>(static_cast<std::int64_t>(R.range(0, 2000)) - 1000) / 8;
    case 2: return std::ldexp(static_cast<double>(R.bits() >> 11), static_cast<int>(R.range(0, 200)) - 100) * (R.chance(0.5) ? -1 : 1);
    default:
      for (;;) {
        std::uint64_t B = R.bits();
        double D;
        std::memcpy(&D, &B, 8);
        if (std::isfinite(D))
          return D;
      }
    }
  }

  double floatValue(unsigned Bits) {
    if (R.chance(NonFinite)) {
      double Choices[] = {std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity()};
      return Choices[R.range(0, 2)];
    }
    if (Bits == 64)
      return finiteDouble();
    if (R.chance(0.5)) {
      for (;;) {
        auto B = static_cast<std::uint32_t>(R.bits());
        float F;
        std::memcpy(&F, &B, 4);
        if (std::isfinite(F))
          return F;
      }
    }
    static const float Special[] = {0.0f, -0.0f, 0.1f, 1e-45f, 3.4028235e38f, 1.1754944e-38f,
                                    123456789.0f, 16777217.0f, 0.3f, 1e10f};
    if (R.chance(0.5))
      return Special[R.range(0, std::size(Special) - 1)];
    return static_cast<float>(finiteDouble() / 1e10); // finite doubles may overflow a float
  }

  std::uint64_t intValue(unsigned Bits, bool Signed) {
    std::uint64_t Mask = Bits == 64 ? UINT64_MAX : (std::uint64_t(1) << Bits) - 1;
    std::uint64_t B;
    switch (R.range(0, 4)) {
    case 0: B = R.range(0, 3); break;
    case 1: B = Signed ? Mask >> 1 : Mask; break;                        // max
    case 2: B = Signed ? (Mask >> 1) + 1 : 0; break;                     // min
    case 3: B = static_cast<std::uint64_t>(-static_cast<std::int64_t>(R.range(1, 3))); break;
    default: B = R.bits(); break;
    }
    return B & Mask; // bit pattern of width Bits
  }

  static bool spelledNull(const TypeDesc& T, const Val& V) {
    return T.Kind == TypeKind::Null ||
           ((T.Kind == TypeKind::Optional || T.Kind == TypeKind::Pointer ||
             T.Kind == TypeKind::CString) &&
            V.IsNull);
  }

  Val value(const TypeDesc& T, unsigned Depth) {
    Val V;
    if (Nodes)
      --Nodes;
    switch (T.Kind) {
    case TypeKind::Bool: V.U = R.chance(0.5); break;
    case TypeKind::Int: V.U = intValue(T.Bits, T.IsSigned); break;
    case TypeKind::Float: {
      V.D = floatValue(T.Bits);
      break;
    }
    case TypeKind::Enum:
      if (!T.Enumerators.empty() && R.chance(0.6)) {
        std::uint64_t Mask =
            T.Element->Bits == 64 ? UINT64_MAX : (std::uint64_t(1) << T.Element->Bits) - 1;
        V.U = static_cast<std::uint64_t>(T.Enumerators[R.range(0, T.Enumerators.size() - 1)].Value) & Mask;
      } else {
        V.U = intValue(T.Element->Bits, T.Element->IsSigned);
      }
      break;
    case TypeKind::Char:
      V.U = R.chance(Wild) ? R.range(0, 255) : R.range(0, 127);
      break;
    case TypeKind::String: V.S = str(); break;
    case TypeKind::CString:
      if (T.Count == 0 && R.chance(0.2)) {
        V.IsNull = true;
      } else {
        V.S = str(T.Count ? T.Count : 24);
        if (T.Count && V.S.size() > T.Count)
          V.S.resize(T.Count);
      }
      break;
    case TypeKind::Raw: {
      static const std::vector<std::string> Texts = {
          "", "0", "-1.5e3", "true", "null", "\"s\"", "[]", "{}", "[1,[2,{\"a\":null}]]",
          "{\"k\":\"v\",\"n\":[true,false]}", "\"caf\xc3\xa9\"", "\"\\u00e9\\n\""};
      V.S = R.pick(Texts);
      break;
    }
    case TypeKind::Null: V.IsNull = true; break;
    case TypeKind::Vector: {
      std::uint64_t N;
      if (Nodes == 0 || Depth > MaxDepth)
        N = 0;
      else if (Nodes > 1000 && R.chance(Huge))
        N = R.range(500, 6000);
      else
        N = R.chance(0.2) ? 0 : R.range(1, 5);
      N = std::min<std::uint64_t>(N, Nodes);
      for (std::uint64_t I = 0; I < N; ++I)
        V.Kids.push_back(value(*T.Element, Depth + 1));
      break;
    }
    case TypeKind::Array:
      for (std::uint64_t I = 0; I < T.Count; ++I)
        V.Kids.push_back(value(*T.Element, Depth + 1));
      break;
    case TypeKind::Optional:
    case TypeKind::Pointer:
      // Recursion through a pointer ends with probability and with the budget.
      if (R.chance(0.3) || Nodes == 0 || Depth > MaxDepth)
        V.IsNull = true;
      else
        V.Kids.push_back(value(*T.Element, Depth + 1));
      // DynamicValue reads JSON null as the outer level being null: an engaged
      // optional holding a null (optional<optional<T>>) cannot be built.
      if (!V.IsNull && spelledNull(*T.Element, V.Kids[0])) {
        V.IsNull = true;
        V.Kids.clear();
      }
      break;
    case TypeKind::Tuple:
    case TypeKind::Struct:
      for (const MemberDesc& M : T.Members)
        V.Kids.push_back(value(*M.Type, Depth + 1));
      break;
    default: break;
    }
    return V;
  }
};

// ---------------------------------------------------------------------------
// The value as DynamicValue's JSON input (our own minimal writer)

void inputString(std::string& Out, std::string_view S) {
  bool Plain = std::all_of(S.begin(), S.end(), [](char C) {
    return C >= 0x20 && C < 0x7f && C != '"' && C != '\\';
  });
  if (Plain) {
    Out += '"';
    Out += S;
    Out += '"';
    return;
  }
  static const char Hex[] = "0123456789abcdef";
  Out += "{\"hex\":\"";
  for (unsigned char C : S) {
    Out += Hex[C >> 4];
    Out += Hex[C & 15];
  }
  Out += "\"}";
}

void inputKey(std::string& Out, std::string_view S) {
  // Names are valid UTF-8: only '"', '\\' and control bytes need escapes.
  char Buf[16];
  Out += '"';
  for (unsigned char C : S) {
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += static_cast<char>(C);
    } else if (C < 0x20) {
      std::snprintf(Buf, sizeof Buf, "\\u%04x", C);
      Out += Buf;
    } else {
      Out += static_cast<char>(C);
    }
  }
  Out += '"';
}

void input(std::string& Out, const TypeDesc& T, const Val& V) {
  char Buf[64];
  switch (T.Kind) {
  case TypeKind::Bool: Out += V.U ? "true" : "false"; break;
  case TypeKind::Int:
  case TypeKind::Enum: {
    const TypeDesc& I = T.Kind == TypeKind::Enum ? *T.Element : T;
    if (I.IsSigned) {
      std::int64_t S = I.Bits == 64 ? static_cast<std::int64_t>(V.U)
                                    : static_cast<std::int64_t>(V.U << (64 - I.Bits)) >> (64 - I.Bits);
      Out += std::to_string(S);
    } else {
      Out += std::to_string(V.U);
    }
    break;
  }
  case TypeKind::Float:
    if (std::isnan(V.D))
      Out += "\"NaN\"";
    else if (std::isinf(V.D))
      Out += V.D > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    else {
      std::snprintf(Buf, sizeof Buf, "%.17e", V.D); // always parsed as a double, -0 kept
      Out += Buf;
    }
    break;
  case TypeKind::Char: inputString(Out, std::string(1, static_cast<char>(V.U))); break;
  case TypeKind::String:
  case TypeKind::Raw: inputString(Out, V.S); break;
  case TypeKind::CString:
    if (V.IsNull)
      Out += "null";
    else
      inputString(Out, V.S);
    break;
  case TypeKind::Null: Out += "null"; break;
  case TypeKind::Vector:
  case TypeKind::Array:
  case TypeKind::Tuple:
    Out += '[';
    for (std::size_t I = 0; I < V.Kids.size(); ++I) {
      if (I)
        Out += ',';
      input(Out, T.Kind == TypeKind::Tuple ? *T.Members[I].Type : *T.Element, V.Kids[I]);
    }
    Out += ']';
    break;
  case TypeKind::Optional:
  case TypeKind::Pointer:
    if (V.IsNull)
      Out += "null";
    else
      input(Out, *T.Element, V.Kids[0]);
    break;
  case TypeKind::Struct:
    Out += '{';
    for (std::size_t I = 0; I < V.Kids.size(); ++I) {
      if (I)
        Out += ',';
      inputKey(Out, T.Members[I].Name);
      Out += ':';
      input(Out, *T.Members[I].Type, V.Kids[I]);
    }
    Out += '}';
    break;
  default: Out += "\"<unsupported>\""; break;
  }
}

// ---------------------------------------------------------------------------
// The reference writer: written from the documentation, nothing shared with lib/

struct Expected {
  bool Failed = false;
  ErrorCode Code = ErrorCode::Ok;
  std::string Path;
  std::uint64_t Byte = 0; ///< InvalidUtf8: offset of the first bad byte in its string.
  std::string Out;
};

/// Length of the well-formed UTF-8 sequence at S[I] (Unicode Table 3-7), or 0
/// with Bad set to the length of its maximal invalid subpart (at least 1).
unsigned utf8Sequence(std::string_view S, std::size_t I, std::uint32_t& CP, unsigned& Bad) {
  auto B = [&](std::size_t K) { return static_cast<unsigned char>(S[K]); };
  unsigned char C = B(I);
  unsigned Len;
  unsigned char Lo = 0x80, Hi = 0xBF; // range of the second byte
  if (C < 0x80) {
    CP = C;
    return 1;
  }
  if (C >= 0xC2 && C <= 0xDF) {
    Len = 2;
    CP = C & 0x1F;
  } else if (C >= 0xE0 && C <= 0xEF) {
    Len = 3;
    CP = C & 0x0F;
    if (C == 0xE0)
      Lo = 0xA0;
    if (C == 0xED)
      Hi = 0x9F;
  } else if (C >= 0xF0 && C <= 0xF4) {
    Len = 4;
    CP = C & 0x07;
    if (C == 0xF0)
      Lo = 0x90;
    if (C == 0xF4)
      Hi = 0x8F;
  } else {
    Bad = 1;
    return 0;
  }
  for (unsigned K = 1; K < Len; ++K) {
    unsigned char L = K == 1 ? Lo : 0x80, H = K == 1 ? Hi : 0xBF;
    if (I + K >= S.size() || B(I + K) < L || B(I + K) > H) {
      Bad = K;
      return 0;
    }
    CP = (CP << 6) | (B(I + K) & 0x3F);
  }
  return Len;
}

bool validUtf8(std::string_view S) {
  for (std::size_t I = 0; I < S.size();) {
    std::uint32_t CP;
    unsigned Bad;
    unsigned L = utf8Sequence(S, I, CP, Bad);
    if (!L)
      return false;
    I += L;
  }
  return true;
}

struct Reference {
  const Options& O;
  Expected E;
  /// Nesting depth (Options.md#maxdepth): the outermost value is level 1;
  /// re-entering a struct that is already open since the level last rose
  /// starts the next level. Open holds those structs, outermost first.
  std::uint32_t Depth = 1;
  std::vector<const TypeDesc*> Open;

  bool tooDeep(const std::string& Path) {
    E.Failed = true;
    E.Code = ErrorCode::TooDeep;
    E.Path = Path;
    return false;
  }

  void hex4(std::uint32_t U) {
    char Buf[16];
    std::snprintf(Buf, sizeof Buf, "\\u%04x", U);
    E.Out += Buf;
  }

  /// S as a quoted JSON string. Utf8 false for names (escaped when the
  /// program is generated; always valid UTF-8 here). Returns false on an
  /// InvalidUtf8 failure.
  bool quoted(std::string_view S, const std::string& Path, bool Strings) {
    E.Out += '"';
    for (std::size_t I = 0; I < S.size();) {
      auto C = static_cast<unsigned char>(S[I]);
      if (C < 0x80) {
        switch (C) {
        case '"': E.Out += "\\\""; break;
        case '\\': E.Out += "\\\\"; break;
        case '\b': E.Out += "\\b"; break;
        case '\f': E.Out += "\\f"; break;
        case '\n': E.Out += "\\n"; break;
        case '\r': E.Out += "\\r"; break;
        case '\t': E.Out += "\\t"; break;
        default:
          if (C < 0x20 || (O.escapeHtml && (C == '<' || C == '>' || C == '&')))
            hex4(C);
          else
            E.Out += static_cast<char>(C);
        }
        ++I;
        continue;
      }
      std::uint32_t CP = 0;
      unsigned Bad = 0;
      unsigned L = utf8Sequence(S, I, CP, Bad);
      if (!L) {
        Utf8Mode Mode = Strings ? O.utf8 : Utf8Mode::Passthrough;
        if (Mode == Utf8Mode::Error) {
          E.Failed = true;
          E.Code = ErrorCode::InvalidUtf8;
          E.Path = Path;
          E.Byte = I;
          return false;
        }
        if (Mode == Utf8Mode::Replace)
          E.Out += O.escapeUnicode ? "\\ufffd" : "\xef\xbf\xbd";
        else
          E.Out.append(S.substr(I, Bad));
        I += Bad;
        continue;
      }
      if (O.escapeUnicode || (O.escapeHtml && (CP == 0x2028 || CP == 0x2029))) {
        if (CP >= 0x10000) {
          hex4(0xD800 + ((CP - 0x10000) >> 10));
          hex4(0xDC00 + ((CP - 0x10000) & 0x3FF));
        } else {
          hex4(CP);
        }
      } else {
        E.Out.append(S.substr(I, L));
      }
      I += L;
    }
    E.Out += '"';
    return true;
  }

  void newline(unsigned Level) {
    if (!O.pretty)
      return;
    E.Out += '\n';
    E.Out.append(std::size_t(Level) * O.indentWidth, O.indentChar);
  }

  static std::int64_t signedOf(std::uint64_t U, unsigned Bits) {
    return Bits == 64 ? static_cast<std::int64_t>(U)
                      : static_cast<std::int64_t>(U << (64 - Bits)) >> (64 - Bits);
  }

  void integer(const TypeDesc& I, std::uint64_t U) {
    E.Out += I.IsSigned ? std::to_string(signedOf(U, I.Bits)) : std::to_string(U);
  }

  static bool isNull(const TypeDesc& T, const Val& V) {
    switch (T.Kind) {
    case TypeKind::Optional:
    case TypeKind::Pointer: return V.IsNull;
    case TypeKind::CString: return T.Count == 0 && V.IsNull;
    case TypeKind::Null: return true;
    default: return false;
    }
  }

  static bool isEmpty(const TypeDesc& T, const Val& V) {
    switch (T.Kind) {
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Enum:
    case TypeKind::Char: return V.U == 0;
    case TypeKind::Float: return V.D == 0; // also -0.0; NaN is not empty
    case TypeKind::String:
    case TypeKind::Raw: return V.S.empty();
    case TypeKind::CString: return V.IsNull || V.S.empty() || V.S[0] == '\0';
    case TypeKind::Vector: return V.Kids.empty();
    case TypeKind::Array: return T.Count == 0;
    case TypeKind::Optional:
    case TypeKind::Pointer:
    case TypeKind::Null: return isNull(T, V);
    default: return false; // structs, tuples
    }
  }

  /// Writes V; false once a failure is recorded.
  bool write(const TypeDesc& T, const Val& V, unsigned Level, const std::string& Path,
             bool Quoted = false) {
    const char* Q = Quoted ? "\"" : "";
    switch (T.Kind) {
    case TypeKind::Bool:
      E.Out += Q;
      E.Out += V.U ? "true" : "false";
      E.Out += Q;
      return true;
    case TypeKind::Int:
      E.Out += Q;
      integer(T, V.U);
      E.Out += Q;
      return true;
    case TypeKind::Enum: {
      if (O.enumsAsStrings && !T.Enumerators.empty()) {
        std::int64_t Key = T.Element->IsSigned ? signedOf(V.U, T.Element->Bits)
                                               : static_cast<std::int64_t>(V.U);
        for (const EnumeratorDesc& En : T.Enumerators)
          if (En.Value == Key)
            return quoted(En.Name, Path, false);
      }
      E.Out += Q;
      integer(*T.Element, V.U);
      E.Out += Q;
      return true;
    }
    case TypeKind::Float: {
      if (!std::isfinite(V.D)) {
        if (O.nonFinite == NonFiniteMode::Error) {
          E.Failed = true;
          E.Code = ErrorCode::NonFiniteNumber;
          E.Path = Path;
          return false;
        }
        E.Out += Q;
        E.Out += "null";
        E.Out += Q;
        return true;
      }
      char Buf[64];
      std::to_chars_result R = T.Bits == 32
                                   ? std::to_chars(Buf, Buf + sizeof Buf, static_cast<float>(V.D))
                                   : std::to_chars(Buf, Buf + sizeof Buf, V.D);
      std::string N(Buf, R.ptr);
      std::size_t X = N.find('e');
      if (X != std::string::npos) { // e+21 -> e21, e-07 -> e-7
        std::string Mant = N.substr(0, X), Exp = N.substr(X + 1);
        bool Neg = Exp[0] == '-';
        Exp = Exp.substr(Exp[0] == '-' || Exp[0] == '+' ? 1 : 0);
        Exp.erase(0, std::min(Exp.find_first_not_of('0'), Exp.size() - 1));
        N = Mant + "e" + (Neg ? "-" : "") + Exp;
      }
      E.Out += Q;
      E.Out += N;
      E.Out += Q;
      return true;
    }
    case TypeKind::Char: return quoted(std::string(1, static_cast<char>(V.U)), Path, true);
    case TypeKind::String: return quoted(V.S, Path, true);
    case TypeKind::CString: {
      if (V.IsNull) {
        E.Out += "null";
        return true;
      }
      std::string_view S = V.S;
      S = S.substr(0, std::min(S.find('\0'), S.size()));
      return quoted(S, Path, true);
    }
    case TypeKind::Raw: E.Out += V.S.empty() ? "null" : V.S; return true;
    case TypeKind::Null: E.Out += "null"; return true;
    case TypeKind::Optional:
    case TypeKind::Pointer:
      if (V.IsNull) {
        E.Out += "null";
        return true;
      }
      return write(*T.Element, V.Kids[0], Level, Path);
    case TypeKind::Vector:
    case TypeKind::Array:
    case TypeKind::Tuple: {
      if (V.Kids.empty()) {
        E.Out += "[]";
        return true;
      }
      E.Out += '[';
      for (std::size_t I = 0; I < V.Kids.size(); ++I) {
        if (I)
          E.Out += ',';
        newline(Level + 1);
        const TypeDesc& ET = T.Kind == TypeKind::Tuple ? *T.Members[I].Type : *T.Element;
        if (!write(ET, V.Kids[I], Level + 1, Path + "[" + std::to_string(I) + "]"))
          return false;
      }
      newline(Level);
      E.Out += ']';
      return true;
    }
    case TypeKind::Struct: {
      bool Deeper = std::find(Open.begin(), Open.end(), &T) != Open.end();
      if (Deeper && ++Depth > O.maxDepth)
        return tooDeep(Path);
      std::vector<const TypeDesc*> Outer;
      if (Deeper)
        Outer.swap(Open);
      Open.push_back(&T);
      bool Ok = writeMembers(T, V, Level, Path);
      Open.pop_back();
      if (Deeper) {
        Open.swap(Outer);
        --Depth;
      }
      return Ok;
    }
    default: E.Out += "<unsupported kind>"; return true;
    }
  }

  bool writeMembers(const TypeDesc& T, const Val& V, unsigned Level, const std::string& Path) {
    bool Any = false;
    for (std::size_t I = 0; I < T.Members.size(); ++I) {
      const MemberDesc& M = T.Members[I];
      if (M.OmitEmpty ? isEmpty(*M.Type, V.Kids[I]) : (O.omitNull && isNull(*M.Type, V.Kids[I])))
        continue;
      E.Out += Any ? ',' : '{';
      Any = true;
      newline(Level + 1);
      quoted(M.Name, Path, false);
      E.Out += O.pretty ? ": " : ":";
      if (!write(*M.Type, V.Kids[I], Level + 1, Path + "." + M.Name, M.AsString))
        return false;
    }
    if (!Any) {
      E.Out += "{}";
      return true;
    }
    newline(Level);
    E.Out += '}';
    return true;
  }
};

Expected reference(const TypeDesc& T, const Val& V, const Options& O) {
  Reference R{O, {}, 1, {}};
  if (O.maxDepth == 0) // checked on entry, before anything is written
    R.tooDeep("");
  else if (R.write(T, V, 0, "") && O.trailingNewline)
    R.E.Out += '\n';
  if (R.E.Failed)
    R.E.Out.clear();
  return R.E;
}

// ---------------------------------------------------------------------------
// Checks

/// The first difference, comparing numbers outside strings by value: true
/// when the texts differ only in how numbers are spelled.
bool equalUpToNumbers(const std::string& A, const std::string& B) {
  std::size_t I = 0, J = 0;
  bool InString = false;
  while (I < A.size() && J < B.size()) {
    char C = A[I];
    if (!InString && (C == '-' || (C >= '0' && C <= '9')) && (B[J] == '-' || (B[J] >= '0' && B[J] <= '9'))) {
      char* EndA;
      char* EndB;
      double X = std::strtod(A.c_str() + I, &EndA), Y = std::strtod(B.c_str() + J, &EndB);
      if (X != Y || std::signbit(X) != std::signbit(Y))
        return false;
      I = static_cast<std::size_t>(EndA - A.c_str());
      J = static_cast<std::size_t>(EndB - B.c_str());
      continue;
    }
    if (C != B[J])
      return false;
    if (InString && C == '\\') {
      if (I + 1 >= A.size() || J + 1 >= B.size() || A[I + 1] != B[J + 1])
        return false;
      I += 2;
      J += 2;
      continue;
    }
    if (C == '"')
      InString = !InString;
    ++I;
    ++J;
  }
  return I == A.size() && J == B.size();
}

bool rapidjsonParses(const std::string& Json, bool ValidateUtf8, std::string& Why) {
  rapidjson::Reader Reader;
  rapidjson::BaseReaderHandler<> Handler;
  rapidjson::StringStream In(Json.c_str());
  rapidjson::ParseResult Ok =
      ValidateUtf8 ? Reader.Parse<rapidjson::kParseValidateEncodingFlag>(In, Handler)
                   : Reader.Parse<rapidjson::kParseDefaultFlags>(In, Handler);
  if (Ok && In.Tell() != Json.size()) { // an embedded NUL ended the stream early
    Why = "NUL byte at " + std::to_string(In.Tell());
    return false;
  }
  if (!Ok)
    Why = std::string(rapidjson::GetParseError_En(Ok.Code())) + " at offset " +
          std::to_string(Ok.Offset());
  return bool(Ok);
}

/// Printable form of bytes for reports: C-like escapes for the unprintable.
std::string shown(std::string_view S, std::size_t Max = 4000) {
  std::string Out;
  char Buf[16];
  for (unsigned char C : S.substr(0, Max)) {
    if (C >= 0x20 && C < 0x7f && C != '\\') {
      Out += static_cast<char>(C);
    } else if (C == '\\') {
      Out += "\\\\";
    } else if (C == '\n') {
      Out += "\\n";
    } else {
      std::snprintf(Buf, sizeof Buf, "\\x%02x", C);
      Out += Buf;
    }
  }
  if (S.size() > Max)
    Out += "... (" + std::to_string(S.size()) + " bytes)";
  return Out;
}

struct Stats {
  std::uint64_t Values = 0, Cases = 0, Failures = 0, ExpectedErrors = 0, Utf8Errors = 0,
                NanErrors = 0, DepthErrors = 0, Bytes = 0, ValidatedUtf8 = 0, Reported = 0, NumberSpelling = 0;
  std::uint64_t ByKind[32] = {};
};

struct Config {
  std::uint64_t Seed = 1;
  std::uint64_t Count = 100000;
  std::int64_t OnlyCase = -1;
  bool Verbose = false;
  unsigned MaxReports = 5;
  unsigned PerCase = 1; ///< --long: 10 times as many values per case.
};

void countKinds(const TypeDesc& T, Stats& St, std::vector<const TypeDesc*>& Seen) {
  if (std::find(Seen.begin(), Seen.end(), &T) != Seen.end())
    return;
  Seen.push_back(&T);
  ++St.ByKind[static_cast<unsigned>(T.Kind)];
  if (T.Element)
    countKinds(*T.Element, St, Seen);
  for (const MemberDesc& M : T.Members)
    countKinds(*M.Type, St, Seen);
}

/// One case: a type, options, a compiled program and many values.
bool runCase(const Config& C, std::uint64_t CaseIndex, std::uint64_t MaxValues, Stats& St) {
  std::uint64_t CaseSeed = splitMix(C.Seed * 0x100000001b3ULL + CaseIndex);
  Rng R(CaseSeed);
  std::deque<TypeDesc> Arena;
  TypeGen TG{R, Arena};
  TG.Budget = static_cast<unsigned>(R.range(0, 12));
  const TypeDesc* Root;
  switch (R.range(0, 9)) {
  case 0: Root = TG.leaf(); break;
  case 1: Root = TG.recursiveType(); break;
  case 2: { // a recursive struct somewhere inside
    TypeDesc& S = TG.make(TypeKind::Struct, 0, 1);
    TG.addMember(S, TG.any(2), true);
    TG.addMember(S, TG.recursiveType(), true);
    TG.layOut(S);
    Root = &S;
    break;
  }
  default: Root = TG.any(static_cast<unsigned>(R.range(1, 6))); break;
  }
  Options O = randomOptions(R);
  auto T = R.chance(0.5) ? jitson::runtime::Tier::Fast : jitson::runtime::Tier::Optimized;
  ValueGen VG{R, 0, 0, 0, 0};
  static const double WildRates[] = {0, 0, 0.02, 0.2, 0.8};
  static const double NanRates[] = {0, 0, 0.01, 0.1};
  VG.Wild = WildRates[R.range(0, 4)];
  VG.NonFinite = NanRates[R.range(0, 3)];
  VG.Huge = R.chance(0.2) ? 0.05 : 0;
  // Compiling costs more than a few hundred values: long runs draw more
  // values per case to finish in under an hour (10^7 values: about 2300 cases).
  std::uint64_t NValues = std::min<std::uint64_t>(MaxValues, R.range(100, 800) * C.PerCase);

  auto Header = [&](const char* What) {
    std::fprintf(stderr, "MISMATCH (%s): seed %" PRIu64 " case %" PRIu64
                         " (rerun: jitson-difftest --seed %" PRIu64 " --case %" PRIu64 "%s)\n",
                 What, C.Seed, CaseIndex, C.Seed, CaseIndex, C.PerCase > 1 ? " --long" : "");
  };
  auto Program = jitson::ir::buildProgram(*Root, O);
  if (!Program) {
    ++St.Failures;
    Header("buildProgram failed");
    std::fprintf(stderr, "%s\n", llvm::toString(Program.takeError()).c_str());
    return false;
  }
  auto Owned = jitson::runtime::compileOwnedProgram(*Program, T); // unloaded at return
  if (!Owned) {
    ++St.Failures;
    Header("compile failed");
    std::fprintf(stderr, "%s\n%s\n", llvm::toString(Owned.takeError()).c_str(),
                 jitson::ir::printProgram(*Program).c_str());
    return false;
  }
  jitson::detail::Program Compiled;
  Compiled.Type = Root;
  Compiled.Opts = O;
  jitson::detail::publishRun(Compiled, Owned->run(), T);
  ++St.Cases;
  std::vector<const TypeDesc*> Seen;
  countKinds(*Root, St, Seen);
  if (C.Verbose)
    std::fprintf(stderr, "case %" PRIu64 ": %" PRIu64 " values, tier %s\n%s", CaseIndex, NValues,
                 T == jitson::runtime::Tier::Fast ? "fast" : "optimized",
                 jitson::ir::printProgram(*Program).c_str());

  bool AllOk = true;
  std::string InputJson, Out;
  auto CaseStart = std::chrono::steady_clock::now();
  std::uint64_t BytesBefore = St.Bytes;
  for (std::uint64_t VI = 0; VI < NValues; ++VI) {
    VG.Nodes = R.chance(0.01) ? 6000 : 120; // a few large values, most small
    Val V = VG.value(*Root, 0);
    InputJson.clear();
    input(InputJson, *Root, V);
    Expected Want = reference(*Root, V, O);
    auto Dyn = jitson::runtime::DynamicValue::fromJson(*Root, InputJson);
    ++St.Values;
    auto Report = [&](const char* What, const std::string& Detail) {
      ++St.Failures;
      AllOk = false;
      if (St.Reported++ >= C.MaxReports)
        return;
      Header(What);
      std::fprintf(stderr, "value %" PRIu64 " of the case; %s\nprogram:\n%s\ninput value: %s\n",
                   VI, Detail.c_str(), jitson::ir::printProgram(*Program).c_str(),
                   shown(InputJson).c_str());
    };
    if (!Dyn) {
      Report("DynamicValue rejected the value", llvm::toString(Dyn.takeError()));
      continue;
    }
    Out.clear();
    jitson::Status S = jitson::detail::runProgram(Compiled, (*Dyn)->data(), Out);
    if (Want.Failed) {
      ++St.ExpectedErrors;
      std::string WantMsg;
      if (Want.Code == ErrorCode::InvalidUtf8) {
        ++St.Utf8Errors;
        WantMsg = "invalid UTF-8 at byte " + std::to_string(Want.Byte) + " of the string";
      } else if (Want.Code == ErrorCode::TooDeep) {
        ++St.DepthErrors;
        WantMsg = "nesting deeper than Options::maxDepth (" + std::to_string(O.maxDepth) + ")";
      } else {
        ++St.NanErrors;
        WantMsg = "cannot write NaN or infinity as a JSON number";
      }
      if (S.ok())
        Report("expected an error", "expected " + std::string(jitson::errorCodeName(Want.Code)) +
                                        " at \"" + shown(Want.Path) + "\", got output\n  " +
                                        shown(Out));
      else if (S.code() != Want.Code || S.path() != Want.Path || S.message() != WantMsg)
        Report("wrong error", "expected " + std::string(jitson::errorCodeName(Want.Code)) + " \"" +
                                  WantMsg + "\" at \"" + shown(Want.Path) + "\", got " +
                                  std::string(jitson::errorCodeName(S.code())) + " \"" +
                                  S.message() + "\" at \"" + shown(S.path()) + "\"");
      continue;
    }
    if (!S.ok()) {
      Report("unexpected error", S.toString() + "\nexpected:\n  " + shown(Want.Out));
      continue;
    }
    St.Bytes += Out.size();
    if (Out != Want.Out) {
      std::size_t At = 0;
      while (At < Out.size() && At < Want.Out.size() && Out[At] == Want.Out[At])
        ++At;
      bool Numbers = equalUpToNumbers(Out, Want.Out);
      St.NumberSpelling += Numbers;
      Report(Numbers ? "number spelling differs" : "output differs",
             "first difference at byte " + std::to_string(At) + "\nexpected:\n  " +
                 shown(Want.Out) + "\ngot:\n  " + shown(Out));
      continue;
    }
    bool MustBeUtf8 = validUtf8(Out);
    St.ValidatedUtf8 += MustBeUtf8;
    if (O.utf8 != Utf8Mode::Passthrough && !MustBeUtf8)
      Report("output is not UTF-8", "utf8 mode is not Passthrough\n  " + shown(Out));
    std::string Why;
    if (!rapidjsonParses(Out, MustBeUtf8, Why))
      Report("RapidJSON rejects the output", Why + "\n  " + shown(Out));
  }
  if (C.Verbose)
    std::fprintf(stderr, "case %" PRIu64 ": %" PRIu64 " output bytes, %.3f s\n", CaseIndex,
                 St.Bytes - BytesBefore,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - CaseStart).count());
  return AllOk;
}

int usage() {
  std::fprintf(stderr, "usage: jitson-difftest [--seed N] [--count N] [--long] [--case C] "
                       "[--verbose] [--max-reports N]\n");
  return 2;
}

} // namespace

int main(int Argc, char** Argv) {
  Config C;
  for (int I = 1; I < Argc; ++I) {
    std::string A = Argv[I];
    auto Next = [&]() -> const char* { return I + 1 < Argc ? Argv[++I] : nullptr; };
    if (A == "--seed" || A == "--count" || A == "--case" || A == "--max-reports") {
      const char* V = Next();
      if (!V)
        return usage();
      std::uint64_t N = std::strtoull(V, nullptr, 10);
      if (A == "--seed")
        C.Seed = N;
      else if (A == "--count")
        C.Count = N;
      else if (A == "--case")
        C.OnlyCase = static_cast<std::int64_t>(N);
      else
        C.MaxReports = static_cast<unsigned>(N);
    } else if (A == "--long") {
      C.Count = 10000000;
      C.PerCase = 10;
    } else if (A == "--verbose") {
      C.Verbose = true;
    } else {
      return usage();
    }
  }
  auto Start = std::chrono::steady_clock::now();
  Stats St;
  std::printf("jitson-difftest: seed %" PRIu64 ", %" PRIu64 " values\n", C.Seed, C.Count);
  std::fflush(stdout);
  if (C.OnlyCase >= 0) {
    runCase(C, static_cast<std::uint64_t>(C.OnlyCase), UINT64_MAX, St);
  } else {
    std::uint64_t NextProgress = 1000000;
    for (std::uint64_t Case = 0; St.Values < C.Count; ++Case) {
      runCase(C, Case, C.Count - St.Values, St);
      if (St.Values >= NextProgress) {
        double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
        std::printf("  %" PRIu64 " values, %" PRIu64 " cases, %" PRIu64 " failures, %.0f s\n",
                    St.Values, St.Cases, St.Failures, Secs);
        std::fflush(stdout);
        NextProgress += 1000000;
      }
    }
  }
  double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  static const char* KindNames[] = {"bool", "int", "float", "string", "vector", "array",
                                    "optional", "struct", "char", "cstring", "enum", "span",
                                    "sequence", "pointer", "variant", "tuple", "bytes", "time",
                                    "raw", "custom", "null"};
  std::printf("%" PRIu64 " values compared in %" PRIu64 " cases (types x options), %.1f s; "
              "%" PRIu64 " output bytes, %" PRIu64 " outputs validated as UTF-8 by RapidJSON; "
              "%" PRIu64 " expected errors checked (%" PRIu64 " InvalidUtf8, %" PRIu64
              " NonFiniteNumber, %" PRIu64 " TooDeep)\n  types per kind:",
              St.Values, St.Cases, Secs, St.Bytes, St.ValidatedUtf8, St.ExpectedErrors,
              St.Utf8Errors, St.NanErrors, St.DepthErrors);
  for (unsigned K = 0; K < std::size(KindNames); ++K)
    if (St.ByKind[K])
      std::printf(" %s %" PRIu64, KindNames[K], St.ByKind[K]);
  std::printf("\n");
  if (St.Failures) {
    std::printf("FAILED: %" PRIu64 " mismatches (%" PRIu64 " only in number spelling); seed %" PRIu64
                "\n",
                St.Failures, St.NumberSpelling, C.Seed);
    return 1;
  }
  std::printf("OK\n");
  return 0;
}
