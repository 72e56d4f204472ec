// jitson-opt: parse, verify, transform, lower and run serializer IR (.sir) files.
#include "CodeGen/Emission.h"
#include "IR/CodedError.h"
#include "IR/Parser.h"
#include "IR/PassRegistry.h"
#include "IR/Printer.h"
#include "IR/Verifier.h"
#include "Runtime/DynamicValue.h"
#include "Runtime/Execution.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

namespace {

cl::OptionCategory Category("jitson-opt options");

cl::opt<std::string> InputFile(cl::Positional, cl::desc("<input .sir file, or - for stdin>"),
                               cl::init("-"), cl::cat(Category));
cl::opt<std::string> OutputFile("o", cl::desc("Write the output to <file> (default: stdout)"),
                                cl::value_desc("file"), cl::init("-"), cl::cat(Category));

std::string passList() {
  std::string List;
  for (const jitson::ir::PassInfo& P : jitson::ir::availablePasses())
    List += std::string("\n  ") + P.Name + ": " + P.Description;
  return List;
}
// cl::desc keeps a pointer: the text must outlive the option.
const std::string PassesHelp = "IR passes to run after verification, in order:" + passList();
cl::list<std::string> Passes("passes", cl::CommaSeparated, cl::value_desc("pass,..."),
                             cl::desc(PassesHelp),
                             cl::cat(Category));

enum class EmitKind { IR, LLVM, Asm };
cl::opt<EmitKind> Emit("emit", cl::desc("What to print (default: ir)"), cl::init(EmitKind::IR),
                       cl::values(clEnumValN(EmitKind::IR, "ir", "the serializer IR"),
                                  clEnumValN(EmitKind::LLVM, "llvm", "the lowered LLVM IR"),
                                  clEnumValN(EmitKind::Asm, "asm", "machine code (assembly)")),
                       cl::cat(Category));
cl::opt<unsigned> OptLevel("O", cl::Prefix, cl::init(1), cl::value_desc("level"),
                           cl::desc("LLVM IR optimisation for --emit=llvm/asm: -O1 (default) "
                                    "runs jitson's pipeline, -O0 shows the IR as lowered"),
                           cl::cat(Category));
cl::opt<std::string> MCPU("mcpu", cl::value_desc("cpu"),
                          cl::desc("Target CPU for --emit=llvm/asm (default: this host)"),
                          cl::cat(Category));
cl::opt<std::string> MAttr("mattr", cl::value_desc("+a,-b"),
                           cl::desc("Target features for --emit=llvm/asm (default: the CPU's)"),
                           cl::cat(Category));
cl::opt<std::string> RunInput(
    "run", cl::value_desc("value.json"),
    cl::desc("Build a value of the entry function's type from this JSON file (- for stdin), "
             "JIT-compile the program, run it and print the JSON it writes. Floats also take "
             "\"NaN\", \"Infinity\" and \"-Infinity\""),
    cl::cat(Category));

/// Prints an error as "jitson-opt: error: ..." unless it already says where.
int fail(Error E) {
  std::string Message = toString(std::move(E));
  if (StringRef(Message).contains(": error: "))
    errs() << Message << "\n";
  else
    WithColor::error(errs(), "jitson-opt") << Message << "\n";
  return 1;
}

Expected<std::unique_ptr<MemoryBuffer>> read(const std::string& Path, const char* What) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getFileOrSTDIN(Path);
  if (!Buffer)
    return jitson::ir::makeError(jitson::ErrorCode::InvalidProgram,
                                 Twine("cannot read ") + What + " '" + Path +
                                     "': " + Buffer.getError().message());
  return std::move(*Buffer);
}

int run(const jitson::ir::Program& P, raw_ostream& OS) {
  if (RunInput == "-" && InputFile == "-")
    return fail(jitson::ir::makeError(jitson::ErrorCode::InvalidProgram,
                                      "the program and the value cannot both be on stdin"));
  Expected<std::unique_ptr<MemoryBuffer>> Json = read(RunInput, "value");
  if (!Json)
    return fail(Json.takeError());
  Expected<std::unique_ptr<jitson::runtime::DynamicValue>> Value =
      jitson::runtime::DynamicValue::fromJson(*P.Functions[0].Type, (*Json)->getBuffer());
  if (!Value)
    return fail(Value.takeError());
  std::string Out;
  jitson::Status St = jitson::runtime::compileAndRun(P, (*Value)->data(), Out);
  if (!St) {
    WithColor::error(errs(), "jitson-opt")
        << jitson::errorCodeName(St.code()) << ": " << St.toString() << "\n";
    return 1;
  }
  OS << Out << "\n";
  return 0;
}

int lowerAndPrint(const jitson::ir::Program& P, raw_ostream& OS) {
  Expected<std::string> Text = jitson::codegen::emitProgram(
      P, Emit == EmitKind::Asm ? jitson::codegen::EmitKind::Asm : jitson::codegen::EmitKind::LLVM,
      OptLevel, MCPU, MAttr);
  if (!Text)
    return fail(Text.takeError());
  OS << *Text;
  return 0;
}

} // namespace

int main(int Argc, char** Argv) {
  InitLLVM Init(Argc, Argv);
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(
      Argc, Argv,
      "jitson-opt: read a serializer IR file (docs/IR.md), verify it, run IR passes, and print\n"
      "it, its LLVM IR or its machine code; or run it on a value given as JSON.\n\n"
      "  jitson-opt shape.sir                      # parse, verify, print\n"
      "  jitson-opt shape.sir --passes=merge-text  # ... after merging text\n"
      "  jitson-opt shape.sir --emit=llvm -O0      # LLVM IR as lowered\n"
      "  jitson-opt shape.sir --emit=asm --mcpu=x86-64-v3\n"
      "  jitson-opt shape.sir --run=value.json     # JIT-compile and run\n");
  if (OptLevel > 1) {
    WithColor::error(errs(), "jitson-opt") << "-O accepts 0 or 1\n";
    return 1;
  }

  Expected<std::unique_ptr<MemoryBuffer>> Input = read(InputFile, "input");
  if (!Input)
    return fail(Input.takeError());
  std::string SourceName = InputFile == "-" ? "<stdin>" : std::string(InputFile);
  Expected<std::unique_ptr<jitson::ir::ParsedProgram>> Parsed =
      jitson::ir::parseProgram((*Input)->getBuffer(), SourceName);
  if (!Parsed)
    return fail(Parsed.takeError());
  jitson::ir::Program& P = (*Parsed)->P;
  if (Error E = jitson::ir::verifyProgram(P))
    return fail(std::move(E));
  for (const std::string& Pass : Passes) {
    if (Error E = jitson::ir::runPass(P, Pass))
      return fail(std::move(E));
    if (Error E = jitson::ir::verifyProgram(P))
      return fail(std::move(E));
  }

  std::error_code EC;
  ToolOutputFile Out(OutputFile, EC, sys::fs::OF_None);
  if (EC)
    return fail(jitson::ir::makeError(jitson::ErrorCode::InvalidProgram,
                                      "cannot write '" + OutputFile + "': " + EC.message()));
  int Status = 0;
  if (!RunInput.empty())
    Status = run(P, Out.os());
  else if (Emit == EmitKind::IR)
    jitson::ir::printProgram(P, Out.os());
  else
    Status = lowerAndPrint(P, Out.os());
  if (Status == 0)
    Out.keep();
  return Status;
}
