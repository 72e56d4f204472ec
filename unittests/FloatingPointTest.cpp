// Doubles and floats: shortest round-tripping text, fixed versus exponent form, exponent spelling.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using jitsontest::json;
using jitsontest::referenceNumber;

namespace {

struct FloatPair {
  double wide;
  float narrow;
};

struct MixedFloats {
  std::vector<double> many;
  std::array<float, 2> pair;
  std::optional<double> maybe;
};

} // namespace

TEST_CASE("the reference formatter follows the contract's examples") {
  // Guards the helper used by the sweeps below: it must agree with every
  // example the contract spells out.
  CHECK(referenceNumber(1e21) == "1e21");
  CHECK(referenceNumber(1e-7) == "1e-7");
  CHECK(referenceNumber(5e-324) == "5e-324");
  CHECK(referenceNumber(1.7976931348623157e308) == "1.7976931348623157e308");
  CHECK(referenceNumber(100.0) == "100");
  CHECK(referenceNumber(0.5) == "0.5");
  CHECK(referenceNumber(-0.0) == "-0");
  CHECK(referenceNumber(1e15) == "1e15");
  CHECK(referenceNumber(0.1f) == "0.1");
}

TEST_CASE("doubles: the contract's examples") {
  CHECK(json(1e21) == "1e21");
  CHECK(json(1e-7) == "1e-7");
  CHECK(json(5e-324) == "5e-324");
  CHECK(json(1.7976931348623157e308) == "1.7976931348623157e308");
  CHECK(json(std::numeric_limits<double>::max()) == "1.7976931348623157e308");
  CHECK(json(std::numeric_limits<double>::denorm_min()) == "5e-324");
  CHECK(json(100.0) == "100");
  CHECK(json(0.5) == "0.5");
  CHECK(json(-0.0) == "-0");
  CHECK(json(1e15) == "1e15");
}

TEST_CASE("doubles: simple values") {
  CHECK(json(0.0) == "0");
  CHECK(json(1.0) == "1");
  CHECK(json(-1.0) == "-1");
  CHECK(json(-1.5) == "-1.5");
  CHECK(json(0.1) == "0.1");
  CHECK(json(-0.1) == "-0.1");
  CHECK(json(0.25) == "0.25");
  CHECK(json(123.456) == "123.456");
  CHECK(json(0.1 + 0.2) == "0.30000000000000004");
  CHECK(json(1.0 / 3.0) == "0.3333333333333333");
  CHECK(json(2.0 / 3.0) == "0.6666666666666666");
  CHECK(json(3.141592653589793) == "3.141592653589793");
}

TEST_CASE("doubles: fixed versus exponent form") {
  // Fixed "10000" and exponent "1e+04" tie at five characters: fixed wins.
  CHECK(json(1e4) == "10000");
  // "100000" is longer than "1e+05".
  CHECK(json(1e5) == "1e5");
  CHECK(json(-1e5) == "-1e5");
  CHECK(json(1e16) == "1e16");
  CHECK(json(1e20) == "1e20");
  CHECK(json(1e22) == "1e22");
  CHECK(json(1e100) == "1e100");
  CHECK(json(1.5e300) == "1.5e300");
  CHECK(json(1e-5) == "1e-5");
  // "0.001" ties with "1e-03": fixed; "0.0001" is longer than "1e-04".
  CHECK(json(0.001) == "0.001");
  CHECK(json(0.0001) == "1e-4");
  // "0.000125" ties with "1.25e-04" at eight characters: fixed.
  CHECK(json(1.25e-4) == "0.000125");
  CHECK(json(1.5e-5) == "1.5e-5");
  CHECK(json(1e-300) == "1e-300");
  CHECK(json(2.2250738585072014e-308) == "2.2250738585072014e-308");
  CHECK(json(std::numeric_limits<double>::min()) == "2.2250738585072014e-308");
  CHECK(json(-std::numeric_limits<double>::max()) == "-1.7976931348623157e308");
  CHECK(json(-5e-324) == "-5e-324");
  // 2^53 in fixed form has 16 characters; "9.007199254740992e+15" has 21.
  CHECK(json(9007199254740992.0) == "9007199254740992");
  CHECK(json(9007199254740994.0) == "9007199254740994");
  CHECK(json(12345.0) == "12345");
  CHECK(json(123456789.0) == "123456789");
}

TEST_CASE("doubles: fixed form of large integral values matches std::to_chars") {
  // 123456789012345680000 is not a double: the nearest is exactly
  // 123456789012345683968. Written in fixed form (21 characters, shorter than
  // "1.2345678901234568e+20") std::to_chars gives the exact integer digits,
  // which both round-trip and are the closest to the value; so does 2^64.
  CHECK(referenceNumber(123456789012345680000.0) == "123456789012345683968");
  CHECK(json(123456789012345680000.0) == "123456789012345683968");
  CHECK(referenceNumber(18446744073709551616.0) == "18446744073709551616");
  CHECK(json(18446744073709551616.0) == "18446744073709551616");
}

TEST_CASE("doubles: output always parses back to the same bits") {
  const double Values[] = {0.0, -0.0, 5e-324, 1e-323, 2.2250738585072009e-308,
                           2.2250738585072014e-308, 1e-7, 0.1, 1.0 / 3.0,
                           9007199254740992.0, 9007199254740993.0, 123456789012345680000.0,
                           1e21, 1e23, 8.41e21, 5e-310, 1.7976931348623157e308,
                           4.35e-309, 2.9802322387695312e-8, 0.3};
  for (double V : Values) {
    CAPTURE(V);
    std::string Text = json(V);
    double Back = 0;
    REQUIRE(jitsontest::parseNumber(Text, Back));
    CHECK(jitsontest::bitsOf(Back) == jitsontest::bitsOf(V));
    CHECK(Text == referenceNumber(V));
  }
}

TEST_CASE("floats: shortest text that parses back to the same float") {
  CHECK(json(0.1f) == "0.1");
  CHECK(json(0.2f) == "0.2");
  CHECK(json(-0.1f) == "-0.1");
  CHECK(json(0.0f) == "0");
  CHECK(json(-0.0f) == "-0");
  CHECK(json(1.0f) == "1");
  CHECK(json(0.5f) == "0.5");
  CHECK(json(1.0f / 3.0f) == "0.33333334");
  CHECK(json(16777216.0f) == "16777216");
  CHECK(json(FLT_MIN) == "1.1754944e-38");
  CHECK(json(FLT_MAX) == "3.4028235e38");
  CHECK(json(3.4028235e38f) == "3.4028235e38");
  CHECK(json(-FLT_MAX) == "-3.4028235e38");
  CHECK(json(std::numeric_limits<float>::denorm_min()) == "1e-45");
  CHECK(json(1e5f) == "1e5");
  CHECK(json(1e4f) == "10000");
  CHECK(json(1e-7f) == "1e-7");
  CHECK(json(1e10f) == "1e10");
  CHECK(json(100.0f) == "100");
}

TEST_CASE("floats and doubles as members and elements") {
  CHECK(json(FloatPair{0.1, 0.1f}) == "{\"wide\":0.1,\"narrow\":0.1}");
  CHECK(json(FloatPair{-0.0, 1e21f}) == "{\"wide\":-0,\"narrow\":1e21}");
  MixedFloats M{{0.5, 1e21, 5e-324, -0.0}, {0.1f, 16777216.0f}, 100.0};
  CHECK(json(M) == "{\"many\":[0.5,1e21,5e-324,-0],\"pair\":[0.1,16777216],\"maybe\":100}");
  MixedFloats Empty{{}, {0.0f, -0.0f}, std::nullopt};
  CHECK(json(Empty) == "{\"many\":[],\"pair\":[0,-0],\"maybe\":null}");
}

TEST_CASE("floats: a float is not printed with double precision") {
  // 0.1f is 0.100000001490116119384765625; written as a double it would need
  // 17 significant digits, as a float it needs one.
  float Tenth = 0.1f;
  CHECK(json(Tenth) != referenceNumber(static_cast<double>(Tenth)));
  CHECK(json(std::vector<float>{0.1f, 0.2f, 0.3f}) == "[0.1,0.2,0.3]");
}

namespace {

/// The expected JSON array of Values: referenceNumber of each, comma-separated.
template <class F> std::string referenceArray(const std::vector<F>& Values) {
  std::string Out = "[";
  for (std::size_t I = 0; I < Values.size(); ++I)
    Out += (I ? "," : "") + referenceNumber(Values[I]);
  return Out + "]";
}

struct Coordinates {
  std::vector<std::array<double, 2>> ring;
};

} // namespace

TEST_CASE("doubles: canada-like coordinates in generated code") {
  // 6-decimal coordinates a few ulps off, as canada.json has them
  // (-65.613616999999977): 15 to 17 digits in ddd.ddd form. Each number is
  // written in place, so the scratch bytes a number may store past its end
  // must be overwritten by what follows.
  std::mt19937_64 Rng(7);
  Coordinates C;
  std::string Expected = "{\"ring\":[";
  for (int I = 0; I < 5000; ++I) {
    std::array<double, 2> P{};
    for (double& V : P) {
      V = double(std::int64_t(Rng() % 360000000) - 180000000) / 1e6;
      for (int S = int(Rng() % 4); S > 0; --S)
        V = std::nextafter(V, 1e300);
    }
    C.ring.push_back(P);
    Expected += std::string(I ? "," : "") + "[" + referenceNumber(P[0]) + "," +
                referenceNumber(P[1]) + "]";
  }
  Expected += "]}";
  CHECK(json(C) == Expected);
}

TEST_CASE("doubles and floats: random bit patterns in generated code") {
  std::mt19937_64 Rng(11);
  std::vector<double> Doubles;
  std::vector<float> Floats;
  while (Doubles.size() < 20000) {
    std::uint64_t Bits = Rng();
    double D;
    std::memcpy(&D, &Bits, sizeof D);
    if (std::isfinite(D))
      Doubles.push_back(D);
    auto Low = static_cast<std::uint32_t>(Bits);
    float F;
    std::memcpy(&F, &Low, sizeof F);
    if (std::isfinite(F))
      Floats.push_back(F);
  }
  CHECK(json(Doubles) == referenceArray(Doubles));
  CHECK(json(Floats) == referenceArray(Floats));
}

TEST_CASE("doubles: every layout next to each other in generated code") {
  // Integral values with trailing zeros (fixed while not longer than the
  // exponent form), short and long ddd.ddd, 0.000ddd and exponent forms,
  // one after the other so that each one's scratch stores land on the next.
  std::vector<double> Values = {123456789000.0, 1.0, 10.0, 100000.0, 3288398.238, 2.33e24,
                                28.9, 0.928759872, 0.001345, 0.0001, 1e-7, 97.39827,
                                12345678901234567.0, 1234567890123456.7, 0.1, 5e-324,
                                -65.613616999999977, 43.420273000000009, 1e21, 9007199254740993.0,
                                1.7976931348623157e308, 123456789012345680000.0,
                                0.30000000000000004};
  CHECK(json(Values) == referenceArray(Values));
  std::vector<float> Floats = {0.1f, 0.2f, 123456792.0f, 1e-45f, 3.4028235e38f, 1.17549435e-38f,
                               16777216.0f, 1e4f, 0.001f, 0.3333333f};
  CHECK(json(Floats) == referenceArray(Floats));
}
