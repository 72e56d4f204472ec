// Run-time description of a C++ type's layout: the output of reflection, the input of lib/IR.
#ifndef JITSON_DETAIL_TYPEDESCRIPTION_H
#define JITSON_DETAIL_TYPEDESCRIPTION_H

#include <cstdint>
#include <string>
#include <string_view>
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
  Char,     ///< One byte, written as a one-character string.
  CString,  ///< NUL-terminated: Count == 0 a pointer (null -> null), else char[Count].
  Enum,     ///< Element is the underlying Int; Enumerators name some values.
  Span,     ///< Contiguous: pointer at BeginOffset, element count at SizeOffset.
  Sequence, ///< Any container, walked by per-type helpers (Helpers); IsMap for objects.
  Pointer,  ///< Pointer word at PayloadOffset (raw, unique_ptr, shared_ptr); null -> null.
  Variant,  ///< Alternatives are Members (at their offsets); index of Bits at FlagOffset.
  Tuple,    ///< Members (unnamed) at their offsets, written as an array.
  Bytes,    ///< Contiguous bytes (begin/end like Vector), written as base64.
  Time,     ///< system_clock time point: Element is the Int tick count of Num/Den s.
  Raw,      ///< jitson::RawJson: a string layout holding JSON, copied verbatim.
  Custom,   ///< Written by a user hook, Helpers[0].
  Null,     ///< std::monostate, std::nullptr_t: always null.
};

struct TypeDesc;

/// One data member of an aggregate.
struct MemberDesc {
  std::string Name;         ///< The JSON key: as declared, or renamed by jitson::Meta.
  std::uint64_t Offset = 0; ///< Byte offset from the start of the aggregate.
  const TypeDesc* Type = nullptr;
  bool OmitEmpty = false; ///< jitson::Meta: skip when empty, null, zero or false.
  bool AsString = false;  ///< jitson::Meta: a number or bool written quoted.
};

/// One named value of an enum.
struct EnumeratorDesc {
  std::int64_t Value = 0; ///< Sign-extended (or zero-extended) to 64 bits.
  std::string Name;
};

/// A per-type C++ function generated code calls, by symbol. Address is null
/// for the runtime's own helpers (already known to the JIT).
struct TypeHelper {
  std::string Symbol;
  const void* Address = nullptr;
};

/// Indices into TypeDesc::Helpers of a Sequence.
enum SequenceHelper : unsigned { IterFirst = 0, IterNext = 1, IterSorted = 2 };

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

  /// Element of Vector, Array, Span, Sequence and Bytes; payload of Optional
  /// and Pointer; underlying integer of Enum; tick count of Time.
  const TypeDesc* Element = nullptr;

  /// Members of a Struct or Tuple, in declaration order; alternatives of a
  /// Variant, in index order.
  std::vector<MemberDesc> Members;

  /// Sequence: iteration helpers (SequenceHelper order); Custom: the hook.
  std::vector<TypeHelper> Helpers;
  bool IsMap = false;   ///< Sequence of (key, value) Tuples, written as an object.
  bool Ordered = false; ///< Sequence: already in key order (no sorting needed).

  /// Enum: the values with names (those with none are written as numbers).
  std::vector<EnumeratorDesc> Enumerators;

  /// Time: the tick period Num/Den seconds.
  std::uint64_t Num = 1;
  std::uint64_t Den = 1;

  /// Non-empty when the layout probe did not recognise this standard-library
  /// type: generated code must not read it, and compiling fails with this text.
  std::string LayoutError;
};

/// Appends a member (out of line: reflection's code stays small in users' builds).
void addMember(TypeDesc& D, std::string_view Name, std::uint64_t Offset, const TypeDesc* Type,
               bool OmitEmpty, bool AsString);

/// Base, or Base with a "#N" suffix when another address already took Base
/// in this process (two types whose C++ names print alike). Thread-safe.
std::string uniqueHelperSymbol(const std::string& Base, const void* Address);

} // namespace jitson::detail

#endif // JITSON_DETAIL_TYPEDESCRIPTION_H
