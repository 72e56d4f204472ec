// Must not compile: jitson::Meta names a member the type does not have (a typo is not silence).
#include <jitson/jitson.h>

struct User {
  int id;
  int age;
};

template <> struct jitson::Meta<User> {
  static constexpr auto fields = jitson::fields(jitson::field("agee").rename("years"));
};

int main() { return static_cast<int>(jitson::toJson(User{}).size()); }
