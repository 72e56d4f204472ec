// jitson-demo: writes the json_performance test document from C++ structs.
//
//   jitson-demo            prints the document as JSON
//   jitson-demo --check [FILE]
//                          also compares it, as parsed JSON values, with FILE
//                          (default ../shared/data/json_performance.json)
#include "JsonPerformance.h"

#include "jitson/jitson.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

// Compares Json with the document in Path; returns the exit status.
static int check(const std::string& Json, const std::string& Path) {
  std::ifstream In(Path);
  if (!In) {
    std::cout << "no reference document at " << Path << ": nothing to compare\n";
    return 0;
  }
  nlohmann::json Expected = nlohmann::json::parse(In, nullptr, /*allow_exceptions=*/false);
  nlohmann::json Actual = nlohmann::json::parse(Json, nullptr, /*allow_exceptions=*/false);
  if (Expected.is_discarded() || Actual.is_discarded()) {
    std::cerr << (Actual.is_discarded() ? "jitson's output" : Path)
              << " is not valid JSON\n";
    return 1;
  }
  if (Actual == Expected) {
    std::cout << "matches " << Path << "\n";
    return 0;
  }
  std::cerr << "differs from " << Path << " (JSON patch from jitson's output):\n"
            << nlohmann::json::diff(Actual, Expected).dump(2) << "\n";
  return 1;
}

int main(int Argc, char** Argv) {
  std::vector<std::string_view> Args(Argv + 1, Argv + Argc);
  bool Check = !Args.empty() && Args[0] == "--check";
  if (Args.size() > (Check ? 2u : 0u)) {
    std::cerr << "usage: jitson-demo [--check [FILE]]\n";
    return 2;
  }

  std::string Json;
  try {
    Json = jitson::Serializer<JsonPerformance>::get().serialize(makeDocument());
  } catch (const jitson::Error& E) {
    std::cerr << "jitson-demo: " << E.what() << "\n";
    return 1;
  }
  std::cout << Json << "\n";

  if (!Check)
    return 0;
  return check(Json, Args.size() == 2 ? std::string(Args[1])
                                      : "../shared/data/json_performance.json");
}
