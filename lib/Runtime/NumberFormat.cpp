// Integer and shortest round-trip float formatting: shortest digits laid out in registers.
#include "Runtime/NumberFormat.h"
#include "Runtime/ShortestDecimal.h"

// The standard headers fmt uses come first, so that the pragma below hides
// only fmt's own functions.
#include <algorithm>
#include <bit>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cwchar>
#include <emmintrin.h>
#include <exception>
#include <iterator>
#include <limits>
#include <locale>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

// Doubles take their shortest decimal from ShortestDecimal.h; floats from
// fmt's Dragonbox, an internal fmt API, stable from fmt 8 to 11 (Debian 12
// ships 9.1). Only this file uses fmt (header-only). Its functions are
// hidden here, so that calls to them are direct, not through the PLT; and
// it uses the full table of powers of ten instead of recomputing entries
// from a compressed one.
#define FMT_USE_FULL_CACHE_DRAGONBOX 1
#pragma GCC visibility push(hidden)
#include <fmt/format.h>
#pragma GCC visibility pop

namespace jitson::runtime {

namespace {

static_assert(FMT_VERSION >= 80000 && FMT_VERSION < 120000,
              "jitson uses fmt::detail::dragonbox::to_decimal; check its interface");
static_assert(std::endian::native == std::endian::little,
              "the digit words below put the first character in the lowest byte");

using U128 = unsigned __int128;

/// "00" "01" ... "99": two digits per table lookup.
constexpr char DigitPairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

constexpr std::uint64_t PowersOf10[20] = {1ull,
                                          10ull,
                                          100ull,
                                          1000ull,
                                          10000ull,
                                          100000ull,
                                          1000000ull,
                                          10000000ull,
                                          100000000ull,
                                          1000000000ull,
                                          10000000000ull,
                                          100000000000ull,
                                          1000000000000ull,
                                          10000000000000ull,
                                          100000000000000ull,
                                          1000000000000000ull,
                                          10000000000000000ull,
                                          100000000000000000ull,
                                          1000000000000000000ull,
                                          10000000000000000000ull};

/// Decimal digits of V (1 for 0), from its bit length: no loop. V | 1 has
/// as many digits as V (10^k is even, 10^k - 1 odd) and is never 0.
inline int countDigits(std::uint64_t V) {
  V |= 1;
  int Guess = ((64 - __builtin_clzll(V)) * 1233) >> 12; // ~ log10(2^bits)
  return Guess - (V < PowersOf10[Guess]) + 1;
}

/// Exactly eight digits of V < 10^8, in 32-bit arithmetic.
inline void write8(char* P, std::uint32_t V) {
  std::uint32_t High = V / 10000, Low = V % 10000;
  std::memcpy(P, DigitPairs + 2 * (High / 100), 2);
  std::memcpy(P + 2, DigitPairs + 2 * (High % 100), 2);
  std::memcpy(P + 4, DigitPairs + 2 * (Low / 100), 2);
  std::memcpy(P + 6, DigitPairs + 2 * (Low % 100), 2);
}

/// Writes V's digits so that they end at End (right to left).
inline void writeDigitsEndingAt(char* End, std::uint64_t V) {
  while (V >= 100000000) {
    std::uint64_t Q = V / 100000000;
    End -= 8;
    write8(End, static_cast<std::uint32_t>(V - Q * 100000000));
    V = Q;
  }
  auto W = static_cast<std::uint32_t>(V);
  while (W >= 100) {
    std::uint32_t Q = W / 100;
    End -= 2;
    std::memcpy(End, DigitPairs + 2 * (W - Q * 100), 2);
    W = Q;
  }
  if (W >= 10) {
    End -= 2;
    std::memcpy(End, DigitPairs + 2 * W, 2);
  } else {
    *--End = static_cast<char>('0' + W);
  }
}

/// The exact digits of an integral value below 2^128 (rare: an integral
/// value of 2^53 or more whose fixed form is no longer than its exponent form).
[[gnu::noinline]] char* writeWide(char* Cur, U128 V) {
  char Tmp[40];
  char* P = Tmp + sizeof Tmp;
  do {
    *--P = static_cast<char>('0' + static_cast<unsigned>(V % 10));
    V /= 10;
  } while (V);
  auto Length = static_cast<std::size_t>(Tmp + sizeof Tmp - P);
  std::memcpy(Cur, P, Length);
  return Cur + Length;
}

//===----------------------------------------------------------------------===//
// Layout: the digits are made in registers as little-endian words (first
// character in the lowest byte) and stored with fixed-size stores; a store
// may write garbage past the number, within the documented bound.
//===----------------------------------------------------------------------===//

/// Eight ASCII digits of V < 10^8 (leading zeros included) in one word: the
/// halves, quarters and eighths are split in parallel lanes of one register.
/// Each split puts Q = X / d and X - d * Q in adjacent lanes as
/// (X << lane) + Q * (1 - d << lane): one multiply-add, a short dependency
/// chain (this is on the critical path of every number).
inline std::uint64_t digits8(std::uint32_t V) {
  std::uint64_t Q = V / 10000;
  std::uint64_t X = (static_cast<std::uint64_t>(V) << 32) + Q * (1 - (10000ull << 32));
  // x / 100 = x * 5243 >> 19 for x < 10^4; x / 10 = x * 103 >> 10 for x < 100.
  std::uint64_t Hundreds = (X * 5243 >> 19) & 0x0000007F0000007F;
  std::uint64_t Y = (X << 16) + Hundreds * (1 - (100ull << 16));
  std::uint64_t Tens = (Y * 103 >> 10) & 0x000F000F000F000F;
  return ((Y << 8) + Tens * (1 - (10ull << 8))) | 0x3030303030303030;
}

/// The 16 ASCII digits of First < 10^8 then Second < 10^8, as digits8 does
/// them but both at once in an SSE2 register: half the instructions of two
/// digits8 (15% faster overall on long significands), and the layout of a
/// long significand stays in the register (8% more).
inline __m128i digits16(std::uint32_t First, std::uint32_t Second) {
  __m128i V = _mm_set_epi64x(Second, First);
  // x / 10^4 = x * 0xD1B71759 >> 45 for x < 10^8, in the 64-bit lanes.
  __m128i Q = _mm_srli_epi64(_mm_mul_epu32(V, _mm_set1_epi64x(0xD1B71759)), 45);
  __m128i R = _mm_sub_epi64(V, _mm_mul_epu32(Q, _mm_set1_epi64x(10000)));
  __m128i X = _mm_or_si128(Q, _mm_slli_epi64(R, 32)); // 32-bit lanes < 10^4
  // x / 100 = (x * 5243 >> 16) >> 3 for x < 10^4, in the 16-bit lanes.
  __m128i H = _mm_srli_epi16(_mm_mulhi_epu16(X, _mm_set1_epi16(5243)), 3);
  __m128i R2 = _mm_sub_epi16(X, _mm_mullo_epi16(H, _mm_set1_epi16(100)));
  __m128i Y = _mm_or_si128(H, _mm_slli_epi32(R2, 16));
  // y / 10 = y * 6554 >> 16 for y < 100; tens in the low byte of each lane.
  __m128i T = _mm_mulhi_epu16(Y, _mm_set1_epi16(6554));
  __m128i O = _mm_sub_epi16(Y, _mm_mullo_epi16(T, _mm_set1_epi16(10)));
  return _mm_or_si128(_mm_or_si128(T, _mm_slli_epi16(O, 8)), _mm_set1_epi8('0'));
}

/// "e7", "e-7", "e308", "e-324"...: the text in the low bytes, its length in
/// the top byte; indexed by the exponent + 324.
constexpr int MinSciExp = -324, MaxSciExp = 308;
struct ExponentTable {
  std::uint64_t Text[MaxSciExp - MinSciExp + 1];
  constexpr ExponentTable() : Text{} {
    for (int X = MinSciExp; X <= MaxSciExp; ++X) {
      int Abs = X < 0 ? -X : X, Length = 0;
      std::uint64_t T = 0;
      auto Put = [&](char Ch) {
        T |= std::uint64_t(static_cast<unsigned char>(Ch)) << (8 * Length++);
      };
      Put('e');
      if (X < 0)
        Put('-');
      if (Abs >= 100)
        Put(static_cast<char>('0' + Abs / 100));
      if (Abs >= 10)
        Put(static_cast<char>('0' + Abs / 10 % 10));
      Put(static_cast<char>('0' + Abs % 10));
      Text[X - MinSciExp] = T | std::uint64_t(Length) << 56;
    }
  }
};
constexpr ExponentTable Exponents;

inline void storeWord(char* P, std::uint32_t X) { std::memcpy(P, &X, sizeof X); }
inline void storeWord(char* P, std::uint64_t X) { std::memcpy(P, &X, sizeof X); }
inline void storeWord(char* P, __m128i X) { _mm_storeu_si128(reinterpret_cast<__m128i*>(P), X); }

/// Sig < 10^17 as 17 digits with leading zeros: Head, then the word.
inline __m128i padded17(std::uint64_t Sig, char& Head) {
  // Both divisions straight from Sig: two short chains, not one long one.
  std::uint64_t High = Sig / 100000000, Top = Sig / 10000000000000000;
  auto Low = static_cast<std::uint32_t>(Sig - High * 100000000);
  auto Middle = static_cast<std::uint32_t>(High - Top * 100000000);
  Head = static_cast<char>('0' + Top);
  return digits16(Middle, Low);
}

/// Sig < 10^9 as 9 digits with leading zeros: Head, then the word.
inline std::uint64_t padded9(std::uint64_t Sig, char& Head) {
  if (Sig < 10) { // 0.1f, 2e-5f: no multiplications on the way
    Head = '0';
    return 0x3030303030303030 | Sig << 56;
  }
  auto Top = static_cast<std::uint32_t>(Sig / 100000000);
  Head = static_cast<char>('0' + Top);
  return digits8(static_cast<std::uint32_t>(Sig - Top * 100000000ull));
}

/// For ddd.ddd with I digits before the point (I = 1..MaxDigits - 1), at
/// index I - 1: the mask of the I - 1 bytes of the digit word (the digits
/// after the first) that stay before the point, and the '.' after them.
template <class Word> struct PointMasks {
  Word Keep[sizeof(Word)], Point[sizeof(Word)];
  constexpr PointMasks() : Keep{}, Point{} {
    for (unsigned I = 0; I < sizeof(Word); ++I) {
      Point[I] = Word('.') << (8 * I);
      Keep[I] = (Word(1) << (8 * I)) - 1;
    }
  }
};
template <class Word> constexpr PointMasks<Word> Points;

/// Stores Digits with a '.' after its first Before bytes (the top byte drops out).
inline void storeWithPoint(char* P, std::uint64_t Digits, int Before) {
  std::uint64_t Keep = Points<std::uint64_t>.Keep[Before];
  storeWord(P, (Digits & Keep) | (Digits & ~Keep) << 8 | Points<std::uint64_t>.Point[Before]);
}
inline void storeWithPoint(char* P, __m128i D, int Before) {
  __m128i Keep = _mm_load_si128(reinterpret_cast<const __m128i*>(&Points<U128>.Keep[Before]));
  __m128i Point = _mm_load_si128(reinterpret_cast<const __m128i*>(&Points<U128>.Point[Before]));
  __m128i Moved = _mm_slli_si128(_mm_andnot_si128(Keep, D), 1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(P),
                   _mm_or_si128(_mm_or_si128(_mm_and_si128(D, Keep), Moved), Point));
}

// The digit words' other operations: a 64-bit word (up to 9 digits) and an
// SSE2 register (up to 17).
inline char lastByte(std::uint64_t X) { return static_cast<char>(X >> 56); }
inline char lastByte(__m128i X) { return static_cast<char>(_mm_extract_epi16(X, 7) >> 8); }
inline std::uint64_t orZeros(std::uint64_t X) { return X | 0x3030303030303030; }
inline __m128i orZeros(__m128i X) { return _mm_or_si128(X, _mm_set1_epi8('0')); }

/// Writes the N-digit significand d.ddd * 10^SciExp of V > 0 as to_chars
/// would: its first digit, then Rest: digits 2..N in the low bytes, zero
/// bytes or '0's above them. Stores whole words, some past the number's end:
/// writes at most 23 bytes at Cur for double, 14 for float.
template <class Word, class F>
inline char* layOut(char* Cur, char First, Word Rest, int N, int SciExp, F V) {
  constexpr int WordBytes = sizeof(Word);
  Cur[0] = First;
  int IntegerDigits = SciExp + 1;
  if (static_cast<unsigned>(IntegerDigits - 1) < static_cast<unsigned>(N - 1)) {
    // ddd.ddd (always shorter than the exponent form): the fraction moves
    // one byte up for the '.', and the last byte of Rest shifts out: it is
    // stored on its own (past the end of a shorter number, harmless).
    storeWithPoint(Cur + 1, Rest, IntegerDigits - 1);
    Cur[1 + WordBytes] = lastByte(Rest);
    return Cur + N + 1;
  }
  // Lengths as to_chars measures them (its exponent is "e+XX", two digits
  // at least); fixed spells an integral value with all its digits.
  int AbsExp = SciExp < 0 ? -SciExp : SciExp;
  int SciLength = N + (N > 1) + 2 + (AbsExp >= 100 ? 3 : 2);
  int FixedLength = IntegerDigits >= N ? IntegerDigits : 2 - IntegerDigits + N;
  if (FixedLength > SciLength) {
    // d[.ddd]e[-]X: the exponent overwrites the '.' when there is one digit.
    Cur[1] = '.';
    storeWord(Cur + 2, Rest);
    char* P = Cur + N + (N > 1);
    std::uint64_t Exp = Exponents.Text[SciExp - MinSciExp];
    storeWord(P, static_cast<std::uint32_t>(Exp));
    if constexpr (std::is_same_v<F, double>) // float exponents have at most two digits
      P[4] = static_cast<char>(Exp >> 32);
    return P + (Exp >> 56);
  }
  if (IntegerDigits >= N) { // integral: the digits, then their '0's
    constexpr F ExactIntegers = std::is_same_v<F, double> ? 0x1p53 : 0x1p24;
    if (IntegerDigits > N && V >= ExactIntegers) // to_chars spells the exact integer
      return writeWide(Cur, static_cast<U128>(V));
    // A double's integral value below 2^53 has at most 16 digits, a
    // float's (below 2^24) at most 8, and the word holds them.
    storeWord(Cur + 1, orZeros(Rest));
    return Cur + IntegerDigits;
  }
  // 0.000ddd, at most three zeros (else the exponent form is shorter).
  int Zeros = -IntegerDigits;
  storeWord(Cur, static_cast<std::uint64_t>(0x303030303030'2e30)); // "0.000000"
  Cur[2 + Zeros] = First;
  storeWord(Cur + 3 + Zeros, Rest);
  return Cur + 2 + Zeros + N;
}

inline char* writeShortest(char* Cur, double V) noexcept {
  // The sign without a branch: canada's coordinates alternate signs.
  *Cur = '-';
  Cur += std::signbit(V);
  V = std::fabs(V);
  if (V == 0) {
    *Cur = '0';
    return Cur + 1;
  }
  // V = d.dddd * 10^SciExp, shortest in the first N of 17 digits: the
  // first, then 16 that fill an SSE2 register, with no leading zeros to
  // shift out and no case for a 17th digit (a branch on the digit count,
  // which float-heavy documents mix).
  ShortestDigits Decimal = shortestDecimal(V);
  int SciExp = Decimal.Exponent, N = Decimal.Count;
  char First;
  __m128i Rest = padded17(Decimal.Digits, First);
  // The number's length, hence where the next one goes, waits for its
  // digit count: the zeros that end it are counted only when there is one,
  // and from the significand, not the digits (which come later).
  if (Decimal.EndsInZero)
    N -= decimalTrailingZeros(Decimal.Leading);
  return layOut(Cur, First, Rest, N, SciExp, V);
}

inline char* writeShortest(char* Cur, float V) noexcept {
  *Cur = '-';
  Cur += std::signbit(V);
  V = std::fabs(V);
  if (V == 0) {
    *Cur = '0';
    return Cur + 1;
  }
  auto Decimal = fmt::detail::dragonbox::to_decimal(V); // V = Sig * 10^E, shortest
  std::uint64_t Sig = Decimal.significand;
  int N = countDigits(Sig);
  int SciExp = Decimal.exponent + N - 1; // V = d.ddd * 10^SciExp
  // A float's significand (at most 9 digits) takes one 64-bit word, made
  // from Sig at once, in parallel with its digit count.
  char Head;
  std::uint64_t Padded = padded9(Sig, Head);
  // The first digit, and the rest at the bottom, zero bytes above them: the
  // shift drops the leading zeros; masked, it stays defined for N = 9
  // (whose result is not used). A branch, not a select: predicted, it takes
  // the digit count off the dependency chain of the digits.
  std::uint64_t FromFirst = Padded >> ((8 * (8 - N)) & 63);
  std::uint64_t Rest = N == 9 ? Padded : FromFirst >> 8;
  char First = N == 9 ? Head : static_cast<char>(FromFirst);
  return layOut(Cur, First, Rest, N, SciExp, V);
}

} // namespace

char* formatUnsigned(char* Cur, std::uint64_t V) noexcept {
  int N = countDigits(V);
  writeDigitsEndingAt(Cur + N, V);
  return Cur + N;
}

// Flattened: the shortest decimal is inlined too, one function with one
// register allocation and no call in between.
[[gnu::flatten]] char* formatShortestDirect(char* Cur, double V) noexcept {
  return writeShortest(Cur, V);
}
[[gnu::flatten]] char* formatShortestDirect(char* Cur, float V) noexcept {
  return writeShortest(Cur, V);
}
char* formatShortest(char* Cur, double V) noexcept { return formatShortestDirect(Cur, V); }
char* formatShortest(char* Cur, float V) noexcept { return formatShortestDirect(Cur, V); }

} // namespace jitson::runtime
