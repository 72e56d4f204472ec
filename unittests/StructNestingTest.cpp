// Aggregates: member order, structs in structs, deep nesting, empty and single-member structs, 40 and 90 members.
#include "TestHelpers.h"

#include <boost/pfr.hpp>
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using jitsontest::json;

namespace {

struct Point {
  double x, y;
};

struct Shape {
  std::string name;
  std::vector<Point> points;
  std::optional<std::int32_t> layer;
  bool closed;
};

struct Empty {};

struct HoldsEmpty {
  Empty e;
  std::int32_t n;
  std::vector<Empty> many;
  std::optional<Empty> maybe;
};

struct Single {
  std::int32_t only;
};

struct WrapsSingle {
  Single single;
};

struct SingleString {
  std::string text;
};

// Members in an order unlike their names, with padding between them.
struct Padded {
  std::uint8_t zeta;
  double alpha;
  std::uint8_t mid;
  std::int16_t beta;
  std::int64_t omega;
  bool last;
};

struct Inner {
  std::int32_t a;
  std::string b;
};

struct Middle {
  Inner inner;
  std::vector<Inner> inners;
  std::optional<Inner> maybeInner;
};

struct Outer {
  Middle middle;
  Inner direct;
};

// Six levels of plain struct-in-struct.
struct Level6 { std::int32_t value; };
struct Level5 { Level6 l6; };
struct Level4 { Level5 l5; };
struct Level3 { Level4 l4; };
struct Level2 { Level3 l3; };
struct Level1 { Level2 l2; };

// Six levels through every kind of container.
struct Deep6 { double leaf; std::int32_t n; };
struct Deep5 { std::array<Deep6, 2> d6; std::string tag; };
struct Deep4 { std::optional<Deep5> d5; };
struct Deep3 { std::vector<Deep4> d4; };
struct Deep2 { std::vector<std::optional<Deep3>> d3; };
struct Deep1 { Deep2 d2; std::int32_t id; };

// An array of non-trivial structs as a member (g++ 12 needs jitson's own member count here).
struct Labelled { std::string label; std::vector<std::int32_t> values; };
struct LabelledPair { std::array<Labelled, 2> pair; std::array<std::optional<Labelled>, 2> maybe; };

// A struct defined inside another one.
struct Enclosing {
  struct Nested {
    std::int32_t n;
  };
  Nested nested;
  std::vector<Nested> list;
};

// Forty members of assorted types.
struct Big {
  std::int32_t m00;
  double m01;
  bool m02;
  std::string m03;
  std::uint8_t m04;
  std::int64_t m05;
  float m06;
  std::optional<std::int32_t> m07;
  std::vector<std::int16_t> m08;
  std::array<std::uint32_t, 2> m09;
  std::int32_t m10;
  double m11;
  bool m12;
  std::string m13;
  std::uint8_t m14;
  std::int64_t m15;
  float m16;
  std::optional<std::int32_t> m17;
  std::vector<std::int16_t> m18;
  std::array<std::uint32_t, 2> m19;
  std::int32_t m20;
  double m21;
  bool m22;
  std::string m23;
  std::uint8_t m24;
  std::int64_t m25;
  float m26;
  std::optional<std::int32_t> m27;
  std::vector<std::int16_t> m28;
  std::array<std::uint32_t, 2> m29;
  std::int32_t m30;
  double m31;
  bool m32;
  std::string_view m33;
  std::int8_t m34;
  std::uint64_t m35;
  Point m36;
  std::optional<Point> m37;
  std::vector<Point> m38;
  std::int16_t m39;
};

// Ninety 64-bit members with long names: one run of fixed-size output of
// about 90 * (20 + 34) bytes, more than a small initial buffer holds.
#define JITSONTEST_TEN_MEMBERS(P)                                                  \
  std::int64_t aMemberNameThatIsRatherLong_##P##0, aMemberNameThatIsRatherLong_##P##1,  \
      aMemberNameThatIsRatherLong_##P##2, aMemberNameThatIsRatherLong_##P##3,            \
      aMemberNameThatIsRatherLong_##P##4, aMemberNameThatIsRatherLong_##P##5,            \
      aMemberNameThatIsRatherLong_##P##6, aMemberNameThatIsRatherLong_##P##7,            \
      aMemberNameThatIsRatherLong_##P##8, aMemberNameThatIsRatherLong_##P##9;
struct Wide {
  JITSONTEST_TEN_MEMBERS(a)
  JITSONTEST_TEN_MEMBERS(b)
  JITSONTEST_TEN_MEMBERS(c)
  JITSONTEST_TEN_MEMBERS(d)
  JITSONTEST_TEN_MEMBERS(e)
  JITSONTEST_TEN_MEMBERS(f)
  JITSONTEST_TEN_MEMBERS(g)
  JITSONTEST_TEN_MEMBERS(h)
  JITSONTEST_TEN_MEMBERS(i)
};
#undef JITSONTEST_TEN_MEMBERS

// Same name as a type in SerializerApiTest.cpp (both in anonymous
// namespaces): distinct types whose descriptions share a name.
struct SameName {
  std::int32_t fromStructNestingTest;
};

} // namespace

TEST_CASE("the contract's Shape example") {
  Shape S{"tri", {{0, 0}, {1, 0.5}}, std::nullopt, true};
  CHECK(json(S) == "{\"name\":\"tri\",\"points\":[{\"x\":0,\"y\":0},{\"x\":1,\"y\":0.5}],"
                   "\"layer\":null,\"closed\":true}");
  Shape T{"", {}, -3, false};
  CHECK(json(T) == "{\"name\":\"\",\"points\":[],\"layer\":-3,\"closed\":false}");
}

TEST_CASE("empty structs") {
  CHECK(json(Empty{}) == "{}");
  CHECK(json(std::vector<Empty>{{}, {}}) == "[{},{}]");
  HoldsEmpty H{{}, 1, {{}, {}, {}}, Empty{}};
  CHECK(json(H) == "{\"e\":{},\"n\":1,\"many\":[{},{},{}],\"maybe\":{}}");
  HoldsEmpty None{{}, 0, {}, std::nullopt};
  CHECK(json(None) == "{\"e\":{},\"n\":0,\"many\":[],\"maybe\":null}");
}

TEST_CASE("single-member structs") {
  CHECK(json(Single{7}) == "{\"only\":7}");
  CHECK(json(WrapsSingle{{-7}}) == "{\"single\":{\"only\":-7}}");
  CHECK(json(SingleString{"s"}) == "{\"text\":\"s\"}");
  CHECK(json(std::vector<Single>{{1}, {2}}) == "[{\"only\":1},{\"only\":2}]");
}

TEST_CASE("declaration order and padding") {
  Padded P{200, -2.5, 7, -300, 1234567890123LL, true};
  CHECK(json(P) == "{\"zeta\":200,\"alpha\":-2.5,\"mid\":7,\"beta\":-300,"
                   "\"omega\":1234567890123,\"last\":true}");
}

TEST_CASE("structs in structs") {
  Outer O;
  O.middle.inner = Inner{1, "one"};
  O.middle.inners = {Inner{2, "two"}, Inner{3, "three"}};
  O.middle.maybeInner = Inner{4, "four"};
  O.direct = Inner{5, "five"};
  CHECK(json(O) == "{\"middle\":{\"inner\":{\"a\":1,\"b\":\"one\"},"
                   "\"inners\":[{\"a\":2,\"b\":\"two\"},{\"a\":3,\"b\":\"three\"}],"
                   "\"maybeInner\":{\"a\":4,\"b\":\"four\"}},"
                   "\"direct\":{\"a\":5,\"b\":\"five\"}}");
  Outer Blank{};
  CHECK(json(Blank) == "{\"middle\":{\"inner\":{\"a\":0,\"b\":\"\"},\"inners\":[],"
                       "\"maybeInner\":null},\"direct\":{\"a\":0,\"b\":\"\"}}");
}

TEST_CASE("six levels of struct-in-struct") {
  CHECK(json(Level1{{{{{{42}}}}}}) ==
        "{\"l2\":{\"l3\":{\"l4\":{\"l5\":{\"l6\":{\"value\":42}}}}}}");
}

TEST_CASE("six levels through every container kind") {
  Deep5 Five{{{{0.5, 1}, {1e21, 2}}}, "a"};
  Deep3 Three{{Deep4{Five}, Deep4{std::nullopt}}};
  Deep1 D{{{std::nullopt, Three}}, 9};
  CHECK(json(D) == "{\"d2\":{\"d3\":[null,{\"d4\":[{\"d5\":{\"d6\":[{\"leaf\":0.5,\"n\":1},"
                   "{\"leaf\":1e21,\"n\":2}],\"tag\":\"a\"}},{\"d5\":null}]}]},\"id\":9}");
  Deep1 Shallow{{{}}, -1};
  CHECK(json(Shallow) == "{\"d2\":{\"d3\":[]},\"id\":-1}");
}

TEST_CASE("arrays of non-trivial elements at the top level") {
  std::array<Inner, 2> Pair{{{1, "one"}, {2, "two"}}};
  CHECK(json(Pair) == "[{\"a\":1,\"b\":\"one\"},{\"a\":2,\"b\":\"two\"}]");
  std::array<std::vector<std::int32_t>, 3> Lists{{{}, {1}, {2, 3}}};
  CHECK(json(Lists) == "[[],[1],[2,3]]");
}

TEST_CASE("arrays of non-trivial structs as members") {
  LabelledPair P{{{{"a", {1}}, {"b", {}}}}, {{std::nullopt, Labelled{"c", {2, 3}}}}};
  CHECK(json(P) == "{\"pair\":[{\"label\":\"a\",\"values\":[1]},{\"label\":\"b\",\"values\":[]}],"
                   "\"maybe\":[null,{\"label\":\"c\",\"values\":[2,3]}]}");
}

TEST_CASE("a struct defined inside another struct") {
  Enclosing E{{1}, {{2}, {3}}};
  CHECK(json(E) == "{\"nested\":{\"n\":1},\"list\":[{\"n\":2},{\"n\":3}]}");
}

TEST_CASE("a struct with forty members") {
  Big B{};
  B.m00 = 1;
  B.m01 = 0.5;
  B.m02 = true;
  B.m03 = "three";
  B.m04 = 4;
  B.m05 = -5;
  B.m06 = 0.1f;
  B.m07 = 7;
  B.m08 = {8, -8};
  B.m09 = {9, 90};
  B.m10 = 10;
  B.m11 = 1e21;
  B.m12 = false;
  B.m13 = "q\"uote";
  B.m14 = 255;
  B.m15 = std::numeric_limits<std::int64_t>::min();
  B.m16 = -0.0f;
  B.m17 = std::nullopt;
  B.m18 = {};
  B.m19 = {0, 4294967295U};
  B.m20 = -20;
  B.m21 = 100;
  B.m22 = true;
  B.m23 = "";
  B.m24 = 0;
  B.m25 = 25;
  B.m26 = 16777216.0f;
  B.m27 = -27;
  B.m28 = {28};
  B.m29 = {2, 9};
  B.m30 = 30;
  B.m31 = 5e-324;
  B.m32 = false;
  B.m33 = "view\n";
  B.m34 = -128;
  B.m35 = std::numeric_limits<std::uint64_t>::max();
  B.m36 = {3, 6};
  B.m37 = Point{3, 7};
  B.m38 = {{3, 8}, {-3, -8}};
  B.m39 = -39;
  CHECK(json(B) == "{\"m00\":1,\"m01\":0.5,\"m02\":true,\"m03\":\"three\",\"m04\":4,"
                   "\"m05\":-5,\"m06\":0.1,\"m07\":7,\"m08\":[8,-8],\"m09\":[9,90],"
                   "\"m10\":10,\"m11\":1e21,\"m12\":false,\"m13\":\"q\\\"uote\",\"m14\":255,"
                   "\"m15\":-9223372036854775808,\"m16\":-0,\"m17\":null,\"m18\":[],"
                   "\"m19\":[0,4294967295],"
                   "\"m20\":-20,\"m21\":100,\"m22\":true,\"m23\":\"\",\"m24\":0,"
                   "\"m25\":25,\"m26\":16777216,\"m27\":-27,\"m28\":[28],\"m29\":[2,9],"
                   "\"m30\":30,\"m31\":5e-324,\"m32\":false,\"m33\":\"view\\n\",\"m34\":-128,"
                   "\"m35\":18446744073709551615,\"m36\":{\"x\":3,\"y\":6},"
                   "\"m37\":{\"x\":3,\"y\":7},\"m38\":[{\"x\":3,\"y\":8},{\"x\":-3,\"y\":-8}],"
                   "\"m39\":-39}");
}

TEST_CASE("ninety members in one fixed-size run") {
  Wide W{};
  boost::pfr::for_each_field(W, [](std::int64_t& Field, std::size_t Index) {
    Field = std::numeric_limits<std::int64_t>::min() + static_cast<std::int64_t>(Index);
  });
  std::string Expected = "{";
  std::string Prefixes = "abcdefghi";
  for (std::size_t Index = 0; Index < 90; ++Index) {
    if (Index)
      Expected += ',';
    Expected += "\"aMemberNameThatIsRatherLong_";
    Expected += Prefixes[Index / 10];
    Expected += static_cast<char>('0' + Index % 10);
    Expected += "\":" + std::to_string(std::numeric_limits<std::int64_t>::min() +
                                        static_cast<std::int64_t>(Index));
  }
  Expected += "}";
  REQUIRE(Expected.size() > 4096);
  CHECK(json(W) == Expected);
  // Many in a row, so runs start at every distance from the buffer's end.
  std::vector<Wide> Many(40, W);
  std::string ExpectedMany = "[";
  for (std::size_t I = 0; I < Many.size(); ++I) {
    if (I)
      ExpectedMany += ',';
    ExpectedMany += Expected;
  }
  ExpectedMany += "]";
  CHECK(json(Many) == ExpectedMany);
}

TEST_CASE("types with the same name in different anonymous namespaces") {
  CHECK(json(SameName{11}) == "{\"fromStructNestingTest\":11}");
}

TEST_CASE("const values and temporaries") {
  const Shape S{"c", {{2, 3}}, 1, false};
  CHECK(json(S) == "{\"name\":\"c\",\"points\":[{\"x\":2,\"y\":3}],\"layer\":1,\"closed\":false}");
  CHECK(jitson::toJson(Point{1, 2}) == "{\"x\":1,\"y\":2}");
}
