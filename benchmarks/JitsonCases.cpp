// jitson: Serializer<T>::get().serializeTo(value, buffer) into a jitson::Buffer
// cleared and reused across iterations (its capacity stays), the output
// written in place. The serializer is compiled when the case is created, so
// no timing includes a JIT compile.
#include "Cases.h"

#include "jitson/jitson.h"

namespace bench {
namespace {

template <class T> Case jitsonCase(const char* Workload, const T& Value) {
  const jitson::Serializer<T>& S = jitson::Serializer<T>::get(); // compiles now
  Case C;
  C.Workload = Workload;
  C.Library = JitsonLib;
  C.Write = [&S, &Value](std::string& Out) -> std::string {
    jitson::Buffer B;
    jitson::Status St = S.serializeTo(Value, B);
    Out.assign(B.view());
    return St.ok() ? std::string() : "jitson failed: " + St.toString();
  };
  C.Run = [&S, &Value](benchmark::State& State) {
    jitson::Buffer Out;
    for (auto _ : State) {
      Out.clear();
      jitson::Status St = S.serializeTo(Value, Out);
      if (!St.ok()) [[unlikely]] {
        State.SkipWithError(St.toString().c_str());
        break;
      }
      benchmark::DoNotOptimize(Out.data());
      benchmark::ClobberMemory();
    }
  };
  return C;
}

} // namespace

void addJitsonCases(const Values& V, Cases& Out) {
  Out.push_back(jitsonCase(JsonPerformanceName, V.JsonPerf));
  Out.push_back(jitsonCase(TwitterName, V.Twitter));
  Out.push_back(jitsonCase(CitmName, V.Citm));
  Out.push_back(jitsonCase(CanadaName, V.Canada));
  Out.push_back(jitsonCase(MicroInt64Name, V.MicroInt64));
  Out.push_back(jitsonCase(MicroStringName, V.MicroString));
  Out.push_back(jitsonCase(MicroEmptyName, V.MicroEmpty));
  Out.push_back(jitsonCase(MicroSmallName, V.MicroSmall));
}

} // namespace bench
