// Recursive types: self- and mutually recursive aggregates reached through vectors, optionals and arrays.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using jitson::ErrorCode;
using jitson::Status;
using jitsontest::json;

namespace {

struct Tree {
  std::string name;
  std::vector<Tree> kids;
};

// A recursive type used as a member of a non-recursive one.
struct Forest {
  std::uint8_t count;
  Tree first;
  std::vector<Tree> rest;
};

// Mutual recursion: a directory holds files and directories, a file may
// hold an attached directory.
struct File;
struct Directory {
  std::string path;
  std::vector<File> files;
  std::vector<Directory> subdirectories;
};
struct File {
  std::string name;
  double size;
  std::vector<Directory> attached;
};

// Recursion through an optional vector and through an array of vectors.
struct MaybeKids {
  std::int32_t id;
  std::optional<std::vector<MaybeKids>> kids;
};

struct Binary {
  std::int32_t key;
  std::array<std::vector<Binary>, 2> sides; // left, right: empty or one node
};

std::string treeJson(const Tree& T) {
  std::string Out = "{\"name\":" + jitsontest::referenceEscape(T.name) + ",\"kids\":[";
  for (std::size_t I = 0; I < T.kids.size(); ++I) {
    if (I)
      Out += ',';
    Out += treeJson(T.kids[I]);
  }
  return Out + "]}";
}

Tree fullTree(int Depth, int Fanout, const std::string& Name) {
  Tree T{Name, {}};
  if (Depth > 1)
    for (int I = 0; I < Fanout; ++I)
      T.kids.push_back(fullTree(Depth - 1, Fanout, Name + std::to_string(I)));
  return T;
}

} // namespace

TEST_CASE("self-recursive trees") {
  CHECK(json(Tree{"leaf", {}}) == "{\"name\":\"leaf\",\"kids\":[]}");
  Tree Small{"r", {{"a", {}}, {"b", {{"c", {}}}}}};
  CHECK(json(Small) == "{\"name\":\"r\",\"kids\":[{\"name\":\"a\",\"kids\":[]},"
                       "{\"name\":\"b\",\"kids\":[{\"name\":\"c\",\"kids\":[]}]}]}");
  Tree Full = fullTree(6, 4, "n\"");
  CHECK(json(Full) == treeJson(Full));
  CHECK(json(std::vector<Tree>{Small, Tree{}}) ==
        "[" + treeJson(Small) + ",{\"name\":\"\",\"kids\":[]}]");
}

TEST_CASE("a recursive type as a member of a non-recursive one") {
  Forest F{2, {"one", {{"two", {}}}}, {{"three", {}}}};
  CHECK(json(F) == "{\"count\":2,\"first\":{\"name\":\"one\",\"kids\":[{\"name\":\"two\",\"kids\":[]}]},"
                   "\"rest\":[{\"name\":\"three\",\"kids\":[]}]}");
}

TEST_CASE("mutually recursive types") {
  Directory Root{"/", {}, {}};
  Root.files.push_back(File{"a.txt", 12, {}});
  Directory Attached{"att", {File{"inner", 0.5, {}}}, {}};
  Root.files.push_back(File{"b.zip", 1e21, {Attached}});
  Root.subdirectories.push_back(Directory{"/usr", {File{"c", -0.0, {}}}, {Directory{"/usr/lib", {}, {}}}});
  CHECK(json(Root) ==
        "{\"path\":\"/\",\"files\":[{\"name\":\"a.txt\",\"size\":12,\"attached\":[]},"
        "{\"name\":\"b.zip\",\"size\":1e21,\"attached\":[{\"path\":\"att\",\"files\":"
        "[{\"name\":\"inner\",\"size\":0.5,\"attached\":[]}],\"subdirectories\":[]}]}],"
        "\"subdirectories\":[{\"path\":\"/usr\",\"files\":[{\"name\":\"c\",\"size\":-0,"
        "\"attached\":[]}],\"subdirectories\":[{\"path\":\"/usr/lib\",\"files\":[],"
        "\"subdirectories\":[]}]}]}");
  // Each type also serializes on its own.
  CHECK(json(File{"f", 1, {}}) == "{\"name\":\"f\",\"size\":1,\"attached\":[]}");
}

TEST_CASE("error paths through mutual recursion") {
  Directory Root{"/", {}, {}};
  Root.subdirectories.push_back(Directory{"x", {}, {}});
  Root.subdirectories.push_back(Directory{"y", {File{"ok", 1, {}}, File{"bad", 2, {}}}, {}});
  Directory Inner{"in", {File{"nan", std::numeric_limits<double>::quiet_NaN(), {}}}, {}};
  Root.subdirectories[1].files[1].attached.push_back(Inner);
  std::string Out = "keep";
  Status St = jitson::Serializer<Directory>::get().serializeTo(Root, Out);
  CHECK(St.code() == ErrorCode::NonFiniteNumber);
  CHECK(St.path() == ".subdirectories[1].files[1].attached[0].files[0].size");
  CHECK(Out == "keep");
}

TEST_CASE("recursion through an optional vector") {
  MaybeKids M{1, std::vector<MaybeKids>{{2, std::nullopt}, {3, std::vector<MaybeKids>{}}}};
  CHECK(json(M) == "{\"id\":1,\"kids\":[{\"id\":2,\"kids\":null},{\"id\":3,\"kids\":[]}]}");
}

TEST_CASE("recursion through an array of vectors") {
  Binary Leaf1{1, {}};
  Binary Leaf3{3, {}};
  Binary Root{2, {std::vector<Binary>{Leaf1}, std::vector<Binary>{Leaf3}}};
  CHECK(json(Root) == "{\"key\":2,\"sides\":[[{\"key\":1,\"sides\":[[],[]]}],"
                      "[{\"key\":3,\"sides\":[[],[]]}]]}");
}
