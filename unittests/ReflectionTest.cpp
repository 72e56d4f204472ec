// Reflection: describe<T>() member names, offsets, kinds and standard-library layouts.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using jitson::detail::describe;
using jitson::detail::MemberDesc;
using jitson::detail::StringFlavor;
using jitson::detail::TypeDesc;
using jitson::detail::TypeKind;

namespace jitsontest::reflection {

struct Names {
  std::int32_t x;
  double _private_like;
  std::uint8_t camelCase;
  std::int64_t with123digits;
  bool b;
  float UpperCamel;
  std::int16_t snake_case_name;
};

namespace outer::inner {
struct Namespaced {
  std::int32_t first;
  struct Nested {
    float deep;
    std::uint8_t tail;
  } nested;
  std::uint64_t last;
};
} // namespace outer::inner

struct Part {
  std::uint8_t tag;
  double value;
};

struct Composite {
  std::uint8_t lead;
  Part part;
  std::int16_t mid;
  outer::inner::Namespaced ns;
};

struct WithLibraryTypes {
  std::string str;
  std::string_view view;
  std::vector<Part> parts;
  std::array<std::int32_t, 3> triple;
  std::optional<Part> maybe;
  bool flag;
};

template <class T> struct Wrapper {
  T value;
  std::int32_t count;
};

struct EmptyOne {};

} // namespace jitsontest::reflection

namespace r = jitsontest::reflection;

namespace {

template <class S, class M> std::uint64_t offsetOfMember(const S& Object, const M& Member) {
  return static_cast<std::uint64_t>(reinterpret_cast<const unsigned char*>(&Member) -
                                    reinterpret_cast<const unsigned char*>(&Object));
}

std::vector<std::string> namesOf(const TypeDesc& D) {
  std::vector<std::string> Names;
  for (const MemberDesc& M : D.Members)
    Names.push_back(M.Name);
  return Names;
}

} // namespace

TEST_CASE("member names are spelled as declared") {
  const TypeDesc& D = describe<r::Names>();
  CHECK(D.Kind == TypeKind::Struct);
  CHECK(namesOf(D) == std::vector<std::string>{"x", "_private_like", "camelCase", "with123digits",
                                               "b", "UpperCamel", "snake_case_name"});
}

TEST_CASE("member offsets equal offsetof") {
  const TypeDesc& D = describe<r::Names>();
  REQUIRE(D.Members.size() == 7);
  CHECK(D.Members[0].Offset == offsetof(r::Names, x));
  CHECK(D.Members[1].Offset == offsetof(r::Names, _private_like));
  CHECK(D.Members[2].Offset == offsetof(r::Names, camelCase));
  CHECK(D.Members[3].Offset == offsetof(r::Names, with123digits));
  CHECK(D.Members[4].Offset == offsetof(r::Names, b));
  CHECK(D.Members[5].Offset == offsetof(r::Names, UpperCamel));
  CHECK(D.Members[6].Offset == offsetof(r::Names, snake_case_name));
  CHECK(D.Size == sizeof(r::Names));
  CHECK(D.Align == alignof(r::Names));

  const TypeDesc& C = describe<r::Composite>();
  REQUIRE(C.Members.size() == 4);
  CHECK(namesOf(C) == std::vector<std::string>{"lead", "part", "mid", "ns"});
  CHECK(C.Members[0].Offset == offsetof(r::Composite, lead));
  CHECK(C.Members[1].Offset == offsetof(r::Composite, part));
  CHECK(C.Members[2].Offset == offsetof(r::Composite, mid));
  CHECK(C.Members[3].Offset == offsetof(r::Composite, ns));
  CHECK(C.Size == sizeof(r::Composite));
}

TEST_CASE("member types link to their own descriptions") {
  const TypeDesc& D = describe<r::Names>();
  REQUIRE(D.Members.size() == 7);
  CHECK(D.Members[0].Type == &describe<std::int32_t>());
  CHECK(D.Members[1].Type == &describe<double>());
  CHECK(D.Members[2].Type == &describe<std::uint8_t>());
  CHECK(D.Members[3].Type == &describe<std::int64_t>());
  CHECK(D.Members[4].Type == &describe<bool>());
  CHECK(D.Members[5].Type == &describe<float>());
  CHECK(D.Members[6].Type == &describe<std::int16_t>());
  // describe<T>() is one object per type.
  CHECK(&describe<r::Names>() == &D);
  CHECK(&describe<const r::Names>() == &D);
}

TEST_CASE("structs inside namespaces and structs nested as members") {
  const TypeDesc& D = describe<r::outer::inner::Namespaced>();
  CHECK(D.Name == "jitsontest::reflection::outer::inner::Namespaced");
  CHECK(namesOf(D) == std::vector<std::string>{"first", "nested", "last"});
  REQUIRE(D.Members.size() == 3);
  CHECK(D.Members[0].Offset == offsetof(r::outer::inner::Namespaced, first));
  CHECK(D.Members[1].Offset == offsetof(r::outer::inner::Namespaced, nested));
  CHECK(D.Members[2].Offset == offsetof(r::outer::inner::Namespaced, last));

  const TypeDesc* Nested = D.Members[1].Type;
  REQUIRE(Nested != nullptr);
  CHECK(Nested == &describe<r::outer::inner::Namespaced::Nested>());
  CHECK(Nested->Kind == TypeKind::Struct);
  CHECK(Nested->Name == "jitsontest::reflection::outer::inner::Namespaced::Nested");
  CHECK(namesOf(*Nested) == std::vector<std::string>{"deep", "tail"});
  REQUIRE(Nested->Members.size() == 2);
  CHECK(Nested->Members[0].Offset == offsetof(r::outer::inner::Namespaced::Nested, deep));
  CHECK(Nested->Members[1].Offset == offsetof(r::outer::inner::Namespaced::Nested, tail));

  const TypeDesc& C = describe<r::Composite>();
  REQUIRE(C.Members.size() == 4);
  CHECK(C.Members[1].Type == &describe<r::Part>());
  CHECK(C.Members[3].Type == &D);
  CHECK(namesOf(*C.Members[1].Type) == std::vector<std::string>{"tag", "value"});
}

TEST_CASE("class template aggregates") {
  const TypeDesc& D = describe<r::Wrapper<double>>();
  CHECK(namesOf(D) == std::vector<std::string>{"value", "count"});
  REQUIRE(D.Members.size() == 2);
  CHECK(D.Members[0].Offset == offsetof(r::Wrapper<double>, value));
  CHECK(D.Members[1].Offset == offsetof(r::Wrapper<double>, count));
  const TypeDesc& W = describe<r::Wrapper<r::Part>>();
  CHECK(namesOf(W) == std::vector<std::string>{"value", "count"});
  CHECK(W.Members[0].Type == &describe<r::Part>());
  CHECK(jitson::toJson(r::Wrapper<r::Part>{{1, 0.5}, 2}) ==
        "{\"value\":{\"tag\":1,\"value\":0.5},\"count\":2}");
}

TEST_CASE("empty structs have no members") {
  const TypeDesc& D = describe<r::EmptyOne>();
  CHECK(D.Kind == TypeKind::Struct);
  CHECK(D.Members.empty());
  CHECK(D.Size == sizeof(r::EmptyOne));
}

TEST_CASE("scalar kinds") {
  auto CheckInt = [](const TypeDesc& D, unsigned Bits, bool Signed) {
    CHECK(D.Kind == TypeKind::Int);
    CHECK(D.Bits == Bits);
    CHECK(D.IsSigned == Signed);
    CHECK(D.Size == Bits / 8);
  };
  CheckInt(describe<std::int8_t>(), 8, true);
  CheckInt(describe<std::uint8_t>(), 8, false);
  CheckInt(describe<std::int16_t>(), 16, true);
  CheckInt(describe<std::uint16_t>(), 16, false);
  CheckInt(describe<std::int32_t>(), 32, true);
  CheckInt(describe<std::uint32_t>(), 32, false);
  CheckInt(describe<std::int64_t>(), 64, true);
  CheckInt(describe<std::uint64_t>(), 64, false);
  CHECK(describe<bool>().Kind == TypeKind::Bool);
  CHECK(describe<bool>().Size == 1);
  CHECK(describe<float>().Kind == TypeKind::Float);
  CHECK(describe<float>().Bits == 32);
  CHECK(describe<double>().Kind == TypeKind::Float);
  CHECK(describe<double>().Bits == 64);
}

TEST_CASE("standard-library kinds and their links") {
  const TypeDesc& D = describe<r::WithLibraryTypes>();
  CHECK(namesOf(D) == std::vector<std::string>{"str", "view", "parts", "triple", "maybe", "flag"});
  r::WithLibraryTypes Object{};
  REQUIRE(D.Members.size() == 6);
  CHECK(D.Members[0].Offset == offsetOfMember(Object, Object.str));
  CHECK(D.Members[1].Offset == offsetOfMember(Object, Object.view));
  CHECK(D.Members[2].Offset == offsetOfMember(Object, Object.parts));
  CHECK(D.Members[3].Offset == offsetOfMember(Object, Object.triple));
  CHECK(D.Members[4].Offset == offsetOfMember(Object, Object.maybe));
  CHECK(D.Members[5].Offset == offsetOfMember(Object, Object.flag));

  const TypeDesc& Str = *D.Members[0].Type;
  CHECK(Str.Kind == TypeKind::String);
  CHECK(Str.Flavor == StringFlavor::StdString);
  CHECK(Str.LayoutError.empty());
  const TypeDesc& View = *D.Members[1].Type;
  CHECK(View.Kind == TypeKind::String);
  CHECK(View.Flavor == StringFlavor::StdStringView);
  CHECK(View.LayoutError.empty());

  const TypeDesc& Parts = *D.Members[2].Type;
  CHECK(Parts.Kind == TypeKind::Vector);
  CHECK(Parts.Element == &describe<r::Part>());
  CHECK(Parts.LayoutError.empty());

  const TypeDesc& Triple = *D.Members[3].Type;
  CHECK(Triple.Kind == TypeKind::Array);
  CHECK(Triple.Count == 3);
  CHECK(Triple.Element == &describe<std::int32_t>());
  CHECK(Triple.Size == sizeof(std::array<std::int32_t, 3>));

  const TypeDesc& Maybe = *D.Members[4].Type;
  CHECK(Maybe.Kind == TypeKind::Optional);
  CHECK(Maybe.Element == &describe<r::Part>());
  CHECK(Maybe.LayoutError.empty());
  CHECK(Maybe.Size == sizeof(std::optional<r::Part>));

  CHECK(D.Members[5].Type->Kind == TypeKind::Bool);
}

TEST_CASE("probed layouts match live objects") {
  SUBCASE("std::string, short and long") {
    const TypeDesc& D = describe<std::string>();
    REQUIRE(D.LayoutError.empty());
    for (const std::string& S : {std::string(), std::string("ab"), std::string(100, 'l')}) {
      const char* Data;
      std::size_t Size;
      std::memcpy(&Data, reinterpret_cast<const char*>(&S) + D.DataOffset, sizeof Data);
      std::memcpy(&Size, reinterpret_cast<const char*>(&S) + D.SizeOffset, sizeof Size);
      CHECK(Data == S.data());
      CHECK(Size == S.size());
    }
  }
  SUBCASE("std::string_view") {
    const TypeDesc& D = describe<std::string_view>();
    REQUIRE(D.LayoutError.empty());
    std::string_view V = "hello";
    const char* Data;
    std::size_t Size;
    std::memcpy(&Data, reinterpret_cast<const char*>(&V) + D.DataOffset, sizeof Data);
    std::memcpy(&Size, reinterpret_cast<const char*>(&V) + D.SizeOffset, sizeof Size);
    CHECK(Data == V.data());
    CHECK(Size == 5);
  }
  SUBCASE("std::vector") {
    const TypeDesc& D = describe<std::vector<double>>();
    REQUIRE(D.LayoutError.empty());
    std::vector<double> V{1, 2, 3};
    V.reserve(10);
    const double* Begin;
    const double* End;
    std::memcpy(&Begin, reinterpret_cast<const char*>(&V) + D.BeginOffset, sizeof Begin);
    std::memcpy(&End, reinterpret_cast<const char*>(&V) + D.EndOffset, sizeof End);
    CHECK(Begin == V.data());
    CHECK(End == V.data() + 3);
  }
  SUBCASE("std::optional") {
    const TypeDesc& D = describe<std::optional<std::int32_t>>();
    REQUIRE(D.LayoutError.empty());
    std::optional<std::int32_t> Engaged = 12345;
    std::optional<std::int32_t> Empty;
    std::int32_t Payload;
    std::memcpy(&Payload, reinterpret_cast<const char*>(&Engaged) + D.PayloadOffset,
                sizeof Payload);
    CHECK(Payload == 12345);
    CHECK(reinterpret_cast<const unsigned char*>(&Engaged)[D.FlagOffset] == 1);
    CHECK(reinterpret_cast<const unsigned char*>(&Empty)[D.FlagOffset] == 0);
    CHECK((D.FlagOffset < D.PayloadOffset || D.FlagOffset >= D.PayloadOffset + 4));
  }
}

TEST_CASE("reflected names become JSON keys") {
  r::Names N{1, 2.5, 3, 4, true, 0.5f, -6};
  CHECK(jitson::toJson(N) == "{\"x\":1,\"_private_like\":2.5,\"camelCase\":3,\"with123digits\":4,"
                             "\"b\":true,\"UpperCamel\":0.5,\"snake_case_name\":-6}");
  r::outer::inner::Namespaced Ns{7, {0.25f, 8}, 9};
  CHECK(jitson::toJson(Ns) == "{\"first\":7,\"nested\":{\"deep\":0.25,\"tail\":8},\"last\":9}");
}

namespace {
struct NeedsArgument {
  explicit NeedsArgument(int) {}
};
struct CountMixed {
  std::int32_t a;
  NeedsArgument b; // no default constructor: T{} alone is ill-formed
  std::int32_t c;
};
struct CountArrays {
  std::array<std::string, 2> names;
  std::array<std::optional<std::string>, 3> maybe;
  std::int32_t tail;
};
struct CountNested {
  CountArrays inner;
  std::vector<CountArrays> many;
};
} // namespace

TEST_CASE("member counts, including members that block default initialization") {
  CHECK(jitson::detail::MemberCount<CountMixed> == 3);
  CHECK(jitson::detail::MemberCount<CountArrays> == 3);
  CHECK(jitson::detail::MemberCount<CountNested> == 2);
  CountArrays V{{"a", "b"}, {std::nullopt, "c", std::nullopt}, 7};
  CHECK(jitson::toJson(V) == R"({"names":["a","b"],"maybe":[null,"c",null],"tail":7})");
}
