// Run-time probes that find (and verify) where standard-library types keep their data.
#ifndef JITSON_DETAIL_LAYOUT_H
#define JITSON_DETAIL_LAYOUT_H

#include "jitson/detail/TypeDescription.h"

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <new>
#include <optional>
#include <span>
#include <utility>
#include <variant>
#include <string>
#include <vector>

// Generated code reads std::string, std::string_view, std::vector and
// std::optional storage directly. Their layouts are implementation details,
// so instead of assuming them we find them in live objects and check them on
// several values; a layout we cannot pin down is reported, never guessed.
namespace jitson::detail {

/// Offsets of every pointer-sized word in Obj that equals Value.
inline std::vector<std::uint64_t> wordsEqualTo(const void* Obj, std::size_t Size,
                                               std::uintptr_t Value) {
  std::vector<std::uint64_t> Hits;
  for (std::size_t Off = 0; Off + sizeof(std::uintptr_t) <= Size;
       Off += alignof(std::uintptr_t)) {
    std::uintptr_t Word;
    std::memcpy(&Word, static_cast<const char*>(Obj) + Off, sizeof Word);
    if (Word == Value)
      Hits.push_back(Off);
  }
  return Hits;
}

inline bool hasWord(const void* Obj, std::size_t Size, std::uint64_t Off,
                    std::uintptr_t Value) {
  if (Off + sizeof(std::uintptr_t) > Size)
    return false;
  std::uintptr_t Word;
  std::memcpy(&Word, static_cast<const char*>(Obj) + Off, sizeof Word);
  return Word == Value;
}

/// Fills DataOffset/SizeOffset of a (pointer, length) string type S.
template <class S> void probeStringLayout(TypeDesc& D) {
  static const std::string Long(40, 'x');
  static const std::string Short = "ab";
  S Samples[] = {S(Long), S(Short), S(Long.data(), 7), S()};
  if constexpr (requires(S& Owning) { Owning.reserve(1); }) {
    // Capacity must not equal the size, or the size word is ambiguous.
    Samples[0] = S();
    Samples[0].reserve(3 * Long.size());
    Samples[0] = Long;
  }
  const char* Why = nullptr;
  std::uint64_t DataOff = 0, SizeOff = 0;
  // The first sample's size (40) is unlikely to alias anything else.
  auto DataHits = wordsEqualTo(&Samples[0], sizeof(S),
                               reinterpret_cast<std::uintptr_t>(Samples[0].data()));
  auto SizeHits = wordsEqualTo(&Samples[0], sizeof(S), Samples[0].size());
  if (DataHits.size() != 1 || SizeHits.size() != 1) {
    Why = "no unique (data pointer, size) words";
  } else {
    DataOff = DataHits[0];
    SizeOff = SizeHits[0];
    for (const S& Sample : Samples)
      if (!hasWord(&Sample, sizeof(S), DataOff,
                   reinterpret_cast<std::uintptr_t>(Sample.data())) ||
          !hasWord(&Sample, sizeof(S), SizeOff, Sample.size()))
        Why = "a short or empty value does not keep its data pointer and size "
              "(short-string optimisation with packed size?)";
  }
  if (Why) {
    D.LayoutError = "unsupported layout of " + D.Name + ": " + Why;
    return;
  }
  D.DataOffset = DataOff;
  D.SizeOffset = SizeOff;
}

/// Fills BeginOffset/EndOffset of std::vector<E>.
template <class V> void probeVectorLayout(TypeDesc& D) {
  using E = typename V::value_type;
  V Sample;
  Sample.reserve(5); // A capacity pointer distinct from the end pointer.
  Sample.resize(2);
  auto Begin = reinterpret_cast<std::uintptr_t>(Sample.data());
  auto End = reinterpret_cast<std::uintptr_t>(Sample.data() + Sample.size());
  auto BeginHits = wordsEqualTo(&Sample, sizeof(V), Begin);
  auto EndHits = wordsEqualTo(&Sample, sizeof(V), End);
  V Empty;
  bool Ok = BeginHits.size() == 1 && EndHits.size() == 1 &&
            sizeof(E) * 2 == End - Begin &&
            hasWord(&Empty, sizeof(V), BeginHits.empty() ? 0 : BeginHits[0],
                    reinterpret_cast<std::uintptr_t>(Empty.data())) &&
            hasWord(&Empty, sizeof(V), EndHits.empty() ? 0 : EndHits[0],
                    reinterpret_cast<std::uintptr_t>(Empty.data() + Empty.size()));
  if (!Ok) {
    D.LayoutError = "unsupported layout of " + D.Name +
                    ": no unique (begin, end) pointer words";
    return;
  }
  D.BeginOffset = BeginHits[0];
  D.EndOffset = EndHits[0];
}

/// Fills PayloadOffset/FlagOffset of std::optional<E>: the payload by address,
/// the engaged flag as the one byte outside the payload that reads 0 when
/// disengaged and 1 when engaged, whatever the storage held before.
template <class O> void probeOptionalLayout(TypeDesc& D) {
  using E = typename O::value_type;
  alignas(O) unsigned char Raw[4][sizeof(O)];
  unsigned char Fill[2] = {0x00, 0xFF};
  O* Engaged[2];
  O* Disengaged[2];
  for (int I = 0; I < 2; ++I) {
    std::memset(Raw[2 * I], Fill[I], sizeof(O));
    std::memset(Raw[2 * I + 1], Fill[I], sizeof(O));
    Engaged[I] = ::new (Raw[2 * I]) O(std::in_place);
    Disengaged[I] = ::new (Raw[2 * I + 1]) O();
  }
  auto PayloadOff = static_cast<std::uint64_t>(
      reinterpret_cast<const unsigned char*>(&**Engaged[0]) - Raw[0]);
  std::int64_t Flag = -1;
  for (std::uint64_t Off = 0; Off < sizeof(O) && Flag < 0; ++Off) {
    if (Off >= PayloadOff && Off < PayloadOff + sizeof(E))
      continue;
    if (Raw[0][Off] == 1 && Raw[2][Off] == 1 && Raw[1][Off] == 0 && Raw[3][Off] == 0)
      Flag = static_cast<std::int64_t>(Off);
  }
  for (int I = 0; I < 2; ++I) {
    Engaged[I]->~O();
    Disengaged[I]->~O();
  }
  if (Flag < 0 || PayloadOff + sizeof(E) > sizeof(O)) {
    D.LayoutError = "unsupported layout of " + D.Name + ": no engaged flag byte";
    return;
  }
  D.PayloadOffset = PayloadOff;
  D.FlagOffset = static_cast<std::uint64_t>(Flag);
}

/// Fills PayloadOffset of a smart pointer P (unique_ptr, shared_ptr): the one
/// word that holds the managed pointer, checked on two addresses and null.
template <class P> void probeSmartPointerLayout(TypeDesc& D) {
  using E = typename P::element_type;
  alignas(E) static unsigned char Targets[2][sizeof(E)];
  std::int64_t Found = -1;
  bool Ok = true;
  for (int I = 0; I < 2; ++I) {
    E* Target = reinterpret_cast<E*>(Targets[I]);
    alignas(P) unsigned char Raw[sizeof(P)];
    P* Sample;
    if constexpr (requires { P(nullptr).release(); })
      Sample = ::new (Raw) P(Target);
    else // shared_ptr: the aliasing constructor owns nothing
      Sample = ::new (Raw) P(P(), Target);
    auto Hits = wordsEqualTo(Raw, sizeof(P), reinterpret_cast<std::uintptr_t>(Target));
    if (Hits.size() != 1 || (Found >= 0 && std::uint64_t(Found) != Hits[0]))
      Ok = false;
    else
      Found = std::int64_t(Hits[0]);
    if constexpr (requires { Sample->release(); })
      (void)Sample->release(); // never delete what was never allocated
    Sample->~P();
  }
  P Null;
  if (!Ok || !hasWord(&Null, sizeof(P), std::uint64_t(Found), 0)) {
    D.LayoutError = "unsupported layout of " + D.Name + ": no unique pointer word";
    return;
  }
  D.PayloadOffset = std::uint64_t(Found);
}

/// Fills BeginOffset (data pointer) and SizeOffset (element count) of a
/// dynamic-extent std::span.
template <class S> void probeSpanLayout(TypeDesc& D) {
  using E = typename S::element_type;
  alignas(E) static unsigned char Storage[7 * sizeof(E)];
  auto* First = reinterpret_cast<E*>(Storage);
  S Sample(First, 7);
  auto DataHits = wordsEqualTo(&Sample, sizeof(S), reinterpret_cast<std::uintptr_t>(First));
  auto SizeHits = wordsEqualTo(&Sample, sizeof(S), 7);
  S Other(First + 1, 3);
  if (DataHits.size() != 1 || SizeHits.size() != 1 ||
      !hasWord(&Other, sizeof(S), DataHits[0], reinterpret_cast<std::uintptr_t>(First + 1)) ||
      !hasWord(&Other, sizeof(S), SizeHits[0], 3)) {
    D.LayoutError = "unsupported layout of " + D.Name + ": no (data, size) words";
    return;
  }
  D.BeginOffset = DataHits[0];
  D.SizeOffset = SizeHits[0];
}

/// Finds FlagOffset (the index byte) of a std::variant V: the byte outside
/// every alternative's storage that reads K with alternative K engaged,
/// whatever the storage held before, for every K. Also records where each
/// alternative lives (Members[K].Offset; all 0 in libstdc++).
template <class V, std::size_t... I> bool probeVariantAlternatives(TypeDesc& D,
                                                                  std::index_sequence<I...>) {
  bool Candidate[sizeof(V)];
  for (bool& C : Candidate)
    C = true;
  std::uint64_t StorageEnd = 0;
  bool Ok = true;
  auto Probe = [&]<std::size_t K>(std::integral_constant<std::size_t, K>) {
    using A = std::variant_alternative_t<K, V>;
    if constexpr (!std::is_default_constructible_v<A>) {
      Ok = false;
    } else {
      alignas(V) unsigned char Raw[2][sizeof(V)];
      std::memset(Raw[0], 0x00, sizeof(V));
      std::memset(Raw[1], 0xFF, sizeof(V));
      V* Samples[2] = {::new (Raw[0]) V(std::in_place_index<K>),
                       ::new (Raw[1]) V(std::in_place_index<K>)};
      auto AltOffset = static_cast<std::uint64_t>(
          reinterpret_cast<const unsigned char*>(&std::get<K>(*Samples[0])) - Raw[0]);
      D.Members[K].Offset = AltOffset;
      StorageEnd = std::max<std::uint64_t>(StorageEnd, AltOffset + sizeof(A));
      for (std::uint64_t Off = 0; Off < sizeof(V); ++Off)
        Candidate[Off] = Candidate[Off] && !(Off >= AltOffset && Off < AltOffset + sizeof(A)) &&
                         Raw[0][Off] == K && Raw[1][Off] == K;
      Samples[0]->~V();
      Samples[1]->~V();
    }
  };
  (Probe(std::integral_constant<std::size_t, I>{}), ...);
  for (std::uint64_t Off = StorageEnd; Ok && Off < sizeof(V); ++Off)
    if (Candidate[Off]) {
      D.FlagOffset = Off;
      return true;
    }
  return false;
}

template <class V> void probeVariantLayout(TypeDesc& D) {
  // libstdc++ keeps the index in the smallest unsigned type that holds every
  // index and variant_npos; with fewer than 255 alternatives, one byte.
  static_assert(std::variant_size_v<V> < 255, "jitson: at most 254 variant alternatives");
  D.Bits = 8;
  if (!probeVariantAlternatives<V>(D, std::make_index_sequence<std::variant_size_v<V>>{}))
    D.LayoutError = "unsupported layout of " + D.Name +
                    ": no index byte";
}

} // namespace jitson::detail

#endif // JITSON_DETAIL_LAYOUT_H
