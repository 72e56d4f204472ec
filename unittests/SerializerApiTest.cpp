// The public API: Serializer::get identity per option set, serializeTo appending, toJson, compile counting.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using jitson::Options;
using jitson::Serializer;
using jitson::Status;
using jitson::detail::programsCompiled;

namespace {

struct ApiPoint {
  std::int32_t x;
  std::int32_t y;
};

// Each of these is used by exactly one test case below, so its first get()
// is known to compile.
struct CountedOnce {
  std::int32_t a;
  std::vector<ApiPoint> b;
};

struct CountedWithOptions {
  std::optional<std::int32_t> c;
};

struct IdentityOnly {
  double d;
};

struct AppendOnly {
  std::string s;
  std::int32_t n;
};

// Same name as a type in StructNestingTest.cpp (both in anonymous
// namespaces): distinct types whose descriptions share a name.
struct SameName {
  std::string fromSerializerApiTest;
  double other;
};

Options depth(std::uint32_t MaxDepth) {
  Options O;
  O.maxDepth = MaxDepth;
  return O;
}

/// An option set that changes the program of a type with optional members
/// (options that change nothing for a type share its program).
Options omitNull() {
  Options O;
  O.omitNull = true;
  return O;
}

} // namespace

TEST_CASE("get() returns one process-wide serializer per option set") {
  const Serializer<IdentityOnly>& A = Serializer<IdentityOnly>::get();
  const Serializer<IdentityOnly>& B = Serializer<IdentityOnly>::get();
  CHECK(&A == &B);
  CHECK(&Serializer<IdentityOnly>::get(Options{}) == &A);
  CHECK(A.options() == Options{});
  CHECK(A.options().maxDepth == 1000);

  const Serializer<IdentityOnly>& Five = Serializer<IdentityOnly>::get(depth(5));
  CHECK(&Five != &A);
  CHECK(&Serializer<IdentityOnly>::get(depth(5)) == &Five);
  CHECK(Five.options().maxDepth == 5);

  const Serializer<IdentityOnly>& Six = Serializer<IdentityOnly>::get(depth(6));
  CHECK(&Six != &Five);
  CHECK(&Six != &A);
  CHECK(&Serializer<IdentityOnly>::get(depth(5)) == &Five);
  CHECK(&Serializer<IdentityOnly>::get(depth(1000)) == &A);

  CHECK(A.status().ok());
  CHECK(Five.status().ok());
  CHECK(A.serialize(IdentityOnly{0.5}) == "{\"d\":0.5}");
  CHECK(Five.serialize(IdentityOnly{0.5}) == "{\"d\":0.5}");
  CHECK(Six.serialize(IdentityOnly{-0.0}) == "{\"d\":-0}");
}

TEST_CASE("the first get() compiles once, later ones do not") {
  std::uint64_t Before = programsCompiled();
  const Serializer<CountedOnce>& S = Serializer<CountedOnce>::get();
  CHECK(programsCompiled() - Before == 1);
  CHECK(S.serialize(CountedOnce{1, {{2, 3}}}) == "{\"a\":1,\"b\":[{\"x\":2,\"y\":3}]}");
  (void)Serializer<CountedOnce>::get();
  (void)Serializer<CountedOnce>::get(Options{});
  CHECK(S.serialize(CountedOnce{4, {}}) == "{\"a\":4,\"b\":[]}");
  CHECK(jitson::toJson(CountedOnce{5, {}}) == "{\"a\":5,\"b\":[]}");
  CHECK(programsCompiled() - Before == 1);
}

TEST_CASE("each distinct option set compiles its own program, once") {
  std::uint64_t Before = programsCompiled();
  const auto& Plain = Serializer<CountedWithOptions>::get();
  CHECK(programsCompiled() - Before == 1);
  const auto& Seven = Serializer<CountedWithOptions>::get(omitNull());
  CHECK(programsCompiled() - Before == 2);
  CHECK(&Seven != &Plain);
  CHECK(&Serializer<CountedWithOptions>::get(omitNull()) == &Seven);
  CHECK(programsCompiled() - Before == 2);
  CHECK(jitson::toJson(CountedWithOptions{3}, omitNull()) == "{\"c\":3}");
  CHECK(jitson::toJson(CountedWithOptions{std::nullopt}) == "{\"c\":null}");
  CHECK(programsCompiled() - Before == 2);
}

TEST_CASE("serializeTo appends") {
  const Serializer<AppendOnly>& S = Serializer<AppendOnly>::get();
  std::string Out = "prefix";
  Status St = S.serializeTo(AppendOnly{"a", 1}, Out);
  CHECK(St.ok());
  CHECK(static_cast<bool>(St));
  CHECK(St.code() == jitson::ErrorCode::Ok);
  CHECK(Out == "prefix{\"s\":\"a\",\"n\":1}");

  St = S.serializeTo(AppendOnly{"b", 2}, Out);
  CHECK(St.ok());
  CHECK(Out == "prefix{\"s\":\"a\",\"n\":1}{\"s\":\"b\",\"n\":2}");

  std::string Empty;
  CHECK(S.serializeTo(AppendOnly{"", 0}, Empty).ok());
  CHECK(Empty == "{\"s\":\"\",\"n\":0}");

  // A long prefix and a prefix with spare capacity.
  std::string Long(100000, 'p');
  CHECK(S.serializeTo(AppendOnly{"x", -1}, Long).ok());
  CHECK(Long == std::string(100000, 'p') + "{\"s\":\"x\",\"n\":-1}");
  std::string Reserved = "r";
  Reserved.reserve(4096);
  CHECK(S.serializeTo(AppendOnly{"y", 2}, Reserved).ok());
  CHECK(Reserved == "r{\"s\":\"y\",\"n\":2}");

  // A prefix holding NUL bytes and other binary data is kept as it is.
  std::string Binary("\0\xff\x01", 3);
  CHECK(S.serializeTo(AppendOnly{"z", 3}, Binary).ok());
  CHECK(Binary == std::string("\0\xff\x01", 3) + "{\"s\":\"z\",\"n\":3}");
}

TEST_CASE("serializeTo into the string being serialized") {
  std::string S = "self\"";
  CHECK(Serializer<std::string>::get().serializeTo(S, S).ok());
  CHECK(S == "self\"\"self\\\"\"");
  std::string Long(5000, 'L');
  CHECK(Serializer<std::string>::get().serializeTo(Long, Long).ok());
  CHECK(Long == std::string(5000, 'L') + "\"" + std::string(5000, 'L') + "\"");
}

TEST_CASE("serializeTo appends many values into one buffer") {
  const Serializer<ApiPoint>& S = Serializer<ApiPoint>::get();
  std::string Out;
  std::string Expected;
  for (std::int32_t I = 0; I < 5000; ++I) {
    REQUIRE(S.serializeTo(ApiPoint{I, -I}, Out).ok());
    Expected += "{\"x\":" + std::to_string(I) + ",\"y\":" + std::to_string(-I) + "}";
  }
  CHECK(Out == Expected);
}

TEST_CASE("serialize and toJson agree") {
  ApiPoint P{3, -4};
  CHECK(Serializer<ApiPoint>::get().serialize(P) == "{\"x\":3,\"y\":-4}");
  CHECK(jitson::toJson(P) == "{\"x\":3,\"y\":-4}");
  CHECK(jitson::toJson(P, depth(3)) == "{\"x\":3,\"y\":-4}");
  std::string Out;
  CHECK(Serializer<ApiPoint>::get().serializeTo(P, Out).ok());
  CHECK(Out == jitson::toJson(P));
}

TEST_CASE("top-level values of every kind") {
  CHECK(jitson::toJson(std::int32_t{-5}) == "-5");
  CHECK(jitson::toJson(true) == "true");
  CHECK(jitson::toJson(2.5) == "2.5");
  CHECK(jitson::toJson(2.5f) == "2.5");
  CHECK(jitson::toJson(std::string("s")) == "\"s\"");
  CHECK(jitson::toJson(std::string_view("v")) == "\"v\"");
  CHECK(jitson::toJson(std::vector<std::int32_t>{1}) == "[1]");
  CHECK(jitson::toJson(std::array<std::int32_t, 2>{1, 2}) == "[1,2]");
  CHECK(jitson::toJson(std::optional<std::int32_t>{}) == "null");
  CHECK(jitson::toJson(std::optional<std::int32_t>{4}) == "4");
}

TEST_CASE("types with the same name in different anonymous namespaces") {
  CHECK(jitson::toJson(SameName{"api", 0.5}) == "{\"fromSerializerApiTest\":\"api\",\"other\":0.5}");
}
