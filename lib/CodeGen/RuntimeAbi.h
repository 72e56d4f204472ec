// The contract between generated code and lib/Runtime: buffer, stack, helper names and bounds.
#ifndef JITSON_CODEGEN_RUNTIMEABI_H
#define JITSON_CODEGEN_RUNTIMEABI_H

#include "jitson/Buffer.h"
#include "jitson/Options.h"

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
  static constexpr std::uint32_t KeptCalls = 256;  ///< Entries in the call ring.
  std::uint32_t Depth;
  std::uint32_t InnerCount; ///< Frames in Inner (the innermost ones).
  std::uint64_t OuterCount; ///< Frames pushed after Inner filled up.
  /// Set by helpers that fail for a reason other than memory (they return
  /// null): the ErrorCode, and a detail such as the offending byte offset.
  std::int32_t FailCode;
  std::uint32_t IndentBase; ///< Pretty printing: levels above the current function.
  std::uint64_t FailDetail;
  /// The buffer's size when the run started, which a failure restores: in
  /// memory, not in a register kept across the whole run.
  std::uint64_t Kept;
  PathFrame Inner[KeptFrames];
  PathFrame Outer[KeptFrames]; ///< A ring of the latest (outermost) frames.
  /// Recursive programs record (value address, function index) at each call
  /// depth, modulo KeptCalls: when TooDeep strikes, a repeated entry in the
  /// ring means the value contains itself (ErrorCode::Cycle).
  struct CallEntry {
    const void* Value;
    std::uint64_t Function;
  } Calls[KeptCalls];
};

/// Signature of every generated function: write the value at Value to Buf.
/// Returns 0 or a jitson::ErrorCode. Flags are reserved (pass 0).
using EntryFunction = std::int32_t (*)(Buffer* Buf, const void* Value, Stack* S,
                                       std::uint64_t Flags);

/// A compiled module's run function (a detail::RunFunction), what runs call:
/// it allocates the stack, calls the entry (inlined when small) and, on
/// failure, restores the buffer's size and parks the stack
/// (jitson_rt_park_failure). Its symbol is the entry's name with this suffix.
inline constexpr const char* RunSuffix = ".run";

// Field indices, as generated code addresses them.
enum BufferField : unsigned { BufferCur = 0, BufferEnd = 1, BufferBegin = 2 };
static_assert(offsetof(Buffer, Cur) == 0 && offsetof(Buffer, End) == 8 &&
              offsetof(Buffer, Begin) == 16);
static_assert(offsetof(Stack, Depth) == 0 && offsetof(Stack, FailCode) == 16 &&
              offsetof(Stack, IndentBase) == 20 && offsetof(Stack, FailDetail) == 24 &&
              offsetof(Stack, Kept) == 32);
enum StackField : unsigned { StackFailCode = 16, StackIndentBase = 20, StackKept = 32 };

// Names of the runtime helpers (extern "C", defined in lib/Runtime/Helpers.cpp and, for
// strings, StringEscape.cpp). Integers in generated code are formatted by IR
// (CodeGen/IntegerFormat); the interpreter and Writer still call the u64/i64 helpers.
inline constexpr const char* GrowHelper = "jitson_rt_grow";
inline constexpr const char* WriteStringHelper = "jitson_rt_write_string";
inline constexpr const char* WriteU64Helper = "jitson_rt_write_u64";
inline constexpr const char* WriteI64Helper = "jitson_rt_write_i64";
inline constexpr const char* WriteF64Helper = "jitson_rt_write_f64";
inline constexpr const char* WriteF32Helper = "jitson_rt_write_f32";
inline constexpr const char* PathFieldHelper = "jitson_rt_path_field";
inline constexpr const char* PathIndexHelper = "jitson_rt_path_index";
inline constexpr const char* WriteStringExHelper = "jitson_rt_write_string_ex";
inline constexpr const char* WriteCStrHelper = "jitson_rt_write_cstr";
inline constexpr const char* WriteRawHelper = "jitson_rt_write_raw";
inline constexpr const char* WriteBase64Helper = "jitson_rt_write_base64";
inline constexpr const char* WriteTimeHelper = "jitson_rt_write_time";
inline constexpr const char* SortedNextHelper = "jitson_rt_sorted_next";
inline constexpr const char* SortedReleaseHelper = "jitson_rt_sorted_release";
inline constexpr const char* ParkFailureHelper = "jitson_rt_park_failure";

/// Mode bits of jitson_rt_write_string_ex (from Options).
enum StringMode : std::uint64_t {
  StringEscapeHtml = 1,    ///< < > & U+2028 U+2029 as \u003c ...
  StringEscapeUnicode = 2, ///< every non-ASCII code point as \uXXXX (pairs above U+FFFF)
  StringUtf8Replace = 4,   ///< invalid UTF-8 sequences become U+FFFD
  StringUtf8Error = 8,     ///< invalid UTF-8 fails with InvalidUtf8 at its byte offset
};

/// jitson_rt_write_string_ex's mode for Opts (0: the plain writer will do).
inline std::uint64_t stringMode(const Options& Opts) {
  std::uint64_t Mode = 0;
  if (Opts.escapeHtml)
    Mode |= StringEscapeHtml;
  if (Opts.escapeUnicode)
    Mode |= StringEscapeUnicode;
  if (Opts.utf8 == Utf8Mode::Replace)
    Mode |= StringUtf8Replace;
  if (Opts.utf8 == Utf8Mode::Error)
    Mode |= StringUtf8Error;
  return Mode;
}

// Bytes a number helper may write at Cur (the caller ensures them).
inline constexpr std::uint64_t MaxIntChars = 20;    // "-9223372036854775808"
inline constexpr std::uint64_t MaxDoubleChars = 32; // at most 24 are written
inline constexpr std::uint64_t MaxFloatChars = 24;  // at most 15 are written
inline constexpr std::uint64_t MaxTimeChars = 48;   // "\"YYYY-MM-DDTHH:MM:SS.<18 digits>Z\""

/// Per-type iteration state (an alloca in generated code, see TypeDesc's
/// iteration helpers): big enough for any standard container's iterator.
inline constexpr std::uint64_t IterStateSize = 96;

} // namespace jitson::codegen

#endif // JITSON_CODEGEN_RUNTIMEABI_H
