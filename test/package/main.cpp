// Serializes a small struct with an installed jitson and checks the output.
#include <jitson/jitson.h>

#include <link.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct Point {
  double x, y;
};

struct Shape {
  std::string name;
  std::vector<Point> points;
  std::optional<std::int32_t> layer;
  bool closed;
};

/// The path of the libjitson this process loaded.
static std::string loadedJitson() {
  std::string Path;
  dl_iterate_phdr(
      [](dl_phdr_info* Info, size_t, void* Out) {
        std::string_view Name = Info->dlpi_name ? Info->dlpi_name : "";
        if (Name.find("/libjitson.so") == std::string_view::npos)
          return 0;
        *static_cast<std::string*>(Out) = Name;
        return 1;
      },
      &Path);
  return Path;
}

int main() {
  int Failures = 0;

  // The library must be the installed copy, not the one in the build tree.
  std::string Loaded = loadedJitson();
  if (!Loaded.starts_with(JITSON_EXPECTED_PREFIX)) {
    std::cerr << "libjitson was loaded from '" << Loaded << "', not from under "
              << JITSON_EXPECTED_PREFIX << "\n";
    ++Failures;
  }

  Shape Tri{"tri", {{0, 0}, {1, 0.5}}, std::nullopt, true};
  const std::string Expected =
      R"({"name":"tri","points":[{"x":0,"y":0},{"x":1,"y":0.5}],"layer":null,"closed":true})";
  std::string Actual = jitson::toJson(Tri);
  if (Actual != Expected) {
    std::cerr << "expected " << Expected << "\n     got " << Actual << "\n";
    ++Failures;
  }

  // Errors cross the library boundary as jitson::Error.
  Tri.points[1].y = std::nan("");
  try {
    Actual = jitson::Serializer<Shape>::get().serialize(Tri);
    std::cerr << "a NaN was serialized as " << Actual << "\n";
    ++Failures;
  } catch (const jitson::Error& E) {
    if (E.code() != jitson::ErrorCode::NonFiniteNumber) {
      std::cerr << "NaN gave " << jitson::errorCodeName(E.code()) << ": " << E.what() << "\n";
      ++Failures;
    }
  }

  if (Failures == 0)
    std::cout << "package test passed: " << Expected << "\n";
  return Failures == 0 ? 0 : 1;
}
