// Must not compile: std::vector<bool> (a bit container) is not supported yet, and the error must name it.
#include <jitson/jitson.h>

#include <vector>

struct Flags {
  std::vector<bool> Bits;
};

int main() { return static_cast<int>(jitson::toJson(Flags{}).size()); }
