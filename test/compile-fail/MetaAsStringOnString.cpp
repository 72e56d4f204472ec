// Must not compile: asString() quotes numbers and bools; on a string it is a mistake.
#include <jitson/jitson.h>

#include <string>

struct User {
  std::string name;
};

template <> struct jitson::Meta<User> {
  static constexpr auto fields = jitson::fields(jitson::field("name").asString());
};

int main() { return static_cast<int>(jitson::toJson(User{}).size()); }
