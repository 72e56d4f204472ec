// Must not compile: map keys must be strings, integers or enums, and the error must say so.
#include <jitson/jitson.h>

#include <map>

struct HasMap {
  std::map<double, int> Weights;
};

int main() { return static_cast<int>(jitson::toJson(HasMap{}).size()); }
