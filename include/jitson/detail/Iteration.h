// Per-container iteration helpers that generated code calls to walk node-based containers.
#ifndef JITSON_DETAIL_ITERATION_H
#define JITSON_DETAIL_ITERATION_H

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <new>
#include <type_traits>

namespace jitson::detail {

/// Bytes of iteration state generated code reserves (codegen::IterStateSize).
inline constexpr std::size_t IterationStateSize = 96;

/// State of a sorted walk, shared with the runtime's jitson_rt_sorted_next.
struct SortedState {
  const void** Items; ///< malloc'd; freed at the end or by release
  std::uint64_t Count;
  std::uint64_t Index;
};

template <class C> struct IterationState {
  typename C::const_iterator It;
  typename C::const_iterator End;
  /// std::vector<bool> yields proxies: the current bit is copied here.
  bool Bit;
};

template <class C> const void* currentElement(IterationState<C>& S) noexcept {
  if constexpr (std::is_same_v<typename C::value_type, bool>) {
    S.Bit = *S.It;
    return &S.Bit;
  } else {
    return std::addressof(*S.It);
  }
}

/// First element of *Container (null when empty); sets up State.
template <class C> const void* iterateFirst(const void* Container, void* State) noexcept {
  static_assert(sizeof(IterationState<C>) <= IterationStateSize &&
                    alignof(IterationState<C>) <= 16,
                "jitson: this container's iterator is too large to walk");
  static_assert(std::is_trivially_destructible_v<IterationState<C>>,
                "jitson: this container's iterator needs a destructor");
  const C& Items = *static_cast<const C*>(Container);
  auto* S = ::new (State) IterationState<C>{Items.begin(), Items.end(), false};
  return S->It == S->End ? nullptr : currentElement(*S);
}

/// The element after the last one returned, or null at the end.
template <class C> const void* iterateNext(void* State) noexcept {
  auto* S = std::launder(static_cast<IterationState<C>*>(State));
  if (++S->It == S->End)
    return nullptr;
  return currentElement(*S);
}

/// A map's elements in key order (equal keys in their iteration order), for unordered
/// maps under Options::sortMapKeys. Returns 0 or ErrorCode::OutOfMemory (3).
template <class C> std::int32_t iterateSorted(const void* Container, void* State) noexcept {
  const C& Items = *static_cast<const C*>(Container);
  auto* S = ::new (State) SortedState{nullptr, 0, 0};
  std::size_t Count = Items.size();
  if (Count == 0)
    return 0;
  // Sort (element, position) pairs, the position breaking ties so equal keys
  // keep their order (std::stable_sort would need a deprecated temporary
  // buffer), then keep just the elements, in place.
  struct Entry {
    const void* Element;
    std::size_t Position;
  };
  auto* Entries = static_cast<Entry*>(std::malloc(Count * sizeof(Entry)));
  if (!Entries)
    return 3;
  for (const auto& Item : Items) {
    Entries[S->Count] = Entry{std::addressof(Item), S->Count};
    ++S->Count;
  }
  using Value = typename C::value_type;
  std::sort(Entries, Entries + S->Count, [](const Entry& A, const Entry& B) {
    const auto& KeyA = static_cast<const Value*>(A.Element)->first;
    const auto& KeyB = static_cast<const Value*>(B.Element)->first;
    if (KeyA < KeyB)
      return true;
    if (KeyB < KeyA)
      return false;
    return A.Position < B.Position;
  });
  S->Items = reinterpret_cast<const void**>(Entries);
  for (std::size_t I = 0; I < S->Count; ++I) // Items[I] lies at or before Entries[I]
    S->Items[I] = Entries[I].Element;
  return 0;
}

} // namespace jitson::detail

#endif // JITSON_DETAIL_ITERATION_H
