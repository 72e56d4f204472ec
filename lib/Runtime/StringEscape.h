// The string writers behind jitson_rt_write_string[_ex], one per instruction set.
#ifndef JITSON_RUNTIME_STRINGESCAPE_H
#define JITSON_RUNTIME_STRINGESCAPE_H

#include "CodeGen/RuntimeAbi.h"

#include <cstddef>
#include <cstdint>

namespace jitson::runtime {

/// jitson_rt_write_string and jitson_rt_write_string_ex compiled for one
/// instruction set; every variant writes the same bytes.
struct StringWriters {
  using PlainFn = char* (*)(codegen::Buffer* B, char* Cur, const char* Data,
                            std::uint64_t Size) noexcept;
  using ExFn = char* (*)(codegen::Buffer* B, char* Cur, const char* Data, std::uint64_t Size,
                         std::uint64_t Mode, codegen::Stack* S) noexcept;
  const char* Name; ///< "avx512", "avx2" or "sse2"
  PlainFn Plain;
  ExFn Ex;
};

/// The variants this CPU can run, best first; SSE2 (x86-64's baseline) is
/// always there, last.
const StringWriters* stringWriterVariants(std::size_t& Count) noexcept;

/// The best of them, chosen once: what jitson_rt_write_string[_ex] (and so
/// the interpreter) run, and what generated code is linked to.
const StringWriters& hostStringWriters() noexcept;

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_STRINGESCAPE_H
