// The runtime half of sorted map walks (Options::sortMapKeys): next and release.
#include "Runtime/Helpers.h"
#include "jitson/detail/Iteration.h"

#include <cstdlib>

using jitson::detail::SortedState;

extern "C" {

const void* jitson_rt_sorted_next(void* State) noexcept {
  auto* S = static_cast<SortedState*>(State);
  if (S->Index < S->Count)
    return S->Items[S->Index++];
  jitson_rt_sorted_release(State);
  return nullptr;
}

void jitson_rt_sorted_release(void* State) noexcept {
  auto* S = static_cast<SortedState*>(State);
  std::free(S->Items);
  S->Items = nullptr;
  S->Count = S->Index = 0;
}
}
