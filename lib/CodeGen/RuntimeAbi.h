// The contract between generated code and lib/Runtime: buffer, stack, helper names and bounds.
#ifndef JITSON_CODEGEN_RUNTIMEABI_H
#define JITSON_CODEGEN_RUNTIMEABI_H

#include "jitson/Buffer.h"

#include <cstddef>
#include <cstdint>

namespace jitson::codegen {

/// The output buffer. Generated code writes at Cur and keeps Cur <= End;
/// only jitson_rt_grow moves the storage (malloc'd; realloc grows it, so an
/// empty buffer needs no special case). It is the public jitson::Buffer's
/// words, so serializeTo(value, Buffer&) hands the user's buffer straight in.
using Buffer = jitson::detail::BufferWords;

/// One segment of an error path: a member path (".inner.x", Text != null)
/// or an array index ("[3]", Text == null, Value is the index).
struct PathFrame {
  const char* Text;
  std::uint64_t Value; ///< Text length, or the index.
};

/// Shared by every generated function of one serialization: the call depth
/// and, on failure, the error path pushed innermost first while unwinding.
struct Stack {
  static constexpr std::uint32_t KeptFrames = 128; ///< At each end of a path.
  std::uint32_t Depth;
  std::uint32_t InnerCount; ///< Frames in Inner (the innermost ones).
  std::uint64_t OuterCount; ///< Frames pushed after Inner filled up.
  PathFrame Inner[KeptFrames];
  PathFrame Outer[KeptFrames]; ///< A ring of the latest (outermost) frames.
};

/// Signature of every generated function: write the value at Value to Buf.
/// Returns 0 or a jitson::ErrorCode. Flags are reserved (pass 0).
using EntryFunction = std::int32_t (*)(Buffer* Buf, const void* Value, Stack* S,
                                       std::uint64_t Flags);

// Field indices, as generated code addresses them.
enum BufferField : unsigned { BufferCur = 0, BufferEnd = 1, BufferBegin = 2 };
static_assert(offsetof(Buffer, Cur) == 0 && offsetof(Buffer, End) == 8 &&
              offsetof(Buffer, Begin) == 16);
static_assert(offsetof(Stack, Depth) == 0);

// Names of the runtime helpers (extern "C", defined in lib/Runtime/Helpers.cpp).
inline constexpr const char* GrowHelper = "jitson_rt_grow";
inline constexpr const char* WriteStringHelper = "jitson_rt_write_string";
inline constexpr const char* WriteU64Helper = "jitson_rt_write_u64";
inline constexpr const char* WriteI64Helper = "jitson_rt_write_i64";
inline constexpr const char* WriteF64Helper = "jitson_rt_write_f64";
inline constexpr const char* WriteF32Helper = "jitson_rt_write_f32";
inline constexpr const char* PathFieldHelper = "jitson_rt_path_field";
inline constexpr const char* PathIndexHelper = "jitson_rt_path_index";

// Bytes a number helper may write at Cur (the caller ensures them).
inline constexpr std::uint64_t MaxIntChars = 20;    // "-9223372036854775808"
inline constexpr std::uint64_t MaxDoubleChars = 32; // at most 24 are written
inline constexpr std::uint64_t MaxFloatChars = 24;  // at most 15 are written

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_RUNTIMEABI_H
