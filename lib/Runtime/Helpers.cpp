// Runtime helpers for generated code: buffer growth, numbers, string escaping, error paths.
#include "Runtime/Helpers.h"

#include "Runtime/NumberFormat.h"
#include "Runtime/TestHooks.h"
#include "jitson/Error.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <emmintrin.h>

using jitson::codegen::PathFrame;

namespace {

/// Escape sequence for a byte that needs one, written to Out; returns its length.
unsigned escapeByte(unsigned char C, char* Out) noexcept {
  static const char Hex[] = "0123456789abcdef";
  Out[0] = '\\';
  switch (C) {
  case '"': Out[1] = '"'; return 2;
  case '\\': Out[1] = '\\'; return 2;
  case '\b': Out[1] = 'b'; return 2;
  case '\f': Out[1] = 'f'; return 2;
  case '\n': Out[1] = 'n'; return 2;
  case '\r': Out[1] = 'r'; return 2;
  case '\t': Out[1] = 't'; return 2;
  default:
    std::memcpy(Out + 1, "u00", 3);
    Out[4] = Hex[C >> 4];
    Out[5] = Hex[C & 15];
    return 6;
  }
}

constexpr char HexDigits[] = "0123456789abcdef";

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

/// jitson_rt_write_string_ex for a nonzero Mode. Html: the scan also stops
/// at < > & (and, unless AllHigh, at 0xE2, the lead byte of U+2028/U+2029).
/// AllHigh (EscapeUnicode or a Utf8 bit): it stops at every byte >= 0x80,
/// so each non-ASCII sequence is decoded. Everything else is copied by the
/// same 16-byte block stores as jitson_rt_write_string. Utf8Error wins when
/// both Utf8 bits are set (Options should never ask for both).
template <bool Html, bool AllHigh>
char* writeStringModes(Buffer* B, char* Cur, const unsigned char* In, std::uint64_t Size,
                       std::uint64_t Mode, Stack* S) noexcept {
  // Invariant at each step, as in jitson_rt_write_string: room for the rest
  // of the string copied 1:1, the closing quote, and a whole 16-byte block
  // store. Before each special item, 12 more (the longest thing one item
  // writes is a surrogate pair), so the invariant holds again after it.
  constexpr std::uint64_t Slack = 16;
  constexpr std::uint64_t MaxItem = 12;
  auto Ensure = [&](std::uint64_t Need) {
    if (static_cast<std::uint64_t>(B->End - Cur) < Need)
      Cur = jitson_rt_grow(B, Cur, Need);
    return Cur != nullptr;
  };
  if (Size > UINT64_MAX / 8 || !Ensure(Size + 2 + Slack))
    return failWith(S, jitson::ErrorCode::OutOfMemory, 0);
  const bool EscapeUnicode = Mode & jitson::codegen::StringEscapeUnicode;
  const bool Utf8Error = Mode & jitson::codegen::StringUtf8Error;
  const bool Utf8Replace = !Utf8Error && (Mode & jitson::codegen::StringUtf8Replace);
  *Cur++ = '"';
  const __m128i Quote = _mm_set1_epi8('"');
  const __m128i Backslash = _mm_set1_epi8('\\');
  const __m128i Control = _mm_set1_epi8(0x1F);
  const __m128i Less = _mm_set1_epi8('<');
  const __m128i Greater = _mm_set1_epi8('>');
  const __m128i Ampersand = _mm_set1_epi8('&');
  const __m128i LeadE2 = _mm_set1_epi8(static_cast<char>(0xE2));
  // Stores the 16 bytes of V at Cur and returns how many lead clean bytes.
  auto StoreBlock = [&](__m128i V) {
    __m128i Bad = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(V, Quote), _mm_cmpeq_epi8(V, Backslash)),
        _mm_cmpeq_epi8(_mm_max_epu8(V, Control), Control));
    if constexpr (Html) {
      Bad = _mm_or_si128(Bad, _mm_or_si128(_mm_cmpeq_epi8(V, Less),
                                           _mm_or_si128(_mm_cmpeq_epi8(V, Greater),
                                                        _mm_cmpeq_epi8(V, Ampersand))));
      if constexpr (!AllHigh)
        Bad = _mm_or_si128(Bad, _mm_cmpeq_epi8(V, LeadE2));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(Cur), V);
    unsigned Mask = static_cast<unsigned>(_mm_movemask_epi8(Bad));
    if constexpr (AllHigh)
      Mask |= static_cast<unsigned>(_mm_movemask_epi8(V)); // the sign bits: >= 0x80
    return Mask ? static_cast<std::uint64_t>(__builtin_ctz(Mask)) : 16;
  };
  std::uint64_t I = 0;
  while (I < Size) {
    std::uint64_t Left = Size - I;
    std::uint64_t Clean;
    if (Left >= 16) {
      Clean = StoreBlock(_mm_loadu_si128(reinterpret_cast<const __m128i*>(In + I)));
    } else {
      // Nothing past the string is read: the tail goes through a local
      // block padded with 'x', which no mode flags.
      alignas(16) unsigned char Tail[16];
      std::memset(Tail, 'x', sizeof Tail);
      std::memcpy(Tail, In + I, Left);
      Clean = std::min(StoreBlock(_mm_load_si128(reinterpret_cast<const __m128i*>(Tail))), Left);
    }
    Cur += Clean;
    I += Clean;
    if (Clean == 16 || I == Size)
      continue;
    // In[I] is special. Non-ASCII text tends to come in runs, so stay here
    // while the next byte is non-ASCII too rather than rescanning a block.
    do {
      if (!Ensure(MaxItem + (Size - I) + 1 + Slack))
        return failWith(S, jitson::ErrorCode::OutOfMemory, 0);
      unsigned char C = In[I];
      if (C < 0x80) {
        // Also right for < > & under Html: escapeByte spells them \u00XX.
        Cur += escapeByte(C, Cur);
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
          if (EscapeUnicode ||
              (Html && (Step.CodePoint == 0x2028 || Step.CodePoint == 0x2029)))
            Cur = writeCodePointEscape(Cur, Step.CodePoint);
          else
            Cur = static_cast<char*>(std::memcpy(Cur, In + I, Step.Length)) + Step.Length;
        } else if (Utf8Error) {
          return failWith(S, jitson::ErrorCode::InvalidUtf8, I);
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
  }
  *Cur++ = '"';
  return Cur;
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// days_from_civil, http://howardhinnant.github.io/date_algorithms.html).
constexpr std::int64_t daysFromCivil(std::int64_t Y, unsigned M, unsigned D) noexcept {
  Y -= M <= 2;
  const std::int64_t Era = (Y >= 0 ? Y : Y - 399) / 400;
  const unsigned YearOfEra = static_cast<unsigned>(Y - Era * 400);                // [0, 399]
  const unsigned DayOfYear = (153 * (M > 2 ? M - 3 : M + 9) + 2) / 5 + D - 1;     // [0, 365]
  const unsigned DayOfEra = YearOfEra * 365 + YearOfEra / 4 - YearOfEra / 100 + DayOfYear;
  return Era * 146097 + static_cast<std::int64_t>(DayOfEra) - 719468;
}

struct CivilDate {
  std::int64_t Year;
  unsigned Month, Day;
};

/// The inverse of daysFromCivil (Hinnant's civil_from_days).
constexpr CivilDate civilFromDays(std::int64_t Z) noexcept {
  Z += 719468;
  const std::int64_t Era = (Z >= 0 ? Z : Z - 146096) / 146097;
  const unsigned DayOfEra = static_cast<unsigned>(Z - Era * 146097);              // [0, 146096]
  const unsigned YearOfEra =
      (DayOfEra - DayOfEra / 1460 + DayOfEra / 36524 - DayOfEra / 146096) / 365;  // [0, 399]
  const unsigned DayOfYear = DayOfEra - (365 * YearOfEra + YearOfEra / 4 - YearOfEra / 100);
  const unsigned MP = (5 * DayOfYear + 2) / 153;                                  // [0, 11]
  const unsigned Day = DayOfYear - (153 * MP + 2) / 5 + 1;
  const unsigned Month = MP < 10 ? MP + 3 : MP - 9;
  return {static_cast<std::int64_t>(YearOfEra) + Era * 400 + (Month <= 2), Month, Day};
}

static_assert(daysFromCivil(1970, 1, 1) == 0 && daysFromCivil(2000, 3, 1) == 11017);
static_assert(civilFromDays(-719528).Year == 0 && civilFromDays(2932896).Day == 31);

char* writeDigits2(char* Out, unsigned V) noexcept {
  Out[0] = static_cast<char>('0' + V / 10);
  Out[1] = static_cast<char>('0' + V % 10);
  return Out + 2;
}

} // namespace

namespace {
/// testhooks::failGrowAfter: grows left before they fail; negative = off.
std::atomic<std::int64_t> GrowsBeforeFailure{-1};
} // namespace

void jitson::runtime::testhooks::failGrowAfter(std::int64_t N) noexcept {
  GrowsBeforeFailure.store(N, std::memory_order_relaxed);
}

extern "C" {

char* jitson_rt_grow(Buffer* B, char* Cur, std::uint64_t Need) noexcept {
  // Fault injection for tests (cold path: one relaxed load when off).
  if (GrowsBeforeFailure.load(std::memory_order_relaxed) >= 0 &&
      GrowsBeforeFailure.fetch_sub(1, std::memory_order_relaxed) <= 0) {
    GrowsBeforeFailure.store(0, std::memory_order_relaxed);
    return nullptr;
  }
  std::size_t Used = static_cast<std::size_t>(Cur - B->Begin);
  std::size_t Capacity = static_cast<std::size_t>(B->End - B->Begin);
  if (Need > SIZE_MAX / 4 - Used)
    return nullptr;
  // Double, and keep slack so the next fixed-size run rarely comes back.
  std::size_t Wanted = std::max<std::size_t>(Capacity * 2, Used + Need + 256);
  char* Grown = static_cast<char*>(std::realloc(B->Begin, Wanted));
  if (!Grown)
    return nullptr;
  B->Begin = Grown;
  B->End = Grown + Wanted;
  B->Cur = Grown + Used;
  return B->Cur;
}

char* jitson_rt_write_string(Buffer* B, char* Cur, const char* Data,
                             std::uint64_t Size) noexcept {
  // Invariant at each step: room for the rest of the string, the closing
  // quote, and a whole 16-byte block store past the last byte written.
  constexpr std::uint64_t Slack = 16;
  auto Ensure = [&](std::uint64_t Need) {
    if (static_cast<std::uint64_t>(B->End - Cur) < Need)
      Cur = jitson_rt_grow(B, Cur, Need);
    return Cur != nullptr;
  };
  if (!Ensure(Size + 2 + Slack))
    return nullptr;
  *Cur++ = '"';
  const auto* In = reinterpret_cast<const unsigned char*>(Data);
  const __m128i Quote = _mm_set1_epi8('"');
  const __m128i Backslash = _mm_set1_epi8('\\');
  const __m128i Control = _mm_set1_epi8(0x1F);
  // Stores the 16 bytes of V at Cur and returns how many lead clean bytes.
  auto StoreBlock = [&](__m128i V) {
    __m128i Bad = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(V, Quote), _mm_cmpeq_epi8(V, Backslash)),
        _mm_cmpeq_epi8(_mm_max_epu8(V, Control), Control));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(Cur), V);
    unsigned Mask = static_cast<unsigned>(_mm_movemask_epi8(Bad));
    return Mask ? static_cast<std::uint64_t>(__builtin_ctz(Mask)) : 16;
  };
  std::uint64_t I = 0;
  while (I < Size) {
    std::uint64_t Left = Size - I;
    std::uint64_t Clean;
    if (Left >= 16) {
      Clean = StoreBlock(_mm_loadu_si128(reinterpret_cast<const __m128i*>(In + I)));
    } else {
      // The tail goes through a local block, so nothing past the string is
      // read; padding with 'x' keeps it clean. Short strings take only this.
      alignas(16) unsigned char Tail[16];
      std::memset(Tail, 'x', sizeof Tail);
      std::memcpy(Tail, In + I, Left);
      Clean = std::min(StoreBlock(_mm_load_si128(reinterpret_cast<const __m128i*>(Tail))), Left);
    }
    Cur += Clean;
    I += Clean;
    if (Clean == 16 || I == Size)
      continue;
    // In[I] needs an escape of up to 6 bytes; the rest still needs its room.
    if (!Ensure(6 + (Size - I - 1) + 1 + Slack))
      return nullptr;
    Cur += escapeByte(In[I++], Cur);
  }
  *Cur++ = '"';
  return Cur;
}

char* jitson_rt_write_u64(char* Cur, std::uint64_t V) noexcept {
  return jitson::runtime::formatUnsigned(Cur, V);
}

char* jitson_rt_write_i64(char* Cur, std::int64_t V) noexcept {
  std::uint64_t Magnitude = static_cast<std::uint64_t>(V);
  if (V < 0) {
    *Cur++ = '-';
    Magnitude = 0 - Magnitude; // well-defined for INT64_MIN too
  }
  return jitson_rt_write_u64(Cur, Magnitude);
}

char* jitson_rt_write_f64(char* Cur, double V) noexcept {
  return jitson::runtime::formatShortestDirect(Cur, V);
}
char* jitson_rt_write_f32(char* Cur, float V) noexcept {
  return jitson::runtime::formatShortestDirect(Cur, V);
}

namespace {
void pushFrame(Stack* S, PathFrame F) noexcept {
  if (S->InnerCount < Stack::KeptFrames)
    S->Inner[S->InnerCount++] = F;
  else
    S->Outer[S->OuterCount++ % Stack::KeptFrames] = F;
}
} // namespace

void jitson_rt_path_field(Stack* S, const char* Text, std::uint64_t Length) noexcept {
  pushFrame(S, PathFrame{Text, Length});
}

void jitson_rt_path_index(Stack* S, std::uint64_t Index) noexcept {
  pushFrame(S, PathFrame{nullptr, Index});
}

char* jitson_rt_write_string_ex(Buffer* B, char* Cur, const char* Data, std::uint64_t Size,
                                std::uint64_t Mode, Stack* S) noexcept {
  using namespace jitson::codegen;
  const auto* In = reinterpret_cast<const unsigned char*>(Data);
  const bool Html = Mode & StringEscapeHtml;
  const bool AllHigh = Mode & (StringEscapeUnicode | StringUtf8Replace | StringUtf8Error);
  if (Html && AllHigh)
    return writeStringModes<true, true>(B, Cur, In, Size, Mode, S);
  if (Html)
    return writeStringModes<true, false>(B, Cur, In, Size, Mode, S);
  if (AllHigh)
    return writeStringModes<false, true>(B, Cur, In, Size, Mode, S);
  // No mode bit that matters: exactly jitson_rt_write_string.
  char* End = jitson_rt_write_string(B, Cur, Data, Size);
  return End ? End : failWith(S, jitson::ErrorCode::OutOfMemory, 0);
}

char* jitson_rt_write_cstr(Buffer* B, char* Cur, const char* Data, std::uint64_t MaxLen,
                           std::uint64_t Mode, Stack* S) noexcept {
  if (!Data) {
    if (B->End - Cur < 4 && !(Cur = jitson_rt_grow(B, Cur, 4)))
      return failWith(S, jitson::ErrorCode::OutOfMemory, 0);
    std::memcpy(Cur, "null", 4);
    return Cur + 4;
  }
  std::uint64_t Length = MaxLen == UINT64_MAX ? std::strlen(Data) : strnlen(Data, MaxLen);
  return jitson_rt_write_string_ex(B, Cur, Data, Length, Mode, S);
}

char* jitson_rt_write_raw(Buffer* B, char* Cur, const char* Data, std::uint64_t Size) noexcept {
  if (Size == 0) {
    Data = "null";
    Size = 4;
  }
  if (static_cast<std::uint64_t>(B->End - Cur) < Size && !(Cur = jitson_rt_grow(B, Cur, Size)))
    return nullptr;
  std::memcpy(Cur, Data, Size);
  return Cur + Size;
}

char* jitson_rt_write_base64(Buffer* B, char* Cur, const unsigned char* Data,
                             std::uint64_t Size) noexcept {
  static const char Alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (Size > UINT64_MAX / 2) // more than memory can hold; keeps Need from wrapping
    return nullptr;
  std::uint64_t Need = (Size + 2) / 3 * 4 + 2;
  if (static_cast<std::uint64_t>(B->End - Cur) < Need && !(Cur = jitson_rt_grow(B, Cur, Need)))
    return nullptr;
  *Cur++ = '"';
  std::uint64_t I = 0;
  for (; Size - I >= 3; I += 3) {
    std::uint32_t Group = (std::uint32_t(Data[I]) << 16) | (std::uint32_t(Data[I + 1]) << 8) |
                          Data[I + 2];
    Cur[0] = Alphabet[Group >> 18];
    Cur[1] = Alphabet[(Group >> 12) & 63];
    Cur[2] = Alphabet[(Group >> 6) & 63];
    Cur[3] = Alphabet[Group & 63];
    Cur += 4;
  }
  if (std::uint64_t Left = Size - I) {
    std::uint32_t Group = (std::uint32_t(Data[I]) << 16) |
                          (Left == 2 ? std::uint32_t(Data[I + 1]) << 8 : 0);
    Cur[0] = Alphabet[Group >> 18];
    Cur[1] = Alphabet[(Group >> 12) & 63];
    Cur[2] = Left == 2 ? Alphabet[(Group >> 6) & 63] : '=';
    Cur[3] = '=';
    Cur += 4;
  }
  *Cur++ = '"';
  return Cur;
}

char* jitson_rt_write_time(char* Cur, std::int64_t Count, std::uint64_t Num,
                           std::uint64_t Den) noexcept {
  if (Num == 0 || Den == 0) // not a std::ratio period; nothing sensible to write
    return nullptr;
  // |Count| <= 2^63 and Num < 2^64, so the product fits in 127 bits.
  const __int128 Ticks = static_cast<__int128>(Count) * static_cast<__int128>(Num);
  const __int128 Divisor = static_cast<__int128>(Den);
  // Floor division: the remainder (the fraction's numerator) is never negative.
  __int128 Seconds = Ticks / Divisor;
  __int128 Remainder = Ticks % Divisor;
  if (Remainder < 0) {
    Seconds -= 1;
    Remainder += Divisor;
  }
  constexpr std::int64_t FirstSecond = daysFromCivil(0, 1, 1) * 86400;
  constexpr std::int64_t EndSecond = daysFromCivil(10000, 1, 1) * 86400;
  if (Seconds < FirstSecond || Seconds >= EndSecond)
    return nullptr;
  const std::int64_t Whole = static_cast<std::int64_t>(Seconds);
  // Floor division again, for the day and the time of day.
  std::int64_t Days = Whole / 86400;
  std::int64_t OfDay = Whole % 86400;
  if (OfDay < 0) {
    Days -= 1;
    OfDay += 86400;
  }
  const CivilDate Date = civilFromDays(Days);
  const auto Year = static_cast<unsigned>(Date.Year);
  const auto SecondOfDay = static_cast<unsigned>(OfDay);
  *Cur++ = '"';
  Cur = writeDigits2(Cur, Year / 100);
  Cur = writeDigits2(Cur, Year % 100);
  *Cur++ = '-';
  Cur = writeDigits2(Cur, Date.Month);
  *Cur++ = '-';
  Cur = writeDigits2(Cur, Date.Day);
  *Cur++ = 'T';
  Cur = writeDigits2(Cur, SecondOfDay / 3600);
  *Cur++ = ':';
  Cur = writeDigits2(Cur, SecondOfDay / 60 % 60);
  *Cur++ = ':';
  Cur = writeDigits2(Cur, SecondOfDay % 60);
  if (Remainder != 0) {
    // 18 digits of Remainder/Den, truncated: exact whenever the fraction is
    // a decimal of at most 18 digits. Remainder < 2^64 and 10^18 < 2^60, so
    // the product fits in unsigned 128 bits.
    constexpr std::uint64_t Scale = 1000000000000000000ULL;
    std::uint64_t Fraction = static_cast<std::uint64_t>(
        static_cast<unsigned __int128>(Remainder) * Scale / static_cast<unsigned __int128>(Den));
    if (Fraction != 0) {
      char Digits[18];
      for (int K = 17; K >= 0; --K, Fraction /= 10)
        Digits[K] = static_cast<char>('0' + Fraction % 10);
      int Length = 18;
      while (Digits[Length - 1] == '0')
        --Length;
      *Cur++ = '.';
      Cur = static_cast<char*>(std::memcpy(Cur, Digits, Length)) + Length;
    }
  }
  *Cur++ = 'Z';
  *Cur++ = '"';
  return Cur;
}

} // extern "C"

namespace jitson::runtime {

const HelperSymbol* helperSymbols(std::size_t& Count) {
  static const HelperSymbol Symbols[] = {
      {codegen::GrowHelper, reinterpret_cast<void*>(&jitson_rt_grow)},
      {codegen::WriteStringHelper, reinterpret_cast<void*>(&jitson_rt_write_string)},
      {codegen::WriteU64Helper, reinterpret_cast<void*>(&jitson_rt_write_u64)},
      {codegen::WriteI64Helper, reinterpret_cast<void*>(&jitson_rt_write_i64)},
      {codegen::WriteF64Helper, reinterpret_cast<void*>(&jitson_rt_write_f64)},
      {codegen::WriteF32Helper, reinterpret_cast<void*>(&jitson_rt_write_f32)},
      {codegen::PathFieldHelper, reinterpret_cast<void*>(&jitson_rt_path_field)},
      {codegen::PathIndexHelper, reinterpret_cast<void*>(&jitson_rt_path_index)},
      {codegen::WriteStringExHelper, reinterpret_cast<void*>(&jitson_rt_write_string_ex)},
      {codegen::SortedNextHelper, reinterpret_cast<void*>(&jitson_rt_sorted_next)},
      {codegen::SortedReleaseHelper, reinterpret_cast<void*>(&jitson_rt_sorted_release)},
      {codegen::WriteCStrHelper, reinterpret_cast<void*>(&jitson_rt_write_cstr)},
      {codegen::WriteRawHelper, reinterpret_cast<void*>(&jitson_rt_write_raw)},
      {codegen::WriteBase64Helper, reinterpret_cast<void*>(&jitson_rt_write_base64)},
      {codegen::WriteTimeHelper, reinterpret_cast<void*>(&jitson_rt_write_time)},
      {"memcpy", reinterpret_cast<void*>(&std::memcpy)},
      {"memmove", reinterpret_cast<void*>(&std::memmove)},
      {"memset", reinterpret_cast<void*>(&std::memset)},
  };
  Count = sizeof Symbols / sizeof Symbols[0];
  return Symbols;
}

} // namespace jitson::runtime
