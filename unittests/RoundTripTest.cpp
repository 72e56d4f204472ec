// Round trips through an independent parser (nlohmann::json), with deterministic pseudo-random sweeps.
#include "TestHelpers.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using jitsontest::bitsOf;
using jitsontest::json;
using jitsontest::referenceEscape;
using jitsontest::referenceNumber;
using Json = nlohmann::json;

namespace {

struct RtPoint {
  double x, y;
};

struct RtShape {
  std::string name;
  std::vector<RtPoint> points;
  std::optional<std::int32_t> layer;
  bool closed;
};

struct RtEverything {
  bool flag;
  std::int8_t i8;
  std::uint8_t u8;
  std::int16_t i16;
  std::uint16_t u16;
  std::int32_t i32;
  std::uint32_t u32;
  std::int64_t i64;
  std::uint64_t u64;
  float f;
  double d;
  std::string s;
  std::string_view sv;
  std::vector<RtShape> shapes;
  std::vector<std::optional<std::string>> names;
  std::array<std::optional<std::int32_t>, 3> slots;
  std::optional<std::vector<std::int64_t>> maybeList;
};

/// Splits the body of a JSON array of numbers ("[a,b,c]") at its commas.
std::vector<std::string_view> numberTokens(std::string_view ArrayText) {
  std::vector<std::string_view> Tokens;
  if (ArrayText.size() < 2 || ArrayText.front() != '[' || ArrayText.back() != ']')
    return Tokens;
  std::string_view Body = ArrayText.substr(1, ArrayText.size() - 2);
  while (!Body.empty()) {
    std::size_t Comma = Body.find(',');
    Tokens.push_back(Body.substr(0, Comma));
    if (Comma == std::string_view::npos)
      break;
    Body.remove_prefix(Comma + 1);
  }
  return Tokens;
}

/// Serializes Values as one array and checks each number: the text is the
/// contract's (see referenceNumber), parses back to the same bits, and the
/// whole output is JSON that nlohmann reads as the same numbers.
template <class F> void checkFloatSweep(const std::vector<F>& Values) {
  std::string Out = json(Values);
  std::vector<std::string_view> Tokens = numberTokens(Out);
  REQUIRE(Tokens.size() == Values.size());

  std::size_t NotRoundTripping = 0, NotShortest = 0, NotReference = 0;
  std::string FirstBad;
  for (std::size_t I = 0; I < Values.size(); ++I) {
    F Back{};
    std::string Reference = referenceNumber(Values[I]);
    bool Parsed = jitsontest::parseNumber(Tokens[I], Back);
    if (!Parsed || bitsOf(Back) != bitsOf(Values[I])) {
      ++NotRoundTripping;
      if (FirstBad.empty())
        FirstBad = "no round trip: got " + std::string(Tokens[I]) + ", want " + Reference;
    }
    if (Tokens[I].size() > Reference.size()) {
      ++NotShortest;
      if (FirstBad.empty())
        FirstBad = "not shortest: got " + std::string(Tokens[I]) + ", want " + Reference;
    }
    if (Tokens[I] != Reference) {
      ++NotReference;
      if (FirstBad.empty())
        FirstBad = "differs: got " + std::string(Tokens[I]) + ", want " + Reference;
    }
  }
  INFO(FirstBad);
  CHECK(NotRoundTripping == 0);
  CHECK(NotShortest == 0);
  CHECK(NotReference == 0);

  Json Parsed = Json::parse(Out);
  REQUIRE(Parsed.is_array());
  REQUIRE(Parsed.size() == Values.size());
  std::size_t Unequal = 0;
  for (std::size_t I = 0; I < Values.size(); ++I) {
    // nlohmann reads "-0" as the integer 0, so compare numerically here;
    // the bits were compared above. nlohmann reads a float's text as a
    // double: allow the float's half-ulp rather than round twice.
    if (!Parsed[I].is_number()) {
      ++Unequal;
      continue;
    }
    double Got = Parsed[I].get<double>();
    double Want = static_cast<double>(Values[I]);
    if constexpr (sizeof(F) == 8) {
      if (Got != Want)
        ++Unequal;
    } else {
      double Tolerance = std::max(std::abs(Want) * 0x1p-24, 0x1p-150);
      if (!(std::abs(Got - Want) <= Tolerance))
        ++Unequal;
    }
  }
  CHECK(Unequal == 0);
}

} // namespace

TEST_CASE("random doubles round-trip bit-exactly") {
  std::mt19937_64 Rng(0x6a17'50a1'2024'0001ULL);
  std::vector<double> Values;
  while (Values.size() < 20000) {
    double D = jitsontest::fromBits<double>(static_cast<std::uint64_t>(Rng()));
    if (std::isfinite(D))
      Values.push_back(D);
  }
  checkFloatSweep(Values);
}

TEST_CASE("random doubles of everyday magnitude round-trip bit-exactly") {
  // Uniform bit patterns are mostly huge or tiny; these are not.
  std::mt19937_64 Rng(20240602);
  std::uniform_real_distribution<double> Unit(-1.0, 1.0);
  std::uniform_int_distribution<int> Exponent(-30, 30);
  std::vector<double> Values;
  for (int I = 0; I < 20000; ++I)
    Values.push_back(std::ldexp(Unit(Rng), Exponent(Rng)));
  // Short decimals and integers, whose shortest text is short.
  for (int I = 0; I < 2000; ++I)
    Values.push_back(static_cast<double>(static_cast<std::int64_t>(Rng() % 2000001) - 1000000) /
                     std::pow(10.0, static_cast<int>(Rng() % 12)));
  checkFloatSweep(Values);
}

TEST_CASE("random floats round-trip bit-exactly") {
  std::mt19937_64 Rng(0xf10a7'0000'0002ULL);
  std::vector<float> Values;
  while (Values.size() < 20000) {
    float F = jitsontest::fromBits<float>(static_cast<std::uint32_t>(Rng()));
    if (std::isfinite(F))
      Values.push_back(F);
  }
  checkFloatSweep(Values);
}

TEST_CASE("random 64-bit integers") {
  std::mt19937_64 Rng(64);
  std::vector<std::int64_t> Signed;
  std::vector<std::uint64_t> Unsigned;
  for (int I = 0; I < 20000; ++I) {
    // Random widths, so every digit count occurs.
    int Shift = static_cast<int>(Rng() % 64);
    Signed.push_back(static_cast<std::int64_t>(Rng()) >> Shift);
    Unsigned.push_back(Rng() >> Shift);
  }
  std::string SignedOut = json(Signed);
  std::string UnsignedOut = json(Unsigned);
  std::vector<std::string_view> SignedTokens = numberTokens(SignedOut);
  std::vector<std::string_view> UnsignedTokens = numberTokens(UnsignedOut);
  REQUIRE(SignedTokens.size() == Signed.size());
  REQUIRE(UnsignedTokens.size() == Unsigned.size());
  Json SignedParsed = Json::parse(SignedOut);
  Json UnsignedParsed = Json::parse(UnsignedOut);
  REQUIRE(SignedParsed.size() == Signed.size());
  REQUIRE(UnsignedParsed.size() == Unsigned.size());
  std::size_t Wrong = 0;
  for (std::size_t I = 0; I < Signed.size(); ++I) {
    if (SignedTokens[I] != std::to_string(Signed[I]) ||
        SignedParsed[I].get<std::int64_t>() != Signed[I])
      ++Wrong;
    if (UnsignedTokens[I] != std::to_string(Unsigned[I]) ||
        UnsignedParsed[I].get<std::uint64_t>() != Unsigned[I])
      ++Wrong;
  }
  CHECK(Wrong == 0);
}

TEST_CASE("random valid UTF-8 strings parse back to themselves") {
  std::mt19937_64 Rng(0x57a1);
  std::vector<std::string> Strings;
  for (int I = 0; I < 3000; ++I) {
    std::string S;
    int Length = static_cast<int>(Rng() % 60);
    for (int K = 0; K < Length; ++K) {
      std::uint32_t CodePoint = 0;
      switch (Rng() % 5) {
      case 0: CodePoint = static_cast<std::uint32_t>(Rng() % 0x20); break; // control
      case 1: CodePoint = static_cast<std::uint32_t>(Rng() % 0x80); break; // ASCII
      case 2: CodePoint = 0x80 + static_cast<std::uint32_t>(Rng() % (0x800 - 0x80)); break;
      case 3:
        do
          CodePoint = 0x800 + static_cast<std::uint32_t>(Rng() % (0x10000 - 0x800));
        while (CodePoint >= 0xD800 && CodePoint < 0xE000);
        break;
      default: CodePoint = 0x10000 + static_cast<std::uint32_t>(Rng() % (0x110000 - 0x10000));
      }
      jitsontest::appendUtf8(S, CodePoint);
    }
    if (I % 10 == 0)
      S += "\"\\/";
    Strings.push_back(std::move(S));
  }
  std::string Out = json(Strings);
  Json Parsed = Json::parse(Out);
  REQUIRE(Parsed.is_array());
  REQUIRE(Parsed.size() == Strings.size());
  std::size_t Wrong = 0;
  for (std::size_t I = 0; I < Strings.size(); ++I)
    if (!Parsed[I].is_string() || Parsed[I].get<std::string>() != Strings[I])
      ++Wrong;
  CHECK(Wrong == 0);
  // And the exact bytes follow the escaping rule.
  std::string Expected = "[";
  for (std::size_t I = 0; I < Strings.size(); ++I) {
    if (I)
      Expected += ',';
    Expected += referenceEscape(Strings[I]);
  }
  Expected += "]";
  CHECK(Out == Expected);
}

TEST_CASE("random byte strings follow the escaping rule") {
  std::mt19937_64 Rng(0xb17e5);
  std::size_t Wrong = 0;
  std::string FirstWrong;
  std::vector<std::string> All;
  for (int I = 0; I < 3000; ++I) {
    std::string S;
    int Length = static_cast<int>(Rng() % 100);
    for (int K = 0; K < Length; ++K)
      S += static_cast<char>(Rng() & 0xFF);
    std::string Got = json(S);
    if (Got != referenceEscape(S)) {
      ++Wrong;
      if (FirstWrong.empty())
        FirstWrong = "got " + Got + ", want " + referenceEscape(S);
    }
    All.push_back(std::move(S));
  }
  INFO(FirstWrong);
  CHECK(Wrong == 0);
  std::string Expected = "[";
  for (std::size_t I = 0; I < All.size(); ++I) {
    if (I)
      Expected += ',';
    Expected += referenceEscape(All[I]);
  }
  Expected += "]";
  CHECK(json(All) == Expected);
}

TEST_CASE("a struct of everything round-trips through nlohmann::json") {
  std::string Backing = "view \xe2\x82\xac \x01";
  RtEverything V{true,
                 -128,
                 255,
                 -32768,
                 65535,
                 std::numeric_limits<std::int32_t>::min(),
                 std::numeric_limits<std::uint32_t>::max(),
                 std::numeric_limits<std::int64_t>::min(),
                 std::numeric_limits<std::uint64_t>::max(),
                 0.1f,
                 1.0 / 3.0,
                 "s \"q\" \\ \n \xc3\xa9 \xf0\x9f\x98\x80",
                 Backing,
                 {RtShape{"tri", {{0, 0}, {1, 0.5}, {5e-324, 1.7976931348623157e308}}, std::nullopt, true},
                  RtShape{"", {}, -1, false}},
                 {std::string("a"), std::nullopt, std::string("")},
                 {{std::nullopt, 5, -6}},
                 std::vector<std::int64_t>{1, -2, 3}};
  std::string Out = json(V);
  Json J = Json::parse(Out);

  // The keys, in declaration order.
  std::vector<std::string> Keys;
  {
    std::size_t Depth = 0;
    bool InString = false;
    std::string Current;
    for (std::size_t I = 0; I < Out.size(); ++I) {
      char C = Out[I];
      if (InString) {
        if (C == '\\') {
          Current += Out[++I];
          continue;
        }
        if (C == '"') {
          InString = false;
          if (Depth == 1 && I + 1 < Out.size() && Out[I + 1] == ':')
            Keys.push_back(Current);
          continue;
        }
        Current += C;
        continue;
      }
      if (C == '"') {
        InString = true;
        Current.clear();
      } else if (C == '{' || C == '[') {
        ++Depth;
      } else if (C == '}' || C == ']') {
        --Depth;
      }
    }
  }
  CHECK(Keys == std::vector<std::string>{"flag", "i8", "u8", "i16", "u16", "i32", "u32", "i64",
                                         "u64", "f", "d", "s", "sv", "shapes", "names",
                                         "slots", "maybeList"});

  CHECK(J.at("flag").get<bool>() == true);
  CHECK(J.at("i8").get<std::int64_t>() == -128);
  CHECK(J.at("u8").get<std::int64_t>() == 255);
  CHECK(J.at("i16").get<std::int64_t>() == -32768);
  CHECK(J.at("u16").get<std::int64_t>() == 65535);
  CHECK(J.at("i32").get<std::int64_t>() == std::numeric_limits<std::int32_t>::min());
  CHECK(J.at("u32").get<std::uint64_t>() == std::numeric_limits<std::uint32_t>::max());
  CHECK(J.at("i64").get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
  CHECK(J.at("u64").get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
  CHECK(bitsOf(static_cast<float>(J.at("f").get<double>())) == bitsOf(0.1f));
  CHECK(bitsOf(J.at("d").get<double>()) == bitsOf(1.0 / 3.0));
  CHECK(J.at("s").get<std::string>() == V.s);
  CHECK(J.at("sv").get<std::string>() == Backing);
  REQUIRE(J.at("shapes").size() == 2);
  const Json& Tri = J.at("shapes")[0];
  CHECK(Tri.at("name") == "tri");
  REQUIRE(Tri.at("points").size() == 3);
  for (std::size_t I = 0; I < 3; ++I) {
    CHECK(bitsOf(Tri.at("points")[I].at("x").get<double>()) == bitsOf(V.shapes[0].points[I].x));
    CHECK(bitsOf(Tri.at("points")[I].at("y").get<double>()) == bitsOf(V.shapes[0].points[I].y));
  }
  CHECK(Tri.at("layer").is_null());
  CHECK(Tri.at("closed") == true);
  const Json& Blank = J.at("shapes")[1];
  CHECK(Blank.at("name") == "");
  CHECK(Blank.at("points").is_array());
  CHECK(Blank.at("points").empty());
  CHECK(Blank.at("layer") == -1);
  CHECK(Blank.at("closed") == false);
  CHECK(J.at("names") == Json::array({"a", nullptr, ""}));
  CHECK(J.at("slots") == Json::array({nullptr, 5, -6}));
  CHECK(J.at("maybeList") == Json::array({1, -2, 3}));
}

TEST_CASE("random shapes round-trip through nlohmann::json") {
  std::mt19937_64 Rng(7);
  std::vector<RtShape> Shapes;
  for (int I = 0; I < 500; ++I) {
    RtShape S;
    S.name = "shape" + std::to_string(I);
    std::size_t Count = Rng() % 8;
    for (std::size_t K = 0; K < Count; ++K) {
      double X, Y;
      do
        X = jitsontest::fromBits<double>(static_cast<std::uint64_t>(Rng()));
      while (!std::isfinite(X));
      do
        Y = jitsontest::fromBits<double>(static_cast<std::uint64_t>(Rng()));
      while (!std::isfinite(Y));
      S.points.push_back({X, Y});
    }
    if (Rng() % 2)
      S.layer = static_cast<std::int32_t>(Rng());
    S.closed = Rng() % 2;
    Shapes.push_back(std::move(S));
  }
  Json J = Json::parse(json(Shapes));
  REQUIRE(J.size() == Shapes.size());
  std::size_t Wrong = 0;
  for (std::size_t I = 0; I < Shapes.size(); ++I) {
    const RtShape& S = Shapes[I];
    const Json& E = J[I];
    if (E.at("name") != S.name || E.at("closed") != S.closed)
      ++Wrong;
    if (S.layer ? E.at("layer") != *S.layer : !E.at("layer").is_null())
      ++Wrong;
    if (E.at("points").size() != S.points.size()) {
      ++Wrong;
      continue;
    }
    for (std::size_t K = 0; K < S.points.size(); ++K) {
      // Numeric equality (nlohmann reads "-0" as integer 0); bit-exactness of
      // the text is covered by the sweeps above.
      if (E.at("points")[K].at("x").get<double>() != S.points[K].x ||
          E.at("points")[K].at("y").get<double>() != S.points[K].y)
        ++Wrong;
    }
  }
  CHECK(Wrong == 0);
}
