// Compile-time enumerator names, read from __PRETTY_FUNCTION__ over a bounded value range.
#ifndef JITSON_DETAIL_ENUMNAMES_H
#define JITSON_DETAIL_ENUMNAMES_H

#include "jitson/Meta.h"
#include "jitson/detail/TypeDescription.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

// Names are found by spelling static_cast<E>(V) for every V in a range. For
// an enum without a fixed underlying type, clang diagnoses values outside the
// enumerators' bit range (a warning that defaults to an error); the value is
// only spelled, never used, so the diagnostic is silenced here.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wenum-constexpr-conversion"
#endif

namespace jitson::detail {

template <auto V> consteval std::string_view prettyOfEnumValue() { return __PRETTY_FUNCTION__; }

/// g++ spells a named value "V = ns::Color::Red" and an unnamed one
/// "V = (ns::Color)5"; clang the same inside "[V = ...]". Scopes may start
/// with '(' too ("(anonymous namespace)::E::A"), so a value is unnamed when
/// what follows its last ')' (or the whole spelling) is a number.
consteval std::string_view enumeratorFromPretty(std::string_view Pretty) {
  std::size_t Start = Pretty.find("V = ") + 4;
  std::size_t Stop = Pretty.find_first_of(";]", Start);
  std::string_view Value = Pretty.substr(Start, Stop - Start);
  std::size_t Paren = Value.rfind(')');
  std::string_view Tail = Paren == std::string_view::npos ? Value : Value.substr(Paren + 1);
  if (!Tail.empty() && (Tail[0] == '-' || (Tail[0] >= '0' && Tail[0] <= '9')))
    return {};
  if (Value.empty())
    return {};
  std::size_t Last = Value.find_last_of(':');
  return Last == std::string_view::npos ? Value : Value.substr(Last + 1);
}

template <class E> consteval std::int64_t enumSearchMin() {
  using U = std::underlying_type_t<E>;
  constexpr std::int64_t Lowest =
      std::is_signed_v<U> ? std::int64_t(std::numeric_limits<U>::min()) : 0;
  return sizeof(U) == 1 || EnumRange<E>::min < Lowest ? Lowest : EnumRange<E>::min;
}

template <class E> consteval std::int64_t enumSearchMax() {
  using U = std::underlying_type_t<E>;
  constexpr std::uint64_t Highest = std::uint64_t(std::numeric_limits<U>::max());
  return sizeof(U) == 1 || (EnumRange<E>::max >= 0 && std::uint64_t(EnumRange<E>::max) > Highest)
             ? std::int64_t(Highest)
             : EnumRange<E>::max;
}

template <class E, std::int64_t Min, std::size_t... I>
void collectEnumerators(TypeDesc& D, std::index_sequence<I...>) {
  auto Add = [&](std::int64_t Value, std::string_view Name) {
    if (!Name.empty())
      D.Enumerators.push_back(EnumeratorDesc{Value, std::string(Name)});
  };
  (Add(Min + std::int64_t(I),
       enumeratorFromPretty(prettyOfEnumValue<static_cast<E>(Min + std::int64_t(I))>())),
   ...);
}

/// Fills D.Enumerators with the named values of E in EnumRange<E>.
template <class E> void describeEnumerators(TypeDesc& D) {
  constexpr std::int64_t Min = enumSearchMin<E>();
  constexpr std::int64_t Max = enumSearchMax<E>();
  static_assert(Max - Min < 4096, "jitson::EnumRange spans too many values (at most 4096)");
  if constexpr (Max >= Min)
    collectEnumerators<E, Min>(D, std::make_index_sequence<std::size_t(Max - Min + 1)>{});
}

} // namespace jitson::detail

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

#endif // JITSON_DETAIL_ENUMNAMES_H
