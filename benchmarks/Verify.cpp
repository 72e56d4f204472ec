// Equivalence of a library's output with a workload's source document (Verify.h).
#include "Verify.h"

#include <cmath>
#include <set>

namespace bench {
namespace {

using nlohmann::json;

std::string brief(const json& J) {
  std::string S = J.dump();
  if (S.size() > 160)
    S = S.substr(0, 157) + "...";
  return S;
}

bool matchesPattern(const std::vector<std::string>& Path, const std::string& Pattern) {
  std::size_t I = 0, Pos = 0;
  while (Pos < Pattern.size()) {
    if (Pattern[Pos] != '/' || I == Path.size())
      return false;
    std::size_t End = Pattern.find('/', Pos + 1);
    if (End == std::string::npos)
      End = Pattern.size();
    std::string_view Segment(Pattern.data() + Pos + 1, End - Pos - 1);
    if (Segment != "*" && Segment != Path[I])
      return false;
    ++I;
    Pos = End;
  }
  return I == Path.size();
}

class Comparer {
public:
  explicit Comparer(const std::vector<std::string>& FloatPaths) : FloatPaths(FloatPaths) {}

  /// Returns the first difference, or an empty string.
  std::string compare(const json& E, const json& A) {
    if (E.is_number() && A.is_number())
      return numbersEqual(E, A) ? std::string() : differs("numbers differ", E, A);
    if (E.type() != A.type())
      return differs("types differ", E, A);
    switch (E.type()) {
    case json::value_t::object: {
      for (const auto& [Key, Value] : E.items()) {
        auto It = A.find(Key);
        if (It == A.end())
          return at(Key, "the output lacks this key (expected " + brief(Value) + ")");
        Path.push_back(Key);
        std::string D = compare(Value, *It);
        Path.pop_back();
        if (!D.empty())
          return D;
      }
      for (const auto& [Key, Value] : A.items())
        if (!E.contains(Key) && !Value.is_null())
          return at(Key, "a key the source lacks, with a value other than null: " + brief(Value));
      return {};
    }
    case json::value_t::array: {
      if (E.size() != A.size())
        return differs("array lengths differ (" + std::to_string(E.size()) + " expected, " +
                           std::to_string(A.size()) + " written)",
                       E, A);
      for (std::size_t I = 0; I < E.size(); ++I) {
        Path.push_back(std::to_string(I));
        std::string D = compare(E[I], A[I]);
        Path.pop_back();
        if (!D.empty())
          return D;
      }
      return {};
    }
    default: // string, boolean, null
      return E == A ? std::string() : differs("values differ", E, A);
    }
  }

private:
  const std::vector<std::string>& FloatPaths;
  std::vector<std::string> Path;

  std::string pointer() const {
    std::string P;
    for (const std::string& S : Path)
      P += "/" + S;
    return P.empty() ? "/" : P;
  }
  std::string at(const std::string& Key, const std::string& What) {
    Path.push_back(Key);
    std::string S = "at " + pointer() + ": " + What;
    Path.pop_back();
    return S;
  }
  std::string differs(const std::string& What, const json& E, const json& A) const {
    return "at " + pointer() + ": " + What + ": expected " + brief(E) + ", written " + brief(A);
  }

  static __int128 integer(const json& J) {
    return J.is_number_unsigned() ? static_cast<__int128>(J.get<std::uint64_t>())
                                  : static_cast<__int128>(J.get<std::int64_t>());
  }
  static bool integerEqualsDouble(const json& I, double D) {
    // The double must be an integer in range, then compare exactly.
    if (!std::isfinite(D) || D != std::trunc(D) || std::fabs(D) > 0x1p64)
      return false;
    return static_cast<__int128>(D) == integer(I);
  }

  bool numbersEqual(const json& E, const json& A) const {
    for (const std::string& Pattern : FloatPaths)
      if (matchesPattern(Path, Pattern))
        return static_cast<float>(E.get<double>()) == static_cast<float>(A.get<double>());
    bool EInt = E.is_number_integer(), AInt = A.is_number_integer();
    if (EInt && AInt)
      return integer(E) == integer(A);
    if (EInt)
      return integerEqualsDouble(E, A.get<double>());
    if (AInt)
      return integerEqualsDouble(A, E.get<double>());
    return E.get<double>() == A.get<double>();
  }
};

} // namespace

std::string checkEquivalent(const json& Expected, std::string_view Output,
                            const std::vector<std::string>& FloatPaths) {
  // nlohmann keeps the last of repeated keys: watch the key events instead,
  // with one set of keys per open object.
  std::vector<std::set<std::string>> Open;
  std::string Repeated;
  json::parser_callback_t Watch = [&](int, json::parse_event_t Event, json& Parsed) {
    switch (Event) {
    case json::parse_event_t::object_start:
      Open.emplace_back();
      break;
    case json::parse_event_t::object_end:
      Open.pop_back();
      break;
    case json::parse_event_t::key:
      if (!Open.back().insert(Parsed.get<std::string>()).second && Repeated.empty())
        Repeated = Parsed.get<std::string>();
      break;
    default:
      break;
    }
    return true;
  };
  json Actual = json::parse(Output.begin(), Output.end(), Watch, /*allow_exceptions=*/false);
  if (Actual.is_discarded())
    return "the output is not one valid JSON value (" + std::to_string(Output.size()) +
           " bytes, starting " + std::string(Output.substr(0, 80)) + ")";
  if (!Repeated.empty())
    return "the output repeats the key \"" + Repeated + "\" in one object";
  return Comparer(FloatPaths).compare(Expected, Actual);
}

std::string selfTestChecker() {
  const json Expected = json::parse(
      R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
      R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})");
  const std::vector<std::string> FloatPaths = {"/f/*"};
  struct Probe {
    const char* Output;
    bool Equivalent;
  };
  const Probe Probes[] = {
      // Respellings that must pass.
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})", true},
      {R"({"maybe":null,"o":{"a":[1.0,2E0,3]},"b":true,"s":"café \"q\"\u000a",)"
       R"("f":[0.10000000149011612,0.20000000298023224],"z":-70.0,"e":2.33E+24,"d":1E-1,)"
       R"("n":-7.0,"i":505874924095815700,"absent":null})", true},
      // Defects that must fail.
      {R"({"i":505874924095815701,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.10000000000000002,"e":2.33e24,"z":-70,)"
       R"("f":[0.1,0.2],"s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70.5,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2001],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"cafe \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,3,2]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]}})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null,"extra":0})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],"b":false,)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":"true","o":{"a":[1,2,3]},"maybe":null})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":0})", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null}x)", false},
      {R"({"i":505874924095815700,"n":-7,"d":0.1,"e":2.33e24,"z":-70,"f":[0.1,0.2],)"
       R"("s":"caf\u00e9 \"q\"\n","b":true,"o":{"a":[1,2,3]},"maybe":null)", false},
  };
  std::string Wrong;
  for (const Probe& P : Probes) {
    std::string Result = checkEquivalent(Expected, P.Output, FloatPaths);
    if (Result.empty() != P.Equivalent)
      Wrong += std::string("\n  ") + (P.Equivalent ? "rejected " : "accepted ") + P.Output +
               (Result.empty() ? "" : " (" + Result + ")");
  }
  return Wrong.empty() ? Wrong : "the equivalence checker is wrong:" + Wrong;
}

} // namespace bench
