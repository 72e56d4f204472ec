// Scalar kinds: char, signed/unsigned char, (u)int8_t, const char*, bytes as base64, std::chrono time points and durations, RawJson.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ratio>
#include <string>
#include <vector>

using jitson::ErrorCode;
using jitson::Status;
using jitsontest::json;
using namespace std::chrono_literals;

namespace {

struct Chars {
  char c;
  signed char sc;
  unsigned char uc;
  std::int8_t i8;
  std::uint8_t u8;
};

struct CStrings {
  const char* text;
  char* mutableText;
};

struct Blob {
  std::vector<std::byte> data;
  std::int32_t after;
};

struct Stamped {
  std::chrono::system_clock::time_point when;
  std::chrono::milliseconds timeout;
};

struct DayList {
  std::vector<std::chrono::sys_days> days;
};

struct Raw {
  jitson::RawJson cached;
  std::int32_t after;
};

std::vector<std::byte> bytes(std::string_view S) {
  std::vector<std::byte> Out;
  for (char C : S)
    Out.push_back(static_cast<std::byte>(C));
  return Out;
}

template <class Duration> std::string stamp(std::chrono::sys_time<Duration> T) { return json(T); }

std::chrono::sys_seconds civil(int Y, unsigned M, unsigned D, int H = 0, int Min = 0, int S = 0) {
  using namespace std::chrono;
  return sys_days{year{Y} / month{M} / day{D}} + hours{H} + minutes{Min} + seconds{S};
}

} // namespace

TEST_CASE("char is a one-character string") {
  CHECK(json('a') == "\"a\"");
  CHECK(json(' ') == "\" \"");
  CHECK(json('"') == "\"\\\"\"");
  CHECK(json('\\') == "\"\\\\\"");
  CHECK(json('\n') == "\"\\n\"");
  CHECK(json('\t') == "\"\\t\"");
  CHECK(json('\x01') == "\"\\u0001\"");
  CHECK(json('\x1f') == "\"\\u001f\"");
  CHECK(json('\0') == "\"\\u0000\"");
  CHECK(json('/') == "\"/\"");
  CHECK(json(std::vector<char>{'x', 'y'}) == "[\"x\",\"y\"]");
  CHECK(json(std::optional<char>{'z'}) == "\"z\"");
}

TEST_CASE("signed char, unsigned char and (u)int8_t are numbers") {
  CHECK(json(static_cast<signed char>(-5)) == "-5");
  CHECK(json(static_cast<signed char>(-128)) == "-128");
  CHECK(json(static_cast<unsigned char>(200)) == "200");
  CHECK(json(static_cast<unsigned char>(0)) == "0");
  CHECK(json(std::int8_t{127}) == "127");
  CHECK(json(std::int8_t{-128}) == "-128");
  CHECK(json(std::uint8_t{255}) == "255");
  CHECK(json(Chars{'q', -1, 255, -128, 0}) ==
        "{\"c\":\"q\",\"sc\":-1,\"uc\":255,\"i8\":-128,\"u8\":0}");
  CHECK(json(std::vector<std::uint8_t>{0, 10, 255}) == "[0,10,255]");
  CHECK(json(std::vector<signed char>{-1, 1}) == "[-1,1]");
}

TEST_CASE("const char* is a string, null is null") {
  CHECK(json(static_cast<const char*>(nullptr)) == "null");
  CHECK(json(static_cast<const char*>("")) == "\"\"");
  CHECK(json(static_cast<const char*>("abc")) == "\"abc\"");
  CHECK(json(static_cast<const char*>("q\"\\\n\x02")) == "\"q\\\"\\\\\\n\\u0002\"");
  char Buffer[] = "mutable";
  CHECK(json(CStrings{"t", Buffer}) == "{\"text\":\"t\",\"mutableText\":\"mutable\"}");
  CHECK(json(CStrings{nullptr, nullptr}) == "{\"text\":null,\"mutableText\":null}");
  CHECK(json(std::vector<const char*>{"a", nullptr, "b"}) == "[\"a\",null,\"b\"]");
  std::string Long(5000, 'L');
  CHECK(json(Long.c_str()) == "\"" + Long + "\"");
}

TEST_CASE("std::vector<std::byte> is padded base64") {
  // RFC 4648 section 10 test vectors.
  CHECK(json(bytes("")) == "\"\"");
  CHECK(json(bytes("f")) == "\"Zg==\"");
  CHECK(json(bytes("fo")) == "\"Zm8=\"");
  CHECK(json(bytes("foo")) == "\"Zm9v\"");
  CHECK(json(bytes("foob")) == "\"Zm9vYg==\"");
  CHECK(json(bytes("fooba")) == "\"Zm9vYmE=\"");
  CHECK(json(bytes("foobar")) == "\"Zm9vYmFy\"");
  // The last two letters of the standard alphabet, and zero bytes.
  CHECK(json(std::vector<std::byte>{std::byte{0xFB}, std::byte{0xFF}}) == "\"+/8=\"");
  CHECK(json(std::vector<std::byte>{std::byte{0}, std::byte{0}, std::byte{0}}) == "\"AAAA\"");
  CHECK(json(Blob{bytes("Man"), 1}) == "{\"data\":\"TWFu\",\"after\":1}");
  CHECK(json(Blob{{}, 2}) == "{\"data\":\"\",\"after\":2}");
  // Every byte value: 256 bytes -> 344 characters (85 groups + "AA==").
  std::vector<std::byte> All;
  for (int I = 0; I < 256; ++I)
    All.push_back(static_cast<std::byte>(I));
  std::string Out = json(All);
  CHECK(Out.size() == 344 + 2);
  CHECK(Out.substr(0, 9) == "\"AAECAwQF");
  CHECK(Out.substr(Out.size() - 9) == "/P3+/w==\"");
}

TEST_CASE("system_clock time points are RFC 3339 UTC with the shortest exact fraction") {
  using std::chrono::system_clock;
  using std::chrono::sys_time;
  CHECK(json(system_clock::time_point{}) == "\"1970-01-01T00:00:00Z\"");
  CHECK(json(system_clock::time_point{1500ms}) == "\"1970-01-01T00:00:01.5Z\"");
  CHECK(json(system_clock::time_point{1ns}) == "\"1970-01-01T00:00:00.000000001Z\"");
  CHECK(json(system_clock::time_point{120ms}) == "\"1970-01-01T00:00:00.12Z\"");
  CHECK(json(system_clock::time_point{123456us}) == "\"1970-01-01T00:00:00.123456Z\"");
  CHECK(json(system_clock::time_point{-1ns}) == "\"1969-12-31T23:59:59.999999999Z\"");
  CHECK(json(system_clock::time_point{-500ms}) == "\"1969-12-31T23:59:59.5Z\"");
  CHECK(json(system_clock::time_point{civil(2024, 2, 29, 12, 34, 56)}) ==
        "\"2024-02-29T12:34:56Z\"");
  CHECK(json(system_clock::time_point{civil(2001, 9, 9, 1, 46, 40) + 250ms}) ==
        "\"2001-09-09T01:46:40.25Z\"");
  // sys_time of other durations.
  CHECK(stamp(civil(2000, 1, 1)) == "\"2000-01-01T00:00:00Z\"");
  CHECK(stamp(sys_time<std::chrono::milliseconds>{1234ms}) == "\"1970-01-01T00:00:01.234Z\"");
  CHECK(stamp(sys_time<std::chrono::milliseconds>{-1ms}) == "\"1969-12-31T23:59:59.999Z\"");
  CHECK(stamp(std::chrono::sys_days{std::chrono::year{1999} / 12 / 31}) ==
        "\"1999-12-31T00:00:00Z\"");
  CHECK(stamp(sys_time<std::chrono::minutes>{90min}) == "\"1970-01-01T01:30:00Z\"");
  // The edges of RFC 3339's years.
  CHECK(stamp(civil(0, 1, 1)) == "\"0000-01-01T00:00:00Z\"");
  CHECK(stamp(civil(9999, 12, 31, 23, 59, 59)) == "\"9999-12-31T23:59:59Z\"");
  CHECK(stamp(civil(1900, 3, 1)) == "\"1900-03-01T00:00:00Z\"");
  CHECK(json(Stamped{system_clock::time_point{2s}, 1500ms}) ==
        "{\"when\":\"1970-01-01T00:00:02Z\",\"timeout\":1500}");
}

TEST_CASE("time points with a non-decimal period") {
  using Quarter = std::chrono::duration<std::int64_t, std::ratio<1, 4>>;
  CHECK(stamp(std::chrono::sys_time<Quarter>{Quarter{5}}) == "\"1970-01-01T00:00:01.25Z\"");
  using Hundredth = std::chrono::duration<std::int32_t, std::centi>;
  CHECK(stamp(std::chrono::sys_time<Hundredth>{Hundredth{-1}}) ==
        "\"1969-12-31T23:59:59.99Z\"");
}

TEST_CASE("a year outside 0000-9999 is InvalidValue with the path") {
  std::string Out = "keep";
  Status St = jitson::Serializer<std::chrono::sys_seconds>::get().serializeTo(
      civil(10000, 1, 1), Out);
  CHECK(St.code() == ErrorCode::InvalidValue);
  CHECK(Out == "keep");
  St = jitson::Serializer<std::chrono::sys_seconds>::get().serializeTo(
      civil(0, 1, 1) - std::chrono::seconds{1}, Out);
  CHECK(St.code() == ErrorCode::InvalidValue);
  CHECK(Out == "keep");
  DayList H{{std::chrono::sys_days{std::chrono::year{2020} / 1 / 1},
            std::chrono::sys_days{std::chrono::year{12000} / 1 / 1}}};
  St = jitson::Serializer<DayList>::get().serializeTo(H, Out);
  CHECK(St.code() == ErrorCode::InvalidValue);
  CHECK(St.path() == ".days[1]");
  CHECK(Out == "keep");
  H.days.pop_back();
  CHECK(json(H) == "{\"days\":[\"2020-01-01T00:00:00Z\"]}");
}

TEST_CASE("durations are their count") {
  CHECK(json(std::chrono::seconds{5}) == "5");
  CHECK(json(std::chrono::milliseconds{-3}) == "-3");
  CHECK(json(std::chrono::nanoseconds{std::numeric_limits<std::int64_t>::max()}) ==
        "9223372036854775807");
  CHECK(json(std::chrono::hours{2}) == "2");
  CHECK(json(std::chrono::duration<double>{1.5}) == "1.5");
  CHECK(json(std::chrono::duration<float, std::milli>{0.25f}) == "0.25");
  CHECK(json(std::chrono::duration<std::uint16_t>{65535}) == "65535");
  CHECK(json(std::vector<std::chrono::minutes>{1min, 90min}) == "[1,90]");
  std::string Out;
  Status St = jitson::Serializer<std::chrono::duration<double>>::get().serializeTo(
      std::chrono::duration<double>{std::numeric_limits<double>::infinity()}, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(Out.empty());
}

TEST_CASE("RawJson is copied verbatim, empty is null") {
  CHECK(json(jitson::RawJson{"{\"a\":[1,2]}"}) == "{\"a\":[1,2]}");
  CHECK(json(jitson::RawJson{"  42 "}) == "  42 ");
  CHECK(json(jitson::RawJson{}) == "null");
  CHECK(json(Raw{{"[true]"}, 1}) == "{\"cached\":[true],\"after\":1}");
  CHECK(json(Raw{{}, 2}) == "{\"cached\":null,\"after\":2}");
  CHECK(json(std::vector<jitson::RawJson>{{"1"}, {}, {"\"s\""}}) == "[1,null,\"s\"]");
  std::string Big = "[" + std::string(10000, '1') + "]";
  CHECK(json(jitson::RawJson{Big}) == Big);
  // Not escaped, not re-indented.
  jitson::Options Pretty;
  Pretty.pretty = true;
  Pretty.escapeHtml = true;
  CHECK(json(Raw{{"{\"<\":1}"}, 3}, Pretty) == "{\n  \"cached\": {\"<\":1},\n  \"after\": 3\n}");
}
