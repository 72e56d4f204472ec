// Layout probes: a standard-library layout jitson does not know is reported, never read.
#include "TestHelpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace {

/// A string that keeps short contents inline with a one-byte length (like
/// libc++'s short-string mode): no (pointer, size) words to find.
class PackedString {
public:
  PackedString() = default;
  PackedString(const std::string& S) : PackedString(S.data(), S.size()) {}
  PackedString(const char* Data, std::size_t Size) {
    Length = static_cast<unsigned char>(Size < sizeof Bytes ? Size : sizeof Bytes);
    std::memcpy(Bytes, Data, Length);
  }
  const char* data() const { return Bytes; }
  std::size_t size() const { return Length; }

private:
  char Bytes[23] = {};
  unsigned char Length = 0;
};

/// A vector that stores a count instead of an end pointer.
template <class E> class CountedVector {
public:
  using value_type = E;
  CountedVector() = default;
  CountedVector(const CountedVector&) = delete;
  ~CountedVector() { delete[] Items; }
  void reserve(std::size_t N) {
    if (N <= Capacity)
      return;
    E* Grown = new E[N]();
    for (std::size_t I = 0; I < Count; ++I)
      Grown[I] = Items[I];
    delete[] Items;
    Items = Grown;
    Capacity = N;
  }
  void resize(std::size_t N) {
    reserve(N);
    Count = N;
  }
  E* data() { return Items; }
  const E* data() const { return Items; }
  std::size_t size() const { return Count; }

private:
  E* Items = nullptr;
  std::size_t Count = 0;
  std::size_t Capacity = 0;
};

} // namespace

TEST_CASE("a string layout without (pointer, size) words is rejected") {
  jitson::detail::TypeDesc D;
  D.Name = "PackedString";
  jitson::detail::probeStringLayout<PackedString>(D);
  CHECK(D.LayoutError == "unsupported layout of PackedString: no unique (data pointer, size) words");
}

TEST_CASE("a vector layout without an end pointer is rejected") {
  jitson::detail::TypeDesc D;
  D.Name = "CountedVector<int>";
  jitson::detail::probeVectorLayout<CountedVector<std::int32_t>>(D);
  CHECK(D.LayoutError ==
        "unsupported layout of CountedVector<int>: no unique (begin, end) pointer words");
}

TEST_CASE("the real standard library layouts are recognised") {
  CHECK(jitson::detail::describe<std::string>().LayoutError.empty());
  CHECK(jitson::detail::describe<std::string_view>().LayoutError.empty());
  CHECK(jitson::detail::describe<std::vector<std::string>>().LayoutError.empty());
  CHECK(jitson::detail::describe<std::optional<std::string>>().LayoutError.empty());
}

TEST_CASE("a description with an unknown layout fails to compile with UnsupportedLayout") {
  // As reflection would describe a struct whose string member had a layout
  // the probe did not recognise.
  static jitson::detail::TypeDesc Odd;
  Odd.Kind = jitson::detail::TypeKind::String;
  Odd.Name = "PackedString";
  Odd.Size = sizeof(PackedString);
  Odd.Align = alignof(PackedString);
  jitson::detail::probeStringLayout<PackedString>(Odd);
  static jitson::detail::TypeDesc Holder;
  Holder.Kind = jitson::detail::TypeKind::Struct;
  Holder.Name = "HoldsPacked";
  Holder.Size = Odd.Size;
  Holder.Align = Odd.Align;
  Holder.Members = {jitson::detail::MemberDesc{"text", 0, &Odd}};

  const jitson::detail::Program& P = jitson::detail::acquireProgram(Holder, jitson::Options{});
  const jitson::Status& St = jitson::detail::programStatus(P);
  CHECK(St.code() == jitson::ErrorCode::UnsupportedLayout);
  CHECK(St.message() == "cannot serialize HoldsPacked: unsupported layout of PackedString: no "
                        "unique (data pointer, size) words");
  std::string Out = "untouched";
  PackedString Value("abc", 3);
  jitson::Status Run = jitson::detail::runProgram(P, &Value, Out);
  CHECK(Run.code() == jitson::ErrorCode::UnsupportedLayout);
  CHECK(Out == "untouched");
}
