// Custom hooks: jitson::Serialize<T> and jitson::Writer, for private members, base classes, failures and misuse.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using jitson::ErrorCode;
using jitson::Serializer;
using jitson::Status;
using jitsontest::json;

namespace hooktest {

/// Private members: invisible to reflection.
class Money {
public:
  Money() = default; // containers and optionals of it need one
  Money(std::int64_t Cents, std::string Currency) : Cents(Cents), Currency(std::move(Currency)) {}
  std::int64_t cents() const { return Cents; }
  const std::string& currency() const { return Currency; }

private:
  std::int64_t Cents = 0;
  std::string Currency;
};

/// A public base class: Boost.PFR cannot see the base's members.
struct Entity {
  std::int32_t id;
};
struct User : Entity {
  std::string name;
};

struct HookPoint {
  double x, y;
};

/// Every Writer call, driven by its fields.
struct AllCalls {
  std::int32_t unused;
};

/// Writes a nested jitson value through W.value.
struct Wrapper {
  std::vector<HookPoint> points;
  std::optional<Money> price;
};

/// Misbehaves as told.
struct Misuse {
  int how;
};

/// Throws as told.
struct Fragile {
  int how;
};

struct Order {
  std::int32_t id;
  Money price;
  std::vector<Money> extras;
  std::optional<Money> discount;
  std::map<std::string, Money> byName;
};

struct FragileHolder {
  std::vector<Fragile> items;
};

struct UserList {
  std::vector<User> users;
};

} // namespace hooktest

template <> struct jitson::Serialize<hooktest::Money> {
  static void write(jitson::Writer& W, const hooktest::Money& M) {
    W.beginObject();
    W.key("cents");
    W.number(M.cents());
    W.key("currency");
    W.string(M.currency());
    W.endObject();
  }
};

template <> struct jitson::Serialize<hooktest::User> {
  static void write(jitson::Writer& W, const hooktest::User& U) {
    W.beginObject();
    W.key("id");
    W.number(U.id);
    W.key("name");
    W.string(U.name);
    W.endObject();
  }
};

template <> struct jitson::Serialize<hooktest::AllCalls> {
  static void write(jitson::Writer& W, const hooktest::AllCalls&) {
    W.beginArray();
    W.null();
    W.boolean(true);
    W.boolean(false);
    W.number(std::int64_t{-9223372036854775807LL - 1});
    W.number(std::uint64_t{18446744073709551615ULL});
    W.number(0.1);
    W.number(-0.0);
    W.number(1e21);
    W.number(2.5f);
    W.number(static_cast<std::int8_t>(-8));
    W.number(static_cast<std::uint16_t>(65535));
    W.number(7); // int
    W.string("q\"\\\n\x01");
    W.string("");
    W.raw("{\"r\":[1]}");
    W.raw("");
    W.beginObject();
    W.endObject();
    W.beginArray();
    W.endArray();
    W.beginObject();
    W.key("k\"");
    W.beginArray();
    W.number(1);
    W.beginObject();
    W.key("a");
    W.null();
    W.key("b");
    W.beginArray();
    W.endArray();
    W.endObject();
    W.endArray();
    W.key("");
    W.string("e");
    W.endObject();
    W.endArray();
  }
};

template <> struct jitson::Serialize<hooktest::Wrapper> {
  static void write(jitson::Writer& W, const hooktest::Wrapper& V) {
    W.beginObject();
    W.key("points");
    W.value(V.points);
    W.key("price");
    W.value(V.price);
    W.key("first");
    if (V.points.empty())
      W.null();
    else
      W.value(V.points.front());
    W.endObject();
  }
};

template <> struct jitson::Serialize<hooktest::Misuse> {
  static void write(jitson::Writer& W, const hooktest::Misuse& M) {
    switch (M.how) {
    case 0: // fine
      W.number(0);
      break;
    case 1: // a key outside an object
      W.key("k");
      W.number(1);
      break;
    case 2: // a key in an array
      W.beginArray();
      W.key("k");
      W.endArray();
      break;
    case 3: // a value without a key
      W.beginObject();
      W.number(1);
      W.endObject();
      break;
    case 4: // ends what it did not begin
      W.beginArray();
      W.endObject();
      break;
    case 5: // an end without a begin
      W.endArray();
      break;
    case 6: // two top-level values
      W.number(1);
      W.number(2);
      break;
    case 7: // no value
      break;
    case 8: // left open
      W.beginObject();
      W.key("a");
      W.number(1);
      break;
    case 9: // a key without its value
      W.beginObject();
      W.key("a");
      W.endObject();
      break;
    case 10: // NaN
      W.number(std::numeric_limits<double>::quiet_NaN());
      break;
    case 11: { // a nested jitson value that fails
      hooktest::HookPoint P{std::numeric_limits<double>::infinity(), 0};
      W.value(P);
      break;
    }
    }
  }
};

template <> struct jitson::Serialize<hooktest::Fragile> {
  static void write(jitson::Writer& W, const hooktest::Fragile& F) {
    W.beginObject();
    W.key("how");
    W.number(F.how);
    if (F.how == 1)
      throw std::runtime_error("fragile broke");
    if (F.how == 2)
      throw 42;
    W.endObject();
  }
};

using namespace hooktest;

TEST_CASE("a hook writes a class with private members") {
  CHECK(json(Money{1250, "EUR"}) == "{\"cents\":1250,\"currency\":\"EUR\"}");
  CHECK(json(Money{-1, "a\"b"}) == "{\"cents\":-1,\"currency\":\"a\\\"b\"}");
  Order O{7,
          Money{100, "USD"},
          {Money{1, "X"}, Money{2, "Y"}},
          std::nullopt,
          {{"tip", Money{5, "Z"}}}};
  CHECK(json(O) == "{\"id\":7,\"price\":{\"cents\":100,\"currency\":\"USD\"},"
                   "\"extras\":[{\"cents\":1,\"currency\":\"X\"},{\"cents\":2,\"currency\":\"Y\"}],"
                   "\"discount\":null,\"byName\":{\"tip\":{\"cents\":5,\"currency\":\"Z\"}}}");
  O.discount = Money{3, "D"};
  O.extras.clear();
  CHECK(json(O) == "{\"id\":7,\"price\":{\"cents\":100,\"currency\":\"USD\"},\"extras\":[],"
                   "\"discount\":{\"cents\":3,\"currency\":\"D\"},"
                   "\"byName\":{\"tip\":{\"cents\":5,\"currency\":\"Z\"}}}");
}

TEST_CASE("a hook covers a type with a public base class") {
  User U;
  U.id = 3;
  U.name = "ann";
  CHECK(json(U) == "{\"id\":3,\"name\":\"ann\"}");
  UserList L{{U, U}};
  L.users[1].id = 4;
  CHECK(json(L) == "{\"users\":[{\"id\":3,\"name\":\"ann\"},{\"id\":4,\"name\":\"ann\"}]}");
}

TEST_CASE("every Writer call") {
  CHECK(json(AllCalls{}) ==
        "[null,true,false,-9223372036854775808,18446744073709551615,0.1,-0,1e21,2.5,-8,65535,7,"
        "\"q\\\"\\\\\\n\\u0001\",\"\",{\"r\":[1]},null,{},[],"
        "{\"k\\\"\":[1,{\"a\":null,\"b\":[]}],\"\":\"e\"}]");
}

TEST_CASE("W.value writes nested values with jitson's generated code") {
  Wrapper W{{{1, 2}, {0.5, -3}}, Money{9, "M"}};
  CHECK(json(W) == "{\"points\":[{\"x\":1,\"y\":2},{\"x\":0.5,\"y\":-3}],"
                   "\"price\":{\"cents\":9,\"currency\":\"M\"},\"first\":{\"x\":1,\"y\":2}}");
  CHECK(json(Wrapper{}) == "{\"points\":[],\"price\":null,\"first\":null}");
  CHECK(json(std::vector<Wrapper>{Wrapper{}, Wrapper{}}) ==
        "[{\"points\":[],\"price\":null,\"first\":null},"
        "{\"points\":[],\"price\":null,\"first\":null}]");
}

TEST_CASE("a throwing hook fails with HookFailed and its message") {
  const Serializer<FragileHolder>& S = Serializer<FragileHolder>::get();
  std::string Out = "untouched";
  Status St = S.serializeTo(FragileHolder{{{0}, {1}, {0}}}, Out);
  CHECK(St.code() == ErrorCode::HookFailed);
  CHECK(St.message().find("fragile broke") != std::string::npos);
  CHECK(St.path() == ".items[1]");
  CHECK(Out == "untouched");
  // The next call is fine, and the message does not stick.
  CHECK(S.serialize(FragileHolder{{{0}, {3}}}) == "{\"items\":[{\"how\":0},{\"how\":3}]}");
  St = S.serializeTo(FragileHolder{{{2}}}, Out);
  CHECK(St.code() == ErrorCode::HookFailed);
  CHECK(St.message().find("fragile broke") == std::string::npos);
  CHECK(St.message().find("not a std::exception") != std::string::npos);
  CHECK(Out == "untouched");
  bool Threw = false;
  try {
    (void)jitson::toJson(Fragile{1});
  } catch (const jitson::Error& E) {
    Threw = true;
    CHECK(E.code() == ErrorCode::HookFailed);
    CHECK(std::string(E.what()).find("fragile broke") != std::string::npos);
  }
  CHECK(Threw);
  CHECK(json(Fragile{5}) == "{\"how\":5}");
}

TEST_CASE("Writer misuse fails the serialization") {
  const Serializer<Misuse>& S = Serializer<Misuse>::get();
  CHECK(S.serialize(Misuse{0}) == "0");
  struct Case {
    int How;
    ErrorCode Code;
    const char* Words;
  };
  const Case Cases[] = {
      {1, ErrorCode::HookFailed, "key outside an object"},
      {2, ErrorCode::HookFailed, "key outside an object"},
      {3, ErrorCode::HookFailed, "without a key"},
      {4, ErrorCode::HookFailed, "did not begin"},
      {5, ErrorCode::HookFailed, "did not begin"},
      {6, ErrorCode::HookFailed, "two values"},
      {7, ErrorCode::HookFailed, "no value"},
      {8, ErrorCode::HookFailed, "left an object or array open"},
      {9, ErrorCode::HookFailed, ""},
      {10, ErrorCode::NonFiniteNumber, ""},
      {11, ErrorCode::NonFiniteNumber, ""},
  };
  for (const Case& C : Cases) {
    CAPTURE(C.How);
    std::string Out = "prefix";
    Status St = S.serializeTo(Misuse{C.How}, Out);
    CHECK(St.code() == C.Code);
    CHECK(St.message().find(C.Words) != std::string::npos);
    CHECK(Out == "prefix");
    CHECK(S.serialize(Misuse{0}) == "0");
  }
  // Inside a container the path names the element.
  std::string Out;
  Status St = Serializer<std::vector<Misuse>>::get().serializeTo({{0}, {0}, {6}}, Out);
  CHECK(St.code() == ErrorCode::HookFailed);
  CHECK(St.path() == "[2]");
  CHECK(Out.empty());
}
