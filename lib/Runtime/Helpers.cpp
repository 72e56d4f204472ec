// Runtime helpers for generated code: buffer growth, numbers, string escaping, error paths.
#include "Runtime/Helpers.h"

#include "Runtime/NumberFormat.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <emmintrin.h>

using jitson::codegen::PathFrame;

namespace {

/// Escape sequence for a byte that needs one, written to Out; returns its length.
unsigned escapeByte(unsigned char C, char* Out) noexcept {
  static const char Hex[] = "0123456789abcdef";
  Out[0] = '\\';
  switch (C) {
  case '"': Out[1] = '"'; return 2;
  case '\\': Out[1] = '\\'; return 2;
  case '\b': Out[1] = 'b'; return 2;
  case '\f': Out[1] = 'f'; return 2;
  case '\n': Out[1] = 'n'; return 2;
  case '\r': Out[1] = 'r'; return 2;
  case '\t': Out[1] = 't'; return 2;
  default:
    std::memcpy(Out + 1, "u00", 3);
    Out[4] = Hex[C >> 4];
    Out[5] = Hex[C & 15];
    return 6;
  }
}

inline bool needsEscape(unsigned char C) noexcept { return C < 0x20 || C == '"' || C == '\\'; }

} // namespace

extern "C" {

char* jitson_rt_grow(Buffer* B, char* Cur, std::uint64_t Need) noexcept {
  std::size_t Used = static_cast<std::size_t>(Cur - B->Begin);
  std::size_t Capacity = static_cast<std::size_t>(B->End - B->Begin);
  if (Need > SIZE_MAX / 4 - Used)
    return nullptr;
  // Double, and keep slack so the next fixed-size run rarely comes back.
  std::size_t Wanted = std::max<std::size_t>(Capacity * 2, Used + Need + 256);
  char* Grown = static_cast<char*>(std::realloc(B->Begin, Wanted));
  if (!Grown)
    return nullptr;
  B->Begin = Grown;
  B->End = Grown + Wanted;
  B->Cur = Grown + Used;
  return B->Cur;
}

char* jitson_rt_write_string(Buffer* B, char* Cur, const char* Data,
                             std::uint64_t Size) noexcept {
  // Room for the common case (nothing to escape); escapes ask for more.
  auto Ensure = [&](std::uint64_t Need) {
    if (static_cast<std::uint64_t>(B->End - Cur) < Need)
      Cur = jitson_rt_grow(B, Cur, Need);
    return Cur != nullptr;
  };
  if (!Ensure(Size + 2))
    return nullptr;
  *Cur++ = '"';
  const auto* In = reinterpret_cast<const unsigned char*>(Data);
  std::uint64_t I = 0;
  const __m128i Quote = _mm_set1_epi8('"');
  const __m128i Backslash = _mm_set1_epi8('\\');
  const __m128i Control = _mm_set1_epi8(0x1F);
  while (I < Size) {
    // 16 bytes at a time: store the block, then keep the clean prefix.
    if (Size - I >= 16) {
      __m128i V = _mm_loadu_si128(reinterpret_cast<const __m128i*>(In + I));
      __m128i Bad = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(V, Quote), _mm_cmpeq_epi8(V, Backslash)),
          _mm_cmpeq_epi8(_mm_max_epu8(V, Control), Control));
      unsigned Mask = static_cast<unsigned>(_mm_movemask_epi8(Bad));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(Cur), V);
      unsigned Clean = Mask ? static_cast<unsigned>(__builtin_ctz(Mask)) : 16;
      Cur += Clean;
      I += Clean;
      if (Clean == 16)
        continue;
    } else if (!needsEscape(In[I])) {
      *Cur++ = static_cast<char>(In[I++]);
      continue;
    }
    // In[I] needs an escape of up to 6 bytes; the rest still needs its room.
    if (!Ensure(6 + (Size - I - 1) + 1))
      return nullptr;
    Cur += escapeByte(In[I++], Cur);
  }
  *Cur++ = '"';
  return Cur;
}

char* jitson_rt_write_u64(char* Cur, std::uint64_t V) noexcept {
  return jitson::runtime::formatUnsigned(Cur, V);
}

char* jitson_rt_write_i64(char* Cur, std::int64_t V) noexcept {
  std::uint64_t Magnitude = static_cast<std::uint64_t>(V);
  if (V < 0) {
    *Cur++ = '-';
    Magnitude = 0 - Magnitude; // well-defined for INT64_MIN too
  }
  return jitson_rt_write_u64(Cur, Magnitude);
}

char* jitson_rt_write_f64(char* Cur, double V) noexcept {
  return jitson::runtime::formatShortest(Cur, V);
}
char* jitson_rt_write_f32(char* Cur, float V) noexcept {
  return jitson::runtime::formatShortest(Cur, V);
}

namespace {
void pushFrame(Stack* S, PathFrame F) noexcept {
  if (S->InnerCount < Stack::KeptFrames)
    S->Inner[S->InnerCount++] = F;
  else
    S->Outer[S->OuterCount++ % Stack::KeptFrames] = F;
}
} // namespace

void jitson_rt_path_field(Stack* S, const char* Text, std::uint64_t Length) noexcept {
  pushFrame(S, PathFrame{Text, Length});
}

void jitson_rt_path_index(Stack* S, std::uint64_t Index) noexcept {
  pushFrame(S, PathFrame{nullptr, Index});
}

} // extern "C"

namespace jitson::runtime {

const HelperSymbol* helperSymbols(std::size_t& Count) {
  static const HelperSymbol Symbols[] = {
      {codegen::GrowHelper, reinterpret_cast<void*>(&jitson_rt_grow)},
      {codegen::WriteStringHelper, reinterpret_cast<void*>(&jitson_rt_write_string)},
      {codegen::WriteU64Helper, reinterpret_cast<void*>(&jitson_rt_write_u64)},
      {codegen::WriteI64Helper, reinterpret_cast<void*>(&jitson_rt_write_i64)},
      {codegen::WriteF64Helper, reinterpret_cast<void*>(&jitson_rt_write_f64)},
      {codegen::WriteF32Helper, reinterpret_cast<void*>(&jitson_rt_write_f32)},
      {codegen::PathFieldHelper, reinterpret_cast<void*>(&jitson_rt_path_field)},
      {codegen::PathIndexHelper, reinterpret_cast<void*>(&jitson_rt_path_index)},
      {"memcpy", reinterpret_cast<void*>(&std::memcpy)},
      {"memmove", reinterpret_cast<void*>(&std::memmove)},
      {"memset", reinterpret_cast<void*>(&std::memset)},
  };
  Count = sizeof Symbols / sizeof Symbols[0];
  return Symbols;
}

} // namespace jitson::runtime
