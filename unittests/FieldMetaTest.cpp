// Field metadata (jitson::Meta<T>): rename, skip, omitEmpty for every kind, asString, and keys that need escaping.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <complex>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <forward_list>
#include <functional>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using jitsontest::json;

namespace fmtest {

struct Renamed {
  std::int32_t x;
  std::string name;
  bool same;
};

struct Skipped {
  std::int32_t a;
  std::complex<double> opaque; // not serializable: fine when skipped
  std::function<void()> callback;
  void* handle;
  std::int32_t b;
};

struct AllSkipped {
  std::int32_t only;
};

struct OmitAll {
  std::string s;
  std::string_view sv;
  const char* cs;
  std::vector<std::int32_t> v;
  std::map<std::string, std::int32_t> m;
  std::unordered_map<std::int32_t, std::int32_t> um;
  std::list<std::int32_t> l;
  std::forward_list<std::int32_t> fl;
  std::deque<std::int32_t> dq;
  std::set<std::int32_t> st;
  std::vector<bool> vb;
  std::vector<std::byte> by;
  std::span<const std::int32_t> sp;
  std::unique_ptr<std::int32_t> up;
  std::shared_ptr<std::int32_t> shp;
  const std::int32_t* rp;
  std::optional<std::int32_t> o;
  std::int32_t i;
  std::uint64_t u;
  std::int8_t i8;
  double d;
  float f;
  bool b;
  std::int32_t keep; // no metadata: always written
};

struct OnlyOmitted {
  std::optional<std::int32_t> a;
  std::string b;
};

enum class Shade : std::uint8_t { Light = 1, Dark = 2 };

struct Quoted {
  std::int32_t i;
  std::uint64_t u;
  std::int8_t i8;
  double d;
  float f;
  bool t;
  bool no;
  Shade shade;
  std::int32_t plain;
};

struct QuotedOmit {
  std::int32_t n;
  std::string s;
};

struct EscapedKeys {
  std::int32_t quote;
  std::int32_t newline;
  std::int32_t html;
  std::int32_t accent;
  std::int32_t emoji;
};

struct MetaTree {
  std::int32_t value;
  std::vector<MetaTree> kids;
};

struct RenamedNested {
  Renamed inner;
  double ratio;
};

} // namespace fmtest

template <> struct jitson::Meta<fmtest::Renamed> {
  static constexpr auto fields =
      jitson::fields(jitson::field("x").rename("y"), jitson::field("name").rename("full name"));
};

template <> struct jitson::Meta<fmtest::Skipped> {
  static constexpr auto fields =
      jitson::fields(jitson::field("opaque").skip(), jitson::field("callback").skip(),
                     jitson::field("handle").skip().rename("ignored"));
};

template <> struct jitson::Meta<fmtest::AllSkipped> {
  static constexpr auto fields = jitson::fields(jitson::field("only").skip());
};

template <> struct jitson::Meta<fmtest::OmitAll> {
  static constexpr auto fields = jitson::fields(
      jitson::field("s").omitEmpty(), jitson::field("sv").omitEmpty(),
      jitson::field("cs").omitEmpty(), jitson::field("v").omitEmpty(),
      jitson::field("m").omitEmpty(), jitson::field("um").omitEmpty(),
      jitson::field("l").omitEmpty(), jitson::field("fl").omitEmpty(),
      jitson::field("dq").omitEmpty(), jitson::field("st").omitEmpty(),
      jitson::field("vb").omitEmpty(), jitson::field("by").omitEmpty(),
      jitson::field("sp").omitEmpty(), jitson::field("up").omitEmpty(),
      jitson::field("shp").omitEmpty(), jitson::field("rp").omitEmpty(),
      jitson::field("o").omitEmpty(), jitson::field("i").omitEmpty(),
      jitson::field("u").omitEmpty(), jitson::field("i8").omitEmpty(),
      jitson::field("d").omitEmpty(), jitson::field("f").omitEmpty(),
      jitson::field("b").omitEmpty());
};

template <> struct jitson::Meta<fmtest::OnlyOmitted> {
  static constexpr auto fields =
      jitson::fields(jitson::field("a").omitEmpty(), jitson::field("b").omitEmpty());
};

template <> struct jitson::Meta<fmtest::Quoted> {
  static constexpr auto fields = jitson::fields(
      jitson::field("i").asString(), jitson::field("u").asString(),
      jitson::field("i8").asString(), jitson::field("d").asString(),
      jitson::field("f").asString(), jitson::field("t").asString(),
      jitson::field("no").asString(), jitson::field("shade").asString());
};

template <> struct jitson::Meta<fmtest::QuotedOmit> {
  static constexpr auto fields =
      jitson::fields(jitson::field("n").asString().omitEmpty().rename("count"),
                     jitson::field("s").omitEmpty());
};

template <> struct jitson::Meta<fmtest::EscapedKeys> {
  static constexpr auto fields = jitson::fields(
      jitson::field("quote").rename("a\"b\\c"), jitson::field("newline").rename("line\nbreak\x01"),
      jitson::field("html").rename("<b>&</b>"), jitson::field("accent").rename("caf\xC3\xA9"),
      jitson::field("emoji").rename("\xF0\x9F\x98\x80"));
};

template <> struct jitson::Meta<fmtest::MetaTree> {
  static constexpr auto fields = jitson::fields(jitson::field("value").rename("v"),
                                                jitson::field("kids").omitEmpty());
};

using namespace fmtest;

TEST_CASE("rename") {
  CHECK(json(Renamed{1, "n", true}) == "{\"y\":1,\"full name\":\"n\",\"same\":true}");
  CHECK(json(std::vector<Renamed>{{2, "", false}}) ==
        "[{\"y\":2,\"full name\":\"\",\"same\":false}]");
  CHECK(json(RenamedNested{{3, "m", false}, 0.5}) ==
        "{\"inner\":{\"y\":3,\"full name\":\"m\",\"same\":false},\"ratio\":0.5}");
}

TEST_CASE("skip, including members of unsupported types") {
  Skipped S{1, {2.0, 3.0}, [] {}, nullptr, 4};
  CHECK(json(S) == "{\"a\":1,\"b\":4}");
  CHECK(json(AllSkipped{5}) == "{}");
  CHECK(json(std::vector<AllSkipped>{{1}, {2}}) == "[{},{}]");
}

TEST_CASE("omitEmpty leaves out empty values of every kind") {
  CHECK(json(OmitAll{}) == "{\"keep\":0}");
  const std::int32_t Values[] = {1, 2};
  std::int32_t Zero = 0;
  OmitAll Full{};
  Full.s = "s";
  Full.sv = "v";
  Full.cs = "c";
  Full.v = {1};
  Full.m = {{"k", 2}};
  Full.um = {{3, 4}};
  Full.l = {5};
  Full.fl = {6};
  Full.dq = {7};
  Full.st = {8};
  Full.vb = {false};
  Full.by = {std::byte{'M'}, std::byte{'a'}, std::byte{'n'}};
  Full.sp = std::span<const std::int32_t>(Values);
  Full.up = std::make_unique<std::int32_t>(0);
  Full.shp = std::make_shared<std::int32_t>(0);
  Full.rp = &Zero;
  Full.o = 0; // engaged: not empty, even holding zero
  Full.i = -1;
  Full.u = 1;
  Full.i8 = -1;
  Full.d = 0.5;
  Full.f = -2;
  Full.b = true;
  Full.keep = 9;
  CHECK(json(Full) ==
        "{\"s\":\"s\",\"sv\":\"v\",\"cs\":\"c\",\"v\":[1],\"m\":{\"k\":2},\"um\":{\"3\":4},"
        "\"l\":[5],\"fl\":[6],\"dq\":[7],\"st\":[8],\"vb\":[false],\"by\":\"TWFu\",\"sp\":[1,2],"
        "\"up\":0,\"shp\":0,\"rp\":0,\"o\":0,\"i\":-1,\"u\":1,\"i8\":-1,\"d\":0.5,\"f\":-2,"
        "\"b\":true,\"keep\":9}");
  // One at a time: the commas stay right wherever the written member is.
  OmitAll One{};
  One.st = {1};
  CHECK(json(One) == "{\"st\":[1],\"keep\":0}");
  OmitAll First{};
  First.s = "first";
  CHECK(json(First) == "{\"s\":\"first\",\"keep\":0}");
  CHECK(json(OnlyOmitted{}) == "{}");
  CHECK(json(OnlyOmitted{std::nullopt, "x"}) == "{\"b\":\"x\"}");
  CHECK(json(OnlyOmitted{1, ""}) == "{\"a\":1}");
  CHECK(json(OnlyOmitted{1, "x"}) == "{\"a\":1,\"b\":\"x\"}");
  CHECK(json(std::vector<OnlyOmitted>{{}, {2, ""}, {}}) == "[{},{\"a\":2},{}]");
}

TEST_CASE("asString quotes numbers, bools and enums") {
  Quoted Q{-42, std::numeric_limits<std::uint64_t>::max(), -5, 1.5, 0.25f, true, false,
           Shade::Dark, 7};
  CHECK(json(Q) == "{\"i\":\"-42\",\"u\":\"18446744073709551615\",\"i8\":\"-5\",\"d\":\"1.5\","
                   "\"f\":\"0.25\",\"t\":\"true\",\"no\":\"false\",\"shade\":\"2\",\"plain\":7}");
  jitson::Options Names;
  Names.enumsAsStrings = true;
  CHECK(json(Q, Names) == "{\"i\":\"-42\",\"u\":\"18446744073709551615\",\"i8\":\"-5\","
                          "\"d\":\"1.5\",\"f\":\"0.25\",\"t\":\"true\",\"no\":\"false\","
                          "\"shade\":\"Dark\",\"plain\":7}");
  // An unnamed value is its integer, still quoted.
  Q.shade = static_cast<Shade>(9);
  CHECK(json(Q, Names) == "{\"i\":\"-42\",\"u\":\"18446744073709551615\",\"i8\":\"-5\","
                          "\"d\":\"1.5\",\"f\":\"0.25\",\"t\":\"true\",\"no\":\"false\","
                          "\"shade\":\"9\",\"plain\":7}");
  Q.d = 1e21;
  Q.f = -0.0f;
  Q.shade = Shade::Light;
  CHECK(json(Q) == "{\"i\":\"-42\",\"u\":\"18446744073709551615\",\"i8\":\"-5\",\"d\":\"1e21\","
                   "\"f\":\"-0\",\"t\":\"true\",\"no\":\"false\",\"shade\":\"1\",\"plain\":7}");
}

TEST_CASE("asString with omitEmpty and rename") {
  CHECK(json(QuotedOmit{0, ""}) == "{}");
  CHECK(json(QuotedOmit{12, ""}) == "{\"count\":\"12\"}");
  CHECK(json(QuotedOmit{0, "s"}) == "{\"s\":\"s\"}");
}

TEST_CASE("asString of a NaN fails like any NaN") {
  Quoted Q{0, 0, 0, std::numeric_limits<double>::quiet_NaN(), 0, false, false, Shade::Light, 0};
  std::string Out = "k";
  jitson::Status St = jitson::Serializer<Quoted>::get().serializeTo(Q, Out);
  CHECK(St.code() == jitson::ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".d");
  CHECK(Out == "k");
}

TEST_CASE("names that need escaping are escaped") {
  EscapedKeys K{1, 2, 3, 4, 5};
  CHECK(json(K) == "{\"a\\\"b\\\\c\":1,\"line\\nbreak\\u0001\":2,\"<b>&</b>\":3,"
                   "\"caf\xC3\xA9\":4,\"\xF0\x9F\x98\x80\":5}");
  jitson::Options Html;
  Html.escapeHtml = true;
  CHECK(json(K, Html) == "{\"a\\\"b\\\\c\":1,\"line\\nbreak\\u0001\":2,"
                         "\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\":3,"
                         "\"caf\xC3\xA9\":4,\"\xF0\x9F\x98\x80\":5}");
  jitson::Options Ascii;
  Ascii.escapeUnicode = true;
  CHECK(json(K, Ascii) == "{\"a\\\"b\\\\c\":1,\"line\\nbreak\\u0001\":2,\"<b>&</b>\":3,"
                          "\"caf\\u00e9\":4,\"\\ud83d\\ude00\":5}");
}

TEST_CASE("metadata on a recursive type") {
  MetaTree T{1, {{2, {}}, {3, {{4, {}}}}}};
  CHECK(json(T) == "{\"v\":1,\"kids\":[{\"v\":2},{\"v\":3,\"kids\":[{\"v\":4}]}]}");
  CHECK(json(MetaTree{0, {}}) == "{\"v\":0}");
}

// Members of a struct declared inside a function keep their names (the
// function's "f()::" in the compiler's spelling must not cut them short).
TEST_CASE("member names of a function-local struct") {
  struct Local {
    std::int32_t first;
    bool second;
  };
  CHECK(json(Local{1, true}) == "{\"first\":1,\"second\":true}");
}
