// Compile-time member and type names of aggregates (Boost.PFR for access, __PRETTY_FUNCTION__ for names).
#ifndef JITSON_DETAIL_FIELDNAMES_H
#define JITSON_DETAIL_FIELDNAMES_H

#include "jitson/detail/MemberAccess.h"

#include <boost/pfr.hpp>
#include <boost/version.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

// Boost 1.84 added boost::pfr::get_name; use it when present, else our own.
#if BOOST_VERSION >= 108400 && defined(BOOST_PFR_CORE_NAME_ENABLED) &&        \
    BOOST_PFR_CORE_NAME_ENABLED
#define JITSON_USE_PFR_NAMES 1
#else
#define JITSON_USE_PFR_NAMES 0
#endif

namespace jitson::detail {

/// Only its address is used (in constant expressions), never its value: it is
/// declared and deliberately never defined.
template <class T> struct FakeHolder { T Value; };
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif
template <class T> extern const FakeHolder<T> fakeObject;

template <class T, std::size_t I> consteval const auto* memberAddress() {
  return &member<I>(fakeObject<T>.Value);
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

/// The compiler spells the template argument inside its own function name:
/// g++ "[with auto P = (& fakeObject<S>.FakeHolder<S>::Value.S::name); ...]",
/// clang "[P = &fakeObject.Value.name]". The member name is what follows the
/// last '.' or ':' before the closing bracket.
template <auto P> consteval std::string_view prettyOfAddress() {
  return __PRETTY_FUNCTION__;
}

consteval std::string_view memberNameFromPretty(std::string_view Pretty) {
  std::size_t Start = Pretty.find("P = ");
  // g++ ends the argument at "; " (its template parameter list goes on),
  // clang at the closing ']'. Types local to a function contain "f()::", so
  // the first ')' is not the end.
  std::size_t Stop = Pretty.find(';', Start);
  if (Stop == std::string_view::npos)
    Stop = Pretty.rfind(']');
  std::string_view Expr = Pretty.substr(Start, Stop - Start);
  while (!Expr.empty() && Expr.back() == ')')
    Expr.remove_suffix(1);
  std::size_t Last = Expr.find_last_of(".:>");
  return Expr.substr(Last + 1);
}

template <class T, std::size_t I> consteval std::string_view memberName() {
#if JITSON_USE_PFR_NAMES
  return boost::pfr::get_name<I, T>();
#else
  return memberNameFromPretty(prettyOfAddress<memberAddress<T, I>()>());
#endif
}

template <class T> consteval std::string_view prettyOfType() {
  return __PRETTY_FUNCTION__;
}

/// The C++ spelling of T, e.g. "ns::Shape" (used in messages and symbol names).
template <class T> consteval std::string_view typeName() {
  std::string_view Pretty = prettyOfType<T>();
  std::size_t Start = Pretty.find("T = ") + 4;
  std::size_t Stop = Pretty.find_first_of(";]", Start);
  return Pretty.substr(Start, Stop - Start);
}

} // namespace jitson::detail

#endif // JITSON_DETAIL_FIELDNAMES_H
