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
  // Invariant at each step: room for the rest of the string, the closing
  // quote, and a whole 16-byte block store past the last byte written.
  constexpr std::uint64_t Slack = 16;
  auto Ensure = [&](std::uint64_t Need) {
    if (static_cast<std::uint64_t>(B->End - Cur) < Need)
      Cur = jitson_rt_grow(B, Cur, Need);
    return Cur != nullptr;
  };
  if (!Ensure(Size + 2 + Slack))
    return nullptr;
  *Cur++ = '"';
  const auto* In = reinterpret_cast<const unsigned char*>(Data);
  const __m128i Quote = _mm_set1_epi8('"');
  const __m128i Backslash = _mm_set1_epi8('\\');
  const __m128i Control = _mm_set1_epi8(0x1F);
  // Stores the 16 bytes of V at Cur and returns how many lead clean bytes.
  auto StoreBlock = [&](__m128i V) {
    __m128i Bad = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(V, Quote), _mm_cmpeq_epi8(V, Backslash)),
        _mm_cmpeq_epi8(_mm_max_epu8(V, Control), Control));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(Cur), V);
    unsigned Mask = static_cast<unsigned>(_mm_movemask_epi8(Bad));
    return Mask ? static_cast<std::uint64_t>(__builtin_ctz(Mask)) : 16;
  };
  std::uint64_t I = 0;
  while (I < Size) {
    std::uint64_t Left = Size - I;
    std::uint64_t Clean;
    if (Left >= 16) {
      Clean = StoreBlock(_mm_loadu_si128(reinterpret_cast<const __m128i*>(In + I)));
    } else {
      // The tail goes through a local block, so nothing past the string is
      // read; padding with 'x' keeps it clean. Short strings take only this.
      alignas(16) unsigned char Tail[16];
      std::memset(Tail, 'x', sizeof Tail);
      std::memcpy(Tail, In + I, Left);
      Clean = std::min(StoreBlock(_mm_load_si128(reinterpret_cast<const __m128i*>(Tail))), Left);
    }
    Cur += Clean;
    I += Clean;
    if (Clean == 16 || I == Size)
      continue;
    // In[I] needs an escape of up to 6 bytes; the rest still needs its room.
    if (!Ensure(6 + (Size - I - 1) + 1 + Slack))
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
