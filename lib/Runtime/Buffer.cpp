// jitson::Buffer's storage: malloc'd here and grown by jitson_rt_grow, so freed here too.
#include "jitson/Buffer.h"

#include <cstdlib>

namespace jitson {

Buffer::~Buffer() { std::free(W.Begin); }

Buffer& Buffer::operator=(Buffer&& Other) noexcept {
  if (this != &Other) {
    std::free(W.Begin);
    W = Other.W;
    Other.W = {};
  }
  return *this;
}

} // namespace jitson
