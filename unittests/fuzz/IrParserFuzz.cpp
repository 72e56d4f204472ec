// libFuzzer target: the textual IR parser and verifier (docs/IR.md), and lowering of what verifies.
//
// Any text gives a program or an error that says where (fuzz.sir:line:col);
// a program that verifies prints to text that parses back, verifies, and
// prints to the same text; and lowering it to LLVM IR succeeds and passes
// LLVM's module verifier (the verifier's promise to lowering).
#include "FuzzSupport.h"

#include "CodeGen/HostTarget.h"
#include "CodeGen/Lowering.h"
#include "IR/Parser.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <cstdlib>
#include <memory>
#include <regex>
#include <string>

using namespace jitson;
using jitsonfuzz::fail;

namespace {

llvm::TargetMachine* targetMachine() {
  static std::unique_ptr<llvm::TargetMachine> TM = [] {
    auto JTMB = codegen::detectHostTarget();
    if (!JTMB)
      fail("no host target", llvm::toString(JTMB.takeError()));
    auto Made = JTMB->createTargetMachine();
    if (!Made)
      fail("no target machine", llvm::toString(Made.takeError()));
    return std::move(*Made);
  }();
  return TM.get();
}

bool located(const std::string& Message) {
  static const std::regex Where("^fuzz\\.sir:[0-9]+:[0-9]+: error: ");
  return std::regex_search(Message, Where);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* Data, std::size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char*>(Data), Size);
  auto Parsed = ir::parseProgram(Text, "fuzz.sir");
  if (!Parsed) {
    std::string Message = llvm::toString(Parsed.takeError());
    if (!located(Message))
      fail("a parse error without its location", Message);
    return 0;
  }
  if (llvm::Error E = ir::verifyProgram((*Parsed)->P)) {
    std::string Message = llvm::toString(std::move(E));
    if (Message.empty())
      fail("an empty verifier error");
    return 0;
  }
  std::string Printed = ir::printProgram((*Parsed)->P);
  auto Again = ir::parseProgram(Printed, "printed.sir");
  if (!Again)
    fail("printed text does not parse", llvm::toString(Again.takeError()) + "\n" + Printed);
  if (llvm::Error E = ir::verifyProgram((*Again)->P))
    fail("printed text does not verify", llvm::toString(std::move(E)) + "\n" + Printed);
  std::string Reprinted = ir::printProgram((*Again)->P);
  if (Reprinted != Printed)
    fail("print(parse(print(P))) != print(P)", Printed + "\n-----\n" + Reprinted);

  if (std::getenv("JITSON_FUZZ_NO_LOWER"))
    return 0;
  llvm::LLVMContext Ctx;
  auto M = codegen::lowerProgram((*Parsed)->P, "fuzz.entry", Ctx, *targetMachine());
  if (!M) // lowering verifies P (done above) and its own output: any error is a bug
    fail("lowering a verified program failed", llvm::toString(M.takeError()) + "\n" + Printed);
  std::string Broken;
  llvm::raw_string_ostream OS(Broken);
  if (llvm::verifyModule(**M, &OS))
    fail("lowering a verified program gave invalid LLVM IR", OS.str() + "\n" + Printed);
  return 0;
}
