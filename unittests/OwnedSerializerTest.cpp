// OwnedSerializer (issue #6, resource bounds): same output as Serializer, and its code is freed with it.
#include "TestHelpers.h"

#include "Runtime/TestHooks.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using jitson::ErrorCode;
using jitson::Options;
using jitson::OwnedSerializer;
using jitson::Serializer;
using jitson::Status;
namespace hooks = jitson::runtime::testhooks;

namespace ownedtest {

struct Item {
  std::string name;
  std::vector<double> weights;
  std::int64_t id;
};

struct Basket {
  std::vector<Item> items;
  std::string owner;
};

Basket sample() {
  return Basket{{Item{"apple <red>", {0.5, 1.25}, 1}, Item{"pear", {}, -2}}, "Zo\xC3\xAB"};
}

/// Generated code is loaded (the interpreter tier loads none).
bool compiles() { return jitson::tier() != jitson::Tier::Interpret; }

} // namespace ownedtest

using namespace ownedtest;

TEST_CASE("an OwnedSerializer writes what Serializer writes, for several option sets") {
  Options Pretty;
  Pretty.pretty = true;
  Options Html;
  Html.escapeHtml = true;
  Html.escapeUnicode = true;
  for (const Options& O : {Options{}, Pretty, Html}) {
    OwnedSerializer<Basket> Own(O);
    REQUIRE(Own.status().ok());
    CHECK(Own.options() == O);
    std::string Want = Serializer<Basket>::get(O).serialize(sample());
    CHECK(Own.serialize(sample()) == Want);
    std::string Out = "prefix:";
    CHECK(Own.serializeTo(sample(), Out).ok());
    CHECK(Out == "prefix:" + Want);
    jitson::Buffer B;
    CHECK(Own.serializeTo(sample(), B).ok());
    CHECK(B.view() == Want);
  }
}

TEST_CASE("an OwnedSerializer fails as Serializer does, leaving the output untouched") {
  Basket Bad = sample();
  Bad.items[1].weights.push_back(std::numeric_limits<double>::quiet_NaN());
  OwnedSerializer<Basket> Own;
  std::string Out = "untouched";
  Status St = Own.serializeTo(Bad, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".items[1].weights[0]");
  CHECK(Out == "untouched");
  Status Same = Serializer<Basket>::get().serializeTo(Bad, Out);
  CHECK(Same.code() == St.code());
  CHECK(Same.message() == St.message());
  CHECK_THROWS_AS(Own.serialize(Bad), jitson::Error);
}

TEST_CASE("destroying an OwnedSerializer unloads its program") {
  const std::uint64_t Live = hooks::livePrograms();
  std::vector<OwnedSerializer<Basket>> Many;
  for (std::uint8_t Width = 0; Width <= 16; ++Width) {
    Options O;
    O.pretty = true;
    O.indentWidth = Width;
    Many.emplace_back(O);
  }
  CHECK(hooks::livePrograms() == Live + (compiles() ? Many.size() : 0));
  for (const auto& S : Many)
    CHECK(S.serialize(sample()) == Serializer<Basket>::get(S.options()).serialize(sample()));
  Many.erase(Many.begin(), Many.begin() + 5);
  CHECK(hooks::livePrograms() == Live + (compiles() ? Many.size() : 0));
  Many.clear();
  CHECK(hooks::livePrograms() == Live);
}

TEST_CASE("a moved-from or reset OwnedSerializer fails cleanly; the moved-to one works") {
  OwnedSerializer<Basket> First;
  std::string Want = First.serialize(sample());
  OwnedSerializer<Basket> Second(std::move(First));
  CHECK(Second.serialize(sample()) == Want);
  std::string Out = "untouched";
  Status St = First.serializeTo(sample(), Out); // NOLINT(bugprone-use-after-move): on purpose
  CHECK(St.code() == ErrorCode::Internal);
  CHECK(St.message().find("moved from or reset") != std::string::npos);
  CHECK(Out == "untouched");
  CHECK_THROWS_AS(First.serialize(sample()), jitson::Error);

  const std::uint64_t Live = hooks::livePrograms();
  OwnedSerializer<Basket> Third;
  Third = std::move(Second); // Third's own program is released first
  CHECK(hooks::livePrograms() == Live);
  CHECK(Third.serialize(sample()) == Want);
  Third.reset();
  CHECK(hooks::livePrograms() == Live - (compiles() ? 1 : 0));
  CHECK(!Third.status().ok());
  Third.reset(); // twice is fine
}
