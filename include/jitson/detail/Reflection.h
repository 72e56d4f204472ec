// Stage 1a: reflect a C++ type T into a TypeDesc (kinds, sizes, member names and offsets, layouts).
#ifndef JITSON_DETAIL_REFLECTION_H
#define JITSON_DETAIL_REFLECTION_H

#include "jitson/Meta.h"
#include "jitson/RawJson.h"
#include "jitson/Writer.h"
#include "jitson/detail/EnumNames.h"
#include "jitson/detail/FieldNames.h"
#include "jitson/detail/Iteration.h"
#include "jitson/detail/Layout.h"
#include "jitson/detail/TypeDescription.h"

#include <array>
#include <concepts>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace jitson::detail {

template <class T> struct IsStdVector : std::false_type {};
template <class E> struct IsStdVector<std::vector<E, std::allocator<E>>> : std::true_type {};
/// std::vector<bool> is a bitset (walked like a list); std::vector<std::byte>
/// is binary data (written as base64); other vectors are arrays.
template <class T> struct IsByteVector : std::false_type {};
template <> struct IsByteVector<std::vector<std::byte>> : std::true_type {};
template <class T>
inline constexpr bool IsElementVector =
    IsStdVector<T>::value && !IsByteVector<T>::value && !std::is_same_v<T, std::vector<bool>>;
template <class T> struct IsStdArray : std::false_type {};
template <class E, std::size_t N> struct IsStdArray<std::array<E, N>> : std::true_type {};
template <class T> struct IsStdOptional : std::false_type {};
template <class E> struct IsStdOptional<std::optional<E>> : std::true_type {};
template <class T> struct IsUniquePtr : std::false_type {};
template <class E> struct IsUniquePtr<std::unique_ptr<E, std::default_delete<E>>> : std::true_type {};
template <class T> struct IsSharedPtr : std::false_type {};
template <class E> struct IsSharedPtr<std::shared_ptr<E>> : std::true_type {};
template <class T> struct IsVariant : std::false_type {};
template <class... A> struct IsVariant<std::variant<A...>> : std::true_type {};
template <class T> struct IsTupleLike : std::false_type {};
template <class... A> struct IsTupleLike<std::tuple<A...>> : std::true_type {};
template <class A, class B> struct IsTupleLike<std::pair<A, B>> : std::true_type {};
template <class T> struct IsDynamicSpan : std::false_type {};
template <class E> struct IsDynamicSpan<std::span<E, std::dynamic_extent>> : std::true_type {};
/// Containers and clocks are recognised by their members, so this header
/// need not include <map>, <list>, <chrono>, ... (users' compile times).
template <class T>
concept Iterable = requires(const T& C) {
  typename T::value_type;
  typename T::const_iterator;
  C.begin();
  C.end();
};
template <class T>
concept MapLike = Iterable<T> && requires {
  typename T::key_type;
  typename T::mapped_type;
};
template <class T>
concept KeyOrdered = requires { typename T::key_compare; };
template <class T>
concept DurationLike = requires(const T& D) {
  typename T::rep;
  T::period::num;
  T::period::den;
  { D.count() } -> std::same_as<typename T::rep>;
};
/// A time point of std::chrono::system_clock (the clock with to_time_t).
template <class T>
concept SystemTimeLike = requires(const T& P) {
  typename T::clock;
  typename T::duration;
  P.time_since_epoch();
  T::clock::to_time_t(typename T::clock::time_point{});
};

/// Integers that jitson writes as JSON numbers. Character types are not
/// numbers (char is a one-character string; wchar_t, char8_t, ... are not
/// supported), nor is bool.
template <class T>
inline constexpr bool IsJsonInteger =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
    !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> &&
    !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t>;

template <class T>
inline constexpr bool IsReflectableAggregate =
    std::is_class_v<T> && std::is_aggregate_v<T> && !IsStdArray<T>::value;

/// A trivial stand-in of E's size and alignment. The layouts of vector<E>,
/// optional<E>, variant<E...> and the smart pointers depend only on those,
/// so they are probed with stand-ins: no constructor, move or destructor of
/// the user's types is instantiated for it (their compile times), and E need
/// not be default-constructible.
template <class E> struct alignas(alignof(E)) LayoutTwin {
  unsigned char Bytes[sizeof(E)];
};

/// Map keys jitson can write as JSON object keys.
template <class K>
inline constexpr bool IsMapKey = std::is_same_v<K, std::string> ||
                                 std::is_same_v<K, std::string_view> || IsJsonInteger<K> ||
                                 std::is_enum_v<K>;

/// Instantiated only for a type jitson cannot serialize: the compiler's
/// "required from" note names the offending type as UnsupportedType<...>.
template <class T> struct UnsupportedType {
  static_assert(sizeof(T) == 0,
                "jitson cannot serialize this type (see UnsupportedType<...> in "
                "this error for its name). Supported: aggregates with public "
                "members, bool, integers, char, float, double, enums, "
                "std::string(_view), const char*, containers, maps with string, "
                "integer or enum keys, std::optional, pointers, unique_ptr, "
                "shared_ptr, std::variant, std::tuple, std::pair, std::chrono "
                "durations and system_clock time points, jitson::RawJson; "
                "anything else through a jitson::Serialize<T> hook (docs/Types.md).");
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

//===----------------------------------------------------------------------===//
// Field metadata (jitson::Meta<T>)
//===----------------------------------------------------------------------===//

template <class T>
concept HasMeta = requires { Meta<T>::fields; };

template <class T, std::size_t I> consteval FieldMeta memberMeta() {
  if constexpr (HasMeta<T>) {
    for (const FieldMeta& F : Meta<T>::fields)
      if (F.member == memberName<T, I>())
        return F;
  }
  return FieldMeta{};
}

/// True when every jitson::Meta<T> entry names a member of T, once.
template <class T, std::size_t... I> consteval bool metaNamesMembers(std::index_sequence<I...>) {
  if constexpr (HasMeta<T>) {
    for (std::size_t A = 0; A < Meta<T>::fields.size(); ++A) {
      std::string_view Name = Meta<T>::fields[A].member;
      if (!((Name == memberName<T, I>()) || ...))
        return false;
      for (std::size_t B = 0; B < A; ++B)
        if (Meta<T>::fields[B].member == Name)
          return false;
    }
  }
  return true;
}

template <class T, std::size_t I>
void describeMember(TypeDesc& D, const T& Obj, const unsigned char* Storage) {
  constexpr FieldMeta M = memberMeta<T, I>();
  if constexpr (!M.skipped) {
    using U = MemberType<T, I>;
    static_assert(!M.quoted || std::is_arithmetic_v<U> || std::is_enum_v<U>,
                  "jitson::Meta: asString() applies to numbers, bools and enums only");
    auto Offset = static_cast<std::uint64_t>(
        reinterpret_cast<const unsigned char*>(&member<I>(Obj)) - Storage);
    std::string_view Key = M.key.empty() ? memberName<T, I>() : M.key;
    addMember(D, Key, Offset, &describe<U>(), M.omitIfEmpty, M.quoted);
  }
}

template <class T, std::size_t... I>
void describeMembers(TypeDesc& D, std::index_sequence<I...> Seq) {
  static_assert(metaNamesMembers<T>(Seq),
                "jitson::Meta<T>::fields names a member T does not have (or names one twice)");
  // Offsets come from member addresses in (unconstructed) storage: PFR binds
  // references to the members without reading them.
  alignas(T) static unsigned char Storage[sizeof(T)];
  const T& Obj = *reinterpret_cast<const T*>(Storage);
  (describeMember<T, I>(D, Obj, Storage), ...);
}

//===----------------------------------------------------------------------===//
// Tuples, variants and per-type helpers
//===----------------------------------------------------------------------===//

template <class T, std::size_t... I> void describeTuple(TypeDesc& D, std::index_sequence<I...>) {
  alignas(T) static unsigned char Storage[sizeof(T)];
  const T& Obj = *reinterpret_cast<const T*>(Storage);
  (addMember(D, {},
             static_cast<std::uint64_t>(
                 reinterpret_cast<const unsigned char*>(&std::get<I>(Obj)) - Storage),
             &describe<std::tuple_element_t<I, T>>(), false, false),
   ...);
}

template <class T, std::size_t... I> void describeVariant(TypeDesc& D, std::index_sequence<I...>) {
  (addMember(D, {}, 0, &describe<std::variant_alternative_t<I, T>>(), false, false), ...);
  probeVariantLayout<std::variant<LayoutTwin<std::variant_alternative_t<I, T>>...>>(D);
}

/// A symbol for one of T's helpers, stable across processes (cached objects
/// refer to it) and unique within this one.
template <class T> TypeHelper typeHelper(std::string_view Role, const void* Address) {
  std::string Base = "jitson." + std::string(Role) + "." + std::string(typeName<T>());
  return TypeHelper{uniqueHelperSymbol(Base, Address), Address};
}

/// Any other container (list, deque, set, map, unordered_*, vector<bool>):
/// generated code walks it through these per-type helpers.
template <class T> void describeSequence(TypeDesc& D) {
  using E = typename T::value_type;
  constexpr bool IsMap = MapLike<T>;
  D.Kind = TypeKind::Sequence;
  D.IsMap = IsMap;
  D.Ordered = KeyOrdered<T>;
  D.Helpers.push_back(typeHelper<T>("first", reinterpret_cast<const void*>(&iterateFirst<T>)));
  D.Helpers.push_back(typeHelper<T>("next", reinterpret_cast<const void*>(&iterateNext<T>)));
  if constexpr (IsMap) {
    using K = typename T::key_type;
    static_assert(IsMapKey<K>, "jitson: map keys must be strings, integers or enums");
    static_assert(std::is_same_v<E, std::pair<const K, typename T::mapped_type>>,
                  "jitson: a map's elements must be std::pair<const Key, Value>");
    if constexpr (!KeyOrdered<T>)
      D.Helpers.push_back(
          typeHelper<T>("sorted", reinterpret_cast<const void*>(&iterateSorted<T>)));
    D.Element = &describe<std::pair<const K, typename T::mapped_type>>();
  } else {
    D.Element = &describe<E>();
  }
}

template <class T> void describeEnum(TypeDesc& D) {
  D.Kind = TypeKind::Enum;
  D.Element = &describe<std::underlying_type_t<T>>();
  describeEnumerators<T>(D);
}

//===----------------------------------------------------------------------===//
// The description of each kind
//===----------------------------------------------------------------------===//

/// Runs once per type, at its first use: built for size, not speed (users'
/// compile times).
template <class T> [[gnu::cold]] void describeInto(TypeDesc& D) {
  D.Name = std::string(typeName<T>());
  D.Size = sizeof(T);
  D.Align = alignof(T);
  if constexpr (HasCustomHook<T>) {
    D.Kind = TypeKind::Custom;
    D.Helpers.push_back(
        typeHelper<T>("hook", reinterpret_cast<const void*>(&callCustomHook<T>)));
  } else if constexpr (std::is_same_v<T, bool>) {
    D.Kind = TypeKind::Bool;
  } else if constexpr (std::is_same_v<T, char>) {
    D.Kind = TypeKind::Char;
  } else if constexpr (IsJsonInteger<T>) {
    D.Kind = TypeKind::Int;
    D.Bits = sizeof(T) * 8;
    D.IsSigned = std::is_signed_v<T>;
  } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    static_assert(std::numeric_limits<T>::is_iec559, "jitson needs IEEE 754 floats");
    D.Kind = TypeKind::Float;
    D.Bits = sizeof(T) * 8;
  } else if constexpr (std::is_enum_v<T>) {
    describeEnum<T>(D);
  } else if constexpr (std::is_same_v<T, std::nullptr_t> || std::is_same_v<T, std::monostate>) {
    D.Kind = TypeKind::Null;
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
  } else if constexpr (std::is_same_v<T, RawJson>) {
    D.Kind = TypeKind::Raw;
    TypeDesc Text;
    Text.Name = "std::string";
    probeStringLayout<std::string>(Text);
    D.DataOffset = Text.DataOffset;
    D.SizeOffset = Text.SizeOffset;
    D.LayoutError = Text.LayoutError;
  } else if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, char*>) {
    D.Kind = TypeKind::CString;
  } else if constexpr (std::is_array_v<T> &&
                       std::is_same_v<std::remove_cv_t<std::remove_extent_t<T>>, char>) {
    D.Kind = TypeKind::CString;
    D.Count = std::extent_v<T>;
  } else if constexpr (std::is_pointer_v<T>) {
    using E = std::remove_cv_t<std::remove_pointer_t<T>>;
    static_assert(!std::is_void_v<E> && !std::is_function_v<E>,
                  "jitson cannot serialize void or function pointers");
    D.Kind = TypeKind::Pointer;
    D.Element = &describe<E>();
  } else if constexpr (IsUniquePtr<T>::value) {
    using E = std::remove_cv_t<typename T::element_type>;
    D.Kind = TypeKind::Pointer;
    D.Element = &describe<E>();
    probeSmartPointerLayout<std::unique_ptr<LayoutTwin<E>>>(D);
  } else if constexpr (IsSharedPtr<T>::value) {
    using E = std::remove_cv_t<typename T::element_type>;
    D.Kind = TypeKind::Pointer;
    D.Element = &describe<E>();
    probeSmartPointerLayout<std::shared_ptr<LayoutTwin<E>>>(D);
  } else if constexpr (IsByteVector<T>::value) {
    D.Kind = TypeKind::Bytes;
    probeVectorLayout<T>(D);
  } else if constexpr (IsElementVector<T>) {
    using E = typename T::value_type;
    D.Kind = TypeKind::Vector;
    D.Element = &describe<E>();
    probeVectorLayout<std::vector<LayoutTwin<E>>>(D);
  } else if constexpr (IsDynamicSpan<T>::value) {
    D.Kind = TypeKind::Span;
    D.Element = &describe<std::remove_cv_t<typename T::element_type>>();
    probeSpanLayout<T>(D);
  } else if constexpr (IsStdArray<T>::value) {
    using E = typename T::value_type;
    D.Kind = TypeKind::Array;
    D.Count = std::tuple_size_v<T>;
    D.Element = &describe<E>();
    // An empty std::array still occupies a byte; it is written as [].
    static_assert(std::tuple_size_v<T> == 0 || sizeof(T) == sizeof(E) * std::tuple_size_v<T>,
                  "jitson: std::array with padding is not supported");
  } else if constexpr (std::is_array_v<T> && std::rank_v<T> == 1 && std::extent_v<T> > 0) {
    using E = std::remove_cv_t<std::remove_extent_t<T>>;
    D.Kind = TypeKind::Array;
    D.Count = std::extent_v<T>;
    D.Element = &describe<E>();
  } else if constexpr (IsStdOptional<T>::value) {
    using E = typename T::value_type;
    D.Kind = TypeKind::Optional;
    D.Element = &describe<E>();
    probeOptionalLayout<std::optional<LayoutTwin<E>>>(D);
  } else if constexpr (IsVariant<T>::value) {
    D.Kind = TypeKind::Variant;
    describeVariant<T>(D, std::make_index_sequence<std::variant_size_v<T>>{});
  } else if constexpr (IsTupleLike<T>::value) {
    D.Kind = TypeKind::Tuple;
    describeTuple<T>(D, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else if constexpr (DurationLike<T>) {
    // A duration is its count (ticks of its period).
    using Rep = typename T::rep;
    static_assert(sizeof(T) == sizeof(Rep), "jitson: unexpected std::chrono::duration layout");
    describeInto<Rep>(D);
    D.Name = std::string(typeName<T>());
  } else if constexpr (SystemTimeLike<T>) {
    using Rep = typename T::rep;
    static_assert(IsJsonInteger<Rep>, "jitson: time points need an integer tick count");
    static_assert(sizeof(T) == sizeof(Rep), "jitson: unexpected std::chrono::time_point layout");
    D.Kind = TypeKind::Time;
    D.Element = &describe<Rep>();
    D.Num = std::uint64_t(T::period::num);
    D.Den = std::uint64_t(T::period::den);
  } else if constexpr (Iterable<T>) {
    describeSequence<T>(D);
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
