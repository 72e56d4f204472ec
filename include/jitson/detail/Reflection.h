// Stage 1a: reflect a C++ type T into a TypeDesc (kinds, sizes, member names and offsets, layouts).
#ifndef JITSON_DETAIL_REFLECTION_H
#define JITSON_DETAIL_REFLECTION_H

#include "jitson/detail/FieldNames.h"
#include "jitson/detail/Layout.h"
#include "jitson/detail/TypeDescription.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace jitson::detail {

template <class T> struct IsStdVector : std::false_type {};
template <class E> struct IsStdVector<std::vector<E, std::allocator<E>>> : std::true_type {};
template <class T> struct IsStdArray : std::false_type {};
template <class E, std::size_t N> struct IsStdArray<std::array<E, N>> : std::true_type {};
template <class T> struct IsStdOptional : std::false_type {};
template <class E> struct IsStdOptional<std::optional<E>> : std::true_type {};

/// Integers that jitson writes as JSON numbers. Character types are not
/// numbers (char, wchar_t, char8_t, ...), nor is bool.
template <class T>
inline constexpr bool IsJsonInteger =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
    !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> &&
    !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t>;

template <class T>
inline constexpr bool IsReflectableAggregate =
    std::is_class_v<T> && std::is_aggregate_v<T> && !IsStdArray<T>::value;

/// Instantiated only for a type jitson cannot serialize: the compiler's
/// "required from" note names the offending type as UnsupportedType<...>.
template <class T> struct UnsupportedType {
  static_assert(sizeof(T) == 0,
                "jitson cannot serialize this type (see UnsupportedType<...> in "
                "this error for its name). Supported: aggregates (structs with "
                "public members and no base classes), bool, fixed-width integers, "
                "float, double, std::string, std::string_view, std::vector<T>, "
                "std::array<T, N>, std::optional<T> of supported T.");
};

template <class T> const TypeDesc& describe();

/// A description is built once per type, under one lock, and published with
/// release ordering. A type that reaches itself (through a vector, say) sees
/// its own description under construction and links to it by address.
template <class T> struct DescriptionSlot {
  static inline TypeDesc Desc{};
  static inline std::atomic<bool> Ready{false};
  static inline bool InProgress = false;
};

inline std::recursive_mutex& reflectionMutex() {
  static std::recursive_mutex M;
  return M;
}

template <class T, std::size_t... I>
void describeMembers(TypeDesc& D, std::index_sequence<I...>) {
  // Offsets come from member addresses in (unconstructed) storage: PFR binds
  // references to the members without reading them.
  alignas(T) static unsigned char Storage[sizeof(T)];
  const T& Obj = *reinterpret_cast<const T*>(Storage);
  [[maybe_unused]] auto OffsetOf = [&](const void* Member) {
    return static_cast<std::uint64_t>(static_cast<const unsigned char*>(Member) - Storage);
  };
  (D.Members.push_back(MemberDesc{std::string(memberName<T, I>()),
                                  OffsetOf(&member<I>(Obj)),
                                  &describe<MemberType<T, I>>()}),
   ...);
}

template <class T> void describeInto(TypeDesc& D) {
  D.Name = std::string(typeName<T>());
  D.Size = sizeof(T);
  D.Align = alignof(T);
  if constexpr (std::is_same_v<T, bool>) {
    D.Kind = TypeKind::Bool;
  } else if constexpr (IsJsonInteger<T>) {
    D.Kind = TypeKind::Int;
    D.Bits = sizeof(T) * 8;
    D.IsSigned = std::is_signed_v<T>;
  } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    static_assert(std::numeric_limits<T>::is_iec559, "jitson needs IEEE 754 floats");
    D.Kind = TypeKind::Float;
    D.Bits = sizeof(T) * 8;
  } else if constexpr (std::is_same_v<T, std::string>) {
    D.Kind = TypeKind::String;
    D.Name = "std::string";
    D.Flavor = StringFlavor::StdString;
    probeStringLayout<T>(D);
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    D.Kind = TypeKind::String;
    D.Name = "std::string_view";
    D.Flavor = StringFlavor::StdStringView;
    probeStringLayout<T>(D);
  } else if constexpr (IsStdVector<T>::value) {
    using E = typename T::value_type;
    if constexpr (std::is_same_v<E, bool>) {
      UnsupportedType<T> Unsupported;
      (void)Unsupported;
    } else {
      static_assert(std::is_default_constructible_v<E>,
                    "jitson: std::vector elements must be default-constructible "
                    "(its layout is probed with a live vector)");
      D.Kind = TypeKind::Vector;
      D.Element = &describe<E>();
      probeVectorLayout<T>(D);
    }
  } else if constexpr (IsStdArray<T>::value) {
    using E = typename T::value_type;
    D.Kind = TypeKind::Array;
    D.Count = std::tuple_size_v<T>;
    D.Element = &describe<E>();
    // An empty std::array still occupies a byte; it is written as [].
    static_assert(std::tuple_size_v<T> == 0 || sizeof(T) == sizeof(E) * std::tuple_size_v<T>,
                  "jitson: std::array with padding is not supported");
  } else if constexpr (IsStdOptional<T>::value) {
    using E = typename T::value_type;
    static_assert(std::is_default_constructible_v<E>,
                  "jitson: std::optional payloads must be default-constructible "
                  "(its layout is probed with a live optional)");
    D.Kind = TypeKind::Optional;
    D.Element = &describe<E>();
    probeOptionalLayout<T>(D);
  } else if constexpr (IsReflectableAggregate<T> && !std::is_union_v<T>) {
    D.Kind = TypeKind::Struct;
    describeMembers<T>(D, std::make_index_sequence<MemberCount<T>>{});
  } else {
    UnsupportedType<T> Unsupported;
    (void)Unsupported;
  }
}

/// The description of T, built on first use; safe to call from any thread.
template <class T> const TypeDesc& describe() {
  using Slot = DescriptionSlot<std::remove_cv_t<T>>;
  if (Slot::Ready.load(std::memory_order_acquire))
    return Slot::Desc;
  std::lock_guard<std::recursive_mutex> Lock(reflectionMutex());
  if (!Slot::Ready.load(std::memory_order_relaxed) && !Slot::InProgress) {
    Slot::InProgress = true;
    describeInto<std::remove_cv_t<T>>(Slot::Desc);
    Slot::InProgress = false;
    Slot::Ready.store(true, std::memory_order_release);
  }
  return Slot::Desc;
}

} // namespace jitson::detail

#endif // JITSON_DETAIL_REFLECTION_H
