// Serializer IR: what the builder emits for reflected types, text merging, printing, verification.
#include "IR/Builder.h"
#include "IR/CodedError.h"
#include "IR/Parser.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"

#include <jitson/jitson.h>

#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

struct IrPoint {
  double x, y;
};
struct IrShape {
  std::string name;
  std::vector<IrPoint> points;
  std::optional<std::int32_t> layer;
  bool closed;
};
struct IrTree {
  std::int32_t value;
  std::vector<IrTree> kids;
};
struct IrForest {
  std::uint8_t count;
  IrTree tree;
};

jitson::ir::Program build(const jitson::detail::TypeDesc& T) {
  llvm::Expected<jitson::ir::Program> P = jitson::ir::buildProgram(T, jitson::Options{});
  REQUIRE(static_cast<bool>(P));
  return std::move(*P);
}

std::string verifyMessage(const jitson::ir::Program& P) {
  std::string Message;
  llvm::handleAllErrors(jitson::ir::verifyProgram(P),
                        [&](const jitson::ir::CodedError& E) { Message = E.text(); });
  return Message;
}

} // namespace

TEST_CASE("the builder inlines nested structs and merges their constant text") {
  jitson::ir::Program P = build(jitson::detail::describe<IrShape>());
  const auto& D = jitson::detail::describe<IrShape>();
  std::string Vector = jitson::detail::describe<std::vector<IrPoint>>().Name;
  std::string Optional = jitson::detail::describe<std::optional<std::int32_t>>().Name;
  std::string Point = jitson::detail::describe<IrPoint>().Name;
  const auto& Str = jitson::detail::describe<std::string>();
  const auto& Vec = jitson::detail::describe<std::vector<IrPoint>>();
  const auto& Opt = jitson::detail::describe<std::optional<std::int32_t>>();
  auto N = [](std::uint64_t V) { return std::to_string(V); };
  auto At = [&](std::size_t I) { return "@" + N(D.Members[I].Offset); };
  CHECK(jitson::ir::printProgram(P) ==
        "options maxDepth 1000\n"
        "\n"
        "type \"std::string\" = string size " + N(Str.Size) + " align " + N(Str.Align) +
        " data " + N(Str.DataOffset) + " length " + N(Str.SizeOffset) + "\n"
        "type \"double\" = float 64\n"
        "type \"" + Point + "\" = struct size 16 align 8 {\n"
        "  \"x\" @0 : \"double\"\n"
        "  \"y\" @8 : \"double\"\n"
        "}\n"
        "type \"" + Vector + "\" = vector size " + N(Vec.Size) + " align " + N(Vec.Align) +
        " begin " + N(Vec.BeginOffset) + " end " + N(Vec.EndOffset) + " of \"" + Point + "\"\n"
        "type \"int\" = int 32 signed\n"
        "type \"" + Optional + "\" = optional size " + N(Opt.Size) + " align " + N(Opt.Align) +
        " payload " + N(Opt.PayloadOffset) + " flag " + N(Opt.FlagOffset) + " of \"int\"\n"
        "type \"bool\" = bool\n"
        "type \"" + D.Name + "\" = struct size " + N(D.Size) + " align " + N(D.Align) + " {\n"
        "  \"name\" " + At(0) + " : \"std::string\"\n"
        "  \"points\" " + At(1) + " : \"" + Vector + "\"\n"
        "  \"layer\" " + At(2) + " : \"" + Optional + "\"\n"
        "  \"closed\" " + At(3) + " : \"bool\"\n"
        "}\n"
        "\n"
        "func @0 : \"" + D.Name + "\" {\n"
        "  text \"{\\\"name\\\":\"\n"
        "  str " + At(0) + " : \"std::string\" path \".name\"\n"
        "  text \",\\\"points\\\":[\"\n"
        "  vec.begin " + At(1) + " : \"" + Vector + "\" path \".points\"\n"
        "    text \"{\\\"x\\\":\"\n"
        "    f64 @0 : \"double\" path \".x\"\n"
        "    text \",\\\"y\\\":\"\n"
        "    f64 @8 : \"double\" path \".y\"\n"
        "    text \"}\"\n"
        "  vec.end\n"
        "  text \"],\\\"layer\\\":\"\n"
        "  opt.begin " + At(2) + " : \"" + Optional + "\" path \".layer\"\n"
        "    i32 @0 : \"int\"\n"
        "  opt.else\n"
        "    text \"null\"\n"
        "  opt.end\n"
        "  text \",\\\"closed\\\":\"\n"
        "  bool " + At(3) + " : \"bool\" path \".closed\"\n"
        "  text \"}\"\n"
        "}\n");
  CHECK_FALSE(static_cast<bool>(jitson::ir::verifyProgram(P)));
}

TEST_CASE("no two text ops are adjacent after building") {
  jitson::ir::Program P = build(jitson::detail::describe<IrShape>());
  for (const jitson::ir::Function& F : P.Functions)
    for (std::size_t I = 1; I < F.Body.size(); ++I)
      CHECK_FALSE((F.Body[I].Code == jitson::ir::Opcode::Text &&
                   F.Body[I - 1].Code == jitson::ir::Opcode::Text));
}

TEST_CASE("a struct that reaches itself becomes a function that calls itself") {
  jitson::ir::Program P = build(jitson::detail::describe<IrForest>());
  REQUIRE(P.Functions.size() == 2);
  CHECK(P.Functions[1].Type == &jitson::detail::describe<IrTree>());
  auto CountCalls = [](const jitson::ir::Function& F, std::uint32_t Callee) {
    int N = 0;
    for (const jitson::ir::Op& O : F.Body)
      N += O.Code == jitson::ir::Opcode::Call && O.Callee == Callee;
    return N;
  };
  CHECK(CountCalls(P.Functions[0], 1) == 1); // forest.tree.kids[i]
  CHECK(CountCalls(P.Functions[1], 1) == 1); // tree.kids[i]
  CHECK_FALSE(static_cast<bool>(jitson::ir::verifyProgram(P)));
  // And it runs: the generated functions recurse.
  IrForest F{2, {1, {{2, {}}, {3, {{4, {}}}}}}};
  CHECK(jitson::toJson(F) == R"({"count":2,"tree":{"value":1,"kids":[{"value":2,"kids":[]},)"
                             R"({"value":3,"kids":[{"value":4,"kids":[]}]}]}})");
}

TEST_CASE("the verifier rejects ill-formed programs with a located message") {
  jitson::ir::Program Good = build(jitson::detail::describe<IrShape>());
  std::vector<jitson::ir::Op>& Body = Good.Functions[0].Body;
  std::size_t VecEnd = 0, F64 = 0;
  for (std::size_t I = 0; I < Body.size(); ++I) {
    if (Body[I].Code == jitson::ir::Opcode::VecEnd)
      VecEnd = I;
    if (Body[I].Code == jitson::ir::Opcode::F64 && !F64)
      F64 = I;
  }
  REQUIRE(VecEnd != 0);
  REQUIRE(F64 != 0);
  std::string Prefix = "function @0 \"" + Good.Functions[0].Name + "\", op ";

  SUBCASE("unbalanced loop") {
    jitson::ir::Program P = Good;
    // Drop the loop's end and everything after it: the loop stays open.
    P.Functions[0].Body.erase(P.Functions[0].Body.begin() + VecEnd, P.Functions[0].Body.end());
    CHECK(verifyMessage(P) ==
          "function @0 \"" + Good.Functions[0].Name + "\": unclosed vec.begin");
  }
  SUBCASE("offset past the end of the element") {
    jitson::ir::Program P = Good;
    P.Functions[0].Body[F64].Offset = 16; // IrPoint is 16 bytes
    CHECK(verifyMessage(P) == Prefix + std::to_string(F64) +
                                  " (f64): value at offset 16 of size 8 is past the end of \"" +
                                  jitson::detail::describe<IrPoint>().Name + "\" (size 16)");
  }
  SUBCASE("op that does not match its type") {
    jitson::ir::Program P = Good;
    P.Functions[0].Body[F64].Code = jitson::ir::Opcode::I64;
    CHECK(verifyMessage(P) ==
          Prefix + std::to_string(F64) + " (i64): cannot write a value of type \"double\"");
  }
  SUBCASE("empty text") {
    jitson::ir::Program P = Good;
    P.Functions[0].Body[0].Bytes.clear();
    CHECK(verifyMessage(P) == Prefix + "0 (text): is empty");
  }
  SUBCASE("callee out of range") {
    jitson::ir::Program P = build(jitson::detail::describe<IrForest>());
    std::size_t CallIndex = 0;
    for (std::size_t I = 0; I < P.Functions[0].Body.size(); ++I)
      if (P.Functions[0].Body[I].Code == jitson::ir::Opcode::Call) {
        P.Functions[0].Body[I].Callee = 7;
        CallIndex = I;
      }
    CHECK(verifyMessage(P) == "function @0 \"" + P.Functions[0].Name +
                                  "\", op " + std::to_string(CallIndex) +
                                  " (call): there is no function @7 (the program has 2 functions)");
  }
}

void jitsontest::checkIrRoundTrip(const jitson::detail::TypeDesc& Type,
                                  const jitson::Options& Opts) {
  llvm::Expected<jitson::ir::Program> Built = jitson::ir::buildProgram(Type, Opts);
  if (!Built) {
    llvm::consumeError(Built.takeError()); // reported by the serializer itself
    return;
  }
  std::string First = jitson::ir::printProgram(*Built);
  llvm::Expected<std::unique_ptr<jitson::ir::ParsedProgram>> Parsed =
      jitson::ir::parseProgram(First, "round-trip.sir");
  CAPTURE(First);
  REQUIRE(static_cast<bool>(Parsed));
  CHECK(verifyMessage((*Parsed)->P).empty());
  CHECK(jitson::ir::printProgram((*Parsed)->P) == First);
}
