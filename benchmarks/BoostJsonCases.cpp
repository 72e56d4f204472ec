// Boost.JSON 1.81 used the documented way for structs: Boost.Describe
// (BOOST_DESCRIBE_STRUCT, in Workloads.h) with boost::json::value_from, then
// boost::json::serialize. std::optional is supported by Boost.JSON 1.81 itself,
// and so is std::map<std::string, T> (written as an object).
#include "Cases.h"

#include <boost/json.hpp>

namespace bench {
namespace {

template <class T> Case boostJsonCase(const char* Workload, const T& Value) {
  Case C;
  C.Workload = Workload;
  C.Library = BoostJsonLib;
  C.Write = [&Value](std::string& Out) -> std::string {
    Out = boost::json::serialize(boost::json::value_from(Value));
    return {};
  };
  C.Run = [&Value](benchmark::State& State) {
    for (auto _ : State) {
      std::string Out = boost::json::serialize(boost::json::value_from(Value));
      benchmark::DoNotOptimize(Out.data());
      benchmark::ClobberMemory();
    }
  };
  return C;
}

} // namespace

void addBoostJsonCases(const Values& V, Cases& Out) {
  Out.push_back(boostJsonCase(JsonPerformanceName, V.JsonPerf));
  Out.push_back(boostJsonCase(TwitterName, V.Twitter));
  Out.push_back(boostJsonCase(CitmName, V.Citm));
  Out.push_back(boostJsonCase(CanadaName, V.Canada));
}

} // namespace bench
