// Shortest round-trip decimal of a double: Schubfach with one 64x128-bit product.
#ifndef JITSON_RUNTIME_SHORTESTDECIMAL_H
#define JITSON_RUNTIME_SHORTESTDECIMAL_H

#include <algorithm>
#include <bit>
#include <cstdint>

namespace jitson::runtime {

/// A double's shortest decimal, as 17 digits d.dddddddddddddddd * 10^Exponent
/// of which the shortest is the first Count, the rest zeros. When EndsInZero
/// the Count-th digit is a zero too, and so may be some before it: the
/// shortest is the digits up to the last nonzero one, and Leading is the
/// first Count digits as a number (below 10^16 then).
struct ShortestDigits {
  std::uint64_t Digits; // 10^16 <= Digits < 10^17
  std::uint64_t Leading;
  int Exponent, Count;
  bool EndsInZero;
};

/// The number of zeros that end the decimal digits of 0 < V < 10^16.
inline int decimalTrailingZeros(std::uint64_t V) {
  // V is a multiple of 10^N exactly when V / 5^N, computed as V times the
  // inverse of 5^N modulo 2^64, rotated right by N, is at most
  // (2^64 - 1) / 10^N; the rotation is then V / 10^N. Four steps (8, 4, 2,
  // 1 zeros), each a multiply.
  constexpr auto inverse = [](std::uint64_t X) {
    std::uint64_t I = X; // Newton's iteration doubles the correct low bits
    for (int Step = 0; Step < 6; ++Step)
      I *= 2 - X * I;
    return I;
  };
  constexpr std::uint64_t Inverses[4] = {inverse(390625), inverse(625), inverse(25), inverse(5)};
  static_assert(Inverses[0] * 390625 == 1 && Inverses[3] * 5 == 1);
  int Zeros = 0;
  auto step = [&](int N, std::uint64_t Inverse, std::uint64_t Limit) {
    std::uint64_t Q = V * Inverse;
    Q = Q >> N | Q << (64 - N);
    // Branches (GCC's for ?: here), not masks: predicted, they keep the
    // count's latency short, and the number's length waits for it (masks
    // measured 20% slower on short decimals).
    bool Divides = Q <= Limit;
    V = Divides ? Q : V;
    Zeros += Divides ? N : 0;
  };
  step(8, Inverses[0], ~std::uint64_t(0) / 100000000);
  step(4, Inverses[1], ~std::uint64_t(0) / 10000);
  step(2, Inverses[2], ~std::uint64_t(0) / 100);
  step(1, Inverses[3], ~std::uint64_t(0) / 10);
  return Zeros;
}

// Hidden: the tables and the out-of-line methods are reached directly from
// the shared library's code, not through the GOT or PLT.
namespace [[gnu::visibility("hidden")]] shortest {

using U128 = unsigned __int128;

// The method is Giulietti's Schubfach. V = C * 2^Q has the rounding interval
// [V - 2^(Q-1), V + 2^(Q-1)] (closed for even C; its lower half is halved
// when C = 2^52 and Q > -1074: the "irregular" spacing below a power of two).
// With K = floor(log10(2^Q)) (of 3/4 * 2^Q when irregular), X = V * 10^-K
// lies in [C, 10C) and the interval is between 1 and 10 units of 10^K wide,
// so it holds at most one multiple of 10 units: if it does, that is the
// shortest (with its trailing zeros); else the shortest has one digit more,
// the integer nearest X (always in a symmetric interval; below a power of
// two, the next one up when the nearest is not in it).
//
// The fast method (fastDecimal) makes Z = V * 10^-(K+1) with one 64x128-bit
// product of C and the power of ten, as a fixed-point number above the exact
// Z by less than 2^-75: its integer part is the multiple of 10 units below V,
// its fraction where V lies between that and the next, compared with the
// interval's half-width (for the shortest), and, times 10, V's last digit
// and where V lies in that unit (for the nearest). The comparisons are of
// values truncated to 64 fraction bits, exact whenever the two differ by
// 2^-63 or more. When they differ by less, a bound or V is (within 2^-63 of)
// a decimal of at most 17 digits, which is rare (integers above 2^53, ties);
// those values go to the exact method, as do subnormals. Below a power of
// two (irregularDecimal), the same in quarter units of 10^K.
//
// The exact method (exactDecimal) is Schubfach proper: X and the two bounds
// in quarter units, each as its floor with the lowest bit set when the exact
// value is not an integer ("round to odd"), which keeps every comparison with
// a multiple of 4 exact. Schubfach makes each with a separate product; their
// significands differ by 2 (1 below a power of two), so here one exact
// 192-bit product gives all three: the bounds are it minus and plus the power
// shifted left.
//
// The powers of ten are ceil(10^E * 2^(127 - floor(log2 10^E))) (exact for
// 0 <= E <= 55), the same 128-bit values Dragonbox uses, made at compile time.

/// floor(log10(2^Q)) for |Q| <= 1100 (checked exhaustively with exact
/// rationals when written).
constexpr int floorLog10Pow2(int Q) { return (Q * 315653) >> 20; }
/// floor(log10(3/4 * 2^Q)) for |Q| <= 1100 (checked likewise).
constexpr int floorLog10ThreeQuartersPow2(int Q) { return (Q * 315653 - 131237) >> 20; }
/// floor(log2(10^E)) for |E| <= 400 (checked likewise, and against the table).
constexpr int floorLog2Pow10(int E) { return (E * 1741647) >> 19; }

/// The range of E in the table: 10^-K and 10^-(K+1) for K = floorLog10Pow2(Q)
/// (or the three-quarters variant) over every double's Q.
constexpr int MinPow = -293, MaxPow = 324;

/// 128-bit powers of ten, computed with a little constexpr bignum.
struct PowerTable {
  std::uint64_t High[MaxPow - MinPow + 1] = {}, Low[MaxPow - MinPow + 1] = {};
  /// Whether every entry's binary exponent matches floorLog2Pow10.
  bool Consistent = true;

  static constexpr int Limbs = 38; // 1216 bits: 2^1216 / 5^324 still has 128
  struct Big {
    std::uint32_t L[Limbs] = {};
  };

  static constexpr int bitLength(const Big& X) {
    for (int I = Limbs - 1; I >= 0; --I)
      if (X.L[I])
        return 32 * I + std::bit_width(X.L[I]);
    return 0;
  }
  /// The 32 bits of X from bit I up (I may be negative: zeros below).
  static constexpr std::uint64_t bitsAt(const Big& X, int I) {
    int Limb = I >= 0 ? I / 32 : -((31 - I) / 32);
    auto At = [&](int J) -> std::uint64_t { return J >= 0 && J < Limbs ? X.L[J] : 0; };
    return ((At(Limb) | At(Limb + 1) << 32) >> (I - 32 * Limb)) & 0xFFFFFFFF;
  }
  /// Whether any of X's lowest N bits is set.
  static constexpr bool anyBelow(const Big& X, int N) {
    for (int I = 0; I < N / 32; ++I)
      if (X.L[I])
        return true;
    return N > 0 && N % 32 && (X.L[N / 32] & ((std::uint32_t(1) << (N % 32)) - 1));
  }
  /// Entry Index: the top 128 bits of X (of bit length B), plus 1 if any
  /// bit below them is set or RoundUp.
  constexpr void setTop(int Index, const Big& X, int B, bool RoundUp) {
    U128 V = 0;
    for (int W = 3; W >= 0; --W)
      V = V << 32 | bitsAt(X, B - 128 + 32 * W);
    if (RoundUp || anyBelow(X, B - 128)) {
      if (V == ~U128(0))
        Consistent = false; // would not fit
      ++V;
    }
    High[Index] = static_cast<std::uint64_t>(V >> 64);
    Low[Index] = static_cast<std::uint64_t>(V);
  }

  constexpr PowerTable() {
    // 10^E = 5^E * 2^E for E >= 0: the top bits of 5^E.
    Big P;
    P.L[0] = 1;
    for (int E = 0; E <= MaxPow; ++E) {
      int B = bitLength(P);
      setTop(E - MinPow, P, B, false);
      if (floorLog2Pow10(E) != B - 1 + E)
        Consistent = false;
      std::uint64_t Carry = 0;
      for (auto& L : P.L) {
        std::uint64_t T = std::uint64_t(L) * 5 + Carry;
        L = static_cast<std::uint32_t>(T);
        Carry = T >> 32;
      }
      if (Carry)
        Consistent = false;
    }
    // 10^-M = 2^-M / 5^M: the top bits of floor(2^1216 / 5^M), which are
    // those of 2^S / 5^M rounded down; never an integer, so add 1 for ceil.
    Big R;
    R.L[Limbs - 1] = 0x80000000;
    for (int M = 1; M <= -MinPow; ++M) {
      std::uint64_t Rem = 0;
      for (int I = Limbs - 1; I >= 0; --I) {
        std::uint64_t T = Rem << 32 | R.L[I];
        R.L[I] = static_cast<std::uint32_t>(T / 5);
        Rem = T % 5;
      }
      int B = bitLength(R);
      setTop(-M - MinPow, R, B, true);
      // R in [2^(B-1), 2^B) approximates 2^(32 * Limbs - 1) / 5^M.
      if (floorLog2Pow10(-M) != B - 1 - (32 * Limbs - 1) - M)
        Consistent = false;
    }
  }
};

inline constexpr PowerTable Powers;
static_assert(Powers.Consistent, "the table's exponents must match floorLog2Pow10");
static_assert(Powers.High[0 - MinPow] == 0x8000000000000000 && Powers.Low[0 - MinPow] == 0);

/// The value and its bounds in quarter units of 10^K, each rounded to odd
/// (the floor, its lowest bit set when the exact value is not an integer).
struct Bounds {
  std::uint64_t Lower, Middle, Upper;
};

/// Rounds to odd the 192-bit High:Mid:(low word) over 2^128. The power's
/// rounding error stays in the low word (it is below 2^60), so Mid is 0 when
/// the value is an integer; and not otherwise, as Schubfach's analysis of
/// these values' distances to integers shows (at this precision and more).
inline std::uint64_t roundToOdd(std::uint64_t High, std::uint64_t Mid) { return High | (Mid != 0); }

/// C * 2^Q * 10^-K in quarter units, and the bounds 2^LowerGapLog2 below
/// and 2 above it (in quarter units of 2^Q): one product C * 10^-K, and the
/// bounds from it by adding and subtracting the power shifted (exactly as
/// the separate products of the bounds' significands would give).
template <int LowerGapLog2>
inline Bounds scaledBounds(std::uint64_t C, int Q, int K) {
  // 10^-K = G * 2^(floorLog2Pow10(-K) - 127); with C shifted by H + 2
  // (H in 0..4) the product's top word is in quarter units.
  int H = Q + floorLog2Pow10(-K) + 1;
  std::uint64_t GHigh = Powers.High[-K - MinPow], GLow = Powers.Low[-K - MinPow];
  std::uint64_t Cp = C << (H + 2);
  U128 A = U128(GLow) * Cp, B = U128(GHigh) * Cp;
  std::uint64_t P0 = static_cast<std::uint64_t>(A), A1 = static_cast<std::uint64_t>(A >> 64);
  std::uint64_t P1 = static_cast<std::uint64_t>(B) + A1;
  std::uint64_t P2 = static_cast<std::uint64_t>(B >> 64) + (P1 < A1);
  // G * 2^(H + 1): what a significand 2 quarters greater adds (H + 1 is 1..5).
  int Up = H + 1;
  std::uint64_t D0 = GLow << Up, D1 = GHigh << Up | GLow >> (64 - Up), D2 = GHigh >> (64 - Up);
  std::uint64_t U0 = P0 + D0, U1 = P1 + D1;
  std::uint64_t U2 = P2 + D2 + (U1 < P1) + (U1 + (U0 < P0) < U1);
  U1 += U0 < P0;
  if constexpr (LowerGapLog2 == 0) { // half of it below
    D0 = GLow << H;
    D1 = H ? GHigh << H | GLow >> (64 - H) : GHigh;
    D2 = H ? GHigh >> (64 - H) : 0;
  }
  std::uint64_t L1 = P1 - D1, BorrowIn = P0 < D0;
  std::uint64_t L2 = P2 - D2 - (P1 < D1) - (L1 < BorrowIn);
  L1 -= BorrowIn;
  return {roundToOdd(L2, L1), roundToOdd(P2, P1), roundToOdd(U2, U1)};
}

constexpr std::uint64_t Pow10[18] = {1,
                                     10,
                                     100,
                                     1000,
                                     10000,
                                     100000,
                                     1000000,
                                     10000000,
                                     100000000,
                                     1000000000,
                                     10000000000,
                                     100000000000,
                                     1000000000000,
                                     10000000000000,
                                     100000000000000,
                                     1000000000000000,
                                     10000000000000000,
                                     100000000000000000};

/// The exact method, for the rare values the fast one below cannot decide:
/// three products' worth (from one), round to odd, comparisons with both
/// bounds. Irregular is whether C = 2^52 with the narrower spacing below.
[[gnu::noinline, gnu::cold]] inline ShortestDigits exactDecimal(std::uint64_t C, int Q,
                                                                bool Irregular) {
  int K = Irregular ? floorLog10ThreeQuartersPow2(Q) : floorLog10Pow2(Q);
  Bounds X = Irregular ? scaledBounds<0>(C, Q, K) : scaledBounds<1>(C, Q, K);
  std::uint64_t Out = C & 1; // an odd C's interval is open
  std::uint64_t S = X.Middle >> 2, S10 = S / 10, Sig;
  bool UpIn = X.Lower + Out <= 40 * S10, WpIn = 40 * S10 + 40 + Out <= X.Upper;
  // Below a power of two the nearest integer may lie outside the interval.
  bool UIn = X.Lower + Out <= 4 * S, WIn = 4 * S + 4 + Out <= X.Upper;
  if (UpIn != WpIn) {
    Sig = S10 + WpIn;
    ++K;
  } else if (UIn != WIn) {
    Sig = S + WIn;
  } else {
    std::uint64_t Frac = X.Middle & 3;
    Sig = S + (Frac + (S & 1) > 2);
  }
  // Sig's digit count from its bit length (10^17 > Sig > 0), no divisions.
  int Guess = (std::bit_width(Sig) * 1233) >> 12; // ~ log10(2^bits)
  int Count = Guess + (Sig >= Pow10[Guess]);
  return {Sig * Pow10[17 - Count], Sig, K + Count - 1, Count, Sig % 10 == 0};
}

/// The fast path's tables, indexed by the biased binary exponent (so that
/// the power's load waits for nothing but V; 40 KB, of which a document
/// touches the lines of the exponents it has): 10^-(K+1) for K =
/// floorLog10Pow2(Q), K, and, for E = Q + floorLog2Pow10(-(K+1)) (-4..-1),
/// the shifts E + 5 that put C * 10^-(K+1) in sixteenths and -E that put the
/// interval's half-width in 0.64 fixed point.
struct ExponentInfo {
  std::int16_t K;
  std::uint8_t ValueShift, HalfWidthShift;
};
struct ExponentTable {
  std::uint64_t High[2048] = {}, Low[2048] = {};
  ExponentInfo Info[2048] = {};
  constexpr ExponentTable() {
    for (int Biased = 1; Biased < 2047; ++Biased) {
      int Q = Biased - 1075, K = floorLog10Pow2(Q), E = Q + floorLog2Pow10(-(K + 1));
      High[Biased] = Powers.High[-(K + 1) - MinPow];
      Low[Biased] = Powers.Low[-(K + 1) - MinPow];
      Info[Biased] = {static_cast<std::int16_t>(K), static_cast<std::uint8_t>(E + 5),
                      static_cast<std::uint8_t>(-E)};
    }
  }
};
inline constexpr ExponentTable ByExponent;

/// The fast method (see above), for C >= 2^52 at the exponent Biased.
inline ShortestDigits fastDecimal(std::uint64_t C, unsigned Biased) {
  ExponentInfo E = ByExponent.Info[Biased];
  std::uint64_t GHigh = ByExponent.High[Biased], GLow = ByExponent.Low[Biased];
  // Z = V * 10^-(K+1), in sixteenths as the fixed-point P2.P1 of the 192-bit
  // product with the power of ten rounded up: above the exact Z by less than
  // 2^-75. Its integer part S10 is in units of 10^(K+1): the candidate for
  // the shortest below V; F, its fraction in 0.64 fixed point, where V is
  // between that and the next.
  std::uint64_t Cp = C << E.ValueShift;
  U128 A = U128(GLow) * Cp, B = U128(GHigh) * Cp;
  auto A1 = static_cast<std::uint64_t>(A >> 64);
  std::uint64_t P1 = static_cast<std::uint64_t>(B) + A1;
  std::uint64_t P2 = static_cast<std::uint64_t>(B >> 64) + (P1 < A1);
  std::uint64_t S10 = P2 >> 4, F = P2 << 60 | P1 >> 4;
  // The interval's half-width in units of 10^(K+1) (2^(Q-1) * 10^-(K+1),
  // below 1/2), in 0.64 fixed point, and 1 less it. Truncated, F and these
  // are within 2^-63 of the exact values, so a difference of 2^-63 or more
  // decides; a smaller one (only when a bound is a decimal of at most 17
  // digits or within 2^-63 of one) goes to the exact method.
  std::uint64_t Half = GHigh >> E.HalfWidthShift, UpperEdge = 0 - Half;
  // The shortest is the multiple of 10^(K+1) in the interval if there is one
  // (at most one): S10, or the next; with its trailing zeros.
  bool UpIn = F < Half, WpIn = F > UpperEdge, Short = UpIn | WpIn;
  bool Unsure = (F - Half + 2 <= 4) | (F - UpperEdge + 2 <= 4);
  std::uint64_t ShortSig = S10 + WpIn;
  // Else it has one digit more: the multiple of 10^K nearest V, in the
  // interval as it is symmetric. Its last digit and the rest, from 10 F:
  // rounding up above a half (exactly a half is a tie, to even: the exact
  // method takes it and what is within 2^-60 of it).
  U128 TenF = U128(F) * 10;
  auto Digit = static_cast<std::uint64_t>(TenF >> 64), InUnit = static_cast<std::uint64_t>(TenF);
  constexpr std::uint64_t HalfUnit = std::uint64_t(1) << 63;
  Unsure |= InUnit - HalfUnit + 16 <= 32;
  std::uint64_t Nearest = S10 * 10 + Digit + (InUnit > HalfUnit);
  // S10 has 15 or 16 digits (C >= 2^52): the nearest has one more, and the
  // shorter one as many, but for a 10^n just above a 99...9, which the exact
  // method takes. Both are scaled to 17 digits while the choice is made;
  // then a select. Arithmetic, not ?: or && (which GCC makes branches of
  // here): float-heavy documents mix all these cases.
  constexpr std::uint64_t P15 = 1000000000000000;
  std::uint64_t Long17 = S10 >= P15;
  std::uint64_t ShortDigits = ShortSig * (100 - 90 * Long17);
  std::uint64_t NearestDigits = Nearest * (10 - 9 * Long17);
  if (Unsure | (ShortDigits >= 100 * P15)) [[unlikely]]
    return exactDecimal(C, static_cast<int>(Biased) - 1075, false);
  std::uint64_t Mask = 0 - static_cast<std::uint64_t>(Short);
  int Count = 16 + static_cast<int>(Long17) - Short;
  return {(ShortDigits & Mask) | (NearestDigits & ~Mask), ShortSig,
          E.K + 15 + static_cast<int>(Long17), Count,
          static_cast<bool>(Short & (ShortSig % 10 == 0))};
}

/// Below a power of two (C = 2^52, Q > -1074): its own K, and an interval
/// that may not hold the multiple of 10^K nearest V. The same fast method,
/// in quarter units of 10^K.
[[gnu::noinline]] inline ShortestDigits irregularDecimal(unsigned Biased) {
  int Q = static_cast<int>(Biased) - 1075, K = floorLog10ThreeQuartersPow2(Q);
  int H = Q + floorLog2Pow10(-K) + 1; // 0..4
  std::uint64_t GHigh = Powers.High[-K - MinPow], GLow = Powers.Low[-K - MinPow];
  // X = V * 10^-K in quarter units (below 2^59), as the fixed-point P2.P1
  // of the 192-bit product, above the exact X by less than 2^-68.
  std::uint64_t Cp = std::uint64_t(1) << (52 + H + 2);
  U128 A = U128(GLow) * Cp, B = U128(GHigh) * Cp;
  auto A1 = static_cast<std::uint64_t>(A >> 64);
  std::uint64_t P1 = static_cast<std::uint64_t>(B) + A1;
  std::uint64_t P2 = static_cast<std::uint64_t>(B >> 64) + (P1 < A1);
  std::uint64_t S = P2 >> 2, S10 = S / 10;
  // Fixed point 6.58: Y is X's distance (in quarters, below 40) above the
  // multiple of 10 units S10 * 10; Upper the interval's half-width above X
  // (2 quarters of 2^Q), Lower that below it (half that). Truncated, all are
  // within 2^-57 of the exact values: a difference of 2^-56 decides.
  constexpr std::uint64_t One = std::uint64_t(1) << 58;
  std::uint64_t Y = (P2 - 40 * S10) << 58 | P1 >> 6;
  std::uint64_t Upper = GHigh >> (5 - H), Lower = Upper >> 1;
  std::uint64_t UpperEdge = 40 * One - Upper;
  bool UpIn = Y < Lower, WpIn = Y > UpperEdge, Short = UpIn | WpIn;
  bool Unsure = (Y - Lower + 2 <= 3) | (Y - UpperEdge + 2 <= 3);
  // The integer nearest X, or the next up when rounding down leaves the
  // interval (rounding up never does: it is over a unit wide).
  std::uint64_t InUnit = Y & (4 * One - 1);
  bool Up = (InUnit > 2 * One) | (InUnit > Lower);
  Unsure |= (InUnit == 2 * One) | (InUnit - Lower + 2 <= 3);
  std::uint64_t ShortSig = S10 + WpIn, Nearest = S + Up;
  if (Unsure) [[unlikely]]
    return exactDecimal(std::uint64_t(1) << 52, Q, true);
  std::uint64_t Mask = 0 - static_cast<std::uint64_t>(Short);
  std::uint64_t Sig = (ShortSig & Mask) | (Nearest & ~Mask);
  int Guess = (std::bit_width(Sig) * 1233) >> 12; // ~ log10(2^bits)
  int Count = Guess + (Sig >= Pow10[Guess]);
  return {Sig * Pow10[17 - Count], Sig, K + Short + Count - 1, Count, Sig % 10 == 0};
}

} // namespace shortest

/// For finite V > 0: the shortest decimal in V's rounding interval (the
/// values that read back as V), the nearest to V if several (ties to an even
/// significand), as Dragonbox chooses.
inline ShortestDigits shortestDecimal(double V) noexcept {
  using namespace shortest;
  auto Bits = std::bit_cast<std::uint64_t>(V);
  std::uint64_t Fraction = Bits & ((std::uint64_t(1) << 52) - 1);
  auto Biased = static_cast<unsigned>(Bits >> 52);
  // Subnormals (Biased 0: Q = -1074, no hidden bit) go to the exact method,
  // for the digit count; C = 2^52 at Biased 1 is regular (the spacing below
  // it, the subnormals', is the same).
  if (Biased == 0) [[unlikely]]
    return exactDecimal(Fraction, -1074, false);
  if (Fraction == 0 && Biased > 1) [[unlikely]]
    return irregularDecimal(Biased);
  return fastDecimal(Fraction | std::uint64_t(1) << 52, Biased);
}

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_SHORTESTDECIMAL_H
