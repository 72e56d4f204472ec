// Threads: racing first uses compile exactly once, and one serializer serves many threads at once.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <latch>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using jitson::Options;
using jitson::Serializer;
using jitson::detail::programsCompiled;

namespace {

constexpr int NumThreads = 8;

// Each of these types is used by one test case only, so the race in that
// test case is the type's first use.
struct RaceInner {
  std::string label;
  std::array<float, 2> pair;
};

struct RaceFreshDefault {
  std::int64_t id;
  std::vector<RaceInner> inners;
  std::optional<double> score;
};

struct RaceFreshWithOptions {
  std::uint16_t a;
  std::vector<std::optional<std::int32_t>> b;
};

struct RaceFreshTwoOptionSets {
  std::string s;
};

struct SharedUse {
  std::int32_t thread;
  std::int32_t iteration;
  std::string text;
  std::vector<double> values;
};

} // namespace

TEST_CASE("eight threads racing on the first get() compile once") {
  RaceFreshDefault Value{-7, {{"in", {0.1f, -0.0f}}, {"\"q\"", {1e21f, 2}}}, 0.5};
  const char* Expected = "{\"id\":-7,\"inners\":[{\"label\":\"in\",\"pair\":[0.1,-0]},"
                         "{\"label\":\"\\\"q\\\"\",\"pair\":[1e21,2]}],\"score\":0.5}";

  std::uint64_t Before = programsCompiled();
  std::latch Start(NumThreads);
  std::array<const Serializer<RaceFreshDefault>*, NumThreads> Seen{};
  std::array<std::string, NumThreads> Outputs;
  std::vector<std::thread> Threads;
  for (int I = 0; I < NumThreads; ++I)
    Threads.emplace_back([&, I] {
      Start.arrive_and_wait();
      Seen[I] = &Serializer<RaceFreshDefault>::get();
      Outputs[I] = Seen[I]->serialize(Value);
    });
  for (std::thread& T : Threads)
    T.join();

  CHECK(programsCompiled() - Before == 1);
  for (int I = 0; I < NumThreads; ++I) {
    CAPTURE(I);
    CHECK(Seen[I] == Seen[0]);
    CHECK(Outputs[I] == Expected);
  }
  CHECK(Seen[0] == &Serializer<RaceFreshDefault>::get());
  CHECK(programsCompiled() - Before == 1);
}

TEST_CASE("eight threads racing on the first get(options) compile once") {
  Options Opts;
  Opts.trailingNewline = true; // an option that changes this type's program
  RaceFreshWithOptions Value{65535, {1, std::nullopt, -3}};
  const char* Expected = "{\"a\":65535,\"b\":[1,null,-3]}\n";

  std::uint64_t Before = programsCompiled();
  std::latch Start(NumThreads);
  std::array<const Serializer<RaceFreshWithOptions>*, NumThreads> Seen{};
  std::array<std::string, NumThreads> Outputs;
  std::vector<std::thread> Threads;
  for (int I = 0; I < NumThreads; ++I)
    Threads.emplace_back([&, I] {
      Start.arrive_and_wait();
      Seen[I] = &Serializer<RaceFreshWithOptions>::get(Opts);
      Outputs[I] = Seen[I]->serialize(Value);
    });
  for (std::thread& T : Threads)
    T.join();

  CHECK(programsCompiled() - Before == 1);
  for (int I = 0; I < NumThreads; ++I) {
    CAPTURE(I);
    CHECK(Seen[I] == Seen[0]);
    CHECK(Outputs[I] == Expected);
  }
  CHECK(Seen[0]->options().trailingNewline);
  CHECK(Seen[0] == &Serializer<RaceFreshWithOptions>::get(Opts));
  CHECK(Seen[0] != &Serializer<RaceFreshWithOptions>::get());
  CHECK(programsCompiled() - Before == 2); // the default set just now
}

TEST_CASE("threads racing on two option sets of one type compile twice") {
  Options Nine;
  Nine.escapeHtml = true; // changes the program of a type with strings
  RaceFreshTwoOptionSets Value{"both"};

  std::uint64_t Before = programsCompiled();
  std::latch Start(NumThreads);
  std::array<const Serializer<RaceFreshTwoOptionSets>*, NumThreads> Seen{};
  std::array<std::string, NumThreads> Outputs;
  std::vector<std::thread> Threads;
  for (int I = 0; I < NumThreads; ++I)
    Threads.emplace_back([&, I] {
      Start.arrive_and_wait();
      Seen[I] = (I % 2) ? &Serializer<RaceFreshTwoOptionSets>::get(Nine)
                        : &Serializer<RaceFreshTwoOptionSets>::get();
      Outputs[I] = Seen[I]->serialize(Value);
    });
  for (std::thread& T : Threads)
    T.join();

  CHECK(programsCompiled() - Before == 2);
  for (int I = 0; I < NumThreads; ++I) {
    CAPTURE(I);
    CHECK(Seen[I] == Seen[I % 2]);
    CHECK(Outputs[I] == "{\"s\":\"both\"}");
  }
  CHECK(Seen[0] != Seen[1]);
}

TEST_CASE("one serializer used by eight threads at once") {
  const Serializer<SharedUse>& S = Serializer<SharedUse>::get();
  constexpr int Iterations = 2000;
  std::atomic<int> Mismatches{0};
  std::latch Start(NumThreads);
  std::vector<std::thread> Threads;
  for (int T = 0; T < NumThreads; ++T)
    Threads.emplace_back([&, T] {
      Start.arrive_and_wait();
      std::string Appended;
      std::string ExpectedAppended;
      for (int I = 0; I < Iterations; ++I) {
        SharedUse Value{T, I, std::string(static_cast<std::size_t>(I % 50), 'a' + T),
                        std::vector<double>(static_cast<std::size_t>(I % 7), 0.5 * T)};
        std::string Expected = "{\"thread\":" + std::to_string(T) +
                               ",\"iteration\":" + std::to_string(I) + ",\"text\":\"" +
                               Value.text + "\",\"values\":[";
        for (std::size_t K = 0; K < Value.values.size(); ++K) {
          if (K)
            Expected += ',';
          Expected += jitsontest::referenceNumber(Value.values[K]);
        }
        Expected += "]}";
        if (S.serialize(Value) != Expected)
          ++Mismatches;
        if (!S.serializeTo(Value, Appended).ok())
          ++Mismatches;
        ExpectedAppended += Expected;
      }
      if (Appended != ExpectedAppended)
        ++Mismatches;
    });
  for (std::thread& T : Threads)
    T.join();
  CHECK(Mismatches.load() == 0);
}

TEST_CASE("concurrent failures and successes do not disturb each other") {
  const Serializer<std::vector<double>>& S = Serializer<std::vector<double>>::get();
  std::atomic<int> Wrong{0};
  std::vector<std::thread> Threads;
  for (int T = 0; T < NumThreads; ++T)
    Threads.emplace_back([&, T] {
      for (int I = 0; I < 1000; ++I) {
        std::vector<double> Values(static_cast<std::size_t>(I % 5 + 1), 1.5);
        bool Fail = (I + T) % 3 == 0;
        if (Fail)
          Values.back() = std::numeric_limits<double>::infinity();
        std::string Out = "t";
        jitson::Status St = S.serializeTo(Values, Out);
        if (Fail) {
          if (St.ok() || St.code() != jitson::ErrorCode::NonFiniteNumber ||
              St.path() != '[' + std::to_string(Values.size() - 1) + ']' || Out != "t")
            ++Wrong;
        } else {
          std::string Expected = "t[";
          for (std::size_t K = 0; K < Values.size(); ++K)
            Expected += K ? ",1.5" : "1.5";
          Expected += "]";
          if (!St.ok() || Out != Expected)
            ++Wrong;
        }
      }
    });
  for (std::thread& T : Threads)
    T.join();
  CHECK(Wrong.load() == 0);
}
