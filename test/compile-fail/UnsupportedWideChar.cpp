// Must not compile: wchar_t has no JSON meaning jitson can pick, and the error must name it.
#include <jitson/jitson.h>

struct HasWide {
  wchar_t Letter;
};

int main() { return static_cast<int>(jitson::toJson(HasWide{}).size()); }
