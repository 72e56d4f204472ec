// Names of per-type helper symbols: stable across processes, unique within one.
#include "jitson/detail/TypeDescription.h"

#include <map>
#include <mutex>

namespace jitson::detail {

std::string uniqueHelperSymbol(const std::string& Base, const void* Address) {
  static std::mutex M;
  static std::map<std::string, const void*> Taken;
  std::lock_guard<std::mutex> Lock(M);
  for (unsigned N = 1;; ++N) {
    std::string Name = N == 1 ? Base : Base + "#" + std::to_string(N);
    auto [It, Inserted] = Taken.emplace(Name, Address);
    if (Inserted || It->second == Address)
      return Name;
  }
}

} // namespace jitson::detail
