// Run-time description of a C++ type's layout: the output of reflection, the input of lib/IR.
#ifndef JITSON_DETAIL_TYPEDESCRIPTION_H
#define JITSON_DETAIL_TYPEDESCRIPTION_H

#include <cstdint>
#include <string>
#include <vector>

namespace jitson::detail {

enum class TypeKind : std::uint8_t {
  Bool,     ///< One byte, 0 or 1.
  Int,      ///< Bits = 8/16/32/64, IsSigned.
  Float,    ///< Bits = 32 or 64 (IEEE binary32/binary64).
  String,   ///< Contiguous chars: pointer at DataOffset, length at SizeOffset.
  Vector,   ///< Begin pointer at BeginOffset, end pointer at EndOffset.
  Array,    ///< Count elements stored inline from offset 0.
  Optional, ///< Payload at PayloadOffset, engaged byte at FlagOffset.
  Struct,   ///< Members at their offsets, written in declaration order.
};

struct TypeDesc;

/// One data member of an aggregate.
struct MemberDesc {
  std::string Name;         ///< As declared (the JSON key).
  std::uint64_t Offset = 0; ///< Byte offset from the start of the aggregate.
  const TypeDesc* Type = nullptr;
};

/// Which standard-library type a String describes (only the printer cares).
enum class StringFlavor : std::uint8_t { StdString, StdStringView };

/// Everything generated code needs to read one type. Descriptions live as long
/// as the process (reflection keeps one per C++ type) or as their owner (the
/// textual IR parser), and refer to each other by pointer, so recursive types
/// can be described.
struct TypeDesc {
  TypeKind Kind = TypeKind::Struct;
  std::string Name; ///< The C++ type's name, for messages and symbol names.
  std::uint64_t Size = 0;
  std::uint64_t Align = 1;

  // Int and Float.
  std::uint8_t Bits = 0;
  bool IsSigned = false;

  // String.
  StringFlavor Flavor = StringFlavor::StdString;
  std::uint64_t DataOffset = 0;
  std::uint64_t SizeOffset = 0;

  // Vector.
  std::uint64_t BeginOffset = 0;
  std::uint64_t EndOffset = 0;

  // Array.
  std::uint64_t Count = 0;

  // Optional.
  std::uint64_t PayloadOffset = 0;
  std::uint64_t FlagOffset = 0;

  /// Element of Vector and Array, payload of Optional.
  const TypeDesc* Element = nullptr;

  /// Members of a Struct, in declaration order.
  std::vector<MemberDesc> Members;

  /// Non-empty when the layout probe did not recognise this standard-library
  /// type: generated code must not read it, and compiling fails with this text.
  std::string LayoutError;
};

} // namespace jitson::detail

#endif // JITSON_DETAIL_TYPEDESCRIPTION_H
