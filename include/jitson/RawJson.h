// jitson::RawJson: a member that already holds JSON text, written verbatim.
#ifndef JITSON_RAWJSON_H
#define JITSON_RAWJSON_H

#include <string>

namespace jitson {

/// Text that is already JSON (from a cache, another serializer, ...). It is
/// copied into the output as it is, unchecked; empty text is written as null.
struct RawJson {
  std::string json;
};

} // namespace jitson

#endif // JITSON_RAWJSON_H
