// Enums (scoped, unscoped, with and without names), std::variant, std::tuple and std::pair.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <list>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

using jitsontest::json;

namespace {

enum class Suit : std::int8_t { Clubs = -1, Diamonds = 0, Hearts = 1, Spades = 2 };
enum class Wide : std::uint64_t { Zero = 0, Big = 18446744073709551615ULL };
enum class Wide32 : std::int32_t { Low = -100, High = 100 };
enum Unscoped : std::uint16_t { UnscopedA = 1, UnscopedB = 2 };
enum Legacy { LegacyFirst, LegacySecond }; // unscoped, no fixed underlying type

struct Card {
  Suit suit;
  Unscoped kind;
  std::vector<Suit> others;
};

struct VarPoint {
  std::int32_t x, y;
};

using Everything = std::variant<std::monostate, bool, std::int32_t, double, std::string,
                                VarPoint, std::vector<std::int32_t>>;

struct VariantHolder {
  std::variant<std::int32_t, double> v;
};

struct TupleHolder {
  std::tuple<std::int32_t, double> t;
};

struct NullMember {
  std::nullptr_t nothing;
  std::int32_t after;
};

struct WithVariant {
  std::variant<std::int32_t, std::string> id;
  std::optional<std::variant<double, bool>> maybe;
};

struct WithTuple {
  std::pair<std::string, std::int32_t> entry;
  std::tuple<> nothing;
  std::tuple<bool, std::tuple<std::int8_t, std::uint8_t>> nested;
};

/// Throws while converting: emplacing through it leaves a variant valueless.
struct Thrower {
  operator std::list<std::int32_t>() const { throw 1; }
};

} // namespace

TEST_CASE("enums are their underlying integers by default") {
  CHECK(json(Suit::Clubs) == "-1");
  CHECK(json(Suit::Spades) == "2");
  CHECK(json(static_cast<Suit>(-128)) == "-128");
  CHECK(json(Wide::Big) == "18446744073709551615");
  CHECK(json(Wide32::Low) == "-100");
  CHECK(json(UnscopedB) == "2");
  CHECK(json(LegacySecond) == "1");
  CHECK(json(Card{Suit::Hearts, UnscopedA, {Suit::Diamonds, Suit::Clubs}}) ==
        "{\"suit\":1,\"kind\":1,\"others\":[0,-1]}");
}

TEST_CASE("enumsAsStrings writes names, unnamed values as integers") {
  jitson::Options Names;
  Names.enumsAsStrings = true;
  CHECK(json(Suit::Clubs, Names) == "\"Clubs\"");
  CHECK(json(Suit::Diamonds, Names) == "\"Diamonds\"");
  CHECK(json(static_cast<Suit>(100), Names) == "100");
  CHECK(json(static_cast<Suit>(-128), Names) == "-128");
  CHECK(json(Wide32::High, Names) == "\"High\"");
  CHECK(json(UnscopedB, Names) == "\"UnscopedB\"");
  CHECK(json(static_cast<Unscoped>(65535), Names) == "65535");
  CHECK(json(Card{Suit::Hearts, UnscopedA, {Suit::Spades, static_cast<Suit>(5)}}, Names) ==
        "{\"suit\":\"Hearts\",\"kind\":\"UnscopedA\",\"others\":[\"Spades\",5]}");
  CHECK(json(std::vector<Suit>{}, Names) == "[]");
}

TEST_CASE("enumsAsStrings: named values outside the default search range") {
  // Wide::Big is beyond EnumRange's default [-128, 127]: an integer (documented range).
  jitson::Options Names;
  Names.enumsAsStrings = true;
  CHECK(json(Wide::Zero, Names) == "\"Zero\"");
  CHECK(json(Wide::Big, Names) == "18446744073709551615");
}

// An unscoped enum without a fixed underlying type (the most common kind)
// gets names too.
TEST_CASE("enumsAsStrings names an unscoped enum without a fixed type") {
  jitson::Options Names;
  Names.enumsAsStrings = true;
  CHECK(json(LegacySecond, Names) == "\"LegacySecond\"");
}

TEST_CASE("std::variant writes the active alternative") {
  CHECK(json(Everything{}) == "null");
  CHECK(json(Everything{true}) == "true");
  CHECK(json(Everything{std::int32_t{-7}}) == "-7");
  CHECK(json(Everything{2.5}) == "2.5");
  CHECK(json(Everything{std::string("a\"b")}) == "\"a\\\"b\"");
  CHECK(json(Everything{VarPoint{1, 2}}) == "{\"x\":1,\"y\":2}");
  CHECK(json(Everything{std::vector<std::int32_t>{1, 2}}) == "[1,2]");
  CHECK(json(std::variant<std::int32_t, std::int64_t>{std::int64_t{1} << 40}) == "1099511627776");
  // Same type twice: the index decides, both write the value.
  CHECK(json(std::variant<std::int32_t, std::int32_t>{std::in_place_index<1>, 4}) == "4");
  CHECK(json(WithVariant{std::string("id"), std::nullopt}) == "{\"id\":\"id\",\"maybe\":null}");
  CHECK(json(WithVariant{3, std::variant<double, bool>{false}}) == "{\"id\":3,\"maybe\":false}");
  CHECK(json(std::vector<std::variant<std::int32_t, std::string>>{1, "x", 2}) == "[1,\"x\",2]");
}

// std::nullptr_t is 8 bytes (std::monostate 1): null either way.
TEST_CASE("std::nullptr_t is null, alone, as a member and as an alternative") {
  CHECK(json(nullptr) == "null");
  CHECK(json(NullMember{nullptr, 1}) == "{\"nothing\":null,\"after\":1}");
  CHECK(json(std::variant<std::int32_t, std::nullptr_t>{nullptr}) == "null");
  CHECK(json(std::variant<std::int32_t, std::nullptr_t>{3}) == "3");
}

TEST_CASE("a valueless variant is null") {
  std::variant<std::int32_t, std::list<std::int32_t>> V{5};
  try {
    V.emplace<std::list<std::int32_t>>(Thrower{});
  } catch (int) {
  }
  REQUIRE(V.valueless_by_exception());
  CHECK(json(V) == "null");
}

TEST_CASE("an error inside a variant names the variant member") {
  VariantHolder H{std::numeric_limits<double>::quiet_NaN()};
  std::string Out = "k";
  jitson::Status St = jitson::Serializer<VariantHolder>::get().serializeTo(H, Out);
  CHECK(St.code() == jitson::ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".v");
  CHECK(Out == "k");
}

TEST_CASE("std::tuple and std::pair are arrays") {
  CHECK(json(std::tuple<>{}) == "[]");
  CHECK(json(std::tuple<std::int32_t>{1}) == "[1]");
  CHECK(json(std::tuple<std::int32_t, std::string, bool, double>{1, "s", true, 0.5}) ==
        "[1,\"s\",true,0.5]");
  CHECK(json(std::pair<std::string, std::int32_t>{"k", 2}) == "[\"k\",2]");
  CHECK(json(std::pair<VarPoint, std::vector<std::int32_t>>{{1, 2}, {}}) ==
        "[{\"x\":1,\"y\":2},[]]");
  CHECK(json(WithTuple{{"e", 1}, {}, {true, {-1, 255}}}) ==
        "{\"entry\":[\"e\",1],\"nothing\":[],\"nested\":[true,[-1,255]]}");
  CHECK(json(std::vector<std::pair<std::int32_t, std::int32_t>>{{1, 2}, {3, 4}}) ==
        "[[1,2],[3,4]]");
}

TEST_CASE("an error inside a tuple names the element") {
  TupleHolder H{{1, std::numeric_limits<double>::infinity()}};
  std::string Out;
  jitson::Status St = jitson::Serializer<TupleHolder>::get().serializeTo(H, Out);
  CHECK(St.code() == jitson::ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".t[1]");
  CHECK(Out.empty());
}
