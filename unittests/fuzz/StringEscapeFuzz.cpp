// libFuzzer target: jitson_rt_write_string_ex under every mode, checked against an independent decoder.
//
// Input: byte 0 selects the mode (its low four bits: StringMode's EscapeHtml,
// EscapeUnicode, Utf8Replace, Utf8Error), byte 1 the initial capacity and
// offset of the buffer (so growth and block stores near the end are hit),
// the rest is the string. The output must be one JSON string literal that
// decodes to the input (Passthrough, or Error on valid UTF-8), to the input
// with U+FFFD for each maximal invalid subpart (Replace), or the call fails
// with InvalidUtf8 at the first invalid byte (Error).
#include "FuzzSupport.h"
#include "Runtime/Helpers.h"
#include "jitson/Error.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

using namespace jitson::codegen;
using jitsonfuzz::fail;

namespace {

/// A buffer of exactly Capacity malloc'd bytes (ASan sees one past End),
/// with Prefix bytes already written.
struct TestBuffer {
  Buffer B{};
  TestBuffer(std::size_t Capacity, std::size_t Prefix) {
    B.Begin = static_cast<char*>(std::malloc(Capacity ? Capacity : 1));
    B.End = B.Begin + Capacity;
    std::memset(B.Begin, 'p', Prefix);
    B.Cur = B.Begin + Prefix;
  }
  ~TestBuffer() { std::free(B.Begin); }
};

/// AsciiOnly: EscapeUnicode promises pure ASCII unless invalid UTF-8 passes
/// through (utf8 Passthrough copies invalid bytes as they are).
void checkProperties(std::string_view Out, std::uint64_t Mode, bool AsciiOnly) {
  for (std::size_t I = 0; I < Out.size(); ++I) {
    auto C = static_cast<unsigned char>(Out[I]);
    if (C < 0x20)
      fail("a raw control character in the output", Out);
    if ((Mode & StringEscapeHtml) && (C == '<' || C == '>' || C == '&'))
      fail("a raw < > & under EscapeHtml", Out);
    if (AsciiOnly && C >= 0x80)
      fail("a raw non-ASCII byte under EscapeUnicode", Out);
    if ((Mode & StringEscapeHtml) && C == 0xE2 && Out.substr(I + 1, 1) == "\x80" &&
        (Out.substr(I + 2, 1) == "\xA8" || Out.substr(I + 2, 1) == "\xA9"))
      fail("a raw U+2028/U+2029 under EscapeHtml", Out);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* Data, std::size_t Size) {
  if (Size < 2)
    return 0;
  const std::uint64_t Mode = Data[0] & 15;
  const std::size_t Capacity = Data[1] & 63;
  const std::size_t Prefix = Capacity ? (Data[1] >> 6) % (Capacity + 1) : 0;
  std::string Input(reinterpret_cast<const char*>(Data + 2), Size - 2);
  // The helper reads only Input's bytes: give it an exact-size copy.
  char* Exact = static_cast<char*>(std::malloc(Input.size() ? Input.size() : 1));
  std::memcpy(Exact, Input.data(), Input.size());

  TestBuffer TB(Capacity, Prefix);
  Stack S{};
  char* Cur = Mode ? jitson_rt_write_string_ex(&TB.B, TB.B.Cur, Exact, Input.size(), Mode, &S)
                   : jitson_rt_write_string(&TB.B, TB.B.Cur, Exact, Input.size());
  std::free(Exact);

  const bool Error = Mode & StringUtf8Error;
  const bool Replace = !Error && (Mode & StringUtf8Replace);
  const std::size_t Invalid = jitsonfuzz::firstInvalidUtf8(Input);
  if (!Cur) {
    if (!Error || Invalid == std::string_view::npos)
      fail("the writer failed without cause");
    if (S.FailCode != static_cast<std::int32_t>(jitson::ErrorCode::InvalidUtf8))
      fail("the failure is not InvalidUtf8");
    if (S.FailDetail != Invalid)
      fail("InvalidUtf8 names the wrong byte", std::to_string(S.FailDetail) + " instead of " +
                                                   std::to_string(Invalid));
    return 0;
  }
  if (Error && Invalid != std::string_view::npos)
    fail("invalid UTF-8 accepted under Utf8Error", Input);
  if (Cur < TB.B.Begin || Cur > TB.B.End)
    fail("the cursor left the buffer");
  if (std::string_view(TB.B.Begin, Prefix) != std::string(Prefix, 'p'))
    fail("the bytes before the cursor changed");
  std::string_view Out(TB.B.Begin + Prefix, static_cast<std::size_t>(Cur - TB.B.Begin) - Prefix);
  checkProperties(Out, Mode,
                  (Mode & StringEscapeUnicode) && (Replace || Invalid == std::string_view::npos));
  jitsonfuzz::JsonChecker Checker(Out);
  std::string Decoded;
  if (!Checker.string(&Decoded) || Checker.position() != Out.size())
    fail("not one JSON string literal", Out);
  const std::string Expected = Replace ? jitsonfuzz::replaceInvalidUtf8(Input) : Input;
  if (Decoded != Expected)
    fail("the output does not decode to the input", Out);
  return 0;
}
