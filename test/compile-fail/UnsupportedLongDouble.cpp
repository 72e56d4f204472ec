// Must not compile: long double has no exact JSON writer here, and the error must name it.
#include <jitson/jitson.h>

struct Precise {
  long double Value;
};

int main() { return static_cast<int>(jitson::toJson(Precise{}).size()); }
