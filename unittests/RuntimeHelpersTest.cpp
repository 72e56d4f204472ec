// The runtime helpers called directly: string modes, C strings, raw text, base64 and time points.
#include "Runtime/Helpers.h"

#include "Runtime/StringEscape.h"
#include "jitson/Error.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <ratio>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

using jitson::ErrorCode;
using jitson::codegen::Buffer;
using jitson::codegen::Stack;
using namespace std::string_literals;
using namespace std::string_view_literals;

namespace {

constexpr std::uint64_t Html = jitson::codegen::StringEscapeHtml;
constexpr std::uint64_t Unicode = jitson::codegen::StringEscapeUnicode;
constexpr std::uint64_t Replace = jitson::codegen::StringUtf8Replace;
constexpr std::uint64_t Error = jitson::codegen::StringUtf8Error;

/// Bytes whose last one ends a page followed by an inaccessible page, so a
/// helper reading past Data + Size faults instead of passing by luck.
class GuardedBytes {
public:
  explicit GuardedBytes(std::string_view Bytes) {
    Page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    Length = ((Bytes.size() + Page - 1) / Page + 1) * Page;
    void* Map = mmap(nullptr, Length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(Map != MAP_FAILED);
    Base = static_cast<char*>(Map);
    REQUIRE(mprotect(Base + Length - Page, Page, PROT_NONE) == 0);
    Data = Base + Length - Page - Bytes.size();
    if (!Bytes.empty())
      std::memcpy(Data, Bytes.data(), Bytes.size());
    Size = Bytes.size();
  }
  ~GuardedBytes() { munmap(Base, Length); }
  GuardedBytes(const GuardedBytes&) = delete;
  GuardedBytes& operator=(const GuardedBytes&) = delete;

  const char* data() const { return Data; }
  std::size_t size() const { return Size; }

private:
  std::size_t Page = 0, Length = 0, Size = 0;
  char* Base = nullptr;
  char* Data = nullptr;
};

/// A malloc'd codegen::Buffer of a given capacity (0: no storage at all),
/// holding Prefix before the cursor; freed at the end.
class TestBuffer {
public:
  explicit TestBuffer(std::size_t Capacity, std::string_view Prefix = {}) {
    Capacity = std::max(Capacity, Prefix.size());
    if (Capacity) {
      B.Begin = static_cast<char*>(std::malloc(Capacity));
      REQUIRE(B.Begin);
      if (!Prefix.empty())
        std::memcpy(B.Begin, Prefix.data(), Prefix.size());
    }
    B.Cur = B.Begin + Prefix.size();
    B.End = B.Begin + Capacity;
  }
  ~TestBuffer() { std::free(B.Begin); }
  TestBuffer(const TestBuffer&) = delete;
  TestBuffer& operator=(const TestBuffer&) = delete;

  /// Records a helper's result: the new cursor, checked to lie in the storage.
  bool advance(char* NewCur) {
    if (!NewCur)
      return false;
    REQUIRE(NewCur >= B.Cur);
    REQUIRE(NewCur <= B.End);
    B.Cur = NewCur;
    return true;
  }
  std::string text() const { return std::string(B.Begin, B.Cur); }

  Buffer B;
};

std::unique_ptr<Stack> zeroStack() { return std::make_unique<Stack>(); } // value-initialised

struct Outcome {
  std::optional<std::string> Text; ///< Empty when the helper returned null.
  std::int32_t FailCode = 0;
  std::uint64_t FailDetail = 0;
};

/// jitson_rt_write_string_ex on guarded bytes, into a buffer of Capacity
/// bytes that already holds "[1," (which must survive growth).
Outcome writeEx(std::string_view In, std::uint64_t Mode, std::size_t Capacity = 1) {
  GuardedBytes Bytes(In);
  TestBuffer T(Capacity, "[1,");
  auto S = zeroStack();
  Outcome O;
  bool Ok = T.advance(
      jitson_rt_write_string_ex(&T.B, T.B.Cur, Bytes.data(), Bytes.size(), Mode, S.get()));
  std::string All = T.text();
  REQUIRE(All.substr(0, 3) == "[1,");
  if (Ok) {
    O.Text = All.substr(3);
    CHECK(S->FailCode == 0);
  }
  O.FailCode = S->FailCode;
  O.FailDetail = S->FailDetail;
  return O;
}

std::string quoted(std::string_view Body) { return "\"" + std::string(Body) + "\""; }

// --- An independent model of the string rules, for sweeps and fuzzing. ---

std::string unitEscape(std::uint32_t Unit) {
  char Text[8];
  std::snprintf(Text, sizeof Text, "\\u%04x", Unit);
  return Text;
}

std::string encodeUtf8(std::uint32_t Cp) {
  std::string Out;
  if (Cp < 0x80) {
    Out += static_cast<char>(Cp);
  } else if (Cp < 0x800) {
    Out += static_cast<char>(0xC0 | (Cp >> 6));
    Out += static_cast<char>(0x80 | (Cp & 0x3F));
  } else if (Cp < 0x10000) {
    Out += static_cast<char>(0xE0 | (Cp >> 12));
    Out += static_cast<char>(0x80 | ((Cp >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (Cp & 0x3F));
  } else {
    Out += static_cast<char>(0xF0 | (Cp >> 18));
    Out += static_cast<char>(0x80 | ((Cp >> 12) & 0x3F));
    Out += static_cast<char>(0x80 | ((Cp >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (Cp & 0x3F));
  }
  return Out;
}

/// The code point if Bytes are exactly one well-formed multi-byte sequence:
/// decoded by bit patterns alone, accepted only when the value is a scalar
/// value and re-encoding it gives the same bytes (which rejects overlongs).
std::optional<std::uint32_t> wellFormed(std::string_view Bytes) {
  auto Lead = static_cast<unsigned char>(Bytes[0]);
  std::size_t Length = (Lead >> 5) == 6 ? 2 : (Lead >> 4) == 14 ? 3 : (Lead >> 3) == 30 ? 4 : 0;
  if (Length == 0 || Length != Bytes.size())
    return std::nullopt;
  std::uint32_t Cp = Lead & (0x7F >> Length);
  for (std::size_t K = 1; K < Length; ++K) {
    auto C = static_cast<unsigned char>(Bytes[K]);
    if ((C & 0xC0) != 0x80)
      return std::nullopt;
    Cp = (Cp << 6) | (C & 0x3F);
  }
  if (Cp > 0x10FFFF || (Cp >= 0xD800 && Cp <= 0xDFFF) || encodeUtf8(Cp) != Bytes)
    return std::nullopt;
  return Cp;
}

/// Every proper prefix of every well-formed multi-byte sequence: a maximal
/// subpart is the longest of these at the failing offset (else one byte).
const std::set<std::string>& properPrefixes() {
  static const std::set<std::string> Prefixes = [] {
    std::set<std::string> P;
    for (std::uint32_t Cp = 0x80; Cp <= 0x10FFFF; ++Cp) {
      if (Cp >= 0xD800 && Cp <= 0xDFFF)
        continue;
      std::string E = encodeUtf8(Cp);
      for (std::size_t K = 1; K < E.size(); ++K)
        P.insert(E.substr(0, K));
    }
    return P;
  }();
  return Prefixes;
}

/// What jitson_rt_write_string_ex must write for Mode, or nullopt with
/// *ErrorAt set for Utf8Error (which wins over Utf8Replace when both are set).
std::optional<std::string> referenceEx(std::string_view In, std::uint64_t Mode,
                                       std::uint64_t* ErrorAt = nullptr) {
  const std::set<std::string>& Prefixes = properPrefixes();
  std::string Out = "\"";
  std::size_t I = 0;
  while (I < In.size()) {
    auto C = static_cast<unsigned char>(In[I]);
    if (C < 0x80) {
      if (C == '"')
        Out += "\\\"";
      else if (C == '\\')
        Out += "\\\\";
      else if (C == '\b')
        Out += "\\b";
      else if (C == '\f')
        Out += "\\f";
      else if (C == '\n')
        Out += "\\n";
      else if (C == '\r')
        Out += "\\r";
      else if (C == '\t')
        Out += "\\t";
      else if (C < 0x20 || ((Mode & Html) && (C == '<' || C == '>' || C == '&')))
        Out += unitEscape(C);
      else
        Out += static_cast<char>(C);
      ++I;
      continue;
    }
    std::optional<std::uint32_t> Cp;
    std::size_t Length = 0;
    for (std::size_t L = 2; L <= 4 && I + L <= In.size() && !Cp; ++L)
      if ((Cp = wellFormed(In.substr(I, L))))
        Length = L;
    if (Cp) {
      if (Mode & Unicode) {
        if (*Cp >= 0x10000)
          Out += unitEscape(0xD800 + ((*Cp - 0x10000) >> 10)) +
                 unitEscape(0xDC00 + ((*Cp - 0x10000) & 0x3FF));
        else
          Out += unitEscape(*Cp);
      } else if ((Mode & Html) && (*Cp == 0x2028 || *Cp == 0x2029)) {
        Out += unitEscape(*Cp);
      } else {
        Out += In.substr(I, Length);
      }
      I += Length;
      continue;
    }
    std::size_t Subpart = 1;
    for (std::size_t K = 3; K >= 2; --K)
      if (I + K <= In.size() && Prefixes.count(std::string(In.substr(I, K)))) {
        Subpart = K;
        break;
      }
    if (Mode & Error) {
      if (ErrorAt)
        *ErrorAt = I;
      return std::nullopt;
    }
    if (Mode & Replace)
      Out += (Mode & Unicode) ? "\\ufffd" : "\xEF\xBF\xBD";
    else
      Out += In.substr(I, Subpart);
    I += Subpart;
  }
  return Out + "\"";
}

/// Checks the helper against the model, for one input and mode.
void checkAgainstModel(std::string_view In, std::uint64_t Mode, std::size_t Capacity = 1) {
  std::uint64_t ErrorAt = ~0ULL;
  std::optional<std::string> Expected = referenceEx(In, Mode, &ErrorAt);
  Outcome O = writeEx(In, Mode, Capacity);
  CHECK(O.Text == Expected);
  if (!Expected) {
    CHECK(O.FailCode == static_cast<std::int32_t>(ErrorCode::InvalidUtf8));
    CHECK(O.FailDetail == ErrorAt);
  }
}

const char Fffd[] = "\xEF\xBF\xBD";

std::string repeat(std::string_view Piece, int Times) {
  std::string Out;
  for (int K = 0; K < Times; ++K)
    Out += Piece;
  return Out;
}

} // namespace

TEST_CASE("runtime helpers: helperSymbols lists the new helpers") {
  std::size_t Count = 0;
  const jitson::runtime::HelperSymbol* Symbols = jitson::runtime::helperSymbols(Count);
  auto AddressOf = [&](std::string_view Name) -> void* {
    for (std::size_t K = 0; K < Count; ++K)
      if (Name == Symbols[K].Name)
        return Symbols[K].Address;
    return nullptr;
  };
  // The string writers are bound to the host's variant, not the dispatchers.
  const jitson::runtime::StringWriters& Host = jitson::runtime::hostStringWriters();
  CHECK(AddressOf(jitson::codegen::WriteStringHelper) == reinterpret_cast<void*>(Host.Plain));
  CHECK(AddressOf(jitson::codegen::WriteStringExHelper) == reinterpret_cast<void*>(Host.Ex));
  CHECK(AddressOf(jitson::codegen::WriteCStrHelper) ==
        reinterpret_cast<void*>(&jitson_rt_write_cstr));
  CHECK(AddressOf(jitson::codegen::WriteRawHelper) ==
        reinterpret_cast<void*>(&jitson_rt_write_raw));
  CHECK(AddressOf(jitson::codegen::WriteBase64Helper) ==
        reinterpret_cast<void*>(&jitson_rt_write_base64));
  CHECK(AddressOf(jitson::codegen::WriteTimeHelper) ==
        reinterpret_cast<void*>(&jitson_rt_write_time));
}

TEST_CASE("runtime helper string_ex: the always-escaped bytes are the same in every mode") {
  const char* const Controls[32] = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  for (std::uint64_t Mode = 0; Mode < 16; ++Mode) {
    CAPTURE(Mode);
    for (int Byte = 0; Byte < 32; ++Byte) {
      CAPTURE(Byte);
      std::string One(1, static_cast<char>(Byte));
      CHECK(writeEx(One, Mode).Text == quoted(Controls[Byte]));
      CHECK(writeEx("a" + One + "b", Mode).Text == quoted("a"s + Controls[Byte] + "b"));
    }
    CHECK(writeEx("\"", Mode).Text == quoted("\\\""));
    CHECK(writeEx("\\", Mode).Text == quoted("\\\\"));
    CHECK(writeEx("a\"b\\c/d\x7f", Mode).Text == quoted("a\\\"b\\\\c/d\x7f"));
    CHECK(writeEx("", Mode).Text == "\"\"");
    // Printable ASCII other than the HTML three is copied in every mode.
    std::string Printable;
    for (int C = 0x20; C < 0x7F; ++C)
      if (C != '"' && C != '\\' && C != '<' && C != '>' && C != '&')
        Printable += static_cast<char>(C);
    CHECK(writeEx(Printable, Mode).Text == quoted(Printable));
  }
}

TEST_CASE("runtime helper string_ex: mode 0 is byte-identical to write_string") {
  std::mt19937_64 Rng(7);
  for (int Round = 0; Round < 3000; ++Round) {
    std::string In(Rng() % 70, '\0');
    for (char& C : In)
      C = static_cast<char>(Rng() % 3 ? 'a' + Rng() % 26 : Rng() % 256);
    GuardedBytes Bytes(In);
    TestBuffer Plain(Rng() % 8);
    TestBuffer Ex(Rng() % 8);
    auto S = zeroStack();
    REQUIRE(Plain.advance(jitson_rt_write_string(&Plain.B, Plain.B.Cur, Bytes.data(), In.size())));
    REQUIRE(Ex.advance(
        jitson_rt_write_string_ex(&Ex.B, Ex.B.Cur, Bytes.data(), In.size(), 0, S.get())));
    CHECK(Ex.text() == Plain.text());
  }
}

TEST_CASE("runtime helper string_ex: EscapeHtml") {
  CHECK(writeEx("<a href=\"x\">&amp;</a>", Html).Text ==
        quoted("\\u003ca href=\\\"x\\\"\\u003e\\u0026amp;\\u003c/a\\u003e"));
  CHECK(writeEx("<>&", 0).Text == quoted("<>&"));
  CHECK(writeEx("<>&", Unicode).Text == quoted("<>&"));
  CHECK(writeEx("<>&", Html | Unicode | Replace).Text == quoted("\\u003c\\u003e\\u0026"));
  // U+2028 and U+2029 are escaped; their neighbours U+2027 and U+202A are not.
  CHECK(writeEx("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", Html).Text == quoted("a\\u2028b\\u2029c"));
  CHECK(writeEx("\xE2\x80\xA7\xE2\x80\xAA", Html).Text == quoted("\xE2\x80\xA7\xE2\x80\xAA"));
  CHECK(writeEx("\xE2\x80\xA8\xE2\x80\xA9", 0).Text == quoted("\xE2\x80\xA8\xE2\x80\xA9"));
  for (std::uint64_t Utf8 : {std::uint64_t{0}, Replace, Error})
    CHECK(writeEx("\xE2\x80\xA8", Html | Utf8).Text == quoted("\\u2028"));
  // Other non-ASCII text is untouched by Html alone.
  CHECK(writeEx("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", Html).Text ==
        quoted("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  // Html alone does not validate: a truncated U+2028 and stray bytes pass through.
  CHECK(writeEx("\xE2\x80", Html).Text == quoted("\xE2\x80"));
  CHECK(writeEx("\xE2", Html).Text == quoted("\xE2"));
  CHECK(writeEx("\xE2\xE2\x80\xA8\xA8", Html).Text == quoted("\xE2\\u2028\xA8"));
  CHECK(writeEx("\xE2\x80<", Html).Text == quoted("\xE2\x80\\u003c"));
}

TEST_CASE("runtime helper string_ex: EscapeUnicode") {
  struct Case {
    const char* In;
    const char* Out;
  } Cases[] = {
      {"\xC2\x80", "\\u0080"},                 // first two-byte
      {"\xC3\xA9", "\\u00e9"},                 // é
      {"\xDF\xBF", "\\u07ff"},                 // last two-byte
      {"\xE0\xA0\x80", "\\u0800"},             // first three-byte
      {"\xE2\x82\xAC", "\\u20ac"},             // €
      {"\xED\x9F\xBF", "\\ud7ff"},             // just below the surrogates
      {"\xEE\x80\x80", "\\ue000"},             // just above them
      {"\xEF\xBF\xBD", "\\ufffd"},             // U+FFFD itself
      {"\xEF\xBF\xBF", "\\uffff"},             // last three-byte
      {"\xF0\x90\x80\x80", "\\ud800\\udc00"},  // U+10000
      {"\xF0\x9F\x98\x80", "\\ud83d\\ude00"},  // U+1F600
      {"\xF4\x8F\xBF\xBF", "\\udbff\\udfff"},  // U+10FFFF
      {"\xE2\x80\xA8", "\\u2028"},
      {"\x7F", "\x7F"},                        // DEL is ASCII
      {"caf\xC3\xA9\n", "caf\\u00e9\\n"},
  };
  for (const Case& C : Cases) {
    CAPTURE(C.In);
    for (std::uint64_t Extra : {std::uint64_t{0}, Html, Replace, Error, Html | Replace})
      CHECK(writeEx(C.In, Unicode | Extra).Text == quoted(C.Out));
  }
  // Invalid bytes pass through raw unless Replace asks for \ufffd.
  CHECK(writeEx("a\xFF" "b\xC3", Unicode).Text == quoted("a\xFF" "b\xC3"));
  CHECK(writeEx("a\xFF" "b\xC3", Unicode | Replace).Text == quoted("a\\ufffdb\\ufffd"));
  // The output is pure ASCII whenever Replace is on too.
  std::string All;
  for (int Byte = 0; Byte < 256; ++Byte)
    All += static_cast<char>(Byte);
  std::optional<std::string> Out = writeEx(All, Unicode | Replace).Text;
  REQUIRE(Out);
  CHECK(std::all_of(Out->begin(), Out->end(),
                    [](char C) { return static_cast<unsigned char>(C) < 0x80; }));
}

TEST_CASE("runtime helper string_ex: every class of invalid UTF-8") {
  struct Case {
    std::string Bad;
    int Replacements; ///< U+FFFD written under Replace (its maximal subparts).
    const char* Why;
    std::string Rest = {};        ///< Valid text right after the bad bytes.
    std::string RestEscaped = {}; ///< Rest under EscapeUnicode.
  } Cases[] = {
      {"\xC0\x80", 2, "overlong NUL: C0 is never a lead byte"},
      {"\xC1\xBF", 2, "overlong: C1 is never a lead byte"},
      {"\xE0\x80\x80", 3, "overlong three-byte: E0 needs A0..BF next"},
      {"\xE0\x9F\xBF", 3, "overlong three-byte, top"},
      {"\xF0\x80\x80\x80", 4, "overlong four-byte: F0 needs 90..BF next"},
      {"\xF0\x8F\xBF\xBF", 4, "overlong four-byte, top"},
      {"\xED\xA0\x80", 3, "surrogate U+D800: ED needs 80..9F next"},
      {"\xED\xBF\xBF", 3, "surrogate U+DFFF"},
      {"\xF4\x90\x80\x80", 4, "U+110000: F4 needs 80..8F next"},
      {"\xF5\x80\x80\x80", 4, "F5 is never a lead byte"},
      {"\xFF", 1, "FF"},
      {"\xFE", 1, "FE"},
      {"\xC3", 1, "truncated two-byte at the end"},
      {"\xE2\x82", 1, "truncated three-byte at the end"},
      {"\xE2", 1, "truncated three-byte lead at the end"},
      {"\xF0\x9F\x98", 1, "truncated four-byte at the end"},
      {"\xF0\x9F", 1, "truncated four-byte, two bytes"},
      {"\x80", 1, "lone continuation byte"},
      {"\xBF", 1, "lone continuation byte, top"},
      {"\x80\x80\x80\x80\x80", 5, "continuation bytes only"},
      {"\xC3", 1, "two-byte lead then ASCII", "A", "A"},
      {"\xF0\x9F\x98", 1, "three of four bytes, then ASCII", "A", "A"},
      {"\xC3", 1, "a lead then a whole sequence", "\xC3\xA9", "\\u00e9"},
      {"\xF0\x9F\x98", 1, "three of four bytes then a whole sequence", "\xF0\x9F\x98\x80",
       "\\ud83d\\ude00"},
  };
  for (const Case& C : Cases) {
    CAPTURE(C.Why);
    // The text around the invalid part shows where it starts and ends.
    const std::string In = "x" + C.Bad + C.Rest + "y";
    CHECK(writeEx(In, 0).Text == quoted(In));
    CHECK(writeEx(In, Html).Text == quoted(In));
    CHECK(writeEx(In, Unicode).Text == quoted("x" + C.Bad + C.RestEscaped + "y"));
    CHECK(writeEx(In, Replace).Text ==
          quoted("x" + repeat(Fffd, C.Replacements) + C.Rest + "y"));
    CHECK(writeEx(In, Replace | Unicode).Text ==
          quoted("x" + repeat("\\ufffd", C.Replacements) + C.RestEscaped + "y"));
    for (std::uint64_t Extra : {std::uint64_t{0}, Html, Unicode, Replace}) {
      Outcome O = writeEx(In, Error | Extra);
      CHECK(!O.Text);
      CHECK(O.FailCode == static_cast<std::int32_t>(ErrorCode::InvalidUtf8));
      CHECK(O.FailDetail == 1);
    }
    // The model agrees (it is what the sweeps below rely on).
    for (std::uint64_t Mode = 0; Mode < 16; ++Mode)
      checkAgainstModel(In, Mode);
  }
}

TEST_CASE("runtime helper string_ex: Replace follows Unicode's maximal subparts") {
  // The examples of Unicode 15, section 3.9, "U+FFFD Substitution of Maximal
  // Subparts" (Tables 3-8 to 3-12), as bytes and the code points expected.
  const std::string F = Fffd;
  // Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
  CHECK(writeEx("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", Replace).Text ==
        quoted("a" + F + F + F + "b" + F + "c" + F + F + "d"));
  // Table 3-9, non-shortest forms: C0 AF E0 80 BF F0 81 82 41.
  CHECK(writeEx("\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41", Replace).Text ==
        quoted(repeat(F, 8) + "A"));
  // Table 3-10, surrogates: ED A0 80 ED BF BF ED AF 41.
  CHECK(writeEx("\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41", Replace).Text ==
        quoted(repeat(F, 8) + "A"));
  // Table 3-11, other ill-formed sequences: F4 91 92 93 FF 41 80 BF 42.
  CHECK(writeEx("\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42", Replace).Text ==
        quoted(repeat(F, 5) + "A" + F + F + "B"));
  // Table 3-12, truncated sequences: E1 80 E2 F0 91 92 F1 BF 41.
  CHECK(writeEx("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", Replace).Text ==
        quoted(repeat(F, 4) + "A"));
  // Under EscapeUnicode each one is \ufffd.
  CHECK(writeEx("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", Replace | Unicode).Text ==
        quoted(repeat("\\ufffd", 4) + "A"));
  // Valid text next to invalid bytes is kept.
  CHECK(writeEx("\xC3\xA9\xFF\xE2\x82\xAC", Replace).Text ==
        quoted("\xC3\xA9" + F + "\xE2\x82\xAC"));
}

TEST_CASE("runtime helper string_ex: Utf8Error reports the first invalid byte") {
  struct Case {
    std::string In;
    std::uint64_t Offset;
  } Cases[] = {
      {"\xFF", 0},
      {"abc\xC3(", 3},
      {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\x80", 9}, // after é € 😀 (2+3+4 bytes)
      {"\xC3\xA9\xED\xA0\x80", 2},
      {"ok\xE2\x82", 2},
      {std::string(37, 'a') + "\xC0\x80" + std::string(30, 'b'), 37},
      {"\"\\\n\xE2\x80\xA8\x80\xFF", 6},
  };
  for (const Case& C : Cases) {
    CAPTURE(C.In);
    for (std::uint64_t Extra : {std::uint64_t{0}, Html, Unicode, Replace, Html | Unicode}) {
      Outcome O = writeEx(C.In, Error | Extra);
      CHECK(!O.Text);
      CHECK(O.FailCode == static_cast<std::int32_t>(ErrorCode::InvalidUtf8));
      CHECK(O.FailDetail == C.Offset);
    }
  }
  // Valid text leaves the stack untouched (writeEx checks FailCode == 0).
  CHECK(writeEx("\xC3\xA9\xF4\x8F\xBF\xBF", Error).Text == quoted("\xC3\xA9\xF4\x8F\xBF\xBF"));
  // Every offset of a long string, across the 16-byte blocks.
  for (std::size_t At = 0; At < 70; ++At) {
    CAPTURE(At);
    std::string In(70, 'z');
    In[At] = '\x80';
    Outcome O = writeEx(In, Error);
    CHECK(O.FailDetail == At);
    CHECK(O.FailCode == static_cast<std::int32_t>(ErrorCode::InvalidUtf8));
  }
}

TEST_CASE("runtime helper string_ex: specials at every position of long strings") {
  struct Special {
    std::string In;
    std::uint64_t Mode;
    std::string Out;
  } Specials[] = {
      {"\"", 0, "\\\""},
      {"\n", Replace, "\\n"},
      {"\x01", Html | Unicode, "\\u0001"},
      {"<", Html, "\\u003c"},
      {"&", Html | Replace, "\\u0026"},
      {"\xE2\x80\xA9", Html, "\\u2029"},
      {"\xE2\x80\xA9", Html | Error, "\\u2029"},
      {"\xC3\xA9", Unicode, "\\u00e9"},
      {"\xC3\xA9", Replace, "\xC3\xA9"},
      {"\xF0\x9F\x98\x80", Unicode, "\\ud83d\\ude00"},
      {"\xF0\x9F\x98\x80", Error, "\xF0\x9F\x98\x80"},
      {"\xFF", Replace, Fffd},
      {"\xFF", Replace | Unicode, "\\ufffd"},
      {"\xFF", Unicode, "\xFF"},
      {"\xE2\x82", Replace, Fffd},
      {"\xE2\x82", Html, "\xE2\x82"},
  };
  for (const Special& Sp : Specials) {
    CAPTURE(Sp.In);
    CAPTURE(Sp.Mode);
    for (std::size_t Length = 0; Length <= 50; ++Length)
      for (std::size_t At = 0; At <= Length; ++At) {
        CAPTURE(Length);
        CAPTURE(At);
        std::string Before(At, 'a'), After(Length - At, 'b');
        // Small capacities force growth at every kind of step.
        CHECK(writeEx(Before + Sp.In + After, Sp.Mode, Length % 5).Text ==
              quoted(Before + Sp.Out + After));
      }
    // Many of them in a row, and alternating with ordinary text.
    CHECK(writeEx(repeat(Sp.In, 40), Sp.Mode).Text == quoted(repeat(Sp.Out, 40)));
    CHECK(writeEx(repeat(Sp.In + "0123456789abcdefg", 9), Sp.Mode).Text ==
          quoted(repeat(Sp.Out + "0123456789abcdefg", 9)));
  }
}

TEST_CASE("runtime helper string_ex: growth from tiny buffers keeps earlier output") {
  std::string In = repeat("\xF0\x9F\x98\x80<\x01", 300); // 12 + 6 + 6 bytes of output each
  for (std::size_t Capacity : {0, 1, 2, 3, 16, 17, 100}) {
    CAPTURE(Capacity);
    Outcome O = writeEx(In, Html | Unicode, Capacity);
    CHECK(O.Text == quoted(repeat("\\ud83d\\ude00\\u003c\\u0001", 300)));
  }
  // Several writes into one buffer that starts with one byte.
  TestBuffer T(1);
  auto S = zeroStack();
  std::string Expected;
  for (int K = 0; K < 200; ++K) {
    std::string Piece = repeat("\xE2\x80\xA8", K % 7) + std::string(K % 23, 'q');
    GuardedBytes Bytes(Piece);
    REQUIRE(T.advance(jitson_rt_write_string_ex(&T.B, T.B.Cur, Bytes.data(), Bytes.size(), Html,
                                                S.get())));
    Expected += quoted(repeat("\\u2028", K % 7) + std::string(K % 23, 'q'));
  }
  CHECK(T.text() == Expected);
  // And into a buffer with no storage at all.
  TestBuffer Empty(0);
  REQUIRE(Empty.advance(jitson_rt_write_string_ex(&Empty.B, Empty.B.Cur, "\xC3\xA9", 2, Unicode,
                                                  S.get())));
  CHECK(Empty.text() == "\"\\u00e9\"");
}

TEST_CASE("runtime helper string_ex: random strings agree with the model in all modes") {
  // Pieces chosen to hit every branch: ASCII, the specials, valid sequences
  // of each length (including the encoding boundaries and U+2028), and
  // fragments that make invalid or truncated sequences.
  const std::vector<std::string> Pieces = {
      "a", "Z", "0", " ", "\"", "\\", "\n", "\x01", "\x1f", "<", ">", "&", "\x7f",
      "\xC2\x80", "\xDF\xBF", "\xC3\xA9", "\xE0\xA0\x80", "\xE2\x80\xA8", "\xE2\x80\xA9",
      "\xED\x9F\xBF", "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
      "\xF0\x9F\x98\x80", "\x80", "\xBF", "\xC0", "\xC1", "\xC2", "\xE0", "\xE2", "\xE2\x80",
      "\xED", "\xED\xA0", "\xF0", "\xF0\x90", "\xF0\x90\x80", "\xF4", "\xF4\x90", "\xF5",
      "\xFF", "0123456789abcdef"};
  std::mt19937_64 Rng(2024);
  for (int Round = 0; Round < 4000; ++Round) {
    std::string In;
    std::size_t Count = Rng() % 30;
    for (std::size_t K = 0; K < Count; ++K)
      In += Rng() % 4 ? Pieces[Rng() % Pieces.size()] : std::string(1, static_cast<char>(Rng()));
    CAPTURE(In);
    for (std::uint64_t Mode = 0; Mode < 16; ++Mode) {
      CAPTURE(Mode);
      checkAgainstModel(In, Mode, Rng() % 40);
    }
  }
}

namespace {

/// Two pages, the second inaccessible: place() puts bytes so that Gap bytes
/// of Filler separate their end from the inaccessible page.
class GuardedRegion {
public:
  GuardedRegion() {
    Page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    void* Map = mmap(nullptr, 2 * Page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(Map != MAP_FAILED);
    Base = static_cast<char*>(Map);
    REQUIRE(mprotect(Base + Page, Page, PROT_NONE) == 0);
  }
  ~GuardedRegion() { munmap(Base, 2 * Page); }
  GuardedRegion(const GuardedRegion&) = delete;
  GuardedRegion& operator=(const GuardedRegion&) = delete;

  const char* place(std::string_view Bytes, std::size_t Gap, char Filler) {
    REQUIRE(Bytes.size() + Gap <= Page);
    char* At = Base + Page - Gap - Bytes.size();
    std::memset(At + Bytes.size(), Filler, Gap);
    if (!Bytes.empty())
      std::memcpy(At, Bytes.data(), Bytes.size());
    return At;
  }

private:
  std::size_t Page = 0;
  char* Base = nullptr;
};

/// What one writer variant wrote (nullopt: it failed, with the code in S).
std::optional<std::string> writeWith(const jitson::runtime::StringWriters& W, const char* Data,
                                     std::size_t Size, std::uint64_t Mode, std::size_t Capacity,
                                     Stack& S, bool Plain) {
  TestBuffer T(Capacity, "[1,");
  S = Stack{};
  char* Cur = Plain ? W.Plain(&T.B, T.B.Cur, Data, Size)
                    : W.Ex(&T.B, T.B.Cur, Data, Size, Mode, &S);
  if (!T.advance(Cur))
    return std::nullopt;
  std::string All = T.text();
  REQUIRE(All.substr(0, 3) == "[1,");
  return All.substr(3);
}

} // namespace

TEST_CASE("string writer variants: the host's is the best this CPU runs, SSE2 always there") {
  std::size_t Count = 0;
  const jitson::runtime::StringWriters* Variants = jitson::runtime::stringWriterVariants(Count);
  REQUIRE(Count >= 1);
  REQUIRE(Count <= 3);
  CHECK(std::string_view(Variants[Count - 1].Name) == "sse2");
  CHECK(&jitson::runtime::hostStringWriters() == &Variants[0]);
  // The exported names dispatch to it.
  TestBuffer A(1), B(1);
  auto S = zeroStack();
  REQUIRE(A.advance(jitson_rt_write_string(&A.B, A.B.Cur, "a\"b", 3)));
  REQUIRE(B.advance(Variants[0].Plain(&B.B, B.B.Cur, "a\"b", 3)));
  CHECK(A.text() == B.text());
  CHECK(A.text() == "\"a\\\"b\"");
}

TEST_CASE("string writer variants: every length to 80, a special at every offset, every mode") {
  std::size_t Count = 0;
  const jitson::runtime::StringWriters* Variants = jitson::runtime::stringWriterVariants(Count);
  // One special item per string, of every kind the scans stop at.
  const std::vector<std::string> Specials = {"\"", "\\", "\n", "\x01", "\x1f", "<", "&",
                                             "\xE2\x80\xA8", "\xC3\xA9", "\xFF", "\x7f"};
  GuardedRegion Region;
  Stack S{};
  for (std::size_t Length = 0; Length <= 80; ++Length) {
    for (std::size_t At = 0; At <= Length; ++At) {
      // Three kinds at each offset, rotating, so every kind meets every offset.
      for (std::size_t Pick = 0; Pick < 3; ++Pick) {
        const std::size_t K = (Length + At + 4 * Pick) % Specials.size();
        if (At == Length && Pick > 0)
          continue; // At == Length: the clean string, once
        std::string In;
        for (std::size_t J = 0; J < Length; ++J)
          In += static_cast<char>('a' + (J * 7 + Length) % 26);
        if (At < Length)
          In.replace(At, 1, Specials[K]);
        // The string ends right at the inaccessible page, or a few bytes
        // before it, with bytes after it that would stop a scan if read.
        const std::size_t Gap = (Length + At + K) % 5 == 0 ? 0 : (Length * 3 + At + K) % 40;
        const char* Data = Region.place(In, Gap, (At + K) % 2 ? '"' : '\0');
        CAPTURE(In);
        CAPTURE(Gap);
        for (std::uint64_t Mode = 0; Mode < 16; ++Mode) {
          CAPTURE(Mode);
          std::uint64_t ErrorAt = ~0ULL;
          const std::optional<std::string> Expected = referenceEx(In, Mode, &ErrorAt);
          for (std::size_t V = 0; V < Count; ++V) {
            CAPTURE(Variants[V].Name);
            // Capacity 1 grows at the start; a roomy buffer takes the fast paths.
            const std::size_t Capacity = (Length + At) % 3 == 0 ? 1 : 512;
            std::optional<std::string> Out =
                writeWith(Variants[V], Data, In.size(), Mode, Capacity, S, false);
            if (Out != Expected || (!Expected && S.FailDetail != ErrorAt)) {
              CHECK(Out == Expected); // only failures are counted: millions of cases
              CHECK(S.FailDetail == ErrorAt);
            }
            if (Mode == 0) {
              Out = writeWith(Variants[V], Data, In.size(), 0, Capacity, S, true);
              if (Out != Expected)
                CHECK(Out == Expected);
            }
          }
        }
      }
    }
  }
}

TEST_CASE("string writer variants: random strings and buffers agree with the model") {
  std::size_t Count = 0;
  const jitson::runtime::StringWriters* Variants = jitson::runtime::stringWriterVariants(Count);
  const std::vector<std::string> Pieces = {
      "a", "Z", " ", "\"", "\\", "\n", "\x01", "<", ">", "&", "\x7f", "\xC3\xA9",
      "\xE2\x80\xA8", "\xE2\x80\xA9", "\xF0\x9F\x98\x80", "\x80", "\xE2", "\xE2\x80", "\xF0\x90",
      "\xFF", "0123456789abcdef", "0123456789abcdefghijklmnopqrstu"};
  GuardedRegion Region;
  Stack S{};
  std::mt19937_64 Rng(99);
  for (int Round = 0; Round < 3000; ++Round) {
    std::string In;
    std::size_t N = Rng() % 24;
    for (std::size_t K = 0; K < N; ++K)
      In += Rng() % 5 ? Pieces[Rng() % Pieces.size()] : std::string(1, static_cast<char>(Rng()));
    if (In.size() > 2000)
      In.resize(2000);
    const char* Data = Region.place(In, Rng() % 48, static_cast<char>(Rng()));
    const std::size_t Capacity = Rng() % 64;
    CAPTURE(In);
    for (std::uint64_t Mode = 0; Mode < 16; ++Mode) {
      CAPTURE(Mode);
      std::uint64_t ErrorAt = ~0ULL;
      const std::optional<std::string> Expected = referenceEx(In, Mode, &ErrorAt);
      for (std::size_t V = 0; V < Count; ++V) {
        CAPTURE(Variants[V].Name);
        CHECK(writeWith(Variants[V], Data, In.size(), Mode, Capacity, S, false) == Expected);
        if (!Expected)
          CHECK(S.FailDetail == ErrorAt);
      }
    }
  }
}

TEST_CASE("string writer variants: long strings across many blocks") {
  std::size_t Count = 0;
  const jitson::runtime::StringWriters* Variants = jitson::runtime::stringWriterVariants(Count);
  std::mt19937_64 Rng(5);
  for (std::size_t Length : {255, 256, 257, 1000, 4095, 4096, 4097, 70000}) {
    CAPTURE(Length);
    std::string In(Length, 'x');
    for (std::size_t J = 0; J < Length; ++J)
      In[J] = static_cast<char>(' ' + Rng() % 90);
    for (int Specials = 0; Specials < 3; ++Specials) {
      if (Specials)
        for (int K = 0; K < 20; ++K)
          In[Rng() % Length] = "\"\\\n\x01<\xC3"[Rng() % 6];
      GuardedBytes Bytes(In);
      Stack S{};
      for (std::uint64_t Mode : {std::uint64_t{0}, Html, Unicode | Replace}) {
        const std::optional<std::string> Expected = referenceEx(In, Mode);
        for (std::size_t V = 0; V < Count; ++V) {
          CAPTURE(Variants[V].Name);
          CHECK(writeWith(Variants[V], Bytes.data(), Length, Mode, 1, S, Mode == 0) == Expected);
        }
      }
    }
  }
}

TEST_CASE("runtime helper string_ex: out of memory is reported") {
#if defined(__SANITIZE_ADDRESS__)
  // ASan aborts on impossible allocation sizes instead of returning null.
  return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return;
#endif
#endif
  // A length no realloc can satisfy: the helpers fail before reading a byte
  // of the (tiny) data, and the buffer stays as it was.
  const std::uint64_t Huge = UINT64_MAX / 16;
  for (std::uint64_t Mode : {std::uint64_t{0}, Html, Unicode | Replace}) {
    CAPTURE(Mode);
    TestBuffer T(4, "[");
    auto S = zeroStack();
    char* Begin = T.B.Begin;
    CHECK(jitson_rt_write_string_ex(&T.B, T.B.Cur, "x", Huge, Mode, S.get()) == nullptr);
    CHECK(S->FailCode == static_cast<std::int32_t>(ErrorCode::OutOfMemory));
    CHECK(T.B.Begin == Begin);
    CHECK(T.text() == "[");
  }
  TestBuffer T(4);
  CHECK(jitson_rt_write_raw(&T.B, T.B.Cur, "x", Huge) == nullptr);
  CHECK(jitson_rt_write_base64(&T.B, T.B.Cur, reinterpret_cast<const unsigned char*>("x"),
                               Huge) == nullptr);
  CHECK(jitson_rt_write_base64(&T.B, T.B.Cur, reinterpret_cast<const unsigned char*>("x"),
                               UINT64_MAX) == nullptr);
}

TEST_CASE("runtime helper write_cstr") {
  auto Cstr = [](const char* Data, std::uint64_t MaxLen, std::uint64_t Mode,
                 std::size_t Capacity = 1) -> Outcome {
    TestBuffer T(Capacity, "[");
    auto S = zeroStack();
    Outcome O;
    if (T.advance(jitson_rt_write_cstr(&T.B, T.B.Cur, Data, MaxLen, Mode, S.get())))
      O.Text = T.text().substr(1);
    O.FailCode = S->FailCode;
    O.FailDetail = S->FailDetail;
    return O;
  };
  for (std::size_t Capacity : {0, 1, 5, 64}) {
    CHECK(Cstr(nullptr, UINT64_MAX, 0, Capacity).Text == "null");
    CHECK(Cstr(nullptr, 3, Html, Capacity).Text == "null");
  }
  CHECK(Cstr("", UINT64_MAX, 0).Text == "\"\"");
  CHECK(Cstr("hello", UINT64_MAX, 0).Text == "\"hello\"");
  CHECK(Cstr("he\"llo", UINT64_MAX, 0).Text == "\"he\\\"llo\"");
  // An embedded NUL ends the string.
  const char Embedded[] = "ab\0cd";
  CHECK(Cstr(Embedded, UINT64_MAX, 0).Text == "\"ab\"");
  CHECK(Cstr(Embedded, sizeof Embedded, 0).Text == "\"ab\"");
  // MaxLen cuts a longer string (a char array without a NUL).
  CHECK(Cstr("hello", 3, 0).Text == "\"hel\"");
  CHECK(Cstr("hello", 0, 0).Text == "\"\"");
  CHECK(Cstr("hello", 5, 0).Text == "\"hello\"");
  // Not one byte past MaxLen is read, even without a NUL.
  GuardedBytes NoNul("abcdefghijklmnopqrstuvwxyz0123456789");
  CHECK(Cstr(NoNul.data(), NoNul.size(), 0).Text == "\"abcdefghijklmnopqrstuvwxyz0123456789\"");
  CHECK(Cstr(NoNul.data(), NoNul.size(), Html).Text ==
        "\"abcdefghijklmnopqrstuvwxyz0123456789\"");
  // The mode applies; a cut through a sequence makes it truncated.
  CHECK(Cstr("<\xC3\xA9>", UINT64_MAX, Html | Unicode).Text == "\"\\u003c\\u00e9\\u003e\"");
  CHECK(Cstr("a\xC3\xA9", 2, Replace).Text == "\"a\xEF\xBF\xBD\"");
  Outcome Bad = Cstr("ok\xFFno", UINT64_MAX, Error);
  CHECK(!Bad.Text);
  CHECK(Bad.FailCode == static_cast<std::int32_t>(ErrorCode::InvalidUtf8));
  CHECK(Bad.FailDetail == 2);
  CHECK(Cstr("ok\xFFno", 2, Error).Text == "\"ok\"");
}

TEST_CASE("runtime helper write_raw") {
  auto Raw = [](std::string_view In, std::size_t Capacity) {
    GuardedBytes Bytes(In);
    TestBuffer T(Capacity, "[");
    REQUIRE(T.advance(jitson_rt_write_raw(&T.B, T.B.Cur, Bytes.data(), Bytes.size())));
    return T.text().substr(1);
  };
  for (std::size_t Capacity : {0, 1, 2, 5, 1000}) {
    CAPTURE(Capacity);
    CHECK(Raw("", Capacity) == "null");
    CHECK(Raw("{\"a\":[1,2]}", Capacity) == "{\"a\":[1,2]}");
    CHECK(Raw("x", Capacity) == "x");
    // Verbatim: nothing is escaped or checked.
    CHECK(Raw("\"\n\xFF\0"sv, Capacity) == "\"\n\xFF\0"s);
    std::string Long(5000, 'r');
    CHECK(Raw(Long, Capacity) == Long);
  }
  // Null data is fine with size 0.
  TestBuffer T(0);
  REQUIRE(T.advance(jitson_rt_write_raw(&T.B, T.B.Cur, nullptr, 0)));
  CHECK(T.text() == "null");
}

namespace {

std::string base64(std::string_view In, std::size_t Capacity = 1) {
  GuardedBytes Bytes(In);
  TestBuffer T(Capacity, "[");
  REQUIRE(T.advance(jitson_rt_write_base64(
      &T.B, T.B.Cur, reinterpret_cast<const unsigned char*>(Bytes.data()), Bytes.size())));
  return T.text().substr(1);
}

/// A plain RFC 4648 decoder of a quoted string: nullopt for anything malformed.
std::optional<std::string> decodeBase64(std::string_view Quoted) {
  if (Quoted.size() < 2 || Quoted.front() != '"' || Quoted.back() != '"')
    return std::nullopt;
  std::string_view Text = Quoted.substr(1, Quoted.size() - 2);
  if (Text.size() % 4)
    return std::nullopt;
  auto Value = [](char C) -> int {
    if (C >= 'A' && C <= 'Z')
      return C - 'A';
    if (C >= 'a' && C <= 'z')
      return C - 'a' + 26;
    if (C >= '0' && C <= '9')
      return C - '0' + 52;
    if (C == '+')
      return 62;
    if (C == '/')
      return 63;
    return -1;
  };
  std::string Out;
  for (std::size_t I = 0; I < Text.size(); I += 4) {
    bool Last = I + 4 == Text.size();
    int Pad = Last ? (Text[I + 3] == '=') + (Text[I + 2] == '=') : 0;
    if (Pad == 1 && Text[I + 2] == '=')
      return std::nullopt;
    std::uint32_t Group = 0;
    for (int K = 0; K < 4; ++K) {
      int V = K >= 4 - Pad ? 0 : Value(Text[I + K]);
      if (V < 0)
        return std::nullopt;
      Group = (Group << 6) | static_cast<std::uint32_t>(V);
    }
    Out += static_cast<char>(Group >> 16);
    if (Pad < 2)
      Out += static_cast<char>(Group >> 8);
    if (Pad < 1)
      Out += static_cast<char>(Group);
    // Canonical: the bits under the padding are zero.
    if ((Pad == 1 && (Group & 0xFF)) || (Pad == 2 && (Group & 0xFFFF)))
      return std::nullopt;
  }
  return Out;
}

} // namespace

TEST_CASE("runtime helper write_base64") {
  // RFC 4648, section 10.
  CHECK(base64("") == "\"\"");
  CHECK(base64("f") == "\"Zg==\"");
  CHECK(base64("fo") == "\"Zm8=\"");
  CHECK(base64("foo") == "\"Zm9v\"");
  CHECK(base64("foob") == "\"Zm9vYg==\"");
  CHECK(base64("fooba") == "\"Zm9vYmE=\"");
  CHECK(base64("foobar") == "\"Zm9vYmFy\"");
  // The last two letters of the alphabet, and zero bytes.
  CHECK(base64("\xFB\xFF\xBF") == "\"+/+/\"");
  CHECK(base64("\0\0\0"sv) == "\"AAAA\"");
  CHECK(base64("\0"sv) == "\"AA==\"");
  // All 256 byte values, alone and together, round-trip.
  std::string All;
  for (int Byte = 0; Byte < 256; ++Byte) {
    std::string One(1, static_cast<char>(Byte));
    CHECK(decodeBase64(base64(One)) == One);
    All += One;
  }
  std::string Encoded = base64(All);
  CHECK(Encoded.size() == 2 + (256 + 2) / 3 * 4);
  CHECK(decodeBase64(Encoded) == All);
  // Random lengths and starting capacities.
  std::mt19937_64 Rng(64);
  for (int Round = 0; Round < 2000; ++Round) {
    std::string In(Rng() % 200, '\0');
    for (char& C : In)
      C = static_cast<char>(Rng());
    std::string Out = base64(In, Rng() % 20);
    CAPTURE(In.size());
    CHECK(Out.size() == 2 + (In.size() + 2) / 3 * 4);
    CHECK(decodeBase64(Out) == In);
  }
}

namespace {

std::optional<std::string> timeText(std::int64_t Count, std::uint64_t Num, std::uint64_t Den) {
  char Out[64];
  std::memset(Out, '#', sizeof Out);
  char* End = jitson_rt_write_time(Out, Count, Num, Den);
  // Never a byte past the MaxTimeChars the caller ensured.
  for (std::size_t K = jitson::codegen::MaxTimeChars; K < sizeof Out; ++K)
    REQUIRE(Out[K] == '#');
  if (!End)
    return std::nullopt;
  REQUIRE(End > Out);
  REQUIRE(End <= Out + jitson::codegen::MaxTimeChars);
  return std::string(Out, End);
}

/// The expected text of T by std::chrono's calendar types, with the
/// fraction found by long division (not by the helper's 128-bit scaling).
template <class Duration>
std::optional<std::string> chronoText(std::chrono::sys_time<Duration> T) {
  using namespace std::chrono;
  const sys_time<seconds> Second = floor<seconds>(T);
  const sys_days Day = floor<days>(Second);
  const year_month_day Date{Day};
  if (Date.year() < year{0} || Date.year() > year{9999})
    return std::nullopt;
  const hh_mm_ss<seconds> Time{Second - Day};
  char Text[64];
  std::snprintf(Text, sizeof Text, "\"%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(Date.year()),
                static_cast<unsigned>(Date.month()), static_cast<unsigned>(Date.day()),
                static_cast<int>(Time.hours().count()), static_cast<int>(Time.minutes().count()),
                static_cast<int>(Time.seconds().count()));
  std::string Out = Text;
  // What is left is Sub/Den seconds (the common period of Duration and
  // seconds is 1/Den): 18 decimals by schoolbook division, zeros trimmed.
  const auto Sub = T - Second;
  using Period = typename std::remove_cv_t<decltype(Sub)>::period;
  static_assert(Period::num == 1);
  unsigned __int128 Rest = static_cast<unsigned __int128>(Sub.count());
  std::string Digits;
  for (int K = 0; K < 18; ++K) {
    Rest *= 10;
    Digits += static_cast<char>('0' + static_cast<int>(Rest / Period::den));
    Rest %= Period::den;
  }
  while (!Digits.empty() && Digits.back() == '0')
    Digits.pop_back();
  if (!Digits.empty())
    Out += "." + Digits;
  return Out + "Z\"";
}

template <class Period>
void crossCheckWithChrono(std::mt19937_64& Rng, int Rounds) {
  using namespace std::chrono;
  using Ticks = duration<std::int64_t, Period>;
  // Ticks a little beyond 0000-01-01 .. 9999-12-31 on both sides, as far as
  // they fit in the representation chrono computes in without overflow.
  const auto First = duration_cast<seconds>(sys_days{year{0} / 1 / 1}.time_since_epoch()).count();
  const auto End = duration_cast<seconds>(sys_days{year{10000} / 1 / 1}.time_since_epoch()).count();
  const __int128 Lo = static_cast<__int128>(First - 86400) * Period::den / Period::num;
  const __int128 Hi = static_cast<__int128>(End + 86400) * Period::den / Period::num;
  // chrono's floor<seconds> multiplies by num, and T - floor<seconds>(T)
  // scales whole seconds by den: keep both within 64 bits.
  const __int128 Limit = static_cast<__int128>(INT64_MAX / Period::num - Period::den);
  const auto Low = static_cast<std::int64_t>(std::max(Lo, -Limit));
  const auto High = static_cast<std::int64_t>(std::min(Hi, Limit));
  std::uniform_int_distribution<std::int64_t> Pick(Low, High);
  for (int Round = 0; Round < Rounds; ++Round) {
    // Mostly anywhere; sometimes near the epoch or near the range's ends.
    std::int64_t Count = Pick(Rng);
    if (Round % 4 == 1)
      Count = static_cast<std::int64_t>(Rng() % 2000000) - 1000000;
    else if (Round % 4 == 2)
      Count = Round & 8 ? Low + static_cast<std::int64_t>(Rng() % 100000)
                        : High - static_cast<std::int64_t>(Rng() % 100000);
    CAPTURE(Count);
    REQUIRE(timeText(Count, Period::num, Period::den) == chronoText(sys_time<Ticks>(Ticks(Count))));
  }
}

} // namespace

TEST_CASE("runtime helper write_time: fixed instants") {
  CHECK(timeText(0, 1, 1) == "\"1970-01-01T00:00:00Z\"");
  CHECK(timeText(0, 1, 1000000000) == "\"1970-01-01T00:00:00Z\"");
  CHECK(timeText(946684800, 1, 1) == "\"2000-01-01T00:00:00Z\"");
  CHECK(timeText(951782400, 1, 1) == "\"2000-02-29T00:00:00Z\"");   // 2000-01-01 + 59 days
  CHECK(timeText(951868799, 1, 1) == "\"2000-02-29T23:59:59Z\"");
  CHECK(timeText(951868800, 1, 1) == "\"2000-03-01T00:00:00Z\"");
  CHECK(timeText(1709208000, 1, 1) == "\"2024-02-29T12:00:00Z\"");  // 2024-01-01 + 59.5 days
  CHECK(timeText(1709208000500, 1, 1000) == "\"2024-02-29T12:00:00.5Z\"");
  // Negative counts: the fraction stays positive (floor, toward the past).
  CHECK(timeText(-1, 1, 1000) == "\"1969-12-31T23:59:59.999Z\"");
  CHECK(timeText(-1, 1, 1000000000) == "\"1969-12-31T23:59:59.999999999Z\"");
  CHECK(timeText(-1, 1, 1) == "\"1969-12-31T23:59:59Z\"");
  CHECK(timeText(-1000, 1, 1000) == "\"1969-12-31T23:59:59Z\"");
  CHECK(timeText(-1500, 1, 1000) == "\"1969-12-31T23:59:58.5Z\"");
  // The shortest exact fraction.
  CHECK(timeText(1, 1, 1000000000) == "\"1970-01-01T00:00:00.000000001Z\"");
  CHECK(timeText(123456789, 1, 1000000000) == "\"1970-01-01T00:00:00.123456789Z\"");
  CHECK(timeText(1500000000, 1, 1000000000) == "\"1970-01-01T00:00:01.5Z\"");
  CHECK(timeText(1010, 1, 1000) == "\"1970-01-01T00:00:01.01Z\"");
  CHECK(timeText(1000001, 1, 1000000) == "\"1970-01-01T00:00:01.000001Z\"");
  CHECK(timeText(1, 1, 1024) == "\"1970-01-01T00:00:00.0009765625Z\"");
  CHECK(timeText(5, 3, 8) == "\"1970-01-01T00:00:01.875Z\""); // 15/8 s
  // std::int64_t nanoseconds end in 2262 and begin in 1677.
  CHECK(timeText(INT64_MAX, 1, 1000000000) == "\"2262-04-11T23:47:16.854775807Z\"");
  CHECK(timeText(INT64_MIN, 1, 1000000000) == "\"1677-09-21T00:12:43.145224192Z\"");
  // Minutes and days.
  CHECK(timeText(1, 60, 1) == "\"1970-01-01T00:01:00Z\"");
  CHECK(timeText(-1, 60, 1) == "\"1969-12-31T23:59:00Z\"");
  CHECK(timeText(1440 * 365 + 61, 60, 1) == "\"1971-01-01T01:01:00Z\"");
  CHECK(timeText(11016, 86400, 1) == "\"2000-02-29T00:00:00Z\""); // 10957 + 59
  CHECK(timeText(-1, 86400, 1) == "\"1969-12-31T00:00:00Z\"");
  // Thirds of a second: not a finite decimal, so 18 digits, truncated.
  CHECK(timeText(1, 1, 3) == "\"1970-01-01T00:00:00.333333333333333333Z\"");
  CHECK(timeText(2, 1, 3) == "\"1970-01-01T00:00:00.666666666666666666Z\"");
  CHECK(timeText(3, 1, 3) == "\"1970-01-01T00:00:01Z\"");
  CHECK(timeText(-1, 1, 3) == "\"1969-12-31T23:59:59.666666666666666666Z\"");
  CHECK(timeText(-2, 1, 3) == "\"1969-12-31T23:59:59.333333333333333333Z\"");
  // A finite decimal longer than 18 digits is truncated too: 2^-60 s.
  CHECK(timeText(1, 1, 1ULL << 60) == "\"1970-01-01T00:00:00Z\""); // 8.67e-19: all 18 digits 0
  CHECK(timeText(3, 1, 1ULL << 50) == "\"1970-01-01T00:00:00.000000000000002664Z\"");
  // (2^63 - 1) / (2^64 - 1) s is a hair under one half.
  CHECK(timeText(INT64_MAX, 1, UINT64_MAX) == "\"1970-01-01T00:00:00.499999999999999999Z\"");
}

TEST_CASE("runtime helper write_time: the 0000-9999 bounds and overflow") {
  // 0000-01-01T00:00:00Z is -62167219200 s; 10000-01-01T00:00:00Z is 253402300800 s.
  CHECK(timeText(-62167219200, 1, 1) == "\"0000-01-01T00:00:00Z\"");
  CHECK(timeText(-62167219200000, 1, 1000) == "\"0000-01-01T00:00:00Z\"");
  CHECK(timeText(-62167219199999, 1, 1000) == "\"0000-01-01T00:00:00.001Z\"");
  CHECK(timeText(-62167219201, 1, 1) == std::nullopt);
  CHECK(timeText(-62167219200001, 1, 1000) == std::nullopt); // a millisecond too early
  CHECK(timeText(253402300799, 1, 1) == "\"9999-12-31T23:59:59Z\"");
  CHECK(timeText(253402300799999, 1, 1000) == "\"9999-12-31T23:59:59.999Z\"");
  CHECK(timeText(253402300800, 1, 1) == std::nullopt);
  CHECK(timeText(253402300800000, 1, 1000) == std::nullopt);
  CHECK(timeText(2932896, 86400, 1) == "\"9999-12-31T00:00:00Z\"");
  CHECK(timeText(2932897, 86400, 1) == std::nullopt);
  CHECK(timeText(-719528, 86400, 1) == "\"0000-01-01T00:00:00Z\"");
  CHECK(timeText(-719529, 86400, 1) == std::nullopt);
  // Count x Num beyond 64 bits must not wrap into range.
  CHECK(timeText(INT64_MAX, 1, 1) == std::nullopt);
  CHECK(timeText(INT64_MIN, 1, 1) == std::nullopt);
  CHECK(timeText(INT64_MAX, 86400, 1) == std::nullopt);
  CHECK(timeText(INT64_MIN, 86400, 1) == std::nullopt);
  CHECK(timeText(1, UINT64_MAX, 1) == std::nullopt);
  CHECK(timeText(-1, UINT64_MAX, 1) == std::nullopt);
  CHECK(timeText(INT64_MIN, UINT64_MAX, 1) == std::nullopt);
  CHECK(timeText(INT64_MAX, UINT64_MAX, 3) == std::nullopt);
  // 2^64 seconds is far out of range, and wraps to 0 in 64 bits.
  CHECK(timeText(1LL << 32, 1ULL << 32, 1) == std::nullopt);
  // Big Num and Den that cancel to a normal instant.
  // 1000 (2^64 - 1) / (2^64 - 2) s = 1000 s + 5.42e-17 s.
  CHECK(timeText(1000, UINT64_MAX, UINT64_MAX - 1) ==
        "\"1970-01-01T00:16:40.000000000000000054Z\"");
}

TEST_CASE("runtime helper write_time: random instants agree with std::chrono") {
  std::mt19937_64 Rng(1970);
  crossCheckWithChrono<std::ratio<1>>(Rng, 20000);
  crossCheckWithChrono<std::milli>(Rng, 20000);
  crossCheckWithChrono<std::micro>(Rng, 20000);
  crossCheckWithChrono<std::nano>(Rng, 20000);
  crossCheckWithChrono<std::ratio<60>>(Rng, 5000);
  crossCheckWithChrono<std::ratio<86400>>(Rng, 5000);
  crossCheckWithChrono<std::ratio<1, 3>>(Rng, 5000);
  crossCheckWithChrono<std::ratio<7, 3>>(Rng, 5000);
  crossCheckWithChrono<std::ratio<3, 8>>(Rng, 5000);
  crossCheckWithChrono<std::ratio<1, 1024>>(Rng, 5000);
  crossCheckWithChrono<std::ratio<1, 100000000000000000>>(Rng, 5000);
  crossCheckWithChrono<std::ratio<1, 7000000000000000000>>(Rng, 5000);
}
