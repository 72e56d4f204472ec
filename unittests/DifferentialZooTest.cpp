// Differential testing, compiled half (issue #6): a fixed zoo of real C++ types, random values, nlohmann::json as the oracle.
//
// jitson-difftest (tools/) covers types made at run time; these are types the
// C++ compiler made, reflected by jitson itself: maps, sets, variants, smart
// pointers, bytes, Meta. For each random value the expected document is
// built with nlohmann::json directly from the C++ value (by hand, no code
// shared with jitson), and jitson's output, parsed by nlohmann, must equal it.
// Each value is written with several option sets (pretty, escaping,
// enumsAsStrings, omitNull) that change the text but not the parsed value
// (enumsAsStrings and omitNull change the expectation, which follows them).
#include <jitson/jitson.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace zoo {

enum class Color : std::uint8_t { Red, Green, Blue = 7 };
enum Level : int { Low = -1, Mid = 0, High = 100 };

struct Point {
  double x;
  double y;
};
struct Scalars {
  bool b;
  std::int8_t i8;
  std::uint8_t u8;
  std::int16_t i16;
  std::uint16_t u16;
  std::int32_t i32;
  std::uint32_t u32;
  std::int64_t i64;
  std::uint64_t u64;
  float f;
  double d;
  char c;
};
struct Strings {
  std::string s;
  std::string_view view;
  const char* cstr;
  std::array<std::string, 2> pair;
};
struct Maps {
  std::map<std::string, int> byName;
  std::unordered_map<std::string, std::vector<int>> lists;
  std::map<std::int64_t, std::string> byId;
  std::map<Color, double> byColor;
};
struct Seqs {
  std::vector<bool> bits;
  std::list<std::int16_t> list;
  std::deque<std::string> deque;
  std::set<std::string> set;
  std::array<std::uint8_t, 3> arr;
};
using Shape = std::variant<std::monostate, int, std::string, Point, std::vector<double>>;
struct Drawing {
  std::string title;
  std::vector<Shape> shapes;
  std::optional<Shape> background;
};
struct Ptrs {
  std::unique_ptr<Point> unique;
  std::shared_ptr<std::string> shared;
  const int* raw;
  // std::optional<std::unique_ptr<int>> compiles with g++ but not with clang-19
  // (Boost.PFR's unsafe_declval needs a copy); a shared_ptr has the same layout kind.
  std::optional<std::shared_ptr<int>> optPtr;
};
struct Tree {
  std::string label;
  std::vector<Tree> kids;
};
struct List {
  int value;
  std::unique_ptr<List> next;
};
struct Enums {
  Color color;
  Level level;
  std::vector<Color> palette;
  std::optional<Level> maybe;
};
struct Tuples {
  std::tuple<int, std::string, bool> triple;
  std::pair<double, std::optional<int>> pair;
  std::vector<std::pair<std::string, Color>> entries;
};
struct Misc {
  std::vector<std::byte> bytes;
  std::chrono::milliseconds elapsed;
  jitson::RawJson raw;
  std::monostate nothing;
  std::nullptr_t nil;
};
struct Tagged {
  std::string name;
  std::optional<int> age;
  std::vector<int> tags;
  std::int64_t id;
  bool admin;
  Color color;
};
struct Inner {
  std::optional<std::string> note;
  std::array<Point, 2> corners;
};
struct Outer {
  Inner a;
  std::vector<Inner> many;
  std::map<std::string, Inner> named;
  std::tuple<Inner, std::optional<Inner>> both;
};
struct Everything {
  Scalars scalars;
  Strings strings;
  Drawing drawing;
  Enums enums;
  std::optional<Maps> maps;
};

} // namespace zoo

template <> struct jitson::Meta<zoo::Tagged> {
  static constexpr auto fields = jitson::fields(
      jitson::field("name").rename("user name"), jitson::field("age").omitEmpty(),
      jitson::field("tags").omitEmpty(), jitson::field("id").asString(),
      jitson::field("admin").omitEmpty(), jitson::field("color").asString());
};

namespace {

using nlohmann::json;
using namespace zoo;

/// What the options change in the expectation.
struct Expect {
  bool EnumNames = false;
  bool OmitNull = false;
};

// --- Random values ---------------------------------------------------------

struct Gen {
  std::mt19937_64 R;
  std::deque<std::string> Keep; ///< Storage for string_views and C strings.
  std::deque<int> Ints;         ///< Pointees of raw pointers.

  std::uint64_t bits() { return R(); }
  std::size_t below(std::size_t N) { return N ? R() % N : 0; }
  bool coin() { return R() & 1; }

  template <class I> I integer() {
    switch (below(4)) {
    case 0: return std::numeric_limits<I>::min();
    case 1: return std::numeric_limits<I>::max();
    case 2: return static_cast<I>(below(5));
    default: return static_cast<I>(bits());
    }
  }
  double real() {
    switch (below(4)) {
    case 0: return std::ldexp(static_cast<double>(bits() >> 11), static_cast<int>(below(200)) - 100);
    case 1: return -static_cast<double>(below(1000)) / 10;
    case 2: {
      static const double S[] = {0.0, -0.0, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 0.1};
      return S[below(std::size(S))];
    }
    default:
      for (;;) {
        std::uint64_t B = bits();
        double D;
        std::memcpy(&D, &B, 8);
        if (std::isfinite(D))
          return D;
      }
    }
  }
  float real32() {
    for (;;) {
      auto B = static_cast<std::uint32_t>(bits());
      float F;
      std::memcpy(&F, &B, 4);
      if (std::isfinite(F))
        return F;
    }
  }
  /// Valid UTF-8 (nlohmann's parser requires it), with escapes and HTML characters.
  std::string text() {
    static const char* const Pieces[] = {"a", "Zz", " ", "\"", "\\", "/", "<", ">", "&", "\n",
                                         "\t", "\x01", "\x1f", "\x7f", "caf\xc3\xa9",
                                         "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xe6\x97\xa5", "0"};
    std::string S;
    std::size_t N = below(coin() ? 4 : 12);
    for (std::size_t I = 0; I < N; ++I)
      S += Pieces[below(std::size(Pieces))];
    return S;
  }
  Color color() {
    static const Color C[] = {Color::Red, Color::Green, Color::Blue, Color(3), Color(255)};
    return C[below(std::size(C))];
  }
  Level level() {
    static const Level L[] = {Low, Mid, High, Level(5), Level(-200)};
    return L[below(std::size(L))];
  }
  std::size_t count() { return below(8) == 0 ? below(200) : below(4); }

  Point point() { return {real(), real()}; }
  Scalars scalars() {
    return {coin(),          integer<std::int8_t>(),   integer<std::uint8_t>(),
            integer<std::int16_t>(), integer<std::uint16_t>(), integer<std::int32_t>(),
            integer<std::uint32_t>(), integer<std::int64_t>(), integer<std::uint64_t>(),
            real32(),        real(),                   static_cast<char>(below(128))};
  }
  Strings strings() {
    Keep.push_back(text());
    std::string_view V = Keep.back();
    Keep.push_back(text());
    const char* C = coin() ? Keep.back().c_str() : nullptr;
    return {text(), V, C, {text(), text()}};
  }
  Maps maps() {
    Maps M;
    for (std::size_t I = count(); I--;)
      M.byName[text()] = integer<int>();
    for (std::size_t I = below(4); I--;) {
      std::vector<int> V;
      for (std::size_t K = below(4); K--;)
        V.push_back(integer<int>());
      M.lists[text()] = V;
    }
    for (std::size_t I = count(); I--;)
      M.byId[integer<std::int64_t>()] = text();
    for (std::size_t I = below(4); I--;)
      M.byColor[color()] = real();
    return M;
  }
  Seqs seqs() {
    Seqs S;
    for (std::size_t I = count(); I--;)
      S.bits.push_back(coin());
    for (std::size_t I = count(); I--;)
      S.list.push_back(integer<std::int16_t>());
    for (std::size_t I = below(4); I--;)
      S.deque.push_back(text());
    for (std::size_t I = below(6); I--;)
      S.set.insert(text());
    S.arr = {integer<std::uint8_t>(), integer<std::uint8_t>(), integer<std::uint8_t>()};
    return S;
  }
  Shape shape() {
    switch (below(5)) {
    case 0: return std::monostate{};
    case 1: return integer<int>();
    case 2: return text();
    case 3: return point();
    default: {
      std::vector<double> V;
      for (std::size_t I = below(4); I--;)
        V.push_back(real());
      return V;
    }
    }
  }
  Drawing drawing() {
    Drawing D{text(), {}, std::nullopt};
    for (std::size_t I = count(); I--;)
      D.shapes.push_back(shape());
    if (coin())
      D.background = shape();
    return D;
  }
  Ptrs ptrs() {
    Ptrs P;
    if (coin())
      P.unique = std::make_unique<Point>(point());
    if (coin())
      P.shared = std::make_shared<std::string>(text());
    Ints.push_back(integer<int>());
    P.raw = coin() ? &Ints.back() : nullptr;
    switch (below(3)) {
    case 0: break;
    case 1: P.optPtr.emplace(); break;
    default: P.optPtr.emplace(std::make_shared<int>(integer<int>()));
    }
    return P;
  }
  Tree tree(int Depth) {
    Tree T{text(), {}};
    if (Depth < 5)
      for (std::size_t I = below(4); I--;)
        T.kids.push_back(tree(Depth + 1));
    return T;
  }
  std::unique_ptr<List> list(int Depth) {
    if (Depth > 20 || below(4) == 0)
      return nullptr;
    auto L = std::make_unique<List>();
    L->value = integer<int>();
    L->next = list(Depth + 1);
    return L;
  }
  Enums enums() {
    Enums E{color(), level(), {}, std::nullopt};
    for (std::size_t I = count(); I--;)
      E.palette.push_back(color());
    if (coin())
      E.maybe = level();
    return E;
  }
  Tuples tuples() {
    Tuples T{{integer<int>(), text(), coin()}, {real(), std::nullopt}, {}};
    if (coin())
      T.pair.second = integer<int>();
    for (std::size_t I = below(4); I--;)
      T.entries.emplace_back(text(), color());
    return T;
  }
  Misc misc() {
    Misc M;
    for (std::size_t I = count(); I--;)
      M.bytes.push_back(static_cast<std::byte>(bits()));
    M.elapsed = std::chrono::milliseconds(integer<std::int64_t>());
    static const char* const Raw[] = {"", "1", "[true,null]", "{\"k\":\"v\"}", "\"s\""};
    M.raw.json = Raw[below(std::size(Raw))];
    M.nil = nullptr;
    return M;
  }
  Tagged tagged() {
    Tagged T{text(), std::nullopt, {}, integer<std::int64_t>(), coin(), color()};
    if (coin())
      T.age = static_cast<int>(below(3)); // 0 engaged is not empty
    for (std::size_t I = below(3); I--;)
      T.tags.push_back(integer<int>());
    return T;
  }
  Inner inner() {
    Inner I{std::nullopt, {point(), point()}};
    if (coin())
      I.note = text();
    return I;
  }
  Outer outer() {
    Outer O{inner(), {}, {}, {inner(), std::nullopt}};
    for (std::size_t I = below(4); I--;)
      O.many.push_back(inner());
    for (std::size_t I = below(3); I--;)
      O.named[text()] = inner();
    if (coin())
      std::get<1>(O.both) = inner();
    return O;
  }
  Everything everything() {
    Everything E{scalars(), strings(), drawing(), enums(), std::nullopt};
    if (coin())
      E.maps = maps();
    return E;
  }
};

// --- The oracle: expected documents built by hand --------------------------

std::string base64(const std::vector<std::byte>& B) {
  static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string Out;
  for (std::size_t I = 0; I < B.size(); I += 3) {
    std::uint32_t N = std::to_integer<std::uint32_t>(B[I]) << 16;
    if (I + 1 < B.size())
      N |= std::to_integer<std::uint32_t>(B[I + 1]) << 8;
    if (I + 2 < B.size())
      N |= std::to_integer<std::uint32_t>(B[I + 2]);
    Out += A[N >> 18];
    Out += A[(N >> 12) & 63];
    Out += I + 1 < B.size() ? A[(N >> 6) & 63] : '=';
    Out += I + 2 < B.size() ? A[N & 63] : '=';
  }
  return Out;
}

json of(const Expect& X, Color C) {
  if (X.EnumNames)
    switch (C) {
    case Color::Red: return "Red";
    case Color::Green: return "Green";
    case Color::Blue: return "Blue";
    }
  return static_cast<int>(C);
}
json of(const Expect& X, Level L) {
  if (X.EnumNames)
    switch (L) {
    case Low: return "Low";
    case Mid: return "Mid";
    case High: return "High";
    }
  return static_cast<int>(L);
}
std::string colorKey(const Expect& X, Color C) {
  json J = of(X, C);
  return J.is_string() ? J.get<std::string>() : std::to_string(static_cast<int>(C));
}
json of(const Expect&, const Point& P) { return {{"x", P.x}, {"y", P.y}}; }

/// Adds Key: Value to O unless omitNull leaves it out.
void member(const Expect& X, json& O, const char* Key, json Value) {
  if (X.OmitNull && Value.is_null())
    return;
  O[Key] = std::move(Value);
}
template <class T, class F> json optional(const std::optional<T>& V, F&& Of) {
  return V ? Of(*V) : json(nullptr);
}

json of(const Expect&, const Scalars& S) {
  return {{"b", S.b},     {"i8", S.i8},   {"u8", S.u8},   {"i16", S.i16},
          {"u16", S.u16}, {"i32", S.i32}, {"u32", S.u32}, {"i64", S.i64},
          {"u64", S.u64}, {"f", S.f},     {"d", S.d},     {"c", std::string(1, S.c)}};
}
json of(const Expect& X, const Strings& S) {
  json O = {{"s", S.s}, {"view", std::string(S.view)}};
  member(X, O, "cstr", S.cstr ? json(S.cstr) : json(nullptr));
  O["pair"] = {S.pair[0], S.pair[1]};
  return O;
}
json of(const Expect& X, const Maps& M) {
  json ByName = json::object(), Lists = json::object(), ById = json::object(),
       ByColor = json::object();
  for (const auto& [K, V] : M.byName)
    ByName[K] = V;
  for (const auto& [K, V] : M.lists)
    Lists[K] = V;
  for (const auto& [K, V] : M.byId)
    ById[std::to_string(K)] = V;
  for (const auto& [K, V] : M.byColor)
    ByColor[colorKey(X, K)] = V;
  return {{"byName", ByName}, {"lists", Lists}, {"byId", ById}, {"byColor", ByColor}};
}
json of(const Expect&, const Seqs& S) {
  json Bits = json::array(), List = json::array(), Deque = json::array(), Set = json::array();
  for (bool B : S.bits)
    Bits.push_back(B);
  for (auto V : S.list)
    List.push_back(V);
  for (const auto& V : S.deque)
    Deque.push_back(V);
  for (const auto& V : S.set)
    Set.push_back(V);
  return {{"bits", Bits}, {"list", List}, {"deque", Deque}, {"set", Set},
          {"arr", {S.arr[0], S.arr[1], S.arr[2]}}};
}
json of(const Expect& X, const Shape& S) {
  switch (S.index()) {
  case 0: return nullptr;
  case 1: return std::get<1>(S);
  case 2: return std::get<2>(S);
  case 3: return of(X, std::get<3>(S));
  default: return std::get<4>(S);
  }
}
json of(const Expect& X, const Drawing& D) {
  json Shapes = json::array();
  for (const Shape& S : D.shapes)
    Shapes.push_back(of(X, S));
  json O = {{"title", D.title}, {"shapes", Shapes}};
  // An engaged optional holding std::monostate is written as null but is not null itself.
  if (!(X.OmitNull && !D.background))
    O["background"] = D.background ? of(X, *D.background) : json(nullptr);
  return O;
}
json of(const Expect& X, const Ptrs& P) {
  json O = json::object();
  member(X, O, "unique", P.unique ? of(X, *P.unique) : json(nullptr));
  member(X, O, "shared", P.shared ? json(*P.shared) : json(nullptr));
  member(X, O, "raw", P.raw ? json(*P.raw) : json(nullptr));
  // An engaged optional holding a null pointer is not null itself (it is written as null).
  if (!(X.OmitNull && !P.optPtr))
    O["optPtr"] = P.optPtr && *P.optPtr ? json(**P.optPtr) : json(nullptr);
  return O;
}
json of(const Expect& X, const Tree& T) {
  json Kids = json::array();
  for (const Tree& K : T.kids)
    Kids.push_back(of(X, K));
  return {{"label", T.label}, {"kids", Kids}};
}
json of(const Expect& X, const List& L) {
  json O = {{"value", L.value}};
  member(X, O, "next", L.next ? of(X, *L.next) : json(nullptr));
  return O;
}
json of(const Expect& X, const std::unique_ptr<List>& P) { return P ? of(X, *P) : json(nullptr); }
json of(const Expect& X, const Enums& E) {
  json Palette = json::array();
  for (Color C : E.palette)
    Palette.push_back(of(X, C));
  json O = {{"color", of(X, E.color)}, {"level", of(X, E.level)}, {"palette", Palette}};
  member(X, O, "maybe", optional(E.maybe, [&](Level L) { return of(X, L); }));
  return O;
}
json of(const Expect& X, const Tuples& T) {
  json Entries = json::array();
  for (const auto& [S, C] : T.entries)
    Entries.push_back({S, of(X, C)});
  const auto& [I, S, B] = T.triple;
  return {{"triple", {I, S, B}},
          {"pair", {T.pair.first, T.pair.second ? json(*T.pair.second) : json(nullptr)}},
          {"entries", Entries}};
}
json of(const Expect& X, const Misc& M) {
  json O = {{"bytes", base64(M.bytes)},
            {"elapsed", M.elapsed.count()},
            {"raw", M.raw.json.empty() ? json(nullptr) : json::parse(M.raw.json)}};
  member(X, O, "nothing", nullptr);
  member(X, O, "nil", nullptr);
  return O;
}
json of(const Expect& X, const Tagged& T) {
  json O = {{"user name", T.name}};
  if (T.age)
    O["age"] = *T.age;
  if (!T.tags.empty())
    O["tags"] = T.tags;
  O["id"] = std::to_string(T.id);
  if (T.admin)
    O["admin"] = true;
  json C = of(X, T.color);
  O["color"] = C.is_string() ? C : json(std::to_string(static_cast<int>(T.color)));
  return O;
}
json of(const Expect& X, const Inner& I) {
  json O = json::object();
  member(X, O, "note", optional(I.note, [](const std::string& S) { return json(S); }));
  O["corners"] = {of(X, I.corners[0]), of(X, I.corners[1])};
  return O;
}
json of(const Expect& X, const Outer& O) {
  json Many = json::array(), Named = json::object();
  for (const Inner& I : O.many)
    Many.push_back(of(X, I));
  for (const auto& [K, V] : O.named)
    Named[K] = of(X, V);
  const auto& Second = std::get<1>(O.both);
  return {{"a", of(X, O.a)},
          {"many", Many},
          {"named", Named},
          {"both", {of(X, std::get<0>(O.both)), Second ? of(X, *Second) : json(nullptr)}}};
}
json of(const Expect& X, const Everything& E) {
  json O = {{"scalars", of(X, E.scalars)},
            {"strings", of(X, E.strings)},
            {"drawing", of(X, E.drawing)},
            {"enums", of(X, E.enums)}};
  member(X, O, "maps", E.maps ? of(X, *E.maps) : json(nullptr));
  return O;
}

/// Parsed-value equality; a float written shortest for float (0.1f -> 0.1)
/// reads back as a different double, so numbers that are floats compare as floats.
bool same(const json& Got, const json& Want) {
  if (Got.is_number() && Want.is_number()) {
    if (Got.is_number_integer() && Want.is_number_integer())
      return Got.is_number_unsigned() || Want.is_number_unsigned()
                 ? Got.get<std::uint64_t>() == Want.get<std::uint64_t>() &&
                       (Got.get<std::int64_t>() < 0) == (Want.get<std::int64_t>() < 0)
                 : Got.get<std::int64_t>() == Want.get<std::int64_t>();
    double G = Got.get<double>(), W = Want.get<double>();
    if (G == W && std::signbit(G) == std::signbit(W))
      return true;
    return static_cast<double>(static_cast<float>(W)) == W && static_cast<float>(G) == static_cast<float>(W);
  }
  if (Got.type() != Want.type())
    return false;
  if (Got.is_array()) {
    if (Got.size() != Want.size())
      return false;
    for (std::size_t I = 0; I < Got.size(); ++I)
      if (!same(Got[I], Want[I]))
        return false;
    return true;
  }
  if (Got.is_object()) {
    if (Got.size() != Want.size())
      return false;
    for (auto It = Want.begin(); It != Want.end(); ++It)
      if (!Got.contains(It.key()) || !same(Got[It.key()], It.value()))
        return false;
    return true;
  }
  return Got == Want;
}

/// Option sets: the text changes, the parsed value only as Expect says.
std::vector<std::pair<jitson::Options, Expect>> optionSets() {
  std::vector<std::pair<jitson::Options, Expect>> Sets;
  jitson::Options O;
  Sets.push_back({O, {}});
  O.pretty = true;
  O.indentWidth = 3;
  O.escapeHtml = true;
  O.trailingNewline = true;
  Sets.push_back({O, {}});
  O = {};
  O.escapeUnicode = true;
  O.enumsAsStrings = true;
  O.sortMapKeys = true;
  Sets.push_back({O, {true, false}});
  O = {};
  O.omitNull = true;
  O.pretty = true;
  O.indentChar = '\t';
  O.indentWidth = 1;
  O.utf8 = jitson::Utf8Mode::Error; // every string is valid: must not fail
  Sets.push_back({O, {false, true}});
  return Sets;
}

std::size_t Compared = 0;

template <class T, class Make> void check(const char* Name, std::uint64_t Seed, int Count, Make&& MakeValue) {
  Gen G{std::mt19937_64(Seed), {}, {}};
  auto Sets = optionSets();
  for (int I = 0; I < Count; ++I) {
    T Value = MakeValue(G);
    for (const auto& [Opts, X] : Sets) {
      std::string Out = jitson::toJson(Value, Opts);
      json Got = json::parse(Out, nullptr, /*allow_exceptions=*/false);
      json Want = of(X, Value);
      ++Compared;
      if (Got.is_discarded() || !same(Got, Want)) {
        INFO(Name << " seed " << Seed << " value " << I);
        INFO("jitson:   " << Out);
        INFO("expected: " << Want.dump());
        CHECK(false);
        return; // one report per type
      }
    }
  }
}

} // namespace

TEST_CASE("differential zoo: compiled types against nlohmann::json") {
  const std::uint64_t Seed = 20240606;
  check<Point>("Point", Seed + 1, 300, [](Gen& G) { return G.point(); });
  check<Scalars>("Scalars", Seed + 2, 400, [](Gen& G) { return G.scalars(); });
  check<Strings>("Strings", Seed + 3, 300, [](Gen& G) { return G.strings(); });
  check<Maps>("Maps", Seed + 4, 200, [](Gen& G) { return G.maps(); });
  check<Seqs>("Seqs", Seed + 5, 200, [](Gen& G) { return G.seqs(); });
  check<Drawing>("Drawing", Seed + 6, 300, [](Gen& G) { return G.drawing(); });
  check<Ptrs>("Ptrs", Seed + 7, 300, [](Gen& G) { return G.ptrs(); });
  check<Tree>("Tree", Seed + 8, 100, [](Gen& G) { return G.tree(0); });
  check<std::unique_ptr<List>>("List", Seed + 9, 200, [](Gen& G) { return G.list(0); });
  check<Enums>("Enums", Seed + 10, 300, [](Gen& G) { return G.enums(); });
  check<Tuples>("Tuples", Seed + 11, 300, [](Gen& G) { return G.tuples(); });
  check<Misc>("Misc", Seed + 12, 300, [](Gen& G) { return G.misc(); });
  check<Tagged>("Tagged", Seed + 13, 300, [](Gen& G) { return G.tagged(); });
  check<Outer>("Outer", Seed + 14, 150, [](Gen& G) { return G.outer(); });
  check<Everything>("Everything", Seed + 15, 150, [](Gen& G) { return G.everything(); });
  MESSAGE("values compared: " << Compared);
  CHECK(Compared >= 4000);
}
