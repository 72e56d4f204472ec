// The runtime's number writers against std::to_chars, its shortest decimals against Dragonbox.
#include "Runtime/NumberFormat.h"
#include "Runtime/ShortestDecimal.h"

#include <doctest/doctest.h>

// fmt's Dragonbox is the oracle for the shortest decimal (header-only, with
// the full table of powers, as the runtime includes it; the fmt::fmt-header-only
// target defines FMT_HEADER_ONLY).
#define FMT_USE_FULL_CACHE_DRAGONBOX 1
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

namespace {

/// std::to_chars's shortest form with the exponent as jitson writes it
/// (no '+', no leading zeros): the reference, written independently.
template <class F> std::string reference(F V) {
  char Buf[64];
  char* End = std::to_chars(Buf, Buf + sizeof Buf, V).ptr;
  std::string S(Buf, End);
  std::size_t E = S.find('e');
  if (E == std::string::npos)
    return S;
  std::string Exponent = S.substr(E + 1);
  bool Negative = Exponent[0] == '-';
  std::size_t Digits = Exponent.find_first_not_of("+-0");
  return S.substr(0, E + 1) + (Negative ? "-" : "") +
         (Digits == std::string::npos ? "0" : Exponent.substr(Digits));
}

template <class F> std::string formatted(F V) {
  char Buf[64];
  return std::string(Buf, jitson::runtime::formatShortest(Buf, V));
}

/// Formats V into a buffer whose bytes around the bound are sentinels and
/// checks that nothing before Cur or past the documented bound (24 bytes
/// for double, 15 for float) changed; returns the text.
template <class F> std::string formattedWithinBound(F V) {
  constexpr std::size_t Bound = sizeof(F) == 8 ? 24 : 15;
  char Buf[64];
  std::memset(Buf, '#', sizeof Buf);
  char* Cur = Buf + 8;
  char* End = jitson::runtime::formatShortest(Cur, V);
  bool Untouched = std::all_of(Buf, Cur, [](char C) { return C == '#'; }) &&
                   std::all_of(Cur + Bound, Buf + sizeof Buf, [](char C) { return C == '#'; });
  if (!Untouched || End <= Cur || End > Cur + Bound) {
    CAPTURE(V);
    REQUIRE(Untouched);
    REQUIRE(End > Cur);
    REQUIRE(End <= Cur + Bound);
  }
  return std::string(Cur, End);
}

template <class F> void checkAgainstReference(F V) {
  if (!std::isfinite(V))
    return;
  std::string Mine = formattedWithinBound(V), Expected = reference(V);
  if (Mine != Expected) {
    CAPTURE(V);
    REQUIRE(Mine == Expected);
  }
}

std::uint64_t powerOfTen(int N) {
  std::uint64_t P = 1;
  while (N-- > 0)
    P *= 10;
  return P;
}

std::string formattedUnsigned(std::uint64_t V) {
  char Buf[32];
  return std::string(Buf, jitson::runtime::formatUnsigned(Buf, V));
}

} // namespace

TEST_CASE("unsigned integers: every power-of-ten boundary and random values") {
  std::uint64_t Power = 1;
  for (int K = 0; K < 20; ++K) {
    for (std::uint64_t V : {Power - 1, Power, Power + 1}) {
      CAPTURE(V);
      CHECK(formattedUnsigned(V) == std::to_string(V));
    }
    if (K < 19)
      Power *= 10;
  }
  CHECK(formattedUnsigned(0) == "0");
  CHECK(formattedUnsigned(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
  std::mt19937_64 Rng(11);
  for (int I = 0; I < 200000; ++I) {
    std::uint64_t V = Rng() >> (Rng() % 64);
    CAPTURE(V);
    REQUIRE(formattedUnsigned(V) == std::to_string(V));
  }
}

TEST_CASE("shortest floats: edge values match std::to_chars") {
  const double Doubles[] = {0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                            1e21, 1e22, 1e23, 1e-7, 1e15, 1e16, 0.1, 0.5, 1.0 / 3, 100, 1e4,
                            1e5, 1.25e-4, 0.001, 123456789012345680000.0, 9007199254740993.0,
                            18446744073709551616.0, 3.14, -2.33e24};
  for (double V : Doubles) {
    CAPTURE(V);
    CHECK(formatted(V) == reference(V));
  }
  const float Floats[] = {0.0f, -0.0f, 0.1f, 1e-45f, 1.17549435e-38f, 3.4028235e38f,
                          16777216.0f, 16777217.0f, 123456789.0f, 1e10f, 1e-10f, 0.3f};
  for (float V : Floats) {
    CAPTURE(V);
    CHECK(formatted(V) == reference(V));
  }
}

TEST_CASE("shortest floats: a million random values of each kind match std::to_chars") {
  std::mt19937_64 Rng(20261124);
  for (int I = 0; I < 1000000; ++I) {
    std::uint64_t Bits = Rng();
    double D;
    std::memcpy(&D, &Bits, sizeof D); // any bit pattern
    checkAgainstReference(D);
    auto Low = static_cast<std::uint32_t>(Bits);
    float F;
    std::memcpy(&F, &Low, sizeof F);
    checkAgainstReference(F);
    // Short decimals (prices, coordinates) and values near the form boundary.
    double Decimal = double(Rng() % 100000000) / std::pow(10.0, double(Rng() % 12));
    checkAgainstReference(Decimal);
    checkAgainstReference(static_cast<float>(Decimal));
    checkAgainstReference(std::ldexp(double(Rng() >> 11), int(Rng() % 160) - 80));
  }
}

namespace {

/// The value of the decimal text Digits * 10^Exponent, read by std::from_chars.
template <class F> F decimal(std::uint64_t Digits, int Exponent) {
  std::string Text = std::to_string(Digits) + "e" + std::to_string(Exponent);
  F V{};
  std::from_chars(Text.data(), Text.data() + Text.size(), V);
  return V;
}

} // namespace

TEST_CASE("shortest floats: millions of random bit patterns, within the byte bound") {
  std::mt19937_64 Rng(5);
  for (int I = 0; I < 3000000; ++I) {
    std::uint64_t Bits = Rng();
    double D;
    std::memcpy(&D, &Bits, sizeof D);
    checkAgainstReference(D);
    checkAgainstReference(-D);
    auto Low = static_cast<std::uint32_t>(Bits);
    float F;
    std::memcpy(&F, &Low, sizeof F);
    checkAgainstReference(F);
  }
}

TEST_CASE("shortest floats: canada-like coordinates with 15 to 17 significant digits") {
  // canada.json's numbers are 6-decimal coordinates that went through
  // float arithmetic: -65.613616999999977, 43.420273000000009. The values
  // a few ulps around each such decimal need 15 to 17 digits.
  std::mt19937_64 Rng(43);
  for (int I = 0; I < 1000000; ++I) {
    double Base = double(std::int64_t(Rng() % 360000000) - 180000000) / 1e6;
    double V = Base;
    int Steps = int(Rng() % 9) - 4;
    for (int S = 0; S < (Steps < 0 ? -Steps : Steps); ++S)
      V = std::nextafter(V, Steps < 0 ? -1e300 : 1e300);
    checkAgainstReference(V);
    checkAgainstReference(static_cast<float>(V));
  }
}

TEST_CASE("shortest floats: every digit count at every decimal point position") {
  // N digits (1..17) times 10^E around the fixed/exponent boundaries, and
  // the neighbouring values: all the layouts (ddd.ddd, 0.000ddd, integral
  // with trailing zeros, d.ddde-X) and their edges.
  std::mt19937_64 Rng(17);
  for (int N = 1; N <= 17; ++N) {
    for (int E = -30; E <= 30; ++E) {
      for (int R = 0; R < 40; ++R) {
        std::uint64_t Digits = Rng() % powerOfTen(N);
        if (Digits < powerOfTen(N - 1))
          Digits += powerOfTen(N - 1);
        auto V = decimal<double>(Digits, E - N + 1);
        checkAgainstReference(V);
        checkAgainstReference(std::nextafter(V, 0.0));
        checkAgainstReference(std::nextafter(V, 1e300));
        if (N <= 9) {
          auto F = decimal<float>(Digits, E - N + 1);
          checkAgainstReference(F);
          checkAgainstReference(std::nextafter(F, 0.0f));
          checkAgainstReference(std::nextafter(F, 1e30f));
        }
      }
    }
  }
}

TEST_CASE("shortest floats: integral values with trailing zeros, and powers of ten") {
  // 123456789000 is shorter than 1.23456789e+11: digits, then zeros (exact
  // below 2^53; the exact integer above it).
  for (std::uint64_t Digits : {1ull, 7ull, 12ull, 999ull, 12345ull, 123456789ull, 987654321ull,
                               1234567891ull, 9007199254740993ull, 12345678901234567ull}) {
    for (int E = 0; E <= 23; ++E) {
      CAPTURE(Digits);
      CAPTURE(E);
      checkAgainstReference(decimal<double>(Digits, E));
      checkAgainstReference(decimal<float>(Digits, E));
    }
  }
  for (int E = -330; E <= 310; ++E) {
    double P = decimal<double>(1, E);
    checkAgainstReference(P);
    checkAgainstReference(std::nextafter(P, 0.0));
    checkAgainstReference(std::nextafter(P, 1e300));
    float Q = decimal<float>(1, E);
    checkAgainstReference(Q);
    checkAgainstReference(std::nextafter(Q, 0.0f));
    checkAgainstReference(std::nextafter(Q, 1e30f));
  }
}

TEST_CASE("shortest floats: every binary exponent, powers of two and their neighbours") {
  for (int E = -1074; E <= 1023; ++E) {
    double P = std::ldexp(1.0, E);
    checkAgainstReference(P);
    checkAgainstReference(std::nextafter(P, 0.0));
    checkAgainstReference(std::nextafter(P, 1e308));
    checkAgainstReference(std::ldexp(1.9999999999999998, E));
  }
  for (int E = -149; E <= 127; ++E) {
    float P = std::ldexp(1.0f, E);
    checkAgainstReference(P);
    checkAgainstReference(std::nextafter(P, 0.0f));
    checkAgainstReference(std::nextafter(P, 3e38f));
  }
  // Subnormals: every one of the smallest, then random ones.
  for (std::uint64_t Bits = 1; Bits < 5000; ++Bits) {
    double D;
    std::memcpy(&D, &Bits, sizeof D);
    checkAgainstReference(D);
    auto Low = static_cast<std::uint32_t>(Bits);
    float F;
    std::memcpy(&F, &Low, sizeof F);
    checkAgainstReference(F);
  }
  std::mt19937_64 Rng(3);
  for (int I = 0; I < 200000; ++I) {
    std::uint64_t Bits = Rng() & ((std::uint64_t(1) << 52) - 1);
    double D;
    std::memcpy(&D, &Bits, sizeof D);
    checkAgainstReference(D);
  }
}

TEST_CASE("shortest floats: one float in every 1021, in order") {
  for (std::uint64_t Bits = 0; Bits < (std::uint64_t(1) << 32); Bits += 1021) {
    auto Low = static_cast<std::uint32_t>(Bits);
    float F;
    std::memcpy(&F, &Low, sizeof F);
    checkAgainstReference(F);
  }
}

namespace {

using jitson::runtime::ShortestDigits;
using jitson::runtime::shortestDecimal;
namespace shortest = jitson::runtime::shortest;

double fromBits(std::uint64_t Bits) {
  double V;
  std::memcpy(&V, &Bits, sizeof V);
  return V;
}

/// Digits as Dragonbox gives them: the significand without trailing zeros.
struct Decimal {
  std::uint64_t Significand;
  int Exponent;
  bool operator==(const Decimal&) const = default;
};

/// ShortestDigits as a Decimal, checking its own invariants on the way.
Decimal asDecimal(const ShortestDigits& D) {
  REQUIRE(D.Digits >= 10000000000000000u);
  REQUIRE(D.Digits < 100000000000000000u);
  REQUIRE(D.Count >= 1);
  REQUIRE(D.Count <= 17);
  std::uint64_t Significand = D.Digits;
  for (int I = D.Count; I < 17; ++I) {
    REQUIRE(Significand % 10 == 0);
    Significand /= 10;
  }
  REQUIRE((Significand % 10 == 0) == D.EndsInZero);
  int Exponent = D.Exponent - D.Count + 1, Zeros = 0;
  if (D.EndsInZero) {
    REQUIRE(D.Leading == Significand);
    Zeros = jitson::runtime::decimalTrailingZeros(Significand);
  }
  for (int I = 0; I < Zeros; ++I)
    Significand /= 10;
  REQUIRE(Significand % 10 != 0);
  return {Significand, Exponent + Zeros};
}

Decimal dragonbox(double V) {
  auto D = fmt::detail::dragonbox::to_decimal(V);
  return {D.significand, D.exponent};
}

/// V > 0 finite: the fast method (through shortestDecimal) and, for its
/// rare inputs, the exact one, called directly, both against Dragonbox.
void checkDecimal(double V) {
  Decimal Expected = dragonbox(V);
  Decimal Mine = asDecimal(shortestDecimal(V));
  std::uint64_t Bits;
  std::memcpy(&Bits, &V, sizeof Bits);
  std::uint64_t Fraction = Bits & ((std::uint64_t(1) << 52) - 1);
  int Biased = static_cast<int>(Bits >> 52);
  bool Irregular = Fraction == 0 && Biased > 1;
  std::uint64_t C = Biased ? Fraction | std::uint64_t(1) << 52 : Fraction;
  Decimal Exact = asDecimal(shortest::exactDecimal(C, (Biased ? Biased : 1) - 1075, Irregular));
  if (!(Mine == Expected) || !(Exact == Expected)) {
    CAPTURE(V);
    CAPTURE(Expected.Significand);
    CAPTURE(Expected.Exponent);
    REQUIRE(Mine.Significand == Expected.Significand);
    REQUIRE(Mine.Exponent == Expected.Exponent);
    REQUIRE(Exact.Significand == Expected.Significand);
    REQUIRE(Exact.Exponent == Expected.Exponent);
  }
}

} // namespace

TEST_CASE("shortest decimal: the powers of ten are Dragonbox's") {
  // Dragonbox's table starts at 10^-292; this one has 10^-293 too.
  for (int E = std::max(shortest::MinPow, -292); E <= shortest::MaxPow; ++E) {
    auto Cached = fmt::detail::dragonbox::cache_accessor<double>::get_cached_power(E);
    CAPTURE(E);
    CHECK(shortest::Powers.High[E - shortest::MinPow] == Cached.high());
    CHECK(shortest::Powers.Low[E - shortest::MinPow] == Cached.low());
  }
}

TEST_CASE("shortest decimal: Dragonbox's digits, every exponent and random values") {
  // Every binary exponent: the ends of its significands, around the middle,
  // and the power of two (the irregular spacing below it).
  for (std::uint64_t Biased = 0; Biased < 2047; ++Biased) {
    for (std::uint64_t F = 0; F < 24; ++F) {
      for (std::uint64_t Fraction : {F, ((std::uint64_t(1) << 52) - 1 - F),
                                     (std::uint64_t(1) << 51) + F * 0x9E3779B97F4A7})
        if (Biased || Fraction)
          checkDecimal(fromBits(Biased << 52 | Fraction));
    }
  }
  std::mt19937_64 Rng(1124);
  for (int I = 0; I < 1000000; ++I) {
    double V = fromBits(Rng() >> 1);
    if (std::isfinite(V) && V > 0)
      checkDecimal(V);
    // Short decimals (0.1, 12.75): digits ending in zeros.
    checkDecimal(double(Rng() % 10000000 + 1) / std::pow(10.0, double(Rng() % 12)));
  }
}

TEST_CASE("shortest decimal: values whose bounds are short decimals (the exact method)") {
  // Integers from 2^53 to 2^60 and decimals near 10^k: interval bounds that
  // are decimals of at most 17 digits, which the fast method hands over.
  std::mt19937_64 Rng(53);
  for (int I = 0; I < 200000; ++I) {
    int Shift = int(Rng() % 8);
    std::uint64_t M = (std::uint64_t(1) << 52) + (Rng() & ((std::uint64_t(1) << 52) - 1));
    checkDecimal(std::ldexp(double(M / 5 * 5), Shift));
    checkDecimal(std::ldexp(double(M / 125 * 125 + (Rng() % 3)), Shift + 1));
  }
  for (std::uint64_t I = 1; I < 200000; ++I)
    checkDecimal(double(I));
  for (int E = -320; E <= 308; ++E) {
    double P = std::pow(10.0, double(E));
    if (P > 0 && std::isfinite(P))
      for (double V : {P, std::nextafter(P, 0.0), std::nextafter(P, 1e308)})
        if (V > 0)
          checkDecimal(V);
  }
}

TEST_CASE("shortest decimal: trailing zeros of every length") {
  std::mt19937_64 Rng(10);
  for (int I = 0; I < 100000; ++I) {
    std::uint64_t Digits = Rng() % 10000000000000000u;
    if (Digits % 10 == 0)
      ++Digits;
    int Zeros = 0;
    for (std::uint64_t V = Digits; V < 10000000000000000u; V *= 10, ++Zeros) {
      CAPTURE(V);
      REQUIRE(jitson::runtime::decimalTrailingZeros(V) == Zeros);
    }
  }
}
