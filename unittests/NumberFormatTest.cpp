// The runtime's number writers against std::to_chars: byte-identical on boundaries and random sweeps.
#include "Runtime/NumberFormat.h"

#include <doctest/doctest.h>

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
  auto Check = [](auto V) {
    if (!std::isfinite(V))
      return;
    std::string Mine = formatted(V), Expected = reference(V);
    if (Mine != Expected) {
      CAPTURE(V);
      REQUIRE(Mine == Expected);
    }
  };
  for (int I = 0; I < 1000000; ++I) {
    std::uint64_t Bits = Rng();
    double D;
    std::memcpy(&D, &Bits, sizeof D); // any bit pattern
    Check(D);
    auto Low = static_cast<std::uint32_t>(Bits);
    float F;
    std::memcpy(&F, &Low, sizeof F);
    Check(F);
    // Short decimals (prices, coordinates) and values near the form boundary.
    double Decimal = double(Rng() % 100000000) / std::pow(10.0, double(Rng() % 12));
    Check(Decimal);
    Check(static_cast<float>(Decimal));
    Check(std::ldexp(double(Rng() >> 11), int(Rng() % 160) - 80));
  }
}
