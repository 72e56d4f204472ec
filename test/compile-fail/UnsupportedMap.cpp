// Must not compile: std::map is not a supported type yet, and the error must name it.
#include <jitson/jitson.h>

#include <map>
#include <string>

struct HasMap {
  std::map<std::string, int> Counts;
};

int main() { return static_cast<int>(jitson::toJson(HasMap{}).size()); }
