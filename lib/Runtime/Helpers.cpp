// Runtime helpers for generated code: buffer growth, numbers, error paths (strings: StringEscape).
#include "Runtime/Helpers.h"

#include "Runtime/NumberFormat.h"
#include "Runtime/StringEscape.h"
#include "Runtime/TestHooks.h"
#include "jitson/Error.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

using jitson::codegen::PathFrame;

namespace {

char* failWith(Stack* S, jitson::ErrorCode Code, std::uint64_t Detail) noexcept {
  if (S) {
    S->FailCode = static_cast<std::int32_t>(Code);
    S->FailDetail = Detail;
  }
  return nullptr;
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

// Direct (hidden) calls: no PLT hop per number.
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
      // Generated code calls the host's string writers directly, not through
      // jitson_rt_write_string[_ex]'s dispatch.
      {codegen::WriteStringHelper, reinterpret_cast<void*>(hostStringWriters().Plain)},
      {codegen::WriteU64Helper, reinterpret_cast<void*>(&jitson_rt_write_u64)},
      {codegen::WriteI64Helper, reinterpret_cast<void*>(&jitson_rt_write_i64)},
      {codegen::WriteF64Helper, reinterpret_cast<void*>(&jitson_rt_write_f64)},
      {codegen::WriteF32Helper, reinterpret_cast<void*>(&jitson_rt_write_f32)},
      {codegen::PathFieldHelper, reinterpret_cast<void*>(&jitson_rt_path_field)},
      {codegen::PathIndexHelper, reinterpret_cast<void*>(&jitson_rt_path_index)},
      {codegen::WriteStringExHelper, reinterpret_cast<void*>(hostStringWriters().Ex)},
      {codegen::SortedNextHelper, reinterpret_cast<void*>(&jitson_rt_sorted_next)},
      {codegen::SortedReleaseHelper, reinterpret_cast<void*>(&jitson_rt_sorted_release)},
      {codegen::WriteCStrHelper, reinterpret_cast<void*>(&jitson_rt_write_cstr)},
      {codegen::WriteRawHelper, reinterpret_cast<void*>(&jitson_rt_write_raw)},
      {codegen::WriteBase64Helper, reinterpret_cast<void*>(&jitson_rt_write_base64)},
      {codegen::WriteTimeHelper, reinterpret_cast<void*>(&jitson_rt_write_time)},
      {codegen::ParkFailureHelper, reinterpret_cast<void*>(&jitson_rt_park_failure)},
      {"memcpy", reinterpret_cast<void*>(&std::memcpy)},
      {"memmove", reinterpret_cast<void*>(&std::memmove)},
      {"memset", reinterpret_cast<void*>(&std::memset)},
  };
  Count = sizeof Symbols / sizeof Symbols[0];
  return Symbols;
}

} // namespace jitson::runtime
