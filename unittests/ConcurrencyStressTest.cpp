// Sixteen threads serialize many types and option sets while others ask for new ones (issue #6):
// each program compiles once, and every output equals the single-thread one. Run under TSan in CI.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <latch>
#include <map>
#include <set>
#include <tuple>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using jitson::Options;
using jitson::Serializer;

namespace stress {

template <int N> struct Leaf {
  std::string label;
  std::array<float, 2> pair;
};

/// Distinct types with the same shape: one program per (N, option set).
template <int N> struct Shape {
  std::int32_t id;
  std::string name;
  std::vector<Leaf<N>> leaves;
  std::optional<std::int64_t> maybe;
  std::vector<std::optional<double>> values;
  bool flag;
};

template <int N> Shape<N> makeValue(int Seed) {
  Shape<N> V{N * 1000 + Seed, "shape<" + std::to_string(N) + "> & \"" + std::to_string(Seed) + "\"",
             {}, std::nullopt, {}, Seed % 2 == 0};
  for (int I = 0; I < Seed % 5; ++I)
    V.leaves.push_back({"l\xC3\xA9" + std::to_string(I), {0.5f * I, -1.0f / (I + 1)}});
  if (Seed % 3)
    V.maybe = -Seed;
  for (int I = 0; I < Seed % 4; ++I)
    V.values.push_back(I % 2 ? std::optional<double>(I * 1e-3) : std::nullopt);
  return V;
}

std::vector<Options> optionSets() {
  std::vector<Options> Sets(4);
  Sets[1].pretty = true;
  Sets[2].escapeHtml = true;
  Sets[2].escapeUnicode = true;
  Sets[3].omitNull = true;
  Sets[3].trailingNewline = true;
  return Sets;
}

using SerializeFn = std::string (*)(const Options&, int Seed);

template <int N> std::string serializeShape(const Options& Opts, int Seed) {
  return Serializer<Shape<N>>::get(Opts).serialize(makeValue<N>(Seed));
}

template <int... Ns> std::vector<SerializeFn> table(std::integer_sequence<int, Ns...>) {
  return {&serializeShape<Ns>...};
}

} // namespace stress

TEST_CASE("sixteen threads, many types and option sets, new programs on the way") {
  using namespace stress;
  constexpr int Threads = 16;
  constexpr int Seeds = 6;
  // Types 0..5 are warmed up on this thread first; 6..15 are new: their
  // first use races in the threads.
  const std::vector<SerializeFn> Types = table(std::make_integer_sequence<int, 16>());
  constexpr std::size_t Warm = 6;
  const std::vector<Options> Sets = optionSets();

  std::map<std::tuple<std::size_t, std::size_t, int>, std::string> Reference;
  for (std::size_t T = 0; T < Warm; ++T)
    for (std::size_t O = 0; O < Sets.size(); ++O)
      for (int Seed = 0; Seed < Seeds; ++Seed)
        Reference[{T, O, Seed}] = Types[T](Sets[O], Seed);

  const std::uint64_t Before = jitson::detail::programsCompiled();
  std::mutex SeenMutex;
  std::map<std::tuple<std::size_t, std::size_t, int>, std::string> Seen;
  std::atomic<int> Mismatches{0}, Conflicts{0};
  std::latch Start(Threads);
  std::vector<std::thread> Pool;
  for (int Id = 0; Id < Threads; ++Id)
    Pool.emplace_back([&, Id] {
      Start.arrive_and_wait();
      for (int Round = 0; Round < 40; ++Round) {
        // Every thread walks all (type, options) pairs in its own order.
        std::size_t T = std::size_t(Id * 7 + Round * 5) % Types.size();
        std::size_t O = std::size_t(Id + Round) % Sets.size();
        int Seed = (Id + Round * 3) % Seeds;
        std::string Out = Types[T](Sets[O], Seed);
        if (T < Warm) {
          if (Out != Reference.at({T, O, Seed}))
            ++Mismatches;
          continue;
        }
        std::lock_guard<std::mutex> Lock(SeenMutex);
        auto [It, New] = Seen.try_emplace({T, O, Seed}, Out);
        if (!New && It->second != Out)
          ++Conflicts;
      }
    });
  for (std::thread& T : Pool)
    T.join();
  CHECK(Mismatches == 0);
  CHECK(Conflicts == 0);

  // Each new (type, options) pair compiled exactly once, however many
  // threads raced on it.
  std::set<std::pair<std::size_t, std::size_t>> NewPrograms;
  for (const auto& [Key, Out] : Seen)
    NewPrograms.insert({std::get<0>(Key), std::get<1>(Key)});
  CHECK(NewPrograms.size() >= 16);
  CHECK(jitson::detail::programsCompiled() - Before == NewPrograms.size());

  // The same outputs again on this thread, now that every upgrade is done.
  jitson::waitForBackgroundCompiles();
  for (const auto& [Key, Out] : Seen) {
    auto [T, O, Seed] = Key;
    CAPTURE(T);
    CAPTURE(O);
    CHECK(Types[T](Sets[O], Seed) == Out);
  }
  CHECK(jitson::detail::programsCompiled() - Before == NewPrograms.size());
}
