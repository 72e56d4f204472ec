// Every supported type through RapidJSON (validating, full precision): the parsed value equals the C++ value.
#include "TestHelpers.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <forward_list>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

using jitsontest::json;
using Doc = rapidjson::Document;
using Val = rapidjson::Value;

namespace rttest {

enum class Hue : std::uint8_t { Red = 1, Green = 2 };

struct Pt {
  double x, y;
};

struct Tree {
  std::int32_t v;
  std::vector<Tree> kids;
  std::unique_ptr<Tree> next;
};

class Opaque {
public:
  explicit Opaque(std::int32_t V = 0) : V(V) {}
  std::int32_t get() const { return V; }

private:
  std::int32_t V;
};

struct Everything {
  bool flag;
  std::int8_t i8;
  std::uint8_t u8;
  std::int16_t i16;
  std::uint16_t u16;
  std::int32_t i32;
  std::uint32_t u32;
  std::int64_t i64;
  std::uint64_t u64;
  signed char sc;
  unsigned char uc;
  float f;
  double d;
  char c;
  std::string s;
  std::string_view sv;
  const char* cs;
  const char* csNull;
  Hue hue;
  std::vector<Pt> points;
  std::array<std::int32_t, 3> arr;
  std::optional<std::string> someOpt;
  std::optional<std::string> noOpt;
  std::map<std::string, std::int32_t> byName;
  std::map<std::int64_t, bool> byInt;
  std::map<Hue, std::int32_t> byHue;
  std::unordered_map<std::string, double> unordered;
  std::multimap<std::string, std::int32_t> multi;
  std::list<std::int32_t> list;
  std::forward_list<std::string> flist;
  std::deque<std::uint64_t> deque;
  std::set<std::string> set;
  std::unordered_set<std::int32_t> uset;
  std::vector<bool> bits;
  std::span<const double> span;
  const Pt* raw;
  const Pt* rawNull;
  std::unique_ptr<std::int32_t> unique;
  std::shared_ptr<std::string> shared;
  std::variant<std::monostate, std::int32_t, std::string> varNull;
  std::variant<std::monostate, std::int32_t, std::string> varText;
  std::tuple<std::int32_t, std::string, bool> tuple;
  std::pair<double, Hue> pair;
  std::vector<std::byte> bytes;
  std::chrono::system_clock::time_point when;
  std::chrono::sys_days day;
  std::chrono::milliseconds timeout;
  std::chrono::duration<double> seconds;
  jitson::RawJson raw1;
  jitson::RawJson rawEmpty;
  Opaque opaque{};
  Tree tree;
};

} // namespace rttest

template <> struct jitson::Serialize<rttest::Opaque> {
  static void write(jitson::Writer& W, const rttest::Opaque& O) {
    W.beginObject();
    W.key("value");
    W.number(O.get());
    W.endObject();
  }
};

using namespace rttest;

namespace {

Doc parse(const std::string& Text) {
  Doc D;
  D.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag>(
      Text.data(), Text.size());
  INFO(Text);
  REQUIRE_MESSAGE(!D.HasParseError(), rapidjson::GetParseError_En(D.GetParseError()), " at ",
                  D.GetErrorOffset());
  return D;
}

std::string str(const Val& V) {
  REQUIRE(V.IsString());
  return std::string(V.GetString(), V.GetStringLength());
}

std::vector<std::byte> fromBase64(const std::string& S) {
  static const std::string Alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<std::byte> Out;
  REQUIRE(S.size() % 4 == 0);
  std::uint32_t Acc = 0;
  int Bits = 0;
  for (char C : S) {
    if (C == '=')
      break;
    std::size_t I = Alphabet.find(C);
    REQUIRE(I != std::string::npos);
    Acc = (Acc << 6) | std::uint32_t(I);
    Bits += 6;
    if (Bits >= 8) {
      Bits -= 8;
      Out.push_back(static_cast<std::byte>((Acc >> Bits) & 0xFF));
    }
  }
  return Out;
}

/// Reads "YYYY-MM-DDTHH:MM:SS[.fraction]Z" back into nanoseconds since the epoch.
std::chrono::nanoseconds fromRfc3339(const std::string& S) {
  int Y = 0;
  unsigned Mo = 0, D = 0, H = 0, Mi = 0, Se = 0;
  int Used = 0;
  REQUIRE(std::sscanf(S.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &Y, &Mo, &D, &H, &Mi, &Se, &Used) ==
          6);
  std::int64_t Fraction = 0;
  std::size_t At = std::size_t(Used);
  if (S[At] == '.') {
    int Digits = 0;
    for (++At; At < S.size() && S[At] >= '0' && S[At] <= '9'; ++At, ++Digits)
      Fraction = Fraction * 10 + (S[At] - '0');
    REQUIRE(Digits >= 1);
    REQUIRE(Digits <= 9);
    CHECK(S[At - 1] != '0'); // shortest: no trailing zeros
    for (; Digits < 9; ++Digits)
      Fraction *= 10;
  }
  REQUIRE(S.substr(At) == "Z");
  using namespace std::chrono;
  std::chrono::year_month_day Ymd{year{Y}, month{Mo}, day{D}};
  REQUIRE(Ymd.ok());
  return sys_days{Ymd}.time_since_epoch() + hours{H} + minutes{Mi} + seconds{Se} +
         nanoseconds{Fraction};
}

Everything make(const Pt& Target, std::span<const double> Span) {
  using namespace std::chrono;
  Everything E{};
  E.flag = true;
  E.i8 = -128;
  E.u8 = 255;
  E.i16 = -32768;
  E.u16 = 65535;
  E.i32 = std::numeric_limits<std::int32_t>::min();
  E.u32 = std::numeric_limits<std::uint32_t>::max();
  E.i64 = std::numeric_limits<std::int64_t>::min();
  E.u64 = std::numeric_limits<std::uint64_t>::max();
  E.sc = -7;
  E.uc = 200;
  E.f = 0.1f;
  E.d = 5e-324;
  E.c = '"';
  E.s = "line\nquote\" tab\t \xC3\xA9\xF0\x9F\x98\x80 \x01";
  E.sv = "view";
  E.cs = "c-string\\";
  E.csNull = nullptr;
  E.hue = Hue::Green;
  E.points = {{1.5, -2.25}, {1e300, -0.0}};
  E.arr = {1, 2, 3};
  E.someOpt = "some";
  E.byName = {{"a", 1}, {"b\"", 2}};
  E.byInt = {{-5, true}, {1LL << 60, false}};
  E.byHue = {{Hue::Red, 10}, {Hue::Green, 20}};
  E.unordered = {{"x", 0.5}, {"y", 1e-7}, {"z", 123456789.125}};
  E.multi = {{"k", 1}, {"k", 2}, {"j", 0}};
  E.list = {3, 1, 2};
  E.flist = {"f1", "f2"};
  E.deque = {0, 1ULL << 63};
  E.set = {"b", "a"};
  E.uset = {5, 6, 7};
  E.bits = {true, false, true};
  E.span = Span;
  E.raw = &Target;
  E.unique = std::make_unique<std::int32_t>(99);
  E.shared = std::make_shared<std::string>("shared");
  E.varText = std::string("alt");
  E.tuple = {1, "two", false};
  E.pair = {0.75, Hue::Red};
  E.bytes = {std::byte{0}, std::byte{0xFF}, std::byte{0x10}, std::byte{'a'}};
  E.when = system_clock::time_point{
      duration_cast<system_clock::duration>(sys_days{year{2023} / 7 / 14}.time_since_epoch() +
                                            hours{3} + milliseconds{1250} + microseconds{7})};
  E.day = sys_days{year{1999} / 12 / 31};
  E.timeout = milliseconds{-1500};
  E.seconds = duration<double>{2.5};
  E.raw1 = {"{\"pre\":[1,\"two\"]}"};
  E.opaque = Opaque{-4};
  E.tree.v = 1;
  E.tree.kids.push_back(Tree{2, {}, nullptr});
  E.tree.next = std::make_unique<Tree>();
  E.tree.next->v = 3;
  return E;
}

} // namespace

TEST_CASE("every supported type round-trips through RapidJSON") {
  const Pt Target{7, 8};
  const double SpanData[] = {0.1, 0.2, 0.30000000000000004};
  Everything E = make(Target, std::span<const double>(SpanData));
  for (bool Names : {false, true}) {
    CAPTURE(Names);
    jitson::Options O;
    O.enumsAsStrings = Names;
    const std::string Text = json(E, O);
    Doc D = parse(Text);
    REQUIRE(D.IsObject());
    CHECK(D["flag"].GetBool() == E.flag);
    CHECK(D["i8"].GetInt() == E.i8);
    CHECK(D["u8"].GetUint() == E.u8);
    CHECK(D["i16"].GetInt() == E.i16);
    CHECK(D["u16"].GetUint() == E.u16);
    CHECK(D["i32"].GetInt() == E.i32);
    CHECK(D["u32"].GetUint() == E.u32);
    REQUIRE(D["i64"].IsInt64());
    CHECK(D["i64"].GetInt64() == E.i64);
    REQUIRE(D["u64"].IsUint64());
    CHECK(D["u64"].GetUint64() == E.u64);
    CHECK(D["sc"].GetInt() == E.sc);
    CHECK(D["uc"].GetUint() == E.uc);
    CHECK(static_cast<float>(D["f"].GetDouble()) == E.f);
    CHECK(D["d"].GetDouble() == E.d);
    CHECK(str(D["c"]) == std::string(1, E.c));
    CHECK(str(D["s"]) == E.s);
    CHECK(str(D["sv"]) == E.sv);
    CHECK(str(D["cs"]) == E.cs);
    CHECK(D["csNull"].IsNull());
    if (Names)
      CHECK(str(D["hue"]) == "Green");
    else
      CHECK(D["hue"].GetUint() == 2);
    REQUIRE(D["points"].Size() == 2);
    for (unsigned I = 0; I < 2; ++I) {
      CHECK(D["points"][I]["x"].GetDouble() == E.points[I].x);
      CHECK(D["points"][I]["y"].GetDouble() == E.points[I].y);
    }
    // RapidJSON reads -0 as the integer 0: check the text keeps the sign.
    CHECK(Text.find("\"y\":-0}") != std::string::npos);
    REQUIRE(D["arr"].Size() == 3);
    for (unsigned I = 0; I < 3; ++I)
      CHECK(D["arr"][I].GetInt() == E.arr[I]);
    CHECK(str(D["someOpt"]) == *E.someOpt);
    CHECK(D["noOpt"].IsNull());
    CHECK(D["byName"].MemberCount() == E.byName.size());
    for (const auto& [K, V] : E.byName)
      CHECK(D["byName"][K.c_str()].GetInt() == V);
    CHECK(D["byInt"].MemberCount() == E.byInt.size());
    for (const auto& [K, V] : E.byInt)
      CHECK(D["byInt"][std::to_string(K).c_str()].GetBool() == V);
    CHECK(D["byHue"].MemberCount() == 2);
    CHECK(D["byHue"][Names ? "Red" : "1"].GetInt() == 10);
    CHECK(D["byHue"][Names ? "Green" : "2"].GetInt() == 20);
    CHECK(D["unordered"].MemberCount() == E.unordered.size());
    for (const auto& [K, V] : E.unordered)
      CHECK(D["unordered"][K.c_str()].GetDouble() == V);
    // Repeated keys survive as repeated members, in order.
    std::vector<std::pair<std::string, std::int32_t>> Multi;
    for (auto M = D["multi"].MemberBegin(); M != D["multi"].MemberEnd(); ++M)
      Multi.emplace_back(str(M->name), M->value.GetInt());
    CHECK(Multi == std::vector<std::pair<std::string, std::int32_t>>(E.multi.begin(), E.multi.end()));
    std::list<std::int32_t> List;
    for (const Val& V : D["list"].GetArray())
      List.push_back(V.GetInt());
    CHECK(List == E.list);
    std::forward_list<std::string> FList;
    auto Tail = FList.before_begin();
    for (const Val& V : D["flist"].GetArray())
      Tail = FList.insert_after(Tail, str(V));
    CHECK(FList == E.flist);
    std::deque<std::uint64_t> Deque;
    for (const Val& V : D["deque"].GetArray())
      Deque.push_back(V.GetUint64());
    CHECK(Deque == E.deque);
    std::set<std::string> Set;
    for (const Val& V : D["set"].GetArray())
      Set.insert(str(V));
    CHECK(Set == E.set);
    CHECK(D["set"].Size() == E.set.size());
    std::unordered_set<std::int32_t> USet;
    for (const Val& V : D["uset"].GetArray())
      USet.insert(V.GetInt());
    CHECK(USet == E.uset);
    CHECK(D["uset"].Size() == E.uset.size());
    std::vector<bool> Bits;
    for (const Val& V : D["bits"].GetArray())
      Bits.push_back(V.GetBool());
    CHECK(Bits == E.bits);
    REQUIRE(D["span"].Size() == E.span.size());
    for (unsigned I = 0; I < E.span.size(); ++I)
      CHECK(D["span"][I].GetDouble() == E.span[I]);
    CHECK(D["raw"]["x"].GetDouble() == Target.x);
    CHECK(D["raw"]["y"].GetDouble() == Target.y);
    CHECK(D["rawNull"].IsNull());
    CHECK(D["unique"].GetInt() == *E.unique);
    CHECK(str(D["shared"]) == *E.shared);
    CHECK(D["varNull"].IsNull());
    CHECK(str(D["varText"]) == std::get<std::string>(E.varText));
    REQUIRE(D["tuple"].Size() == 3);
    CHECK(D["tuple"][0].GetInt() == std::get<0>(E.tuple));
    CHECK(str(D["tuple"][1]) == std::get<1>(E.tuple));
    CHECK(D["tuple"][2].GetBool() == std::get<2>(E.tuple));
    REQUIRE(D["pair"].Size() == 2);
    CHECK(D["pair"][0].GetDouble() == E.pair.first);
    if (Names)
      CHECK(str(D["pair"][1]) == "Red");
    else
      CHECK(D["pair"][1].GetUint() == 1);
    CHECK(fromBase64(str(D["bytes"])) == E.bytes);
    CHECK(fromRfc3339(str(D["when"])) == E.when.time_since_epoch());
    CHECK(fromRfc3339(str(D["day"])) == E.day.time_since_epoch());
    CHECK(D["timeout"].GetInt64() == E.timeout.count());
    CHECK(D["seconds"].GetDouble() == E.seconds.count());
    CHECK(D["raw1"]["pre"][0].GetInt() == 1);
    CHECK(str(D["raw1"]["pre"][1]) == "two");
    CHECK(D["rawEmpty"].IsNull());
    CHECK(D["opaque"]["value"].GetInt() == E.opaque.get());
    CHECK(D["tree"]["v"].GetInt() == 1);
    CHECK(D["tree"]["kids"][0]["v"].GetInt() == 2);
    CHECK(D["tree"]["kids"][0]["next"].IsNull());
    CHECK(D["tree"]["next"]["v"].GetInt() == 3);
    CHECK(D["tree"]["next"]["kids"].Empty());
    // Every member is there, once.
    CHECK(D.MemberCount() == 52);
  }
}

TEST_CASE("options keep the output valid JSON with the same values") {
  const Pt Target{1, 2};
  const double SpanData[] = {1, 2};
  Everything E = make(Target, std::span<const double>(SpanData));
  jitson::Options O;
  O.pretty = true;
  O.escapeHtml = true;
  O.escapeUnicode = true;
  O.sortMapKeys = true;
  O.omitNull = true;
  O.trailingNewline = true;
  O.utf8 = jitson::Utf8Mode::Replace;
  const std::string Text = json(E, O);
  for (unsigned char C : Text)
    CHECK(C < 0x80); // escapeUnicode: ASCII only
  Doc D = parse(Text);
  CHECK(str(D["s"]) == E.s);
  CHECK(str(D["c"]) == "\"");
  CHECK(!D.HasMember("csNull"));
  CHECK(!D.HasMember("noOpt"));
  CHECK(!D.HasMember("rawNull"));
  CHECK(D.HasMember("varNull")); // a variant member is not a nullable member
  CHECK(D["u64"].GetUint64() == E.u64);
  CHECK(D["tree"]["next"]["v"].GetInt() == 3);
  std::vector<std::string> Keys;
  for (auto M = D["unordered"].MemberBegin(); M != D["unordered"].MemberEnd(); ++M)
    Keys.push_back(str(M->name));
  CHECK(Keys == std::vector<std::string>{"x", "y", "z"});
}
