// Sequences: std::list, std::forward_list, std::deque, std::set, std::multiset, std::unordered_set, std::vector<bool>, std::span<const T>.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <deque>
#include <forward_list>
#include <functional>
#include <limits>
#include <list>
#include <set>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

using jitsontest::json;
using jitsontest::referenceEscape;

namespace {

struct SeqPoint {
  std::int32_t x, y;
};

struct Sequences {
  std::list<std::int32_t> l;
  std::forward_list<std::string> f;
  std::deque<SeqPoint> d;
  std::set<std::string> s;
  std::vector<bool> b;
};

struct SpanHolder {
  std::span<const std::int32_t> values;
  std::int32_t after;
};

struct NanList {
  std::list<double> l;
};

} // namespace

TEST_CASE("std::list") {
  CHECK(json(std::list<std::int32_t>{}) == "[]");
  CHECK(json(std::list<std::int32_t>{5}) == "[5]");
  CHECK(json(std::list<std::int32_t>{3, -1, 2}) == "[3,-1,2]");
  CHECK(json(std::list<std::string>{"a", "b\"c"}) == "[\"a\",\"b\\\"c\"]");
  CHECK(json(std::list<SeqPoint>{{1, 2}, {3, 4}}) == "[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]");
  CHECK(json(std::list<std::list<std::int32_t>>{{}, {1}, {}}) == "[[],[1],[]]");
}

TEST_CASE("std::forward_list") {
  CHECK(json(std::forward_list<std::int32_t>{}) == "[]");
  CHECK(json(std::forward_list<std::int32_t>{9, 8, 7}) == "[9,8,7]");
  CHECK(json(std::forward_list<double>{0.5, -0.0}) == "[0.5,-0]");
}

TEST_CASE("std::deque") {
  CHECK(json(std::deque<std::int32_t>{}) == "[]");
  std::deque<std::int32_t> D;
  std::string Expected = "[";
  // Enough elements to span several deque blocks, pushed at both ends.
  for (int I = 0; I < 300; ++I)
    D.push_back(I);
  for (int I = 1; I <= 300; ++I)
    D.push_front(-I);
  for (std::size_t I = 0; I < D.size(); ++I)
    Expected += (I ? "," : "") + std::to_string(D[I]);
  Expected += "]";
  CHECK(json(D) == Expected);
  CHECK(json(std::deque<bool>{true, false}) == "[true,false]");
}

TEST_CASE("std::set and std::multiset are in key order") {
  CHECK(json(std::set<std::int32_t>{}) == "[]");
  CHECK(json(std::set<std::int32_t>{3, 1, 2, 1}) == "[1,2,3]");
  CHECK(json(std::set<std::string>{"b", "a", ""}) == "[\"\",\"a\",\"b\"]");
  CHECK(json(std::multiset<std::int32_t>{2, 1, 2, 1}) == "[1,1,2,2]");
  CHECK(json(std::set<std::int32_t, std::greater<std::int32_t>>{1, 3, 2}) == "[3,2,1]");
}

TEST_CASE("std::unordered_set is in its iteration order") {
  CHECK(json(std::unordered_set<std::int32_t>{}) == "[]");
  std::unordered_set<std::string> U;
  for (int I = 0; I < 25; ++I)
    U.insert("s" + std::to_string(I));
  std::string Expected = "[";
  for (const std::string& S : U)
    Expected += (Expected.size() > 1 ? "," : "") + referenceEscape(S);
  Expected += "]";
  CHECK(json(U) == Expected);
  // sortMapKeys is about maps: sets keep their order.
  jitson::Options Sorted;
  Sorted.sortMapKeys = true;
  CHECK(json(U, Sorted) == Expected);
}

TEST_CASE("std::vector<bool>") {
  CHECK(json(std::vector<bool>{}) == "[]");
  CHECK(json(std::vector<bool>{true}) == "[true]");
  CHECK(json(std::vector<bool>{true, false, false, true}) == "[true,false,false,true]");
  // Across word boundaries of the bitset.
  std::vector<bool> Long;
  std::string Expected = "[";
  for (int I = 0; I < 130; ++I) {
    bool B = (I % 3) == 0 || I == 64 || I == 127;
    Long.push_back(B);
    Expected += std::string(I ? "," : "") + (B ? "true" : "false");
  }
  Expected += "]";
  CHECK(json(Long) == Expected);
}

TEST_CASE("std::span<const T>") {
  const std::int32_t Values[] = {4, 5, 6};
  CHECK(json(std::span<const std::int32_t>(Values)) == "[4,5,6]");
  CHECK(json(std::span<const std::int32_t>(Values).subspan(1, 1)) == "[5]");
  CHECK(json(std::span<const std::int32_t>()) == "[]");
  std::vector<std::string> Strings{"x", "y"};
  CHECK(json(std::span<const std::string>(Strings)) == "[\"x\",\"y\"]");
  std::vector<SeqPoint> Points{{1, 2}};
  CHECK(json(std::span<const SeqPoint>(Points)) == "[{\"x\":1,\"y\":2}]");
  CHECK(json(SpanHolder{std::span<const std::int32_t>(Values, 2), 7}) ==
        "{\"values\":[4,5],\"after\":7}");
  CHECK(json(SpanHolder{{}, 8}) == "{\"values\":[],\"after\":8}");
}

TEST_CASE("sequences as members and nested in each other") {
  Sequences S{{1, 2}, {"f"}, {{5, 6}}, {"z", "a"}, {false, true}};
  CHECK(json(S) == "{\"l\":[1,2],\"f\":[\"f\"],\"d\":[{\"x\":5,\"y\":6}],\"s\":[\"a\",\"z\"],"
                   "\"b\":[false,true]}");
  CHECK(json(Sequences{}) == "{\"l\":[],\"f\":[],\"d\":[],\"s\":[],\"b\":[]}");
  CHECK(json(std::vector<std::list<std::set<std::int32_t>>>{{{2, 1}, {}}, {}}) ==
        "[[[1,2],[]],[]]");
  CHECK(json(std::deque<std::vector<bool>>{{true}, {}}) == "[[true],[]]");
}

TEST_CASE("an error inside a sequence names the element") {
  NanList L{{1.0, 2.0, std::numeric_limits<double>::quiet_NaN()}};
  std::string Out = "keep";
  jitson::Status St = jitson::Serializer<NanList>::get().serializeTo(L, Out);
  CHECK(St.code() == jitson::ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".l[2]");
  CHECK(Out == "keep");
}
