// Shared helpers for jitson's unit tests: reference escaper and number formatter, JSON shortcuts.
#ifndef JITSON_UNITTESTS_TESTHELPERS_H
#define JITSON_UNITTESTS_TESTHELPERS_H

#include "jitson/jitson.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace jitsontest {

/// Checks that the IR program for (Type, Opts) prints, parses back and
/// prints to the same text (IRProgramTest.cpp). Every type a test serializes
/// through json() goes through it once.
void checkIrRoundTrip(const jitson::detail::TypeDesc& Type, const jitson::Options& Opts);

template <class T> void checkIrRoundTripOnce(const jitson::Options& Opts) {
  static const bool Checked = (checkIrRoundTrip(jitson::detail::describe<T>(), Opts), true);
  (void)Checked;
}

/// The serializer's output for Value with default options.
template <class T> std::string json(const T& Value) {
  checkIrRoundTripOnce<T>(jitson::Options{});
  return jitson::Serializer<T>::get().serialize(Value);
}

/// The serializer's output for Value with Opts.
template <class T> std::string json(const T& Value, const jitson::Options& Opts) {
  checkIrRoundTripOnce<T>(Opts);
  return jitson::Serializer<T>::get(Opts).serialize(Value);
}

/// An independent implementation of the string rule of the output contract:
/// the quoted JSON string for Bytes. '"' and '\\' get a backslash; 0x08, 0x0C,
/// 0x0A, 0x0D, 0x09 become \b \f \n \r \t; every other byte below 0x20 becomes
/// \u00XX with lowercase hex; all other bytes are copied unchanged.
inline std::string referenceEscape(std::string_view Bytes) {
  static constexpr char Hex[] = "0123456789abcdef";
  std::string Out = "\"";
  for (char C : Bytes) {
    auto U = static_cast<unsigned char>(C);
    switch (U) {
    case '"': Out += "\\\""; break;
    case '\\': Out += "\\\\"; break;
    case 0x08: Out += "\\b"; break;
    case 0x0C: Out += "\\f"; break;
    case 0x0A: Out += "\\n"; break;
    case 0x0D: Out += "\\r"; break;
    case 0x09: Out += "\\t"; break;
    default:
      if (U < 0x20) {
        Out += "\\u00";
        Out += Hex[U >> 4];
        Out += Hex[U & 0xF];
      } else {
        Out += C;
      }
    }
  }
  Out += '"';
  return Out;
}

/// The number rule of the output contract, built on std::to_chars: the
/// shortest round-tripping text, fixed or scientific whichever to_chars finds
/// shorter, then the exponent without '+' and without leading zeros.
template <class F> std::string referenceNumber(F Value) {
  static_assert(std::is_floating_point_v<F>);
  char Buf[128];
  auto [End, Ec] = std::to_chars(Buf, Buf + sizeof Buf, Value);
  if (Ec != std::errc())
    return "<to_chars failed>";
  std::string Text(Buf, End);
  std::size_t E = Text.find('e');
  if (E == std::string::npos)
    return Text;
  std::string Mantissa = Text.substr(0, E);
  std::string Exponent = Text.substr(E + 1);
  bool Negative = false;
  if (!Exponent.empty() && (Exponent[0] == '+' || Exponent[0] == '-')) {
    Negative = Exponent[0] == '-';
    Exponent.erase(0, 1);
  }
  std::size_t FirstNonZero = Exponent.find_first_not_of('0');
  Exponent = FirstNonZero == std::string::npos ? "0" : Exponent.substr(FirstNonZero);
  return Mantissa + "e" + (Negative ? "-" : "") + Exponent;
}

/// Parses Text completely as F with std::from_chars; false when it is not
/// exactly one number.
template <class F> bool parseNumber(std::string_view Text, F& Value) {
  auto [Ptr, Ec] = std::from_chars(Text.data(), Text.data() + Text.size(), Value);
  return Ec == std::errc() && Ptr == Text.data() + Text.size();
}

template <class F> auto bitsOf(F Value) {
  using Bits = std::conditional_t<sizeof(F) == 8, std::uint64_t, std::uint32_t>;
  static_assert(sizeof(Bits) == sizeof(F));
  Bits B;
  std::memcpy(&B, &Value, sizeof B);
  return B;
}

template <class F, class Bits> F fromBits(Bits B) {
  static_assert(sizeof(Bits) == sizeof(F));
  F Value;
  std::memcpy(&Value, &B, sizeof Value);
  return Value;
}

/// Encodes one Unicode scalar value as UTF-8.
inline void appendUtf8(std::string& Out, std::uint32_t CodePoint) {
  if (CodePoint < 0x80) {
    Out += static_cast<char>(CodePoint);
  } else if (CodePoint < 0x800) {
    Out += static_cast<char>(0xC0 | (CodePoint >> 6));
    Out += static_cast<char>(0x80 | (CodePoint & 0x3F));
  } else if (CodePoint < 0x10000) {
    Out += static_cast<char>(0xE0 | (CodePoint >> 12));
    Out += static_cast<char>(0x80 | ((CodePoint >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (CodePoint & 0x3F));
  } else {
    Out += static_cast<char>(0xF0 | (CodePoint >> 18));
    Out += static_cast<char>(0x80 | ((CodePoint >> 12) & 0x3F));
    Out += static_cast<char>(0x80 | ((CodePoint >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (CodePoint & 0x3F));
  }
}

} // namespace jitsontest

#endif // JITSON_UNITTESTS_TESTHELPERS_H
