// Options, one TEST_CASE each: the exact output, a generated program that differs, and no new program where an option makes no difference.
#include "IR/Builder.h"
#include "IR/Printer.h"

#include <jitson/jitson.h>

#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

using jitson::ErrorCode;
using jitson::Options;
using jitson::Status;
using jitsontest::json;

namespace optest {

struct Text {
  std::string s;
};

struct Numbers {
  std::int32_t i;
  std::vector<std::int64_t> list;
};

struct Floats {
  double d;
  float f;
};

struct Nullables {
  std::optional<std::int32_t> o;
  const std::int32_t* p;
  const char* c;
  std::unique_ptr<std::int32_t> u;
  std::int32_t keep;
  std::vector<std::optional<std::int32_t>> v;
  std::optional<std::int32_t> last;
};

enum class Level : std::int16_t { Low = 1, High = 2 };

struct Leveled {
  Level level;
  std::vector<Level> history;
  std::map<Level, std::int32_t> counts;
};

struct OTree {
  std::int32_t v;
  std::vector<OTree> kids;
};

struct OInner {
  bool b;
};

struct PrettyAll {
  std::int32_t a;
  std::vector<std::int32_t> list;
  std::vector<std::int32_t> empty;
  std::map<std::string, std::int32_t> map;
  std::map<std::string, std::int32_t> emptyMap;
  OInner inner;
  std::tuple<std::int32_t, std::string> tup;
  std::optional<std::int32_t> none;
  std::vector<OInner> objects;
};

struct Nothing {};

struct Plain {
  std::int32_t a;
  std::vector<bool> b;
};

struct POmit {
  std::optional<std::int32_t> a;
  std::string b;
  std::int32_t c;
};

struct PTreeOmit {
  std::int32_t v;
  std::vector<PTreeOmit> kids;
};

} // namespace optest

template <> struct jitson::Meta<optest::POmit> {
  static constexpr auto fields =
      jitson::fields(jitson::field("a").omitEmpty(), jitson::field("b").omitEmpty());
};
template <> struct jitson::Meta<optest::PTreeOmit> {
  static constexpr auto fields = jitson::fields(jitson::field("kids").omitEmpty());
};

using namespace optest;

namespace {

/// The printed IR program the serializer for (T, O) is compiled from.
template <class T> std::string programText(const Options& O) {
  const auto& D = jitson::detail::describe<T>();
  llvm::Expected<jitson::ir::Program> P =
      jitson::ir::buildProgram(D, jitson::detail::normalizedOptions(D, O));
  if (!P) {
    FAIL_CHECK(llvm::toString(P.takeError()));
    return {};
  }
  return jitson::ir::printProgram(*P);
}

/// The program without its options line: the code itself.
std::string withoutOptions(const std::string& Program) {
  std::string Out;
  std::size_t Start = 0;
  while (Start < Program.size()) {
    std::size_t End = Program.find('\n', Start);
    End = End == std::string::npos ? Program.size() : End + 1;
    std::string_view Line(Program.data() + Start, End - Start);
    if (Line.substr(0, 8) != "options ")
      Out += Line;
    Start = End;
  }
  return Out;
}

/// O changes T's program: it survives normalisation and the IR text differs.
template <class T> void checkProgramDiffers(const Options& O, bool CodeDiffers) {
  const auto& D = jitson::detail::describe<T>();
  CHECK(jitson::detail::normalizedOptions(D, O) != Options{});
  std::string Default = programText<T>(Options{});
  std::string With = programText<T>(O);
  CHECK(With != Default);
  if (CodeDiffers)
    CHECK(withoutOptions(With) != withoutOptions(Default));
}

/// O makes no difference to T: the same program, and no new compile.
template <class T> void checkNoNewProgram(const Options& O, const T& Value) {
  const auto& D = jitson::detail::describe<T>();
  CHECK(jitson::detail::normalizedOptions(D, O) == Options{});
  CHECK(programText<T>(O) == programText<T>(Options{}));
  std::string Default = json(Value);
  jitson::waitForBackgroundCompiles();
  std::uint64_t Before = jitson::detail::programsCompiled();
  CHECK(jitson::Serializer<T>::get(O).serialize(Value) == Default);
  jitson::waitForBackgroundCompiles();
  CHECK(jitson::detail::programsCompiled() == Before);
}

Options with(void (*Set)(Options&)) {
  Options O;
  Set(O);
  return O;
}

} // namespace

TEST_CASE("option escapeHtml") {
  Options O = with([](Options& O) { O.escapeHtml = true; });
  CHECK(json(Text{"<a href='x'>&amp;</a>"}, O) ==
        "{\"s\":\"\\u003ca href='x'\\u003e\\u0026amp;\\u003c/a\\u003e\"}");
  CHECK(json(Text{"\xE2\x80\xA8|\xE2\x80\xA9"}, O) == "{\"s\":\"\\u2028|\\u2029\"}");
  CHECK(json(Text{"plain \"q\" \xC3\xA9"}, O) == "{\"s\":\"plain \\\"q\\\" \xC3\xA9\"}");
  CHECK(json(Text{"<\xE2\x80\xA8>"}) == "{\"s\":\"<\xE2\x80\xA8>\"}");
  CHECK(json('<', O) == "\"\\u003c\"");
  CHECK(json(static_cast<const char*>("a&b"), O) == "\"a\\u0026b\"");
  CHECK(json(std::map<std::string, std::int32_t>{{"<k>", 1}}, O) == "{\"\\u003ck\\u003e\":1}");
  checkProgramDiffers<Text>(O, false);
  checkNoNewProgram<Numbers>(O, Numbers{1, {2}});
}

TEST_CASE("option utf8") {
  const std::string Bad = "ok\xFFzz";
  SUBCASE("Passthrough copies the bytes") {
    CHECK(json(Text{Bad}) == "{\"s\":\"ok\xFFzz\"}");
    Options O = with([](Options& O) { O.utf8 = jitson::Utf8Mode::Passthrough; });
    CHECK(json(Text{Bad}, O) == "{\"s\":\"ok\xFFzz\"}");
  }
  SUBCASE("Replace writes U+FFFD for an invalid sequence") {
    Options O = with([](Options& O) { O.utf8 = jitson::Utf8Mode::Replace; });
    CHECK(json(Text{Bad}, O) == "{\"s\":\"ok\xEF\xBF\xBDzz\"}");
    CHECK(json(Text{"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"}, O) ==
          "{\"s\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}");
    CHECK(json(Text{"a\xFF"}, O) == "{\"s\":\"a\xEF\xBF\xBD\"}");
    // A lone continuation byte and a surrogate encoded in UTF-8 are invalid too.
    CHECK(json(Text{"\x80"}, O) == "{\"s\":\"\xEF\xBF\xBD\"}");
    CHECK(json(std::vector<std::string>{"x\xFE", "fine"}, O) ==
          "[\"x\xEF\xBF\xBD\",\"fine\"]");
    checkProgramDiffers<Text>(O, false);
    checkNoNewProgram<Numbers>(O, Numbers{1, {}});
  }
  SUBCASE("Error fails with the path and the byte offset") {
    Options O = with([](Options& O) { O.utf8 = jitson::Utf8Mode::Error; });
    CHECK(json(Text{"valid \xC3\xA9"}, O) == "{\"s\":\"valid \xC3\xA9\"}");
    std::string Out = "keep";
    Status St = jitson::Serializer<Text>::get(O).serializeTo(Text{Bad}, Out);
    CHECK(St.code() == ErrorCode::InvalidUtf8);
    CHECK(St.path() == ".s");
    CHECK(St.message().find("byte 2") != std::string::npos);
    CHECK(Out == "keep");
    St = jitson::Serializer<std::vector<Text>>::get(O).serializeTo(
        {Text{"a"}, Text{"\xC3\xA9\xC3"}}, Out);
    CHECK(St.code() == ErrorCode::InvalidUtf8);
    CHECK(St.path() == "[1].s");
    CHECK(St.message().find("byte 2") != std::string::npos);
    CHECK(Out == "keep");
    checkProgramDiffers<Text>(O, false);
    checkNoNewProgram<Numbers>(O, Numbers{1, {}});
  }
}

TEST_CASE("option escapeUnicode") {
  Options O = with([](Options& O) { O.escapeUnicode = true; });
  CHECK(json(Text{"caf\xC3\xA9"}, O) == "{\"s\":\"caf\\u00e9\"}");
  CHECK(json(Text{"\xE2\x82\xAC 5"}, O) == "{\"s\":\"\\u20ac 5\"}");
  CHECK(json(Text{"\xF0\x9F\x98\x80"}, O) == "{\"s\":\"\\ud83d\\ude00\"}");
  CHECK(json(Text{"\xF4\x8F\xBF\xBF"}, O) == "{\"s\":\"\\udbff\\udfff\"}");
  CHECK(json(Text{"\xEF\xBF\xBF"}, O) == "{\"s\":\"\\uffff\"}");
  CHECK(json(Text{"ascii \"\\\n\x01~\x7F"}, O) == "{\"s\":\"ascii \\\"\\\\\\n\\u0001~\x7F\"}");
  CHECK(json(std::map<std::string, std::int32_t>{{"\xC3\xBC", 1}}, O) == "{\"\\u00fc\":1}");
  checkProgramDiffers<Text>(O, false);
  checkNoNewProgram<Numbers>(O, Numbers{3, {4, 5}});
}

TEST_CASE("option nonFinite") {
  const double Inf = std::numeric_limits<double>::infinity();
  const double NaN = std::numeric_limits<double>::quiet_NaN();
  std::string Out = "keep";
  Status St = jitson::Serializer<Floats>::get().serializeTo(Floats{NaN, 0}, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".d");
  CHECK(Out == "keep");
  Options O = with([](Options& O) { O.nonFinite = jitson::NonFiniteMode::Null; });
  CHECK(json(Floats{NaN, std::numeric_limits<float>::infinity()}, O) ==
        "{\"d\":null,\"f\":null}");
  CHECK(json(Floats{-Inf, 0.5f}, O) == "{\"d\":null,\"f\":0.5}");
  CHECK(json(std::vector<double>{1, Inf, -NaN}, O) == "[1,null,null]");
  O.nonFinite = jitson::NonFiniteMode::Error;
  St = jitson::Serializer<Floats>::get(O).serializeTo(Floats{1, -std::numeric_limits<float>::infinity()}, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".f");
  O.nonFinite = jitson::NonFiniteMode::Null;
  checkProgramDiffers<Floats>(O, false);
  checkNoNewProgram<Numbers>(O, Numbers{1, {}});
}

TEST_CASE("option sortMapKeys") {
  Options O = with([](Options& O) { O.sortMapKeys = true; });
  using U = std::unordered_map<std::string, std::int32_t>;
  U M;
  for (char C = 'z'; C >= 'a'; --C)
    M.emplace(std::string(1, C), C - 'a');
  std::string Expected = "{";
  for (char C = 'a'; C <= 'z'; ++C)
    Expected += std::string(C == 'a' ? "" : ",") + "\"" + C + "\":" + std::to_string(C - 'a');
  Expected += "}";
  CHECK(json(M, O) == Expected);
  checkProgramDiffers<U>(O, true);
  checkNoNewProgram<std::map<std::string, std::int32_t>>(O, {{"b", 1}, {"a", 2}});
}

TEST_CASE("option omitNull") {
  Options O = with([](Options& O) { O.omitNull = true; });
  Nullables N{};
  N.keep = 1;
  N.v = {std::nullopt, 2};
  CHECK(json(N) == "{\"o\":null,\"p\":null,\"c\":null,\"u\":null,\"keep\":1,\"v\":[null,2],"
                   "\"last\":null}");
  // Only members are left out, never array elements.
  CHECK(json(N, O) == "{\"keep\":1,\"v\":[null,2]}");
  std::int32_t Zero = 0;
  N.o = 0;
  N.p = &Zero;
  N.c = "c";
  N.u = std::make_unique<std::int32_t>(3);
  N.last = 4;
  CHECK(json(N, O) ==
        "{\"o\":0,\"p\":0,\"c\":\"c\",\"u\":3,\"keep\":1,\"v\":[null,2],\"last\":4}");
  checkProgramDiffers<Nullables>(O, true);
  checkNoNewProgram<Numbers>(O, Numbers{1, {}});
}

// omitNull leaves out null members only: a const char* to "" is not null.
TEST_CASE("option omitNull keeps an empty C string") {
  Options O = with([](Options& O) { O.omitNull = true; });
  Nullables N{};
  N.c = "";
  CHECK(json(N, O) == "{\"c\":\"\",\"keep\":0,\"v\":[]}");
}

TEST_CASE("option enumsAsStrings") {
  Options O = with([](Options& O) { O.enumsAsStrings = true; });
  Leveled L{Level::High, {Level::Low, static_cast<Level>(-3)},
            {{Level::Low, 1}, {static_cast<Level>(9), 2}}};
  CHECK(json(L) == "{\"level\":2,\"history\":[1,-3],\"counts\":{\"1\":1,\"9\":2}}");
  CHECK(json(L, O) ==
        "{\"level\":\"High\",\"history\":[\"Low\",-3],\"counts\":{\"Low\":1,\"9\":2}}");
  checkProgramDiffers<Leveled>(O, true);
  checkNoNewProgram<Numbers>(O, Numbers{1, {}});
}

TEST_CASE("option maxDepth") {
  Options O = with([](Options& O) { O.maxDepth = 2; });
  OTree Two{1, {{2, {}}}};
  CHECK(json(Two, O) == "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[]}]}");
  OTree Three{1, {{2, {}}, {3, {{4, {}}}}}};
  std::string Out = "keep";
  Status St = jitson::Serializer<OTree>::get(O).serializeTo(Three, Out);
  CHECK(St.code() == ErrorCode::TooDeep);
  CHECK(St.path() == ".kids[1].kids[0]");
  CHECK(St.message().find("(2)") != std::string::npos);
  CHECK(Out == "keep");
  CHECK(json(Three) == "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[]},{\"v\":3,\"kids\":[{\"v\":4,"
                       "\"kids\":[]}]}]}");
  checkProgramDiffers<OTree>(O, false);
  checkNoNewProgram<Numbers>(O, Numbers{1, {}});
}

TEST_CASE("option pretty, indentWidth and indentChar") {
  Options O = with([](Options& O) { O.pretty = true; });
  PrettyAll P{1, {1, 2}, {}, {{"k", 1}}, {}, {true}, {3, "x"}, std::nullopt, {{false}}};
  CHECK(json(P, O) == "{\n"
                      "  \"a\": 1,\n"
                      "  \"list\": [\n"
                      "    1,\n"
                      "    2\n"
                      "  ],\n"
                      "  \"empty\": [],\n"
                      "  \"map\": {\n"
                      "    \"k\": 1\n"
                      "  },\n"
                      "  \"emptyMap\": {},\n"
                      "  \"inner\": {\n"
                      "    \"b\": true\n"
                      "  },\n"
                      "  \"tup\": [\n"
                      "    3,\n"
                      "    \"x\"\n"
                      "  ],\n"
                      "  \"none\": null,\n"
                      "  \"objects\": [\n"
                      "    {\n"
                      "      \"b\": false\n"
                      "    }\n"
                      "  ]\n"
                      "}");
  CHECK(json(std::int32_t{5}, O) == "5");
  CHECK(json(std::vector<std::int32_t>{}, O) == "[]");
  CHECK(json(std::vector<std::vector<std::int32_t>>{{}, {1}}, O) == "[\n  [],\n  [\n    1\n  ]\n]");
  CHECK(json(Nothing{}, O) == "{}");
  CHECK(json(std::tuple<>{}, O) == "[]");
  // Recursive types indent by the depth of the call.
  OTree T{1, {{2, {}}, {3, {{4, {}}}}}};
  CHECK(json(T, O) == "{\n"
                      "  \"v\": 1,\n"
                      "  \"kids\": [\n"
                      "    {\n"
                      "      \"v\": 2,\n"
                      "      \"kids\": []\n"
                      "    },\n"
                      "    {\n"
                      "      \"v\": 3,\n"
                      "      \"kids\": [\n"
                      "        {\n"
                      "          \"v\": 4,\n"
                      "          \"kids\": []\n"
                      "        }\n"
                      "      ]\n"
                      "    }\n"
                      "  ]\n"
                      "}");
  CHECK(json(std::vector<OTree>{{5, {}}}, O) ==
        "[\n  {\n    \"v\": 5,\n    \"kids\": []\n  }\n]");
  // Omitted members leave no stray commas or lines.
  CHECK(json(POmit{std::nullopt, "", 1}, O) == "{\n  \"c\": 1\n}");
  CHECK(json(POmit{2, "", 1}, O) == "{\n  \"a\": 2,\n  \"c\": 1\n}");
  CHECK(json(POmit{std::nullopt, "b", 1}, O) == "{\n  \"b\": \"b\",\n  \"c\": 1\n}");
  CHECK(json(std::vector<POmit>{{std::nullopt, "", 0}}, O) == "[\n  {\n    \"c\": 0\n  }\n]");
  CHECK(json(PTreeOmit{1, {{2, {}}}}, O) ==
        "{\n  \"v\": 1,\n  \"kids\": [\n    {\n      \"v\": 2\n    }\n  ]\n}");
  // Width and character.
  Options Four = O;
  Four.indentWidth = 4;
  CHECK(json(Numbers{1, {2}}, Four) ==
        "{\n    \"i\": 1,\n    \"list\": [\n        2\n    ]\n}");
  Options Tabs = O;
  Tabs.indentChar = '\t';
  Tabs.indentWidth = 1;
  CHECK(json(Numbers{1, {2}}, Tabs) == "{\n\t\"i\": 1,\n\t\"list\": [\n\t\t2\n\t]\n}");
  CHECK(json(OTree{1, {{2, {}}}}, Tabs) ==
        "{\n\t\"v\": 1,\n\t\"kids\": [\n\t\t{\n\t\t\t\"v\": 2,\n\t\t\t\"kids\": []\n\t\t}\n\t]\n}");
  Options Zero = O;
  Zero.indentWidth = 0;
  CHECK(json(Numbers{1, {2}}, Zero) == "{\n\"i\": 1,\n\"list\": [\n2\n]\n}");

  checkProgramDiffers<PrettyAll>(O, true);
  checkProgramDiffers<Numbers>(Four, true);
  checkProgramDiffers<Numbers>(Tabs, true);
  // Without pretty, the indentation options make no difference.
  Options Idle;
  Idle.indentWidth = 8;
  Idle.indentChar = '\t';
  checkNoNewProgram<Numbers>(Idle, Numbers{1, {2}});
}

TEST_CASE("option trailingNewline") {
  Options O = with([](Options& O) { O.trailingNewline = true; });
  CHECK(json(std::int32_t{1}, O) == "1\n");
  CHECK(json(Numbers{1, {}}, O) == "{\"i\":1,\"list\":[]}\n");
  // A recursive root: the newline ends the output only, not each nested call.
  OTree T{1, {{2, {{3, {}}}}}};
  CHECK(json(T, O) ==
        "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":3,\"kids\":[]}]}]}\n");
  CHECK(json(std::vector<OTree>{T}, O) ==
        "[{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":3,\"kids\":[]}]}]}]\n");
  Options Both = O;
  Both.pretty = true;
  CHECK(json(OTree{1, {{2, {}}}}, Both) ==
        "{\n  \"v\": 1,\n  \"kids\": [\n    {\n      \"v\": 2,\n      \"kids\": []\n    }\n  ]\n}\n");
  // With a depth limit the root still counts once.
  Options Deep = O;
  Deep.maxDepth = 3;
  CHECK(json(T, Deep) == "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":3,\"kids\":[]}]}]}\n");
  std::string Out = "keep";
  OTree Four{1, {{2, {{3, {{4, {}}}}}}}};
  Status St = jitson::Serializer<OTree>::get(Deep).serializeTo(Four, Out);
  CHECK(St.code() == ErrorCode::TooDeep);
  CHECK(St.path() == ".kids[0].kids[0].kids[0]");
  CHECK(Out == "keep");
  checkProgramDiffers<Numbers>(O, true);
  checkProgramDiffers<OTree>(O, true);
}

TEST_CASE("options that make no difference share the default program") {
  // A type with no strings, floats, maps, nullables, enums or recursion.
  Options All;
  All.escapeHtml = true;
  All.escapeUnicode = true;
  All.utf8 = jitson::Utf8Mode::Error;
  All.nonFinite = jitson::NonFiniteMode::Null;
  All.sortMapKeys = true;
  All.omitNull = true;
  All.enumsAsStrings = true;
  All.maxDepth = 7;
  All.indentWidth = 3;
  checkNoNewProgram<Plain>(All, Plain{1, {true}});
}
