// Integer and shortest round-trip float formatting: Dragonbox (from fmt) for the digits, our own layout.
#include "Runtime/NumberFormat.h"

// fmt's Dragonbox finds the shortest decimal significand and exponent; it is
// an internal fmt API, stable from fmt 8 to 11 (Debian 12 ships 9.1).
#include <fmt/format.h>

#include <cmath>
#include <cstring>

static_assert(FMT_VERSION >= 80000 && FMT_VERSION < 120000,
              "jitson uses fmt::detail::dragonbox::to_decimal; check its interface");

namespace jitson::runtime {

namespace {

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

/// The exact digits of an integral value below 2^128 (rare: a large
/// integral double whose fixed form is no longer than its exponent form).
char* writeWide(char* Cur, unsigned __int128 V) {
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

template <class F> char* writeShortest(char* Cur, F V) noexcept {
  if (std::signbit(V)) {
    *Cur++ = '-';
    V = -V;
  }
  if (V == 0) {
    *Cur = '0';
    return Cur + 1;
  }
  auto Decimal = fmt::detail::dragonbox::to_decimal(V); // V = Sig * 10^E, shortest
  std::uint64_t Sig = Decimal.significand;
  int E = Decimal.exponent;
  int N = countDigits(Sig);
  int SciExp = E + N - 1;
  int AbsExp = SciExp < 0 ? -SciExp : SciExp;
  // Lengths as to_chars measures them (its exponent is "e+XX", two digits at least).
  int SciLength = N + (N > 1) + 2 + (AbsExp >= 100 ? 3 : 2);
  int FixedLength = E >= 0 ? N + E : (E + N > 0 ? N + 1 : 2 - (E + N) + N);
  if (FixedLength <= SciLength) {
    if (E == 0) {
      writeDigitsEndingAt(Cur + N, Sig);
      return Cur + N;
    }
    if (E > 0) // to_chars writes the exact integral value, not digits and zeros
      return writeWide(Cur, static_cast<unsigned __int128>(V));
    int IntegerDigits = E + N;
    if (IntegerDigits > 0) { // ddd.ddd: digits one place right, integer part back
      writeDigitsEndingAt(Cur + N + 1, Sig);
      std::memmove(Cur, Cur + 1, static_cast<std::size_t>(IntegerDigits));
      Cur[IntegerDigits] = '.';
      return Cur + N + 1;
    }
    int Zeros = -IntegerDigits; // 0.000ddd
    Cur[0] = '0';
    Cur[1] = '.';
    std::memset(Cur + 2, '0', static_cast<std::size_t>(Zeros));
    writeDigitsEndingAt(Cur + 2 + Zeros + N, Sig);
    return Cur + 2 + Zeros + N;
  }
  // d[.ddd]e[-]X: digits from Cur+1, then the first one moves before the point.
  writeDigitsEndingAt(Cur + 1 + N, Sig);
  Cur[0] = Cur[1];
  if (N > 1) {
    Cur[1] = '.';
    Cur += N + 1;
  } else {
    Cur += 1;
  }
  *Cur++ = 'e';
  if (SciExp < 0)
    *Cur++ = '-';
  if (AbsExp >= 100) {
    *Cur++ = static_cast<char>('0' + AbsExp / 100);
    AbsExp %= 100;
    std::memcpy(Cur, DigitPairs + 2 * AbsExp, 2);
    return Cur + 2;
  }
  if (AbsExp >= 10) {
    std::memcpy(Cur, DigitPairs + 2 * AbsExp, 2);
    return Cur + 2;
  }
  *Cur = static_cast<char>('0' + AbsExp);
  return Cur + 1;
}

} // namespace

char* formatUnsigned(char* Cur, std::uint64_t V) noexcept {
  int N = countDigits(V);
  writeDigitsEndingAt(Cur + N, V);
  return Cur + N;
}

char* formatShortest(char* Cur, double V) noexcept { return writeShortest(Cur, V); }
char* formatShortest(char* Cur, float V) noexcept { return writeShortest(Cur, V); }

} // namespace jitson::runtime
