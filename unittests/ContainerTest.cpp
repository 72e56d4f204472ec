// Containers: std::vector, std::array and std::optional, alone and nested in each other.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using jitsontest::json;

namespace {

struct Cell {
  std::int32_t row;
  std::int32_t col;
};

struct Grid {
  std::vector<std::vector<std::int32_t>> rows;
  std::array<std::array<std::int16_t, 2>, 3> fixed;
  std::vector<std::array<double, 2>> pairs;
};

struct Optionals {
  std::optional<Cell> cell;
  std::optional<std::vector<std::int32_t>> list;
  std::optional<std::string> text;
  std::optional<std::optional<std::int32_t>> twice;
};

struct ArrayOfOptionals {
  std::array<std::optional<std::int32_t>, 4> slots;
  std::array<std::optional<Cell>, 2> cells;
};

struct VectorOfOptionals {
  std::vector<std::optional<std::string>> names;
  std::vector<std::optional<Cell>> cells;
};

struct CellLists {
  std::vector<Cell> cells;
  std::array<Cell, 2> corners;
};

// Small and odd-sized elements: strides must come from the element size.
struct Odd {
  std::uint8_t a;
  std::uint16_t b;
};

struct OddLists {
  std::vector<Odd> odds;
  std::array<Odd, 3> three;
  std::vector<std::uint8_t> bytes;
};

// Over-aligned elements: a stride larger than the members' sizes.
struct alignas(32) Aligned {
  std::int8_t a;
  alignas(16) double b;
};

struct AlignedLists {
  std::uint8_t lead;
  std::vector<Aligned> list;
  std::array<Aligned, 2> pair;
  std::optional<Aligned> maybe;
};

} // namespace

TEST_CASE("over-aligned elements") {
  static_assert(sizeof(Aligned) == 32);
  AlignedLists L{7, {{1, 0.5}, {-2, 1e21}, {3, -0.0}}, {{{4, 4}, {5, 5}}}, Aligned{6, 6.5}};
  CHECK(json(L) == "{\"lead\":7,\"list\":[{\"a\":1,\"b\":0.5},{\"a\":-2,\"b\":1e21},"
                   "{\"a\":3,\"b\":-0}],\"pair\":[{\"a\":4,\"b\":4},{\"a\":5,\"b\":5}],"
                   "\"maybe\":{\"a\":6,\"b\":6.5}}");
}

TEST_CASE("vectors") {
  CHECK(json(std::vector<std::int32_t>{}) == "[]");
  CHECK(json(std::vector<std::int32_t>{7}) == "[7]");
  CHECK(json(std::vector<std::int32_t>{1, 2, 3}) == "[1,2,3]");
  CHECK(json(std::vector<double>{0.5, -0.0, 100.0}) == "[0.5,-0,100]");
  CHECK(json(std::vector<std::string>{"a", "", "b\"c"}) == "[\"a\",\"\",\"b\\\"c\"]");
  CHECK(json(std::vector<Cell>{}) == "[]");
  CHECK(json(std::vector<Cell>{{1, 2}, {3, 4}}) == "[{\"row\":1,\"col\":2},{\"row\":3,\"col\":4}]");
}

TEST_CASE("vectors of vectors") {
  CHECK(json(std::vector<std::vector<std::int32_t>>{}) == "[]");
  CHECK(json(std::vector<std::vector<std::int32_t>>{{}}) == "[[]]");
  CHECK(json(std::vector<std::vector<std::int32_t>>{{}, {1}, {2, 3}, {}}) == "[[],[1],[2,3],[]]");
  CHECK(json(std::vector<std::vector<std::vector<std::string>>>{{{"x"}, {}}, {}}) ==
        "[[[\"x\"],[]],[]]");
}

TEST_CASE("arrays") {
  CHECK(json(std::array<std::int32_t, 3>{1, 2, 3}) == "[1,2,3]");
  CHECK(json(std::array<std::int32_t, 1>{9}) == "[9]");
  CHECK(json(std::array<std::array<std::int32_t, 2>, 2>{{{1, 2}, {3, 4}}}) == "[[1,2],[3,4]]");
  CHECK(json(std::array<std::string, 2>{"p", "q"}) == "[\"p\",\"q\"]");
  CHECK(json(std::array<Cell, 2>{{{1, 2}, {3, 4}}}) == "[{\"row\":1,\"col\":2},{\"row\":3,\"col\":4}]");
}

// libstdc++'s std::array<T, 0> occupies one byte: it must still be [].
struct WithEmptyArray {
  std::array<std::int32_t, 0> none;
  std::int32_t after;
};

TEST_CASE("zero-length arrays") {
  CHECK(json(std::array<std::int32_t, 0>{}) == "[]");
  CHECK(json(WithEmptyArray{{}, 5}) == "{\"none\":[],\"after\":5}");
}

TEST_CASE("optionals") {
  CHECK(json(std::optional<std::int32_t>{}) == "null");
  CHECK(json(std::optional<std::int32_t>{0}) == "0");
  CHECK(json(std::optional<std::string>{""}) == "\"\"");
  CHECK(json(std::optional<double>{}) == "null");

  Optionals None{};
  CHECK(json(None) == "{\"cell\":null,\"list\":null,\"text\":null,\"twice\":null}");

  Optionals All{Cell{5, 6}, std::vector<std::int32_t>{1, 2}, "t",
                std::optional<std::optional<std::int32_t>>(std::in_place, 3)};
  REQUIRE(All.twice.has_value());
  CHECK(json(All) == "{\"cell\":{\"row\":5,\"col\":6},\"list\":[1,2],\"text\":\"t\",\"twice\":3}");

  // Engaged but holding an empty vector or an empty inner optional.
  Optionals Hollow{std::nullopt, std::vector<std::int32_t>{}, std::string(),
                   std::optional<std::optional<std::int32_t>>(std::in_place)};
  REQUIRE(Hollow.twice.has_value());
  REQUIRE(!Hollow.twice->has_value());
  CHECK(json(Hollow) == "{\"cell\":null,\"list\":[],\"text\":\"\",\"twice\":null}");
}

TEST_CASE("arrays of optionals") {
  ArrayOfOptionals A{{1, std::nullopt, 3, std::nullopt}, {Cell{1, 2}, std::nullopt}};
  CHECK(json(A) == "{\"slots\":[1,null,3,null],\"cells\":[{\"row\":1,\"col\":2},null]}");
  ArrayOfOptionals Empty{};
  CHECK(json(Empty) == "{\"slots\":[null,null,null,null],\"cells\":[null,null]}");
}

TEST_CASE("vectors of optionals") {
  VectorOfOptionals V{{"a", std::nullopt, ""}, {std::nullopt, Cell{-1, -2}}};
  CHECK(json(V) == "{\"names\":[\"a\",null,\"\"],\"cells\":[null,{\"row\":-1,\"col\":-2}]}");
}

TEST_CASE("grids: vectors and arrays of each other") {
  Grid G{{{1, 2, 3}, {}, {4}}, {{{1, 2}, {3, 4}, {5, 6}}}, {{0.5, 1.5}, {-1, 100}}};
  CHECK(json(G) == "{\"rows\":[[1,2,3],[],[4]],\"fixed\":[[1,2],[3,4],[5,6]],"
                   "\"pairs\":[[0.5,1.5],[-1,100]]}");
}

TEST_CASE("vectors and arrays of structs") {
  CellLists L{{{0, 0}, {1, 1}, {2, 4}}, {{{-1, -1}, {9, 9}}}};
  CHECK(json(L) == "{\"cells\":[{\"row\":0,\"col\":0},{\"row\":1,\"col\":1},{\"row\":2,\"col\":4}],"
                   "\"corners\":[{\"row\":-1,\"col\":-1},{\"row\":9,\"col\":9}]}");
}

TEST_CASE("odd element sizes") {
  OddLists L{{{1, 2}, {3, 65535}}, {{{255, 0}, {0, 1}, {7, 8}}}, {0, 255, 9}};
  CHECK(json(L) == "{\"odds\":[{\"a\":1,\"b\":2},{\"a\":3,\"b\":65535}],"
                   "\"three\":[{\"a\":255,\"b\":0},{\"a\":0,\"b\":1},{\"a\":7,\"b\":8}],"
                   "\"bytes\":[0,255,9]}");
}

TEST_CASE("large vectors make the buffer grow") {
  std::vector<std::int64_t> Numbers(100000);
  std::string Expected = "[";
  for (std::size_t I = 0; I < Numbers.size(); ++I) {
    Numbers[I] = static_cast<std::int64_t>(I * I) - 5000000000LL;
    if (I)
      Expected += ',';
    Expected += std::to_string(Numbers[I]);
  }
  Expected += ']';
  CHECK(json(Numbers) == Expected);

  std::vector<Cell> Cells(30000);
  std::string ExpectedCells = "[";
  for (std::size_t I = 0; I < Cells.size(); ++I) {
    Cells[I] = Cell{static_cast<std::int32_t>(I), -static_cast<std::int32_t>(I)};
    if (I)
      ExpectedCells += ',';
    ExpectedCells += "{\"row\":" + std::to_string(I) + ",\"col\":" +
                     std::to_string(-static_cast<std::int32_t>(I)) + "}";
  }
  ExpectedCells += ']';
  CHECK(json(Cells) == ExpectedCells);
}

TEST_CASE("a vector that is a slice of capacity") {
  // Only size() elements are written, not the reserved capacity.
  std::vector<std::int32_t> V;
  V.reserve(100);
  V.push_back(1);
  V.push_back(2);
  CHECK(json(V) == "[1,2]");
  V.pop_back();
  CHECK(json(V) == "[1]");
  V.clear();
  CHECK(json(V) == "[]");
}
