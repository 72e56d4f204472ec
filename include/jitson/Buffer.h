// jitson::Buffer: a reusable output buffer that generated code writes into directly.
#ifndef JITSON_BUFFER_H
#define JITSON_BUFFER_H

#include <cstddef>
#include <string>
#include <string_view>

namespace jitson {

namespace detail {
/// The words generated code reads and updates (lib/CodeGen/RuntimeAbi.h):
/// the write cursor, the end of the storage, the start of the storage.
struct BufferWords {
  char* Cur = nullptr;
  char* End = nullptr;
  char* Begin = nullptr;
};
} // namespace detail

/// Growable bytes that Serializer<T>::serializeTo(value, Buffer&) appends to
/// without an intermediate copy: the fastest way to serialize many values.
/// Reuse one (clear() keeps the capacity). Not copyable; movable.
class Buffer {
public:
  Buffer() noexcept = default;
  ~Buffer();
  Buffer(Buffer&& Other) noexcept : W(Other.W) { Other.W = {}; }
  Buffer& operator=(Buffer&& Other) noexcept;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  [[nodiscard]] const char* data() const noexcept { return W.Begin; }
  [[nodiscard]] std::size_t size() const noexcept {
    return static_cast<std::size_t>(W.Cur - W.Begin);
  }
  [[nodiscard]] std::size_t capacity() const noexcept {
    return static_cast<std::size_t>(W.End - W.Begin);
  }
  [[nodiscard]] bool empty() const noexcept { return W.Cur == W.Begin; }
  [[nodiscard]] std::string_view view() const noexcept { return {W.Begin, size()}; }
  [[nodiscard]] std::string str() const { return std::string(view()); }
  /// Forgets the contents, keeps the storage.
  void clear() noexcept { W.Cur = W.Begin; }

  /// For the library: the words generated code writes through.
  detail::BufferWords& words() noexcept { return W; }

private:
  detail::BufferWords W;
};

} // namespace jitson

#endif // JITSON_BUFFER_H
