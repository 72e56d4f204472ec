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
}

#endif // JITSON_RUNTIME_HELPERS_H
