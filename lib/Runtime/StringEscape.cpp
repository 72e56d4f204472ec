// String writing: quoting and escaping with SIMD blocks, one variant per instruction set.
#include "Runtime/StringEscape.h"

#include "Runtime/Helpers.h"
#include "jitson/Error.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <immintrin.h>

using jitson::codegen::Buffer;
using jitson::codegen::Stack;

// Sanitizers see a block load past the string as an overflow (ASan) or a
// race (TSan): there the tail always goes through a zeroed copy.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define JITSON_STR_NO_OVERREAD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define JITSON_STR_NO_OVERREAD 1
#endif
#endif
#ifndef JITSON_STR_NO_OVERREAD
#define JITSON_STR_NO_OVERREAD 0
#endif

namespace {

/// Pages are at least this big (and larger pages are made of such), so a
/// load that stays inside one 4 KiB-aligned range touches one page.
constexpr std::uintptr_t MinPageSize = 4096;

constexpr char HexDigits[] = "0123456789abcdef";

/// The JSON escape of each ASCII byte a scan may stop at, packed little-endian
/// into a word that is stored whole, and its length (0: the byte has none).
/// A table, not a switch: its indirect jump mispredicted on text with quotes
/// and newlines.
struct AsciiEscapes {
  std::uint64_t Text[128];
  std::uint8_t Length[128];
};

constexpr AsciiEscapes makeAsciiEscapes() {
  AsciiEscapes E{};
  auto Set = [&E](unsigned C, const char* Text, std::uint8_t Length) {
    std::uint64_t Word = 0;
    for (unsigned K = 0; K < Length; ++K)
      Word |= static_cast<std::uint64_t>(static_cast<unsigned char>(Text[K])) << (8 * K);
    E.Text[C] = Word;
    E.Length[C] = Length;
  };
  auto SetUnit = [&Set](unsigned C) {
    const char Text[6] = {'\\', 'u', '0', '0', HexDigits[C >> 4], HexDigits[C & 15]};
    Set(C, Text, 6);
  };
  for (unsigned C = 0; C < 0x20; ++C)
    SetUnit(C);
  SetUnit('<'); // Html only: the scan stops at these three only then
  SetUnit('>');
  SetUnit('&');
  Set('\b', "\\b", 2);
  Set('\t', "\\t", 2);
  Set('\n', "\\n", 2);
  Set('\f', "\\f", 2);
  Set('\r', "\\r", 2);
  Set('"', "\\\"", 2);
  Set('\\', "\\\\", 2);
  return E;
}

constexpr AsciiEscapes Escapes = makeAsciiEscapes();
static_assert(Escapes.Length['\n'] == 2 && Escapes.Length[0x1F] == 6 && Escapes.Length['a'] == 0);

/// Writes \uXXXX (lowercase) for the UTF-16 code unit Unit; returns the end.
char* writeUnitEscape(char* Out, std::uint32_t Unit) noexcept {
  Out[0] = '\\';
  Out[1] = 'u';
  Out[2] = HexDigits[(Unit >> 12) & 15];
  Out[3] = HexDigits[(Unit >> 8) & 15];
  Out[4] = HexDigits[(Unit >> 4) & 15];
  Out[5] = HexDigits[Unit & 15];
  return Out + 6;
}

/// Writes the code point as one \uXXXX or, above U+FFFF, a surrogate pair.
char* writeCodePointEscape(char* Out, std::uint32_t CodePoint) noexcept {
  if (CodePoint < 0x10000)
    return writeUnitEscape(Out, CodePoint);
  CodePoint -= 0x10000;
  Out = writeUnitEscape(Out, 0xD800 + (CodePoint >> 10));
  return writeUnitEscape(Out, 0xDC00 + (CodePoint & 0x3FF));
}

/// One step of UTF-8 decoding at a byte >= 0x80.
struct Utf8Step {
  std::uint32_t Length;    ///< The sequence, or its maximal invalid subpart.
  std::uint32_t CodePoint; ///< Meaningful only when Valid.
  bool Valid;
};

/// Decodes the sequence starting at In[0] (a byte >= 0x80; Left >= 1 bytes
/// are readable). A lead byte fixes the range of its second byte (Unicode
/// Table 3-7: that is what excludes overlongs, surrogates and > U+10FFFF);
/// the others are 80..BF. An invalid sequence's Length is its maximal
/// subpart: the lead plus the continuation bytes accepted before the first
/// byte that does not fit, or at least 1 (Unicode's "substitution of maximal
/// subparts", which U+FFFD replacement follows). Always inlined: out of
/// line, GCC 12 returns the struct through memory and reloads it across a
/// store-forwarding stall, which made non-ASCII text three times slower.
[[gnu::always_inline]] inline Utf8Step decodeUtf8(const unsigned char* In,
                                                  std::uint64_t Left) noexcept {
  unsigned char Lead = In[0];
  std::uint32_t Trail;
  std::uint32_t CodePoint;
  unsigned char Low = 0x80, High = 0xBF;
  if (Lead >= 0xC2 && Lead <= 0xDF) {
    Trail = 1;
    CodePoint = Lead & 0x1F;
  } else if (Lead >= 0xE0 && Lead <= 0xEF) {
    Trail = 2;
    CodePoint = Lead & 0x0F;
    if (Lead == 0xE0)
      Low = 0xA0; // below: overlong
    else if (Lead == 0xED)
      High = 0x9F; // above: surrogates
  } else if (Lead >= 0xF0 && Lead <= 0xF4) {
    Trail = 3;
    CodePoint = Lead & 0x07;
    if (Lead == 0xF0)
      Low = 0x90; // below: overlong
    else if (Lead == 0xF4)
      High = 0x8F; // above: beyond U+10FFFF
  } else {
    return {1, 0, false}; // a continuation byte, C0, C1 or F5..FF
  }
  for (std::uint32_t K = 1; K <= Trail; ++K) {
    if (K >= Left || In[K] < Low || In[K] > High)
      return {K, 0, false};
    CodePoint = (CodePoint << 6) | (In[K] & 0x3F);
    Low = 0x80;
    High = 0xBF;
  }
  return {Trail + 1, CodePoint, true};
}

char* failWith(Stack* S, jitson::ErrorCode Code, std::uint64_t Detail) noexcept {
  if (S) {
    S->FailCode = static_cast<std::int32_t>(Code);
    S->FailDetail = Detail;
  }
  return nullptr;
}

/// Where writeSpecial left off: the cursor (null on failure) and the input.
struct SpecialDone {
  char* Cur;
  std::uint64_t I;
};

/// Writes the item at In[I], where the block scan stopped, and returns the
/// cursor and offset after it. Html: the scan also stops at < > & (and, unless AllHigh, at
/// 0xE2, the lead byte of U+2028/U+2029). AllHigh (EscapeUnicode or a Utf8
/// bit): it stops at every byte >= 0x80, so each non-ASCII sequence is
/// decoded, and the run of them that follows is handled here too (non-ASCII
/// text tends to come in runs). Utf8Error wins when both Utf8 bits are set
/// (Options should never ask for both). Null on failure, S told why.
/// Shared by every instruction set: it is the slow path.
template <bool Html, bool AllHigh>
SpecialDone writeSpecial(Buffer* B, char* Cur, const unsigned char* In, std::uint64_t Size,
                         std::uint64_t I, std::uint64_t Mode, Stack* S,
                         std::uint64_t Slack) noexcept {
  // 12 more than the invariant of the block loop (the longest thing one item
  // writes is a surrogate pair), so it holds again after the item.
  constexpr std::uint64_t MaxItem = 12;
  const bool EscapeUnicode = Mode & jitson::codegen::StringEscapeUnicode;
  const bool Utf8Error = Mode & jitson::codegen::StringUtf8Error;
  const bool Utf8Replace = !Utf8Error && (Mode & jitson::codegen::StringUtf8Replace);
  do {
    const std::uint64_t Need = MaxItem + (Size - I) + 1 + Slack;
    if (static_cast<std::uint64_t>(B->End - Cur) < Need && !(Cur = jitson_rt_grow(B, Cur, Need)))
      return {failWith(S, jitson::ErrorCode::OutOfMemory, 0), I};
    unsigned char C = In[I];
    if (C < 0x80) {
      // One 8-byte store: MaxItem leaves room for it.
      std::memcpy(Cur, &Escapes.Text[C], sizeof Escapes.Text[C]);
      Cur += Escapes.Length[C];
      ++I;
    } else if constexpr (!AllHigh) {
      // Html alone: only U+2028/U+2029 (E2 80 A8/A9) matter; any other
      // byte is copied, whatever the sequence around it.
      if (Size - I >= 3 && In[I + 1] == 0x80 && (In[I + 2] == 0xA8 || In[I + 2] == 0xA9)) {
        Cur = writeUnitEscape(Cur, In[I + 2] == 0xA8 ? 0x2028 : 0x2029);
        I += 3;
      } else {
        *Cur++ = static_cast<char>(C);
        ++I;
      }
    } else {
      Utf8Step Step = decodeUtf8(In + I, Size - I);
      if (Step.Valid) {
        if (EscapeUnicode || (Html && (Step.CodePoint == 0x2028 || Step.CodePoint == 0x2029)))
          Cur = writeCodePointEscape(Cur, Step.CodePoint);
        else
          Cur = static_cast<char*>(std::memcpy(Cur, In + I, Step.Length)) + Step.Length;
      } else if (Utf8Error) {
        return {failWith(S, jitson::ErrorCode::InvalidUtf8, I), I};
      } else if (Utf8Replace) {
        if (EscapeUnicode)
          Cur = writeUnitEscape(Cur, 0xFFFD);
        else
          Cur = static_cast<char*>(std::memcpy(Cur, "\xEF\xBF\xBD", 3)) + 3;
      } else {
        // Passed through unchanged (its bytes are each invalid on their own).
        Cur = static_cast<char*>(std::memcpy(Cur, In + I, Step.Length)) + Step.Length;
      }
      I += Step.Length;
    }
  } while (AllHigh && I < Size && In[I] >= 0x80);
  return {Cur, I};
}

namespace sse2 {
#define JITSON_STR_ISA 1
#define JITSON_STR_ATTRS
#include "Runtime/StringEscapeIsa.inc"
#undef JITSON_STR_ISA
#undef JITSON_STR_ATTRS
} // namespace sse2

namespace avx2 {
#define JITSON_STR_ISA 2
#define JITSON_STR_ATTRS , gnu::target("avx2")
#include "Runtime/StringEscapeIsa.inc"
#undef JITSON_STR_ISA
#undef JITSON_STR_ATTRS
} // namespace avx2

namespace avx512 {
#define JITSON_STR_ISA 3
#define JITSON_STR_ATTRS , gnu::target("avx2,avx512f,avx512bw,avx512vl,bmi,bmi2")
#include "Runtime/StringEscapeIsa.inc"
#undef JITSON_STR_ISA
#undef JITSON_STR_ATTRS
} // namespace avx512

using jitson::runtime::StringWriters;

const StringWriters Sse2Writers{"sse2", &sse2::writeString, &sse2::writeStringEx};
const StringWriters Avx2Writers{"avx2", &avx2::writeString, &avx2::writeStringEx};
const StringWriters Avx512Writers{"avx512", &avx512::writeString, &avx512::writeStringEx};

bool hasAvx2() noexcept {
  __builtin_cpu_init(); // in case this runs before libgcc's constructor
  return __builtin_cpu_supports("avx2");
}

bool hasAvx512() noexcept {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("bmi2") && hasAvx2();
}

/// hostStringWriters' choice, made on first use (a race only makes it twice).
std::atomic<const StringWriters*> Chosen{nullptr};

} // namespace

namespace jitson::runtime {

const StringWriters* stringWriterVariants(std::size_t& Count) noexcept {
  struct Usable {
    StringWriters List[3];
    std::size_t Count = 0;
  };
  static const Usable Variants = [] {
    Usable U;
    if (hasAvx512())
      U.List[U.Count++] = Avx512Writers;
    if (hasAvx2())
      U.List[U.Count++] = Avx2Writers;
    U.List[U.Count++] = Sse2Writers;
    return U;
  }();
  Count = Variants.Count;
  return Variants.List;
}

const StringWriters& hostStringWriters() noexcept {
  const StringWriters* W = Chosen.load(std::memory_order_relaxed);
  if (!W) {
    std::size_t Count = 0;
    W = stringWriterVariants(Count);
    Chosen.store(W, std::memory_order_relaxed);
  }
  return *W;
}

} // namespace jitson::runtime

extern "C" {

char* jitson_rt_write_string(Buffer* B, char* Cur, const char* Data,
                             std::uint64_t Size) noexcept {
  return jitson::runtime::hostStringWriters().Plain(B, Cur, Data, Size);
}

char* jitson_rt_write_string_ex(Buffer* B, char* Cur, const char* Data, std::uint64_t Size,
                                std::uint64_t Mode, Stack* S) noexcept {
  return jitson::runtime::hostStringWriters().Ex(B, Cur, Data, Size, Mode, S);
}

} // extern "C"
