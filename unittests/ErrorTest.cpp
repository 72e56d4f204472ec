// Failures: NaN and infinities with their paths, the depth limit, Status and Error, and recovery afterwards.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using jitson::ErrorCode;
using jitson::Serializer;
using jitson::Status;
using jitsontest::json;

namespace {

struct ErrPoint {
  double x, y;
};

struct ErrShape {
  std::string name;
  std::vector<ErrPoint> points;
};

struct TwoNumbers {
  double a;
  float b;
};

struct OptionalNumber {
  std::int32_t before;
  std::optional<double> opt;
};

struct OptionalPoint {
  std::optional<ErrPoint> o;
};

struct Matrix {
  std::array<std::array<double, 3>, 2> m;
};

struct FloatRows {
  std::vector<std::vector<float>> vv;
};

struct OptionalSlots {
  std::array<std::optional<double>, 3> a;
};

struct ManyNumbers {
  std::string head;
  std::vector<double> v;
};

struct E6 { double leaf; };
struct E5 { std::array<E6, 3> v; };
struct E4 { std::optional<E5> o; };
struct E3 { std::vector<E4> a; };
struct E2 { E3 s; };
struct E1 { std::vector<E2> top; };

struct TreeNode {
  std::int32_t value;
  std::vector<TreeNode> children;
};

struct ValueTree {
  double x;
  std::vector<ValueTree> children;
};

/// A chain of Depth nodes whose last node holds Last.
ValueTree valueChain(int Depth, double Last) {
  ValueTree Root{0, {}};
  ValueTree* Tail = &Root;
  for (int I = 2; I <= Depth; ++I) {
    Tail->children.push_back(ValueTree{0, {}});
    Tail = &Tail->children.back();
  }
  Tail->x = Last;
  return Root;
}

TreeNode chain(int Depth) {
  TreeNode Root{1, {}};
  TreeNode* Last = &Root;
  for (int I = 2; I <= Depth; ++I) {
    Last->children.push_back(TreeNode{I, {}});
    Last = &Last->children.back();
  }
  return Root;
}

std::string chainJson(int Depth) {
  std::string Out;
  for (int I = 1; I <= Depth; ++I)
    Out += "{\"value\":" + std::to_string(I) + ",\"children\":[";
  for (int I = 1; I <= Depth; ++I)
    Out += "]}";
  return Out;
}

/// Destroys a long chain iteratively (the implicit destructor would recurse).
void dismantle(TreeNode& Root) {
  std::vector<TreeNode> Pending = std::move(Root.children);
  while (!Pending.empty()) {
    TreeNode Node = std::move(Pending.back());
    Pending.pop_back();
    for (TreeNode& Child : Node.children)
      Pending.push_back(std::move(Child));
    Node.children.clear();
  }
}

const double NonFiniteDoubles[] = {
    std::numeric_limits<double>::quiet_NaN(),
    -std::numeric_limits<double>::quiet_NaN(),
    std::numeric_limits<double>::signaling_NaN(),
    std::numeric_limits<double>::infinity(),
    -std::numeric_limits<double>::infinity(),
    jitsontest::fromBits<double>(std::uint64_t{0x7ff0000000000001ULL}),
    jitsontest::fromBits<double>(std::uint64_t{0xfff8000000000123ULL}),
    jitsontest::fromBits<double>(std::uint64_t{0x7fffffffffffffffULL}),
};

const float NonFiniteFloats[] = {
    std::numeric_limits<float>::quiet_NaN(),
    -std::numeric_limits<float>::quiet_NaN(),
    std::numeric_limits<float>::signaling_NaN(),
    std::numeric_limits<float>::infinity(),
    -std::numeric_limits<float>::infinity(),
    jitsontest::fromBits<float>(std::uint32_t{0x7f800001U}),
    jitsontest::fromBits<float>(std::uint32_t{0xffc00123U}),
};

/// Checks that Value fails with Code at Path through every entry point, that
/// nothing is written, and that the serializer then still writes Good as
/// GoodJson.
template <class T>
void checkFailure(const T& Value, ErrorCode Code, std::string_view Path, const T& Good,
                  std::string_view GoodJson, const jitson::Options& Opts = {}) {
  const Serializer<T>& S = Serializer<T>::get(Opts);
  REQUIRE(S.status().ok());

  bool Threw = false;
  try {
    (void)S.serialize(Value);
  } catch (const jitson::Error& E) {
    Threw = true;
    CHECK(E.code() == Code);
    CHECK(E.path() == Path);
    CHECK(E.status().code() == Code);
    CHECK(E.status().path() == Path);
    CHECK(std::string_view(E.what()).size() > 0);
  }
  CHECK(Threw);
  CHECK_THROWS_AS((void)S.serialize(Value), std::runtime_error);

  std::string Out;
  Status St = S.serializeTo(Value, Out);
  CHECK_FALSE(St.ok());
  CHECK_FALSE(static_cast<bool>(St));
  CHECK(St.code() == Code);
  CHECK(St.path() == Path);
  CHECK_FALSE(St.message().empty());
  if (Path.empty())
    CHECK(St.toString() == St.message());
  else
    CHECK(St.toString() == St.message() + " at " + std::string(Path));
  CHECK(Out.empty());

  std::string Prefilled = "prefix";
  Status St2 = S.serializeTo(Value, Prefilled);
  CHECK(St2.code() == Code);
  CHECK(Prefilled == "prefix");

  // The serializer is not poisoned by the failure.
  CHECK(S.serialize(Good) == GoodJson);
  Status St3 = S.serializeTo(Good, Prefilled);
  CHECK(St3.ok());
  CHECK(Prefilled == "prefix" + std::string(GoodJson));
}

} // namespace

TEST_CASE("non-finite top-level numbers have an empty path") {
  for (double D : NonFiniteDoubles) {
    CAPTURE(jitsontest::bitsOf(D));
    checkFailure(D, ErrorCode::NonFiniteNumber, "", 0.5, "0.5");
    checkFailure(std::optional<double>(D), ErrorCode::NonFiniteNumber, "",
                 std::optional<double>(), "null");
  }
  for (float F : NonFiniteFloats) {
    CAPTURE(jitsontest::bitsOf(F));
    checkFailure(F, ErrorCode::NonFiniteNumber, "", 0.1f, "0.1");
  }
}

TEST_CASE("non-finite members of a top-level struct") {
  for (double D : NonFiniteDoubles) {
    CAPTURE(jitsontest::bitsOf(D));
    checkFailure(TwoNumbers{D, 1}, ErrorCode::NonFiniteNumber, ".a", TwoNumbers{1, 2},
                 "{\"a\":1,\"b\":2}");
  }
  for (float F : NonFiniteFloats) {
    CAPTURE(jitsontest::bitsOf(F));
    checkFailure(TwoNumbers{1, F}, ErrorCode::NonFiniteNumber, ".b", TwoNumbers{1, 2},
                 "{\"a\":1,\"b\":2}");
  }
}

TEST_CASE("non-finite numbers in vector elements") {
  const double NaN = std::numeric_limits<double>::quiet_NaN();
  ErrShape Good{"ok", {{1, 2}}};
  const char* GoodJson = "{\"name\":\"ok\",\"points\":[{\"x\":1,\"y\":2}]}";

  ErrShape S{"s", {{0, 0}, {1, 1}, {2, 2}, {NaN, 3}, {4, 4}}};
  checkFailure(S, ErrorCode::NonFiniteNumber, ".points[3].x", Good, GoodJson);

  ErrShape First{"s", {{0, -std::numeric_limits<double>::infinity()}}};
  checkFailure(First, ErrorCode::NonFiniteNumber, ".points[0].y", Good, GoodJson);

  ErrShape TwoDigits{"s", std::vector<ErrPoint>(13, ErrPoint{1, 1})};
  TwoDigits.points[12].y = NaN;
  checkFailure(TwoDigits, ErrorCode::NonFiniteNumber, ".points[12].y", Good, GoodJson);

  checkFailure(std::vector<double>{1, 2, NaN}, ErrorCode::NonFiniteNumber, "[2]",
               std::vector<double>{1, 2}, "[1,2]");
  checkFailure(std::vector<ErrPoint>{{1, 2}, {NaN, 0}}, ErrorCode::NonFiniteNumber, "[1].x",
               std::vector<ErrPoint>{}, "[]");
}

TEST_CASE("non-finite numbers inside optionals") {
  const double Inf = std::numeric_limits<double>::infinity();
  checkFailure(OptionalNumber{1, Inf}, ErrorCode::NonFiniteNumber, ".opt",
               OptionalNumber{1, std::nullopt}, "{\"before\":1,\"opt\":null}");
  checkFailure(OptionalPoint{ErrPoint{0, -Inf}}, ErrorCode::NonFiniteNumber, ".o.y",
               OptionalPoint{ErrPoint{0, 1}}, "{\"o\":{\"x\":0,\"y\":1}}");
  OptionalSlots Slots{{1.0, std::nullopt, Inf}};
  checkFailure(Slots, ErrorCode::NonFiniteNumber, ".a[2]", OptionalSlots{},
               "{\"a\":[null,null,null]}");
}

TEST_CASE("non-finite numbers in arrays of arrays and vectors of vectors") {
  const double NaN = std::numeric_limits<double>::quiet_NaN();
  Matrix M{};
  M.m[1][2] = NaN;
  checkFailure(M, ErrorCode::NonFiniteNumber, ".m[1][2]", Matrix{},
               "{\"m\":[[0,0,0],[0,0,0]]}");
  Matrix Corner{};
  Corner.m[0][0] = -NaN;
  checkFailure(Corner, ErrorCode::NonFiniteNumber, ".m[0][0]", Matrix{},
               "{\"m\":[[0,0,0],[0,0,0]]}");

  FloatRows Rows{{{1}, {}, {std::numeric_limits<float>::infinity(), 2}}};
  checkFailure(Rows, ErrorCode::NonFiniteNumber, ".vv[2][0]", FloatRows{{{0.5f}}},
               "{\"vv\":[[0.5]]}");
}

TEST_CASE("non-finite number six levels deep") {
  E5 Five{{{{1}, {2}, {std::numeric_limits<double>::quiet_NaN()}}}};
  E1 Bad{{E2{}, E2{E3{{E4{}, E4{Five}}}}}};
  E1 Good{{E2{E3{{E4{E5{{{{0.5}, {1}, {2}}}}}, E4{}}}}}};
  checkFailure(Bad, ErrorCode::NonFiniteNumber, ".top[1].s.a[1].o.v[2].leaf", Good,
               "{\"top\":[{\"s\":{\"a\":[{\"o\":{\"v\":[{\"leaf\":0.5},{\"leaf\":1},"
               "{\"leaf\":2}]}},{\"o\":null}]}}]}");
}

TEST_CASE("a failure after a lot of output leaves the string untouched") {
  ManyNumbers Many{std::string(100000, 'h'), std::vector<double>(100000, 0.25)};
  Many.v.back() = std::numeric_limits<double>::quiet_NaN();
  const Serializer<ManyNumbers>& S = Serializer<ManyNumbers>::get();

  std::string Out = "already here";
  Out.reserve(16);
  Status St = S.serializeTo(Many, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".v[99999]");
  CHECK(Out == "already here");

  std::string Big(300000, 'z');
  St = S.serializeTo(Many, Big);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(Big == std::string(300000, 'z'));

  Many.v.back() = 0.75;
  St = S.serializeTo(Many, Out);
  CHECK(St.ok());
  std::string Expected = "already here{\"head\":\"" + std::string(100000, 'h') + "\",\"v\":[";
  for (int I = 0; I < 99999; ++I)
    Expected += "0.25,";
  Expected += "0.75]}";
  CHECK(Out == Expected);
}

TEST_CASE("error paths through a recursive type") {
  const double NaN = std::numeric_limits<double>::quiet_NaN();
  const Serializer<ValueTree>& S = Serializer<ValueTree>::get();
  std::string Step = ".children[0]";
  for (int Depth : {1, 2, 3, 10, 64, 65, 100, 128}) {
    CAPTURE(Depth);
    std::string Expected;
    for (int I = 1; I < Depth; ++I)
      Expected += Step;
    Expected += ".x";
    std::string Out = "p";
    Status St = S.serializeTo(valueChain(Depth, NaN), Out);
    CHECK(St.code() == ErrorCode::NonFiniteNumber);
    CHECK(St.path() == Expected);
    CHECK(Out == "p");
  }
  // Very long paths may be abridged, but keep their outer and inner ends.
  ValueTree Long = valueChain(600, NaN);
  std::string Out;
  Status St = S.serializeTo(Long, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  std::string Outermost = Step + Step + Step;
  std::string Innermost = Step + Step + Step + ".x";
  CHECK(St.path().substr(0, Outermost.size()) == Outermost);
  REQUIRE(St.path().size() >= Innermost.size());
  CHECK(St.path().substr(St.path().size() - Innermost.size()) == Innermost);
  CHECK(Out.empty());
  CHECK(S.serialize(valueChain(2, 0.5)) ==
        "{\"x\":0,\"children\":[{\"x\":0.5,\"children\":[]}]}");
}

TEST_CASE("nesting beyond maxDepth fails with TooDeep") {
  // A recursive type: its depth is only known from the value.
  SUBCASE("default options") {
    const Serializer<TreeNode>& S = Serializer<TreeNode>::get();
    REQUIRE(S.status().ok());
    CHECK(S.serialize(chain(1)) == "{\"value\":1,\"children\":[]}");
    CHECK(S.serialize(chain(2)) == "{\"value\":1,\"children\":[{\"value\":2,\"children\":[]}]}");
    TreeNode Fifty = chain(50);
    CHECK(S.serialize(Fifty) == chainJson(50));
    TreeNode Hundreds = chain(400); // well below the default limit of 1000
    CHECK(S.serialize(Hundreds) == chainJson(400));
    dismantle(Hundreds);

    TreeNode TooMany = chain(5000); // well beyond it
    std::string Out = "keep";
    Status St = S.serializeTo(TooMany, Out);
    CHECK(St.code() == ErrorCode::TooDeep);
    CHECK(Out == "keep");
    bool Threw = false;
    try {
      (void)S.serialize(TooMany);
    } catch (const jitson::Error& E) {
      Threw = true;
      CHECK(E.code() == ErrorCode::TooDeep);
    }
    CHECK(Threw);
    dismantle(TooMany);
    CHECK(S.serialize(Fifty) == chainJson(50));
  }
  SUBCASE("maxDepth = 5") {
    jitson::Options Opts;
    Opts.maxDepth = 5;
    const Serializer<TreeNode>& S = Serializer<TreeNode>::get(Opts);
    REQUIRE(S.status().ok());
    CHECK(S.serialize(chain(1)) == "{\"value\":1,\"children\":[]}");
    CHECK(S.serialize(chain(2)) == chainJson(2));
    std::string Out = "keep";
    Status St = S.serializeTo(chain(50), Out);
    CHECK(St.code() == ErrorCode::TooDeep);
    CHECK(Out == "keep");
    CHECK(jitsontest::json(chain(50)) == chainJson(50)); // default options still fine
  }
}

TEST_CASE("Status") {
  Status Ok;
  CHECK(Ok.ok());
  CHECK(static_cast<bool>(Ok));
  CHECK(Ok.code() == ErrorCode::Ok);
  CHECK(Ok.message().empty());
  CHECK(Ok.path().empty());

  Status WithPath(ErrorCode::TooDeep, "too deep", ".a[1]");
  CHECK_FALSE(WithPath.ok());
  CHECK_FALSE(static_cast<bool>(WithPath));
  CHECK(WithPath.code() == ErrorCode::TooDeep);
  CHECK(WithPath.message() == "too deep");
  CHECK(WithPath.path() == ".a[1]");
  CHECK(WithPath.toString() == "too deep at .a[1]");

  Status NoPath(ErrorCode::Internal, "oops");
  CHECK(NoPath.path().empty());
  CHECK(NoPath.toString() == "oops");

  Status Copy = WithPath;
  CHECK(Copy.code() == ErrorCode::TooDeep);
  CHECK(Copy.path() == ".a[1]");

  Status Oom = Status::outOfMemory();
  CHECK_FALSE(Oom.ok());
  CHECK(Oom.code() == ErrorCode::OutOfMemory);

  CHECK(jitson::errorCodeName(ErrorCode::NonFiniteNumber) == "NonFiniteNumber");
  const ErrorCode All[] = {ErrorCode::Ok,          ErrorCode::NonFiniteNumber,
                           ErrorCode::TooDeep,     ErrorCode::OutOfMemory,
                           ErrorCode::UnsupportedLayout, ErrorCode::CompileFailed,
                           ErrorCode::InvalidProgram,    ErrorCode::Internal};
  for (ErrorCode A : All) {
    CHECK_FALSE(jitson::errorCodeName(A).empty());
    for (ErrorCode B : All)
      if (A != B)
        CHECK(jitson::errorCodeName(A) != jitson::errorCodeName(B));
  }
}

TEST_CASE("Error") {
  jitson::Error E(Status(ErrorCode::NonFiniteNumber, "not finite", ".x"));
  CHECK(E.code() == ErrorCode::NonFiniteNumber);
  CHECK(E.path() == ".x");
  CHECK(E.status().message() == "not finite");
  const std::runtime_error& Base = E;
  CHECK(std::string_view(Base.what()).size() > 0);
}
