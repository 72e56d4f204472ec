// Integers and bools: every fixed width, its limits, and the 10^k digit-count boundaries.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using jitsontest::json;

namespace {

struct AllWidths {
  std::int8_t i8;
  std::uint8_t u8;
  std::int16_t i16;
  std::uint16_t u16;
  std::int32_t i32;
  std::uint32_t u32;
  std::int64_t i64;
  std::uint64_t u64;
};

struct BoolPair {
  bool yes;
  bool no;
};

struct BoolContainers {
  std::array<bool, 3> flags;
  std::optional<bool> maybe;
  std::optional<bool> unset;
};

template <class I> std::string decimal(I Value) {
  // std::to_string has no overloads for 8-bit types; widen first.
  if constexpr (std::is_signed_v<I>)
    return std::to_string(static_cast<long long>(Value));
  else
    return std::to_string(static_cast<unsigned long long>(Value));
}

template <class I> void checkLimits() {
  using L = std::numeric_limits<I>;
  CHECK(json(L::min()) == decimal(L::min()));
  CHECK(json(L::max()) == decimal(L::max()));
  CHECK(json(static_cast<I>(0)) == "0");
  CHECK(json(static_cast<I>(1)) == "1");
  if constexpr (std::is_signed_v<I>)
    CHECK(json(static_cast<I>(-1)) == "-1");
}

/// Checks 10^k - 1, 10^k and 10^k + 1 (and their negations for signed I) for
/// every power of ten that fits in I.
template <class I> void checkPowersOfTen() {
  using L = std::numeric_limits<I>;
  unsigned long long Power = 1;
  for (int K = 0;; ++K) {
    CAPTURE(K);
    auto Max = static_cast<unsigned long long>(L::max());
    if (Power > Max)
      break;
    auto P = static_cast<I>(Power);
    CHECK(json(P) == decimal(P));
    CHECK(json(static_cast<I>(P - 1)) == decimal(static_cast<I>(P - 1)));
    if (Power < Max)
      CHECK(json(static_cast<I>(P + 1)) == decimal(static_cast<I>(P + 1)));
    if constexpr (std::is_signed_v<I>) {
      CHECK(json(static_cast<I>(-P)) == decimal(static_cast<I>(-P)));
      CHECK(json(static_cast<I>(-P + 1)) == decimal(static_cast<I>(-P + 1)));
      CHECK(json(static_cast<I>(-P - 1)) == decimal(static_cast<I>(-P - 1)));
    }
    if (Power > Max / 10)
      break;
    Power *= 10;
  }
}

} // namespace

TEST_CASE("64-bit extremes as exact literals") {
  CHECK(json(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
  CHECK(json(std::numeric_limits<std::int64_t>::max()) == "9223372036854775807");
  CHECK(json(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
  CHECK(json(std::uint64_t{10000000000000000000ULL}) == "10000000000000000000");
  CHECK(json(std::uint64_t{9999999999999999999ULL}) == "9999999999999999999");
  CHECK(json(std::int64_t{-1}) == "-1");
  CHECK(json(std::int64_t{0}) == "0");
  CHECK(json(std::uint64_t{0}) == "0");
}

TEST_CASE("limits of every width") {
  CHECK(json(std::int8_t{-128}) == "-128");
  CHECK(json(std::int8_t{127}) == "127");
  CHECK(json(std::uint8_t{255}) == "255");
  CHECK(json(std::int16_t{-32768}) == "-32768");
  CHECK(json(std::int16_t{32767}) == "32767");
  CHECK(json(std::uint16_t{65535}) == "65535");
  CHECK(json(std::int32_t{-2147483647 - 1}) == "-2147483648");
  CHECK(json(std::int32_t{2147483647}) == "2147483647");
  CHECK(json(std::uint32_t{4294967295U}) == "4294967295");

  SUBCASE("int8_t") { checkLimits<std::int8_t>(); }
  SUBCASE("uint8_t") { checkLimits<std::uint8_t>(); }
  SUBCASE("int16_t") { checkLimits<std::int16_t>(); }
  SUBCASE("uint16_t") { checkLimits<std::uint16_t>(); }
  SUBCASE("int32_t") { checkLimits<std::int32_t>(); }
  SUBCASE("uint32_t") { checkLimits<std::uint32_t>(); }
  SUBCASE("int64_t") { checkLimits<std::int64_t>(); }
  SUBCASE("uint64_t") { checkLimits<std::uint64_t>(); }
}

TEST_CASE("powers of ten and their neighbours") {
  SUBCASE("int8_t") { checkPowersOfTen<std::int8_t>(); }
  SUBCASE("uint8_t") { checkPowersOfTen<std::uint8_t>(); }
  SUBCASE("int16_t") { checkPowersOfTen<std::int16_t>(); }
  SUBCASE("uint16_t") { checkPowersOfTen<std::uint16_t>(); }
  SUBCASE("int32_t") { checkPowersOfTen<std::int32_t>(); }
  SUBCASE("uint32_t") { checkPowersOfTen<std::uint32_t>(); }
  SUBCASE("int64_t") { checkPowersOfTen<std::int64_t>(); }
  SUBCASE("uint64_t") { checkPowersOfTen<std::uint64_t>(); }
}

TEST_CASE("digit-count boundaries as literals") {
  const std::pair<std::uint64_t, const char*> Cases[] = {
      {9, "9"},
      {10, "10"},
      {99, "99"},
      {100, "100"},
      {999, "999"},
      {1000, "1000"},
      {9999, "9999"},
      {10000, "10000"},
      {99999, "99999"},
      {100000, "100000"},
      {999999, "999999"},
      {1000000, "1000000"},
      {9999999, "9999999"},
      {10000000, "10000000"},
      {99999999, "99999999"},
      {100000000, "100000000"},
      {999999999, "999999999"},
      {1000000000, "1000000000"},
      {9999999999ULL, "9999999999"},
      {10000000000ULL, "10000000000"},
      {99999999999ULL, "99999999999"},
      {100000000000ULL, "100000000000"},
      {999999999999ULL, "999999999999"},
      {1000000000000ULL, "1000000000000"},
      {9999999999999ULL, "9999999999999"},
      {10000000000000ULL, "10000000000000"},
      {99999999999999ULL, "99999999999999"},
      {100000000000000ULL, "100000000000000"},
      {999999999999999ULL, "999999999999999"},
      {1000000000000000ULL, "1000000000000000"},
      {9999999999999999ULL, "9999999999999999"},
      {10000000000000000ULL, "10000000000000000"},
      {99999999999999999ULL, "99999999999999999"},
      {100000000000000000ULL, "100000000000000000"},
      {999999999999999999ULL, "999999999999999999"},
      {1000000000000000000ULL, "1000000000000000000"},
      {9999999999999999999ULL, "9999999999999999999"},
      {10000000000000000000ULL, "10000000000000000000"},
  };
  for (const auto& [Value, Text] : Cases) {
    CAPTURE(Value);
    CHECK(json(Value) == Text);
    if (Value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      CHECK(json(static_cast<std::int64_t>(Value)) == Text);
      CHECK(json(-static_cast<std::int64_t>(Value)) == std::string("-") + Text);
    }
  }
}

TEST_CASE("all widths as struct members") {
  AllWidths Min{std::numeric_limits<std::int8_t>::min(),  0,
                std::numeric_limits<std::int16_t>::min(), 0,
                std::numeric_limits<std::int32_t>::min(), 0,
                std::numeric_limits<std::int64_t>::min(), 0};
  CHECK(json(Min) == "{\"i8\":-128,\"u8\":0,\"i16\":-32768,\"u16\":0,\"i32\":-2147483648,"
                     "\"u32\":0,\"i64\":-9223372036854775808,\"u64\":0}");
  AllWidths Max{std::numeric_limits<std::int8_t>::max(),   std::numeric_limits<std::uint8_t>::max(),
                std::numeric_limits<std::int16_t>::max(),  std::numeric_limits<std::uint16_t>::max(),
                std::numeric_limits<std::int32_t>::max(),  std::numeric_limits<std::uint32_t>::max(),
                std::numeric_limits<std::int64_t>::max(),  std::numeric_limits<std::uint64_t>::max()};
  CHECK(json(Max) == "{\"i8\":127,\"u8\":255,\"i16\":32767,\"u16\":65535,\"i32\":2147483647,"
                     "\"u32\":4294967295,\"i64\":9223372036854775807,"
                     "\"u64\":18446744073709551615}");
  AllWidths Minus{-1, 1, -1, 1, -1, 1, -1, 1};
  CHECK(json(Minus) == "{\"i8\":-1,\"u8\":1,\"i16\":-1,\"u16\":1,\"i32\":-1,\"u32\":1,"
                       "\"i64\":-1,\"u64\":1}");
}

TEST_CASE("8-bit integers are numbers, not characters") {
  CHECK(json(std::vector<std::int8_t>{-128, -1, 0, 65, 127}) == "[-128,-1,0,65,127]");
  CHECK(json(std::vector<std::uint8_t>{0, 1, 34, 92, 255}) == "[0,1,34,92,255]");
  CHECK(json(std::array<std::uint8_t, 3>{'a', 'b', 'c'}) == "[97,98,99]");
}

TEST_CASE("integer vectors and arrays") {
  CHECK(json(std::vector<std::int32_t>{}) == "[]");
  CHECK(json(std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 0,
                                       std::numeric_limits<std::int64_t>::max()}) ==
        "[-9223372036854775808,0,9223372036854775807]");
  CHECK(json(std::array<std::uint16_t, 4>{0, 9, 10, 65535}) == "[0,9,10,65535]");
  CHECK(json(std::vector<std::uint64_t>{std::numeric_limits<std::uint64_t>::max()}) ==
        "[18446744073709551615]");
}

TEST_CASE("random integers of every length against std::to_string") {
  // Generated code formats integers itself (CodeGen/IntegerFormat): check
  // it on values of every bit length, not just the boundaries above.
  std::mt19937_64 Rng(20261124);
  std::vector<std::int64_t> Signed;
  std::vector<std::uint64_t> Unsigned;
  for (int I = 0; I < 20000; ++I) {
    unsigned Bits = 1 + static_cast<unsigned>(Rng() % 64);
    std::uint64_t Value = Bits == 64 ? Rng() : Rng() & ((std::uint64_t(1) << Bits) - 1);
    Unsigned.push_back(Value);
    Signed.push_back(static_cast<std::int64_t>(Rng() & 1 ? Value : std::uint64_t(0) - Value));
  }
  std::string WantSigned = "[", WantUnsigned = "[";
  for (std::size_t I = 0; I < Signed.size(); ++I) {
    WantSigned += (I ? "," : "") + std::to_string(Signed[I]);
    WantUnsigned += (I ? "," : "") + std::to_string(Unsigned[I]);
  }
  bool SignedSame = json(Signed) == WantSigned + "]";
  bool UnsignedSame = json(Unsigned) == WantUnsigned + "]";
  CHECK(SignedSame);
  CHECK(UnsignedSame);
}

TEST_CASE("bools") {
  CHECK(json(true) == "true");
  CHECK(json(false) == "false");
  CHECK(json(BoolPair{true, false}) == "{\"yes\":true,\"no\":false}");
  CHECK(json(BoolContainers{{true, false, true}, false, std::nullopt}) ==
        "{\"flags\":[true,false,true],\"maybe\":false,\"unset\":null}");
  CHECK(json(std::optional<bool>{true}) == "true");
}
