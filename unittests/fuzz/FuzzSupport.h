// Independent JSON and UTF-8 checkers for jitson's fuzz targets (they share no code with lib/).
#ifndef JITSON_UNITTESTS_FUZZ_FUZZSUPPORT_H
#define JITSON_UNITTESTS_FUZZ_FUZZSUPPORT_H

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace jitsonfuzz {

/// Stops the fuzzer with a message: libFuzzer saves the input as a crash.
[[noreturn]] inline void fail(const char* What, std::string_view Detail = {}) {
  std::fprintf(stderr, "jitson fuzz: %s\n%.*s\n", What, static_cast<int>(Detail.size()),
               Detail.data());
  std::abort();
}

/// Length of the well-formed UTF-8 sequence at In (Unicode Table 3-7), or 0
/// when none starts there; Max is set to the maximal subpart otherwise (the
/// longest prefix of In that begins some well-formed sequence, at least 1).
inline std::size_t utf8Sequence(std::string_view In, std::size_t& Max, std::uint32_t& Cp) {
  auto U = [&](std::size_t I) { return static_cast<unsigned char>(In[I]); };
  struct Range { unsigned char Lo, Hi; };
  // The table: per lead byte, the ranges of the following bytes.
  Range R[4];
  std::size_t N;
  unsigned char L = U(0);
  if (L < 0x80) { Max = 1; Cp = L; return 1; }
  if (L >= 0xC2 && L <= 0xDF) { N = 2; R[1] = {0x80, 0xBF}; }
  else if (L == 0xE0) { N = 3; R[1] = {0xA0, 0xBF}; R[2] = {0x80, 0xBF}; }
  else if ((L >= 0xE1 && L <= 0xEC) || L == 0xEE || L == 0xEF) { N = 3; R[1] = {0x80, 0xBF}; R[2] = {0x80, 0xBF}; }
  else if (L == 0xED) { N = 3; R[1] = {0x80, 0x9F}; R[2] = {0x80, 0xBF}; }
  else if (L == 0xF0) { N = 4; R[1] = {0x90, 0xBF}; R[2] = {0x80, 0xBF}; R[3] = {0x80, 0xBF}; }
  else if (L >= 0xF1 && L <= 0xF3) { N = 4; R[1] = {0x80, 0xBF}; R[2] = {0x80, 0xBF}; R[3] = {0x80, 0xBF}; }
  else if (L == 0xF4) { N = 4; R[1] = {0x80, 0x8F}; R[2] = {0x80, 0xBF}; R[3] = {0x80, 0xBF}; }
  else { Max = 1; return 0; }
  for (std::size_t K = 1; K < N; ++K)
    if (K >= In.size() || U(K) < R[K].Lo || U(K) > R[K].Hi) { Max = K; return 0; }
  Cp = N == 2 ? (L & 0x1F) : N == 3 ? (L & 0x0F) : (L & 0x07);
  for (std::size_t K = 1; K < N; ++K)
    Cp = (Cp << 6) | (U(K) & 0x3F);
  Max = N;
  return N;
}

/// Offset of the first byte that starts no well-formed sequence, or npos.
inline std::size_t firstInvalidUtf8(std::string_view S) {
  for (std::size_t I = 0; I < S.size();) {
    std::size_t Max;
    std::uint32_t Cp;
    std::size_t N = utf8Sequence(S.substr(I), Max, Cp);
    if (!N)
      return I;
    I += N;
  }
  return std::string_view::npos;
}

/// S with each maximal invalid subpart replaced by U+FFFD (EF BF BD).
inline std::string replaceInvalidUtf8(std::string_view S) {
  std::string Out;
  for (std::size_t I = 0; I < S.size();) {
    std::size_t Max;
    std::uint32_t Cp;
    std::size_t N = utf8Sequence(S.substr(I), Max, Cp);
    if (N) {
      Out.append(S.substr(I, N));
      I += N;
    } else {
      Out += "\xEF\xBF\xBD";
      I += Max;
    }
  }
  return Out;
}

inline void appendUtf8(std::string& Out, std::uint32_t Cp) {
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
}

/// RFC 8259 syntax. Bytes >= 0x80 inside strings are taken as they are
/// (checked separately when UTF-8 is required).
class JsonChecker {
public:
  explicit JsonChecker(std::string_view S) : S(S) {}

  /// The whole text is one JSON value with optional whitespace around it.
  bool document() {
    ws();
    if (!value(0))
      return false;
    ws();
    return I == S.size();
  }

  /// S[I..] starts a string literal: decode it into Out; I moves past it.
  bool string(std::string* Out) {
    if (!eat('"'))
      return false;
    while (I < S.size()) {
      unsigned char C = static_cast<unsigned char>(S[I++]);
      if (C == '"')
        return true;
      if (C < 0x20)
        return false;
      if (C != '\\') {
        if (Out)
          *Out += static_cast<char>(C);
        continue;
      }
      if (I >= S.size())
        return false;
      char E = S[I++];
      const char* Simple = "\"\\/bfnrt";
      const char* Means = "\"\\/\b\f\n\r\t";
      if (const char* P = E ? std::strchr(Simple, E) : nullptr) {
        if (Out)
          *Out += Means[P - Simple];
        continue;
      }
      if (E != 'u')
        return false;
      std::uint32_t Unit;
      if (!hex4(Unit))
        return false;
      if (Unit >= 0xDC00 && Unit <= 0xDFFF)
        return false; // a lone low surrogate: jitson never writes one
      if (Unit >= 0xD800 && Unit <= 0xDBFF) {
        std::uint32_t Low;
        if (I + 1 < S.size() && S[I] == '\\' && S[I + 1] == 'u') {
          I += 2;
          if (!hex4(Low) || Low < 0xDC00 || Low > 0xDFFF)
            return false;
          Unit = 0x10000 + ((Unit - 0xD800) << 10) + (Low - 0xDC00);
        } else {
          return false; // a lone high surrogate: jitson never writes one
        }
      }
      if (Out)
        appendUtf8(*Out, Unit);
    }
    return false;
  }

  std::size_t position() const { return I; }

private:
  std::string_view S;
  std::size_t I = 0;

  bool eat(char C) {
    if (I < S.size() && S[I] == C) {
      ++I;
      return true;
    }
    return false;
  }
  void ws() {
    while (I < S.size() && (S[I] == ' ' || S[I] == '\t' || S[I] == '\n' || S[I] == '\r'))
      ++I;
  }
  bool hex4(std::uint32_t& V) {
    if (I + 4 > S.size())
      return false;
    V = 0;
    for (int K = 0; K < 4; ++K) {
      char C = S[I++];
      V <<= 4;
      if (C >= '0' && C <= '9') V |= C - '0';
      else if (C >= 'a' && C <= 'f') V |= C - 'a' + 10;
      else if (C >= 'A' && C <= 'F') V |= C - 'A' + 10;
      else return false;
    }
    return true;
  }
  bool digits() {
    std::size_t Start = I;
    while (I < S.size() && S[I] >= '0' && S[I] <= '9')
      ++I;
    return I > Start;
  }
  bool number() {
    eat('-');
    if (eat('0')) {
    } else if (I < S.size() && S[I] >= '1' && S[I] <= '9') {
      digits();
    } else {
      return false;
    }
    if (eat('.') && !digits())
      return false;
    if (I < S.size() && (S[I] == 'e' || S[I] == 'E')) {
      ++I;
      if (!eat('+'))
        eat('-');
      if (!digits())
        return false;
    }
    return true;
  }
  bool literal(std::string_view Word) {
    if (S.substr(I, Word.size()) != Word)
      return false;
    I += Word.size();
    return true;
  }
  bool value(unsigned Depth) {
    if (Depth > 10000 || I >= S.size())
      return false;
    switch (S[I]) {
    case '{': {
      ++I;
      ws();
      if (eat('}'))
        return true;
      for (;;) {
        ws();
        if (!string(nullptr))
          return false;
        ws();
        if (!eat(':'))
          return false;
        ws();
        if (!value(Depth + 1))
          return false;
        ws();
        if (eat('}'))
          return true;
        if (!eat(','))
          return false;
      }
    }
    case '[': {
      ++I;
      ws();
      if (eat(']'))
        return true;
      for (;;) {
        ws();
        if (!value(Depth + 1))
          return false;
        ws();
        if (eat(']'))
          return true;
        if (!eat(','))
          return false;
      }
    }
    case '"':
      return string(nullptr);
    case 't':
      return literal("true");
    case 'f':
      return literal("false");
    case 'n':
      return literal("null");
    default:
      return number();
    }
  }
};

} // namespace jitsonfuzz

#endif // JITSON_UNITTESTS_FUZZ_FUZZSUPPORT_H
