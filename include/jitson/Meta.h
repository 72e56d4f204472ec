// Field metadata (rename, skip, omitEmpty, asString) and enum name ranges: the analogue of Go's struct tags.
#ifndef JITSON_META_H
#define JITSON_META_H

#include <array>
#include <cstdint>
#include <string_view>

namespace jitson {

/// What to do with one member. Build it with field("member") and the
/// chainable setters; every setter returns a modified copy (constexpr).
struct FieldMeta {
  std::string_view member;  ///< The member's declared name (must exist).
  std::string_view key;     ///< The JSON key; empty keeps the declared name.
  bool skipped = false;     ///< Never written (its type need not be serializable).
  bool omitIfEmpty = false; ///< Left out when empty, null, zero or false.
  bool quoted = false;      ///< A number or bool written as a JSON string.

  constexpr FieldMeta rename(std::string_view Key) const {
    FieldMeta M = *this;
    M.key = Key;
    return M;
  }
  constexpr FieldMeta skip() const {
    FieldMeta M = *this;
    M.skipped = true;
    return M;
  }
  constexpr FieldMeta omitEmpty() const {
    FieldMeta M = *this;
    M.omitIfEmpty = true;
    return M;
  }
  constexpr FieldMeta asString() const {
    FieldMeta M = *this;
    M.quoted = true;
    return M;
  }
};

/// Starts the metadata of the member named Member.
constexpr FieldMeta field(std::string_view Member) {
  FieldMeta M;
  M.member = Member;
  return M;
}

/// Collects member metadata: `static constexpr auto fields = jitson::fields(...)`.
template <class... F> constexpr std::array<FieldMeta, sizeof...(F)> fields(F... Fields) {
  return {Fields...};
}

/// Specialise for an aggregate T to rename, skip, omit or quote members:
///
///   template <> struct jitson::Meta<User> {
///     static constexpr auto fields = jitson::fields(
///         jitson::field("name").rename("userName"),
///         jitson::field("password").skip());
///   };
///
/// An entry naming a member T does not have is a compile error.
template <class T> struct Meta {};

/// The values searched for enumerator names when Options::enumsAsStrings is
/// on (each costs the compiler a little); specialise to widen or narrow it.
template <class E> struct EnumRange {
  static constexpr std::int64_t min = -128;
  static constexpr std::int64_t max = 127;
};

} // namespace jitson

#endif // JITSON_META_H
