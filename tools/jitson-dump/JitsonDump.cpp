// jitson-dump: shows what jitson generates for real C++ types, stage by stage.
#include "../jitson-demo/JsonPerformance.h"

#include "CodeGen/Emission.h"
#include "IR/Builder.h"
#include "IR/Printer.h"

#include "jitson/jitson.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace llvm;

namespace {

// Example types: the README's Shape and the demo's document. Benchmark
// workloads join this list as they are added.
struct Point {
  double x, y;
};
struct Shape {
  std::string name;
  std::vector<Point> points;
  std::optional<std::int32_t> layer;
  bool closed;
};

struct NamedType {
  const char* Name;
  const jitson::detail::TypeDesc& (*Describe)();
};

const NamedType Types[] = {
    {"shape", &jitson::detail::describe<Shape>},
    {"json_performance", &jitson::detail::describe<JsonPerformance>},
};

std::string typeList() {
  std::string List;
  for (const NamedType& T : Types)
    List += std::string(List.empty() ? "" : ", ") + T.Name;
  return List;
}

cl::OptionCategory Category("jitson-dump options");
const std::string TypeHelp = "The type to show: " + typeList(); // cl::desc keeps a pointer
cl::opt<std::string> TypeName("type", cl::desc(TypeHelp), cl::init("json_performance"),
                              cl::cat(Category));
enum class Stage { Types, IR, LLVM, Asm };
cl::opt<Stage> Emit("emit", cl::desc("What to print (default: ir)"), cl::init(Stage::IR),
                    cl::values(clEnumValN(Stage::Types, "types", "the reflected type description"),
                               clEnumValN(Stage::IR, "ir", "the serializer IR program"),
                               clEnumValN(Stage::LLVM, "llvm", "the LLVM IR jitson compiles"),
                               clEnumValN(Stage::Asm, "asm", "the machine code")),
                    cl::cat(Category));
cl::opt<unsigned> OptLevel("O", cl::Prefix, cl::init(1), cl::value_desc("level"),
                           cl::desc("-O1 (default): as jitson compiles it; -O0: as lowered"),
                           cl::cat(Category));
cl::opt<std::string> MCPU("mcpu", cl::desc("Target CPU (default: this host)"), cl::cat(Category));
cl::opt<std::string> MAttr("mattr", cl::desc("Target features (default: the CPU's)"),
                           cl::cat(Category));

} // namespace

int main(int Argc, char** Argv) {
  InitLLVM Init(Argc, Argv);
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(
      Argc, Argv,
      "jitson-dump: print the type description, serializer IR, LLVM IR or machine code that\n"
      "jitson generates for one of its example types.\n\n"
      "  jitson-dump --type=shape --emit=types\n"
      "  jitson-dump --type=json_performance --emit=asm\n");
  const NamedType* Chosen = nullptr;
  for (const NamedType& T : Types)
    if (TypeName == T.Name)
      Chosen = &T;
  if (!Chosen) {
    WithColor::error(errs(), "jitson-dump")
        << "unknown type '" << TypeName << "' (available: " << typeList() << ")\n";
    return 1;
  }
  const jitson::detail::TypeDesc& Type = Chosen->Describe();
  if (Emit == Stage::Types) {
    jitson::ir::printTypes(Type, outs());
    return 0;
  }
  Expected<jitson::ir::Program> P = jitson::ir::buildProgram(Type, jitson::Options{});
  if (!P) {
    WithColor::error(errs(), "jitson-dump") << toString(P.takeError()) << "\n";
    return 1;
  }
  if (Emit == Stage::IR) {
    jitson::ir::printProgram(*P, outs());
    return 0;
  }
  Expected<std::string> Text = jitson::codegen::emitProgram(
      *P, Emit == Stage::Asm ? jitson::codegen::EmitKind::Asm : jitson::codegen::EmitKind::LLVM,
      OptLevel, MCPU, MAttr);
  if (!Text) {
    WithColor::error(errs(), "jitson-dump") << toString(Text.takeError()) << "\n";
    return 1;
  }
  outs() << *Text;
  return 0;
}
