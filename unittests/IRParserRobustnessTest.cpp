// The IR parser and verifier on mutated input: a located error or a program that lowers, never a crash.
#include "CodeGen/Emission.h"
#include "IR/Builder.h"
#include "IR/CodedError.h"
#include "IR/Parser.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"

#include <jitson/jitson.h>

#include <doctest/doctest.h>

#include <array>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

namespace {

struct FuzzLeaf {
  std::int8_t a;
  std::uint64_t b;
  float c;
  bool d;
};
struct FuzzNode {
  std::string name;
  std::vector<FuzzNode> kids;
  std::optional<FuzzLeaf> leaf;
  std::array<std::int16_t, 3> triple;
  std::string_view view;
  double weight;
};

std::string printed(const jitson::detail::TypeDesc& T) {
  llvm::Expected<jitson::ir::Program> P = jitson::ir::buildProgram(T, jitson::Options{});
  REQUIRE(static_cast<bool>(P));
  return jitson::ir::printProgram(*P);
}

/// Fragments that make mutants look like IR, so they get past the lexer.
const char* const Fragments[] = {
    "\"", "@", "{", "}", ":", "->", "=", "\n", " ", "0", "8", "18446744073709551616", "\\x",
    "\\", "text", "vec.begin", "vec.end", "opt.else", "opt.end", "arr.begin", "call", "func",
    "type", "struct", "size", "align", "of", "path", "\"double\"", "\xff", "\x00", ";"};

std::string mutate(std::string S, std::mt19937_64& Rng) {
  auto Pick = [&](std::size_t N) { return N ? std::size_t(Rng() % N) : 0; };
  int Edits = 1 + int(Rng() % 4);
  for (int I = 0; I < Edits; ++I) {
    std::size_t At = Pick(S.size() + 1);
    switch (Rng() % 6) {
    case 0: // delete a short range
      S.erase(At, 1 + Pick(8));
      break;
    case 1: // insert a fragment
      S.insert(At, Fragments[Pick(std::size(Fragments))]);
      break;
    case 2: // overwrite a byte
      if (At < S.size())
        S[At] = static_cast<char>(Rng());
      break;
    case 3: // truncate
      S.resize(At);
      break;
    case 4: { // duplicate a line
      std::size_t Start = S.rfind('\n', At == 0 ? 0 : At - 1);
      Start = Start == std::string::npos ? 0 : Start + 1;
      std::size_t End = S.find('\n', At);
      if (End != std::string::npos)
        S.insert(End + 1, S.substr(Start, End + 1 - Start));
      break;
    }
    default: // change a number
      for (std::size_t J = At; J < S.size(); ++J)
        if (S[J] >= '0' && S[J] <= '9') {
          S[J] = static_cast<char>('0' + Rng() % 10);
          break;
        }
    }
  }
  return S;
}

} // namespace

TEST_CASE("mutated IR gives a located error or a program that lowers") {
  const std::string Seeds[] = {printed(jitson::detail::describe<FuzzNode>()),
                               printed(jitson::detail::describe<FuzzLeaf>())};
  const std::regex Located(R"(^fuzz\.sir:[0-9]+:[0-9]+: error: .+)");
  std::mt19937_64 Rng(20261124);
  int Parsed = 0, Verified = 0, Lowered = 0;
  for (int Iteration = 0; Iteration < 50000; ++Iteration) {
    std::string Text = mutate(Seeds[Iteration % 2], Rng);
    CAPTURE(Text);
    llvm::Expected<std::unique_ptr<jitson::ir::ParsedProgram>> P =
        jitson::ir::parseProgram(Text, "fuzz.sir");
    if (!P) {
      std::string Message = llvm::toString(P.takeError());
      CAPTURE(Message);
      REQUIRE(std::regex_search(Message, Located));
      continue;
    }
    ++Parsed;
    if (llvm::Error E = jitson::ir::verifyProgram((*P)->P)) {
      llvm::consumeError(std::move(E));
      continue;
    }
    ++Verified;
    // What verifies must print, parse back the same, and lower to valid
    // LLVM IR (lowering every one would be slow; every 16th is plenty).
    std::string Again = jitson::ir::printProgram((*P)->P);
    llvm::Expected<std::unique_ptr<jitson::ir::ParsedProgram>> Reparsed =
        jitson::ir::parseProgram(Again, "fuzz.sir");
    REQUIRE(static_cast<bool>(Reparsed));
    CHECK(jitson::ir::printProgram((*Reparsed)->P) == Again);
    if (Verified % 16 == 0) {
      llvm::Expected<std::string> IR = jitson::codegen::emitProgram(
          (*P)->P, jitson::codegen::EmitKind::LLVM, 0, "", "");
      if (!IR) {
        std::string Message = llvm::toString(IR.takeError());
        CAPTURE(Message);
        FAIL("a verified program did not lower");
      }
      ++Lowered;
    }
  }
  // The mutants must exercise every outcome, or the test proves little.
  CHECK(Parsed > 1000);
  CHECK(Verified > 100);
  CHECK(Lowered > 5);
  MESSAGE("parsed " << Parsed << ", verified " << Verified << ", lowered " << Lowered);
}
