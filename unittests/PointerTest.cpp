// Pointers: T*, const T*, std::unique_ptr, std::shared_ptr; recursive types through them, TooDeep and Cycle.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

using jitson::ErrorCode;
using jitson::Serializer;
using jitson::Status;
using jitsontest::json;

namespace {

struct PtrPoint {
  std::int32_t x, y;
};

struct Pointers {
  const PtrPoint* raw;
  PtrPoint* mutableRaw;
  std::unique_ptr<PtrPoint> unique;
  std::shared_ptr<PtrPoint> shared;
  std::shared_ptr<const std::string> text;
};

// The recursive type.
struct Node {
  std::int32_t v;
  std::vector<Node> kids;
  std::unique_ptr<Node> next;
};

struct RawNode {
  std::int32_t v;
  RawNode* next;
};

struct SharedNode {
  std::int32_t v;
  std::shared_ptr<SharedNode> next;
};

struct NanHolder {
  std::unique_ptr<double> d;
};

/// A chain of N nodes linked through next, values 1..N.
std::unique_ptr<Node> nextChain(int N) {
  std::unique_ptr<Node> Head;
  for (int I = N; I >= 1; --I) {
    auto Fresh = std::make_unique<Node>();
    Fresh->v = I;
    Fresh->next = std::move(Head);
    Head = std::move(Fresh);
  }
  return Head;
}

std::string nextChainJson(int N) {
  std::string Out;
  for (int I = 1; I <= N; ++I)
    Out += "{\"v\":" + std::to_string(I) + ",\"kids\":[],\"next\":";
  Out += "null";
  for (int I = 1; I <= N; ++I)
    Out += "}";
  return Out;
}

} // namespace

TEST_CASE("null pointers are null, others their pointee") {
  CHECK(json(static_cast<const std::int32_t*>(nullptr)) == "null");
  std::int32_t Five = 5;
  CHECK(json(static_cast<const std::int32_t*>(&Five)) == "5");
  CHECK(json(static_cast<std::int32_t*>(&Five)) == "5");
  CHECK(json(std::unique_ptr<std::int32_t>()) == "null");
  CHECK(json(std::make_unique<std::int32_t>(-3)) == "-3");
  CHECK(json(std::shared_ptr<std::string>()) == "null");
  CHECK(json(std::make_shared<std::string>("s\"")) == "\"s\\\"\"");
  CHECK(json(std::make_shared<const double>(0.25)) == "0.25");

  CHECK(json(Pointers{}) ==
        "{\"raw\":null,\"mutableRaw\":null,\"unique\":null,\"shared\":null,\"text\":null}");
  PtrPoint A{1, 2}, B{3, 4};
  Pointers P{&A, &B, std::make_unique<PtrPoint>(PtrPoint{5, 6}),
             std::make_shared<PtrPoint>(PtrPoint{7, 8}), std::make_shared<const std::string>("t")};
  CHECK(json(P) == "{\"raw\":{\"x\":1,\"y\":2},\"mutableRaw\":{\"x\":3,\"y\":4},"
                   "\"unique\":{\"x\":5,\"y\":6},\"shared\":{\"x\":7,\"y\":8},\"text\":\"t\"}");
}

TEST_CASE("pointers to pointers and containers of pointers") {
  std::int32_t V = 9;
  const std::int32_t* Inner = &V;
  const std::int32_t* const* Outer = &Inner;
  CHECK(json(Outer) == "9");
  const std::int32_t* NullInner = nullptr;
  CHECK(json(static_cast<const std::int32_t* const*>(&NullInner)) == "null");
  std::vector<std::unique_ptr<std::int32_t>> List;
  List.push_back(std::make_unique<std::int32_t>(1));
  List.push_back(nullptr);
  List.push_back(std::make_unique<std::int32_t>(3));
  CHECK(json(List) == "[1,null,3]");
  std::unique_ptr<std::unique_ptr<std::int32_t>> Twice =
      std::make_unique<std::unique_ptr<std::int32_t>>();
  CHECK(json(Twice) == "null");
  *Twice = std::make_unique<std::int32_t>(2);
  CHECK(json(Twice) == "2");
}

TEST_CASE("shared pointees reached twice are written twice (not a cycle)") {
  auto Leaf = std::make_shared<SharedNode>(SharedNode{3, nullptr});
  std::vector<std::shared_ptr<SharedNode>> Twice{Leaf, Leaf};
  CHECK(json(Twice) == "[{\"v\":3,\"next\":null},{\"v\":3,\"next\":null}]");
  SharedNode A{1, Leaf};
  SharedNode B{2, Leaf};
  std::vector<SharedNode> Both{A, B};
  CHECK(json(Both) == "[{\"v\":1,\"next\":{\"v\":3,\"next\":null}},"
                      "{\"v\":2,\"next\":{\"v\":3,\"next\":null}}]");
}

TEST_CASE("the recursive Node of the issue") {
  Node Leaf{};
  CHECK(json(Leaf) == "{\"v\":0,\"kids\":[],\"next\":null}");
  Node Root;
  Root.v = 1;
  Root.kids.push_back(Node{2, {}, nullptr});
  Root.kids.push_back(Node{3, {}, nextChain(1)});
  Root.next = std::make_unique<Node>();
  Root.next->v = 4;
  Root.next->kids.push_back(Node{5, {}, nullptr});
  CHECK(json(Root) == "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[],\"next\":null},"
                      "{\"v\":3,\"kids\":[],\"next\":{\"v\":1,\"kids\":[],\"next\":null}}],"
                      "\"next\":{\"v\":4,\"kids\":[{\"v\":5,\"kids\":[],\"next\":null}],"
                      "\"next\":null}}");
  CHECK(json(nextChain(30)) == nextChainJson(30));
  RawNode C{3, nullptr}, Bn{2, &C}, A{1, &Bn};
  CHECK(json(A) == "{\"v\":1,\"next\":{\"v\":2,\"next\":{\"v\":3,\"next\":null}}}");
}

TEST_CASE("recursion beyond maxDepth fails with TooDeep and the path") {
  jitson::Options Opts;
  Opts.maxDepth = 3;
  const Serializer<Node>& S = Serializer<Node>::get(Opts);
  REQUIRE(S.status().ok());
  // Three levels fit exactly.
  std::unique_ptr<Node> Three = nextChain(3);
  CHECK(S.serialize(*Three) == nextChainJson(3));
  // A fourth does not.
  std::unique_ptr<Node> Four = nextChain(4);
  std::string Out = "keep";
  Status St = S.serializeTo(*Four, Out);
  CHECK(St.code() == ErrorCode::TooDeep);
  CHECK(St.path() == ".next.next.next");
  CHECK(St.message().find("maxDepth") != std::string::npos);
  CHECK(Out == "keep");
  // Through the vector.
  Node K{1, {}, nullptr};
  K.kids.push_back(Node{2, {}, nullptr});
  K.kids.push_back(Node{3, {}, nullptr});
  K.kids[1].kids.push_back(Node{4, {}, nullptr});
  K.kids[1].kids[0].kids.push_back(Node{5, {}, nullptr});
  St = S.serializeTo(K, Out);
  CHECK(St.code() == ErrorCode::TooDeep);
  CHECK(St.path() == ".kids[1].kids[0].kids[0]");
  CHECK(Out == "keep");
  // Raw pointers.
  RawNode D4{4, nullptr}, D3{3, &D4}, D2{2, &D3}, D1{1, &D2};
  const Serializer<RawNode>& R = Serializer<RawNode>::get(Opts);
  St = R.serializeTo(D1, Out);
  CHECK(St.code() == ErrorCode::TooDeep);
  CHECK(St.path() == ".next.next.next");
  D3.next = nullptr;
  CHECK(R.serialize(D1) == "{\"v\":1,\"next\":{\"v\":2,\"next\":{\"v\":3,\"next\":null}}}");
  // The default limit is 1000.
  std::unique_ptr<Node> Thousand = nextChain(1000);
  CHECK(Serializer<Node>::get().serialize(*Thousand) == nextChainJson(1000));
  std::unique_ptr<Node> More = nextChain(1001);
  St = Serializer<Node>::get().serializeTo(*More, Out);
  CHECK(St.code() == ErrorCode::TooDeep);
  CHECK(Out == "keep");
  // Unlink iteratively: the implicit destructors would recurse 1000 deep (fine, but slow to read).
  for (std::unique_ptr<Node>* L : {&Thousand, &More}) {
    std::unique_ptr<Node> Cur = std::move(*L);
    while (Cur)
      Cur = std::move(Cur->next);
  }
}

TEST_CASE("a raw pointer cycle fails with Cycle") {
  RawNode A{1, nullptr};
  A.next = &A;
  std::string Out = "keep";
  Status St = Serializer<RawNode>::get().serializeTo(A, Out);
  CHECK(St.code() == ErrorCode::Cycle);
  CHECK(Out == "keep");
  CHECK(St.path().substr(0, 10) == ".next.next");

  RawNode B{2, nullptr}, C{3, nullptr}, D{4, nullptr};
  B.next = &C;
  C.next = &D;
  D.next = &B;
  St = Serializer<RawNode>::get().serializeTo(B, Out);
  CHECK(St.code() == ErrorCode::Cycle);
  CHECK(Out == "keep");
  // With a smaller limit too, and the next call is fine.
  jitson::Options Opts;
  Opts.maxDepth = 10;
  St = Serializer<RawNode>::get(Opts).serializeTo(B, Out);
  CHECK(St.code() == ErrorCode::Cycle);
  D.next = nullptr;
  CHECK(Serializer<RawNode>::get().serialize(B) ==
        "{\"v\":2,\"next\":{\"v\":3,\"next\":{\"v\":4,\"next\":null}}}");
  // A cycle of 200 nodes (shorter than 256 calls).
  std::vector<RawNode> Ring(200);
  for (std::size_t I = 0; I < Ring.size(); ++I)
    Ring[I] = RawNode{std::int32_t(I), &Ring[(I + 1) % Ring.size()]};
  St = Serializer<RawNode>::get().serializeTo(Ring[0], Out);
  CHECK(St.code() == ErrorCode::Cycle);
  CHECK(Out == "keep");
}

TEST_CASE("a shared_ptr cycle fails with Cycle") {
  auto A = std::make_shared<SharedNode>(SharedNode{1, nullptr});
  auto B = std::make_shared<SharedNode>(SharedNode{2, A});
  A->next = B;
  std::string Out;
  Status St = Serializer<SharedNode>::get().serializeTo(*A, Out);
  CHECK(St.code() == ErrorCode::Cycle);
  CHECK(Out.empty());
  bool Threw = false;
  try {
    (void)jitson::toJson(*B);
  } catch (const jitson::Error& E) {
    Threw = true;
    CHECK(E.code() == ErrorCode::Cycle);
  }
  CHECK(Threw);
  A->next.reset(); // break the cycle (and the leak)
  CHECK(json(*B) == "{\"v\":2,\"next\":{\"v\":1,\"next\":null}}");
}

TEST_CASE("errors under a pointer name the pointer member") {
  NanHolder H{std::make_unique<double>(std::numeric_limits<double>::infinity())};
  std::string Out = "x";
  Status St = Serializer<NanHolder>::get().serializeTo(H, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".d");
  CHECK(Out == "x");
}
