// jitson-demo: writes the json_performance test document from C++ structs.
//
//   jitson-demo            prints the document as JSON
//   jitson-demo --check [FILE]
//                          also compares it, as parsed JSON values, with FILE
//                          (default ../shared/data/json_performance.json)
#include "jitson/jitson.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

// The document's shape. Plain aggregates: jitson reflects the member names.
struct FixedObject {
  std::vector<std::int32_t> int_array;
  std::vector<float> float_array;
  std::vector<double> double_array;
};

struct FixedNameObject {
  std::string name0, name1, name2, name3, name4;
};

struct NestedObject {
  std::vector<std::array<double, 3>> v3s;
  std::string id;
};

struct AnotherObject {
  std::string string;
  std::string another_string;
  std::string escaped_text;
  bool boolean;
  NestedObject nested_object;
};

struct JsonPerformance {
  FixedObject fixed_object;
  FixedNameObject fixed_name_object;
  AnotherObject another_object;
  std::vector<std::string> string_array;
  std::string string;
  double number;
  bool boolean;
  bool another_bool;
};

static JsonPerformance makeDocument() {
  return {
      .fixed_object = {.int_array = {0, 1, 2, 3, 4, 5, 6},
                       .float_array = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
                       .double_array = {3288398.238, 2.33e+24, 28.9, 0.928759872,
                                        0.22222848, 0.1, 0.2, 0.3, 0.4}},
      .fixed_name_object = {"James", "Abraham", "Susan", "Frank", "Alicia"},
      .another_object = {.string = "here is some text",
                         .another_string = "Hello World",
                         .escaped_text = R"({"some key":"some string value"})",
                         .boolean = false,
                         .nested_object = {.v3s = {{0.12345, 0.23456, 0.001345},
                                                   {0.3894675, 97.39827, 297.92387},
                                                   {18.18, 87.289, 2988.298}},
                                           .id = "298728949872"}},
      .string_array = {"Cat", "Dog", "Elephant", "Tiger"},
      .string = "Hello world",
      .number = 3.14,
      .boolean = true,
      .another_bool = false,
  };
}

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
