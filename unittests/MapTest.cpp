// Maps: std::map, std::multimap, std::unordered_map(/multimap) with string, string_view, integer and enum keys.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using jitsontest::json;
using jitsontest::referenceEscape;

namespace {

enum class MapColor : std::uint8_t { Red = 1, Green = 2, Blue = 3 };
enum MapPlain : int { PlainZero = 0, PlainTen = 10 };

struct MapHolder {
  std::map<std::string, std::int32_t> counts;
  std::unordered_map<std::int32_t, std::string> names;
};

struct MapPoint {
  std::int32_t x, y;
};

/// The expected text of an unordered map: its own iteration (hash) order.
template <class M, class KeyText, class ValueText>
std::string inIterationOrder(const M& Map, KeyText K, ValueText V) {
  std::string Out = "{";
  bool First = true;
  for (const auto& [Key, Value] : Map) {
    if (!First)
      Out += ',';
    First = false;
    Out += K(Key) + ":" + V(Value);
  }
  return Out + "}";
}

} // namespace

TEST_CASE("std::map with string keys is an object in key order") {
  CHECK(json(std::map<std::string, std::int32_t>{}) == "{}");
  CHECK(json(std::map<std::string, std::int32_t>{{"a", 1}}) == "{\"a\":1}");
  CHECK(json(std::map<std::string, std::int32_t>{{"b", 2}, {"a", 1}, {"", 0}, {"B", 3}}) ==
        "{\"\":0,\"B\":3,\"a\":1,\"b\":2}");
  // Keys are escaped like any string.
  CHECK(json(std::map<std::string, bool>{{"q\"\\\n\x01", true}}) ==
        "{\"q\\\"\\\\\\n\\u0001\":true}");
  CHECK(json(std::map<std::string, std::string>{{"k", "v\"w"}}) == "{\"k\":\"v\\\"w\"}");
}

TEST_CASE("std::map with string_view keys") {
  std::map<std::string_view, double> M{{"y", 0.5}, {"x", -2}};
  CHECK(json(M) == "{\"x\":-2,\"y\":0.5}");
}

TEST_CASE("integer keys are quoted") {
  CHECK(json(std::map<std::int32_t, std::int32_t>{{42, 1}}) == "{\"42\":1}");
  CHECK(json(std::map<std::int32_t, std::int32_t>{{10, 1}, {-5, 2}, {9, 3}}) ==
        "{\"-5\":2,\"9\":3,\"10\":1}");
  CHECK(json(std::map<std::uint64_t, bool>{{std::numeric_limits<std::uint64_t>::max(), false}}) ==
        "{\"18446744073709551615\":false}");
  CHECK(json(std::map<std::int64_t, bool>{{std::numeric_limits<std::int64_t>::min(), true}}) ==
        "{\"-9223372036854775808\":true}");
  CHECK(json(std::map<std::int8_t, std::int8_t>{{-128, 127}}) == "{\"-128\":127}");
  CHECK(json(std::map<std::uint8_t, std::uint8_t>{{255, 0}}) == "{\"255\":0}");
  CHECK(json(std::map<std::int16_t, std::uint16_t>{{-1, 65535}}) == "{\"-1\":65535}");
}

TEST_CASE("enum keys: quoted integers by default, names with enumsAsStrings") {
  std::map<MapColor, std::int32_t> M{{MapColor::Blue, 3}, {MapColor::Red, 1}};
  CHECK(json(M) == "{\"1\":1,\"3\":3}");
  jitson::Options Names;
  Names.enumsAsStrings = true;
  CHECK(json(M, Names) == "{\"Red\":1,\"Blue\":3}");
  // A key with no enumerator name falls back to its (quoted) integer.
  std::map<MapColor, std::int32_t> Unnamed{{MapColor::Green, 2}, {static_cast<MapColor>(7), 7}};
  CHECK(json(Unnamed, Names) == "{\"Green\":2,\"7\":7}");
  std::map<MapPlain, bool> P{{PlainTen, true}, {PlainZero, false}};
  CHECK(json(P) == "{\"0\":false,\"10\":true}");
  CHECK(json(P, Names) == "{\"PlainZero\":false,\"PlainTen\":true}");
}

TEST_CASE("std::multimap writes repeated keys as they come") {
  std::multimap<std::string, std::int32_t> M;
  M.emplace("b", 1);
  M.emplace("a", 2);
  M.emplace("b", 3);
  M.emplace("a", 4);
  CHECK(json(M) == "{\"a\":2,\"a\":4,\"b\":1,\"b\":3}");
  std::multimap<std::int32_t, std::int32_t> I{{2, 0}, {1, 5}, {2, 1}};
  CHECK(json(I) == "{\"1\":5,\"2\":0,\"2\":1}");
}

TEST_CASE("unordered maps are written in their iteration order") {
  CHECK(json(std::unordered_map<std::string, std::int32_t>{}) == "{}");
  CHECK(json(std::unordered_map<std::string, std::int32_t>{{"only", 1}}) == "{\"only\":1}");
  std::unordered_map<std::string, std::int32_t> S;
  for (int I = 0; I < 20; ++I)
    S.emplace("k" + std::to_string(I), I);
  CHECK(json(S) == inIterationOrder(
                       S, [](const std::string& K) { return referenceEscape(K); },
                       [](std::int32_t V) { return std::to_string(V); }));
  std::unordered_map<std::int64_t, bool> N;
  for (std::int64_t I = -10; I < 10; ++I)
    N.emplace(I * 1000003, I % 2 == 0);
  CHECK(json(N) == inIterationOrder(
                       N, [](std::int64_t K) { return "\"" + std::to_string(K) + "\""; },
                       [](bool V) { return std::string(V ? "true" : "false"); }));
  std::unordered_multimap<std::string, std::int32_t> Multi{{"x", 1}, {"x", 2}, {"y", 3}};
  CHECK(json(Multi) == inIterationOrder(
                           Multi, [](const std::string& K) { return referenceEscape(K); },
                           [](std::int32_t V) { return std::to_string(V); }));
}

TEST_CASE("sortMapKeys writes unordered maps in key order") {
  jitson::Options Sorted;
  Sorted.sortMapKeys = true;
  std::unordered_map<std::string, std::int32_t> S;
  for (int I = 0; I < 12; ++I)
    S.emplace(std::string(1, char('a' + (I * 5) % 12)), I);
  std::map<std::string, std::int32_t> Ordered(S.begin(), S.end());
  std::string Expected = "{";
  for (const auto& [K, V] : Ordered)
    Expected += (Expected.size() > 1 ? "," : "") + referenceEscape(K) + ":" + std::to_string(V);
  Expected += "}";
  CHECK(json(S, Sorted) == Expected);
  // Integer keys sort as numbers, not as text.
  std::unordered_map<std::int32_t, std::int32_t> I{{100, 1}, {9, 2}, {-3, 3}, {10, 4}};
  CHECK(json(I, Sorted) == "{\"-3\":3,\"9\":2,\"10\":4,\"100\":1}");
  // Enum keys sort by value.
  std::unordered_map<MapColor, std::int32_t> E{
      {MapColor::Blue, 3}, {MapColor::Red, 1}, {MapColor::Green, 2}};
  CHECK(json(E, Sorted) == "{\"1\":1,\"2\":2,\"3\":3}");
  // Stable: equal keys keep their iteration order.
  std::unordered_multimap<std::string, std::int32_t> Multi;
  for (int K = 0; K < 3; ++K)
    Multi.emplace("dup", K);
  Multi.emplace("a", 9);
  std::string Dups;
  for (auto [It, End] = Multi.equal_range("dup"); It != End; ++It)
    Dups += ",\"dup\":" + std::to_string(It->second);
  CHECK(json(Multi, Sorted) == "{\"a\":9" + Dups + "}");
  CHECK(json(std::unordered_map<std::string, std::int32_t>{}, Sorted) == "{}");
  // Ordered maps are not affected.
  CHECK(json(std::map<std::string, std::int32_t>{{"b", 1}, {"a", 2}}, Sorted) ==
        "{\"a\":2,\"b\":1}");
}

TEST_CASE("maps of containers, structs and maps; maps in structs") {
  std::map<std::string, std::vector<std::int32_t>> V{{"e", {}}, {"l", {1, 2}}};
  CHECK(json(V) == "{\"e\":[],\"l\":[1,2]}");
  std::map<std::int32_t, MapPoint> P{{2, {3, 4}}, {1, {-1, 0}}};
  CHECK(json(P) == "{\"1\":{\"x\":-1,\"y\":0},\"2\":{\"x\":3,\"y\":4}}");
  std::map<std::string, std::map<std::string, std::int32_t>> Nested{{"o", {{"i", 1}}}, {"e", {}}};
  CHECK(json(Nested) == "{\"e\":{},\"o\":{\"i\":1}}");
  std::vector<std::map<std::string, std::int32_t>> List{{}, {{"a", 1}}};
  CHECK(json(List) == "[{},{\"a\":1}]");
  MapHolder H{{{"z", 26}, {"a", 1}}, {{7, "seven"}}};
  CHECK(json(H) == "{\"counts\":{\"a\":1,\"z\":26},\"names\":{\"7\":\"seven\"}}");
}

TEST_CASE("errors inside map values name the map member") {
  std::map<std::string, double> M{{"bad", std::numeric_limits<double>::infinity()}};
  std::string Out = "keep";
  jitson::Status St = jitson::Serializer<std::map<std::string, double>>::get().serializeTo(M, Out);
  CHECK(St.code() == jitson::ErrorCode::NonFiniteNumber);
  CHECK(Out == "keep");
}
