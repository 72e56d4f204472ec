// serializeTo(value, jitson::Buffer&): in-place output, appending, errors that leave the buffer as it was.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

namespace {

struct BufPoint {
  double x, y;
};
struct BufShape {
  std::string name;
  std::vector<BufPoint> points;
};

} // namespace

TEST_CASE("a Buffer receives exactly what serialize returns") {
  BufShape S{"tri", {{0, 0}, {1, 0.5}}};
  const auto& Ser = jitson::Serializer<BufShape>::get();
  jitson::Buffer B;
  CHECK(B.empty());
  CHECK(B.data() == nullptr); // nothing allocated before the first use
  REQUIRE(Ser.serializeTo(S, B));
  CHECK(B.view() == Ser.serialize(S));
  CHECK(B.str() == R"({"name":"tri","points":[{"x":0,"y":0},{"x":1,"y":0.5}]})");
  CHECK(B.capacity() >= B.size());
}

TEST_CASE("a Buffer appends, and clear keeps its storage") {
  const auto& Ser = jitson::Serializer<BufPoint>::get();
  jitson::Buffer B;
  REQUIRE(Ser.serializeTo(BufPoint{1, 2}, B));
  REQUIRE(Ser.serializeTo(BufPoint{3, 4}, B));
  CHECK(B.view() == R"({"x":1,"y":2}{"x":3,"y":4})");
  const char* Storage = B.data();
  std::size_t Capacity = B.capacity();
  B.clear();
  CHECK(B.empty());
  REQUIRE(Ser.serializeTo(BufPoint{5, 6}, B));
  CHECK(B.view() == R"({"x":5,"y":6})");
  CHECK(B.data() == Storage);
  CHECK(B.capacity() == Capacity);
}

TEST_CASE("an error leaves the Buffer's contents as they were, even after it grew") {
  const auto& Ser = jitson::Serializer<BufShape>::get();
  jitson::Buffer B;
  REQUIRE(Ser.serializeTo(BufShape{"before", {}}, B));
  std::string Before = B.str();
  // Enough points to make the buffer grow before the NaN at the end.
  BufShape Bad{"bad", std::vector<BufPoint>(20000, BufPoint{1.5, 2.5})};
  Bad.points.back().y = std::nan("");
  jitson::Status St = Ser.serializeTo(Bad, B);
  CHECK(St.code() == jitson::ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".points[19999].y");
  CHECK(B.view() == Before);
  // And the buffer still works.
  REQUIRE(Ser.serializeTo(BufShape{"after", {}}, B));
  CHECK(B.view() == Before + R"({"name":"after","points":[]})");
}

TEST_CASE("large outputs grow a Buffer from empty") {
  BufShape Big{std::string(100000, 'q'), std::vector<BufPoint>(50000, BufPoint{0.25, -3})};
  jitson::Buffer B;
  REQUIRE(jitson::Serializer<BufShape>::get().serializeTo(Big, B));
  CHECK(B.view() == jitson::toJson(Big));
}

TEST_CASE("Buffers move and own their storage") {
  jitson::Buffer A;
  REQUIRE(jitson::Serializer<BufPoint>::get().serializeTo(BufPoint{7, 8}, A));
  jitson::Buffer B(std::move(A));
  CHECK(B.view() == R"({"x":7,"y":8})");
  CHECK(A.empty()); // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  jitson::Buffer C;
  REQUIRE(jitson::Serializer<BufPoint>::get().serializeTo(BufPoint{9, 10}, C));
  C = std::move(B);
  CHECK(C.view() == R"({"x":7,"y":8})");
}

TEST_CASE("threads with their own Buffers share one serializer") {
  const auto& Ser = jitson::Serializer<BufShape>::get();
  std::vector<std::string> Outputs(8);
  std::vector<std::thread> Threads;
  for (int I = 0; I < 8; ++I)
    Threads.emplace_back([&, I] {
      jitson::Buffer B;
      for (int K = 0; K < 500; ++K) {
        B.clear();
        if (!Ser.serializeTo(BufShape{std::to_string(I), {{double(I), double(K)}}}, B))
          return;
      }
      Outputs[I] = B.str();
    });
  for (std::thread& T : Threads)
    T.join();
  for (int I = 0; I < 8; ++I)
    CHECK(Outputs[I] == "{\"name\":\"" + std::to_string(I) + "\",\"points\":[{\"x\":" +
                            std::to_string(I) + ",\"y\":499}]}");
}
