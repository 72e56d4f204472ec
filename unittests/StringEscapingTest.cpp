// Strings: the escaping of every control byte, quotes and backslashes, UTF-8 passthrough, long strings, string_view.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

using jitsontest::json;
using jitsontest::referenceEscape;
using namespace std::string_literals;
using namespace std::string_view_literals;

namespace {

struct Labelled {
  std::string label;
  std::string_view view;
};

struct ViewsOnly {
  std::string_view first;
  std::vector<std::string_view> rest;
  std::optional<std::string_view> maybe;
};

struct TextContainers {
  std::vector<std::string> lines;
  std::optional<std::string> note;
};

struct TextArrayMember {
  std::array<std::string, 2> pair;
  std::string after;
};

} // namespace

TEST_CASE("every control byte on its own") {
  // The expected escape of each byte 0x00..0x1F, spelled out.
  const char* const Expected[32] = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  for (int Byte = 0; Byte < 32; ++Byte) {
    CAPTURE(Byte);
    std::string One(1, static_cast<char>(Byte));
    CHECK(json(One) == std::string("\"") + Expected[Byte] + "\"");
    // Also between ordinary characters, and through a string_view.
    std::string Mid = "a" + One + "b";
    CHECK(json(Mid) == std::string("\"a") + Expected[Byte] + "b\"");
    CHECK(json(std::string_view(Mid)) == std::string("\"a") + Expected[Byte] + "b\"");
    // The independent reference escaper agrees with the table.
    CHECK(referenceEscape(One) == std::string("\"") + Expected[Byte] + "\"");
  }
}

TEST_CASE("all control bytes in one string") {
  std::string All;
  for (int Byte = 0; Byte < 32; ++Byte)
    All += static_cast<char>(Byte);
  CHECK(json(All) == "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
                     "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015"
                     "\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
}

TEST_CASE("quote, backslash, slash and DEL") {
  CHECK(json("\""s) == "\"\\\"\"");
  CHECK(json("\\"s) == "\"\\\\\"");
  CHECK(json("/"s) == "\"/\"");
  CHECK(json("\x7f"s) == "\"\x7f\"");
  CHECK(json("a\"b\\c/d\x7f"s) == "\"a\\\"b\\\\c/d\x7f\"");
  CHECK(json("\\\\\"\""s) == "\"\\\\\\\\\\\"\\\"\"");
  CHECK(json("</script>"s) == "\"</script>\"");
  CHECK(json("\\u0041"s) == "\"\\\\u0041\"");
}

TEST_CASE("printable ASCII is copied") {
  std::string Printable;
  for (int C = 0x20; C < 0x7F; ++C)
    if (C != '"' && C != '\\')
      Printable += static_cast<char>(C);
  CHECK(json(Printable) == "\"" + Printable + "\"");
}

TEST_CASE("empty strings") {
  CHECK(json(""s) == "\"\"");
  CHECK(json(""sv) == "\"\"");
  CHECK(json(std::string_view()) == "\"\"");
  CHECK(json(Labelled{"", {}}) == "{\"label\":\"\",\"view\":\"\"}");
}

TEST_CASE("multi-byte UTF-8 is copied as it is") {
  const std::string TwoByte = "\xc3\xa9";          // U+00E9
  const std::string ThreeByte = "\xe2\x82\xac";    // U+20AC
  const std::string FourByte = "\xf0\x9f\x98\x80"; // U+1F600
  CHECK(json(TwoByte) == "\"\xc3\xa9\"");
  CHECK(json(ThreeByte) == "\"\xe2\x82\xac\"");
  CHECK(json(FourByte) == "\"\xf0\x9f\x98\x80\"");
  CHECK(json("caf\xc3\xa9 \xe2\x82\xac" "5 \xf0\x9f\x98\x80\n"s) ==
        "\"caf\xc3\xa9 \xe2\x82\xac" "5 \xf0\x9f\x98\x80\\n\"");
  // U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF: encoding boundaries.
  const std::string Boundaries = "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf";
  CHECK(json(Boundaries) == "\"" + Boundaries + "\"");
  // U+2028 and U+2029 are valid in JSON strings and not escaped.
  CHECK(json("\xe2\x80\xa8\xe2\x80\xa9"s) == "\"\xe2\x80\xa8\xe2\x80\xa9\"");
}

TEST_CASE("invalid UTF-8 is copied as it is") {
  const std::string Cases[] = {
      "\xff"s,                 // never valid
      "\xfe\xfe"s,             // never valid
      "\x80"s,                 // lone continuation byte
      "\xc3"s,                 // truncated two-byte sequence
      "\xe2\x82"s,             // truncated three-byte sequence
      "\xf0\x9f\x98"s,         // truncated four-byte sequence
      "\xc0\xaf"s,             // overlong '/'
      "\xed\xa0\x80"s,         // UTF-16 surrogate U+D800
      "\xf4\x90\x80\x80"s,     // beyond U+10FFFF
      "a\xff\"\x80\\\x01z"s,   // mixed with escapes
  };
  for (const std::string& S : Cases) {
    CAPTURE(S);
    CHECK(json(S) == referenceEscape(S));
  }
  CHECK(json("\xff"s) == "\"\xff\"");
  CHECK(json("a\xff\"\x80\\\x01z"s) == "\"a\xff\\\"\x80\\\\\\u0001z\"");
}

TEST_CASE("every byte value in one string") {
  std::string All;
  for (int Byte = 0; Byte < 256; ++Byte)
    All += static_cast<char>(Byte);
  std::string Out = json(All);
  CHECK(Out == referenceEscape(All));
  // 32 control bytes; \b \t \n \f \r take 2 characters, the other 27 take 6;
  // '"' and '\\' take 2; the remaining 222 bytes take 1; plus the quotes.
  CHECK(Out.size() == 5 * 2 + 27 * 6 + 2 * 2 + 222 + 2);
}

TEST_CASE("embedded NUL bytes do not end the string") {
  std::string WithNul("ab\0cd\0"s);
  REQUIRE(WithNul.size() == 6);
  CHECK(json(WithNul) == "\"ab\\u0000cd\\u0000\"");
  CHECK(json(std::string_view(WithNul)) == "\"ab\\u0000cd\\u0000\"");
}

TEST_CASE("long strings make the buffer grow") {
  SUBCASE("plain bytes") {
    std::string Long(200000, 'x');
    for (std::size_t I = 0; I < Long.size(); I += 97)
      Long[I] = static_cast<char>('a' + I % 26);
    std::string Out = json(Long);
    CHECK(Out.size() == Long.size() + 2);
    CHECK(Out == "\"" + Long + "\"");
  }
  SUBCASE("every byte escaped to six characters") {
    std::string Long(70000, '\x01');
    std::string Out = json(Long);
    CHECK(Out.size() == 70000 * 6 + 2);
    CHECK(Out == referenceEscape(Long));
  }
  SUBCASE("quotes and backslashes") {
    std::string Long;
    for (int I = 0; I < 50000; ++I)
      Long += (I % 2) ? '"' : '\\';
    std::string Out = json(Long);
    CHECK(Out.size() == 100000 + 2);
    CHECK(Out == referenceEscape(Long));
  }
  SUBCASE("mixed content, several long strings in one value") {
    std::string Mixed;
    for (int I = 0; I < 70000; ++I)
      Mixed += static_cast<char>((I * 7919) % 256);
    TextContainers T{{Mixed, "short", Mixed}, Mixed};
    std::string E = referenceEscape(Mixed);
    CHECK(json(T) == "{\"lines\":[" + E + ",\"short\"," + E + "],\"note\":" + E + "}");
    CHECK(json(std::array<std::string, 2>{Mixed, ""}) == "[" + E + ",\"\"]");
  }
  SUBCASE("long string_view") {
    std::string Storage(100000, '\n');
    std::string_view View(Storage);
    std::string Expected = "\"";
    for (int I = 0; I < 100000; ++I)
      Expected += "\\n";
    Expected += '"';
    CHECK(json(View) == Expected);
  }
}

TEST_CASE("output larger than 16 MiB, then small output again") {
  // The runtime keeps its per-thread buffer between calls only up to a
  // size; a huge output must still be complete, and the next call correct.
  std::string Huge(20u << 20, 'h');
  Huge[12345] = '\n';
  std::string Out = json(Huge);
  CHECK(Out.size() == Huge.size() + 3);
  CHECK(Out.compare(0, 12347, "\"" + std::string(12345, 'h') + "\\") == 0);
  CHECK(Out == referenceEscape(Huge));
  CHECK(json(std::string("small")) == "\"small\"");
  CHECK(json(std::string(5000, 'k')) == "\"" + std::string(5000, 'k') + "\"");
}

TEST_CASE("string_view members") {
  std::string Backing = "backing \"text\"\n";
  Labelled L{"lbl", std::string_view(Backing).substr(8, 6)};
  CHECK(json(L) == "{\"label\":\"lbl\",\"view\":\"\\\"text\\\"\"}");

  ViewsOnly V{"first", {"a"sv, ""sv, "\t"sv, std::string_view(Backing)}, "m"sv};
  CHECK(json(V) == "{\"first\":\"first\",\"rest\":[\"a\",\"\",\"\\t\",\"backing \\\"text\\\"\\n\"],"
                   "\"maybe\":\"m\"}");
  ViewsOnly Empty{{}, {}, std::nullopt};
  CHECK(json(Empty) == "{\"first\":\"\",\"rest\":[],\"maybe\":null}");
}

TEST_CASE("strings in containers") {
  TextContainers T{{"a", "b\"", ""}, "n"};
  CHECK(json(T) == "{\"lines\":[\"a\",\"b\\\"\",\"\"],\"note\":\"n\"}");
  TextContainers None{{}, std::nullopt};
  CHECK(json(None) == "{\"lines\":[],\"note\":null}");
  CHECK(json(std::array<std::string, 2>{"x\\y", "\x1f"}) == "[\"x\\\\y\",\"\\u001f\"]");
  CHECK(json(std::array<std::string_view, 3>{"", "\"", "z"}) == "[\"\",\"\\\"\",\"z\"]");
  CHECK(json(std::optional<std::string>{"\r"}) == "\"\\r\"");
}

TEST_CASE("an array of strings as a member") {
  TextArrayMember T{{"x\\y", "\x1f"}, "end"};
  CHECK(json(T) == "{\"pair\":[\"x\\\\y\",\"\\u001f\"],\"after\":\"end\"}");
}

TEST_CASE("short strings that fit the small-string buffer and long ones that do not") {
  // libstdc++ keeps up to 15 characters inline: both representations must work.
  for (std::size_t Len = 0; Len < 40; ++Len) {
    CAPTURE(Len);
    std::string S(Len, 'q');
    CHECK(json(S) == "\"" + S + "\"");
    CHECK(json(Labelled{S, S}) == "{\"label\":\"" + S + "\",\"view\":\"" + S + "\"}");
  }
}

TEST_CASE("every length to 80 with a special byte at every offset") {
  // Short clean strings may be written by the generated code itself (hosts
  // with AVX-512), the others by the runtime's writer; all must match. Two
  // strings per value: the second one starts where the first left the
  // buffer. A new jitson::Buffer starts empty, so its first string grows it.
  const char Specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f', '\xc3', '<', '\0', 'z'};
  constexpr std::size_t Kinds = sizeof Specials;
  const jitson::Serializer<Labelled>& Pair = jitson::Serializer<Labelled>::get();
  for (std::size_t Length = 0; Length <= 80; ++Length) {
    for (std::size_t At = 0; At <= Length; ++At) {
      for (std::size_t Pick = 0; Pick < 3; ++Pick) {
        std::string S;
        for (std::size_t J = 0; J < Length; ++J)
          S += static_cast<char>('A' + (J * 5 + Length) % 26);
        if (At < Length)
          S[At] = Specials[(Length + At + 3 * Pick) % Kinds];
        else if (Pick > 0)
          continue;
        CAPTURE(S);
        CHECK(json(S) == referenceEscape(S));
        std::string Other = S.substr(0, At);
        std::string Expected =
            "{\"label\":" + referenceEscape(S) + ",\"view\":" + referenceEscape(Other) + "}";
        CHECK(json(Labelled{S, Other}) == Expected);
        jitson::Buffer Fresh;
        REQUIRE(Pair.serializeTo(Labelled{S, Other}, Fresh).ok());
        CHECK(Fresh.view() == Expected);
      }
    }
  }
}

TEST_CASE("strings that end at an inaccessible page") {
  // Nothing past a string's last byte is read: with the next page
  // inaccessible, reading past it would crash the test.
  const auto Page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* Map = mmap(nullptr, 2 * Page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(Map != MAP_FAILED);
  char* Base = static_cast<char*>(Map);
  REQUIRE(mprotect(Base + Page, Page, PROT_NONE) == 0);
  char* End = Base + Page;
  for (std::size_t Length = 0; Length <= 70; ++Length) {
    CAPTURE(Length);
    char* Data = End - Length;
    for (std::size_t J = 0; J < Length; ++J)
      Data[J] = static_cast<char>('a' + J % 26);
    std::string_view Clean(Data, Length);
    CHECK(json(Clean) == referenceEscape(Clean));
    CHECK(json(ViewsOnly{Clean, {Clean, Clean}, Clean}) ==
          "{\"first\":" + referenceEscape(Clean) + ",\"rest\":[" + referenceEscape(Clean) + "," +
              referenceEscape(Clean) + "],\"maybe\":" + referenceEscape(Clean) + "}");
    if (Length) {
      Data[Length - 1] = '\n';
      std::string_view Escaped(Data, Length);
      CHECK(json(Escaped) == referenceEscape(Escaped));
    }
  }
  // An empty view whose pointer is the inaccessible page itself.
  CHECK(json(std::string_view(End, 0)) == "\"\"");
  munmap(Map, 2 * Page);
}
