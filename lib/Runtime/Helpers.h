// Runtime helpers called from generated code (extern "C", noexcept, status by return value).
#ifndef JITSON_RUNTIME_HELPERS_H
#define JITSON_RUNTIME_HELPERS_H

#include "CodeGen/RuntimeAbi.h"

#include <cstdint>

namespace jitson::runtime {

struct HelperSymbol {
  const char* Name;
  void* Address;
};

/// Every helper generated code may call, plus memcpy/memset/memmove (LLVM
/// emits calls to them for large copies): exactly what the JIT may resolve.
const HelperSymbol* helperSymbols(std::size_t& Count);

} // namespace jitson::runtime

extern "C" {
using jitson::codegen::Buffer;
using jitson::codegen::Stack;

/// Grows B so that Need bytes fit at Cur; returns the moved cursor, or null
/// when memory ran out (B stays valid and unchanged).
char* jitson_rt_grow(Buffer* B, char* Cur, std::uint64_t Need) noexcept;
/// Writes Size bytes at Data as a quoted, escaped JSON string; grows B as
/// needed. Returns the new cursor, or null when memory ran out.
char* jitson_rt_write_string(Buffer* B, char* Cur, const char* Data,
                             std::uint64_t Size) noexcept;
/// Number writers: the caller ensured MaxIntChars/MaxDoubleChars/MaxFloatChars
/// at Cur. Return the cursor after the number.
char* jitson_rt_write_u64(char* Cur, std::uint64_t V) noexcept;
char* jitson_rt_write_i64(char* Cur, std::int64_t V) noexcept;
char* jitson_rt_write_f64(char* Cur, double V) noexcept;
char* jitson_rt_write_f32(char* Cur, float V) noexcept;
/// Error-path frames, pushed innermost first while a failure unwinds.
void jitson_rt_path_field(Stack* S, const char* Text, std::uint64_t Length) noexcept;
void jitson_rt_path_index(Stack* S, std::uint64_t Index) noexcept;

/// jitson_rt_write_string with Options applied (Mode: codegen::StringMode
/// bits). Returns the new cursor, or null with S->FailCode set (OutOfMemory,
/// or InvalidUtf8 with S->FailDetail = the offending byte's offset).
char* jitson_rt_write_string_ex(Buffer* B, char* Cur, const char* Data, std::uint64_t Size,
                                std::uint64_t Mode, Stack* S) noexcept;
/// A C string: null Data writes null; else the bytes before the first NUL
/// (at most MaxLen of them), as jitson_rt_write_string_ex does.
char* jitson_rt_write_cstr(Buffer* B, char* Cur, const char* Data, std::uint64_t MaxLen,
                           std::uint64_t Mode, Stack* S) noexcept;
/// Text that is already JSON, copied verbatim; empty text writes null.
char* jitson_rt_write_raw(Buffer* B, char* Cur, const char* Data, std::uint64_t Size) noexcept;
/// Bytes as a quoted, standard padded base64 string (RFC 4648 section 4).
char* jitson_rt_write_base64(Buffer* B, char* Cur, const unsigned char* Data,
                             std::uint64_t Size) noexcept;
/// A system_clock time point, Count ticks of Num/Den seconds since
/// 1970-01-01T00:00:00Z, as a quoted RFC 3339 UTC string with the shortest
/// exact fraction ("2024-02-29T12:00:00Z", "...:00.5Z"); the caller ensured
/// MaxTimeChars. Returns null for a year outside 0000-9999.
char* jitson_rt_write_time(char* Cur, std::int64_t Count, std::uint64_t Num,
                           std::uint64_t Den) noexcept;
/// Sorted iteration (unordered maps with Options::sortMapKeys): the element
/// after the last one returned, or null at the end (which frees the state's
/// storage); release frees it when a failure leaves the loop early.
const void* jitson_rt_sorted_next(void* State) noexcept;
void jitson_rt_sorted_release(void* State) noexcept;
/// After a failed run: restores B's size to S->Kept and copies the stack to a
/// thread-local for runFailed (Execution.cpp).
void jitson_rt_park_failure(Buffer* B, const Stack* S) noexcept;
}

#endif // JITSON_RUNTIME_HELPERS_H
