// DynamicValue: a value of a type known only at run time (a TypeDesc), built from JSON.
#ifndef JITSON_RUNTIME_DYNAMICVALUE_H
#define JITSON_RUNTIME_DYNAMICVALUE_H

#include "jitson/detail/TypeDescription.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <vector>

namespace jitson::runtime {

/// Memory laid out exactly as a TypeDesc says: structs at their offsets,
/// strings as (data, length) words, vectors as (begin, end) pointers into
/// element storage, optionals as payload plus engaged byte. Generated code
/// reads it like the C++ object the description came from. The value owns
/// all its storage; no C++ constructor or destructor ever runs on it.
class DynamicValue {
public:
  /// Builds a value of Type from Json. Structs are objects keyed by member
  /// name (all members, no others), vectors and arrays are arrays, optionals
  /// null or their value; floats also accept "NaN", "Infinity", "-Infinity".
  /// Errors name the path, e.g. ".points[2].x: expected a number".
  static llvm::Expected<std::unique_ptr<DynamicValue>> fromJson(const detail::TypeDesc& Type,
                                                                llvm::StringRef Json);

  const void* data() const { return Root; }

  /// Bytes of storage one value may use at most.
  static constexpr std::uint64_t MaxBytes = std::uint64_t(1) << 30;
  /// Deepest JSON nesting accepted.
  static constexpr unsigned MaxDepth = 2000;

private:
  struct Free {
    void operator()(void* Memory) const;
  };
  std::vector<std::unique_ptr<void, Free>> Blocks;
  std::uint64_t Used = 0;
  void* Root = nullptr;

  friend class DynamicValueBuilder;
};

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_DYNAMICVALUE_H
