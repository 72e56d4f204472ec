// Members of an aggregate: how many, and a reference to the I-th (Boost.PFR, with a g++ 12 workaround).
#ifndef JITSON_DETAIL_MEMBERACCESS_H
#define JITSON_DETAIL_MEMBERACCESS_H

#include <boost/pfr.hpp>
#include <boost/version.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

// g++ 12 and older crash (internal compiler error in check_noexcept_r) inside
// Boost.PFR's field counting for an aggregate with a std::array member of
// non-trivially-destructible elements, e.g. std::array<std::string, 2>. There
// jitson counts members itself and hands the count to PFR's structured-binding
// tie, which is unaffected.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ <= 12
#define JITSON_OWN_MEMBER_COUNT 1
#else
#define JITSON_OWN_MEMBER_COUNT 0
#endif

namespace jitson::detail {

#if JITSON_OWN_MEMBER_COUNT
static_assert(BOOST_VERSION >= 107500 && BOOST_VERSION < 109900,
              "jitson's g++ <= 12 workaround uses Boost.PFR's tie_as_tuple; check it");

/// Converts to an rvalue of anything: stands for one member initializer.
/// (Offering U& as well makes move-only members such as unique_ptr
/// ambiguous between their deleted copy and their move constructor.)
struct AnyMember {
  template <class U> operator U&&() const&&;
};

template <class T, std::size_t... I>
constexpr bool initializableWith(std::index_sequence<I...>) {
  return requires { T{(void(I), AnyMember{})...}; };
}
template <class T, std::size_t N>
inline constexpr bool InitializableWith = initializableWith<T>(std::make_index_sequence<N>{});

// T{x1..xN} is valid exactly for N in [K, count], where K is past the last
// member that has no default constructor (usually K = 0). Binary search
// assumes K = 0; a result that fails the check falls back to a linear scan.
template <class T, std::size_t Lo, std::size_t Hi> constexpr std::size_t searchCount() {
  if constexpr (Lo == Hi) {
    return Lo;
  } else {
    constexpr std::size_t Mid = (Lo + Hi + 1) / 2;
    if constexpr (InitializableWith<T, Mid>)
      return searchCount<T, Mid, Hi>();
    else
      return searchCount<T, Lo, Mid - 1>();
  }
}
template <class T, std::size_t N> constexpr std::size_t scanCountDown() {
  if constexpr (N == 0 || InitializableWith<T, N>)
    return N;
  else
    return scanCountDown<T, N - 1>();
}

inline constexpr std::size_t MaxMembers = 100; // what Boost 1.81's PFR ties

template <class T> constexpr std::size_t countMembers() {
  constexpr std::size_t Hi = sizeof(T) < MaxMembers ? sizeof(T) : MaxMembers;
  constexpr std::size_t Found = searchCount<T, 0, Hi>();
  if constexpr (InitializableWith<T, Found> && !InitializableWith<T, Found + 1>)
    return Found;
  else
    return scanCountDown<T, Hi>();
}

template <class T> inline constexpr std::size_t MemberCount = countMembers<T>();

/// The I-th member of Obj (a reference of the member's constness).
template <std::size_t I, class T> constexpr auto& member(T& Obj) {
  return boost::pfr::detail::sequence_tuple::get<I>(boost::pfr::detail::tie_as_tuple(
      Obj, boost::pfr::detail::size_t_<MemberCount<std::remove_const_t<T>>>{}));
}
#else
template <class T> inline constexpr std::size_t MemberCount = boost::pfr::tuple_size_v<T>;

template <std::size_t I, class T> constexpr auto& member(T& Obj) {
  return boost::pfr::get<I>(Obj);
}
#endif

/// The declared type of T's I-th member, without cv-qualifiers.
template <class T, std::size_t I>
using MemberType = std::remove_cvref_t<decltype(member<I>(std::declval<T&>()))>;

} // namespace jitson::detail

#endif // JITSON_DETAIL_MEMBERACCESS_H
