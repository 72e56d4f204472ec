// The json_performance test document as C++ structs, and its value (shared by jitson-demo and jitson-dump).
#ifndef JITSON_TOOLS_JSONPERFORMANCE_H
#define JITSON_TOOLS_JSONPERFORMANCE_H

#include <array>
#include <cstdint>
#include <string>
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

inline JsonPerformance makeDocument() {
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

#endif // JITSON_TOOLS_JSONPERFORMANCE_H
