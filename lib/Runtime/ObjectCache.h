// The persistent object cache: compiled programs on disk, keyed by everything that shapes the code.
#ifndef JITSON_RUNTIME_OBJECTCACHE_H
#define JITSON_RUNTIME_OBJECTCACHE_H

#include "Runtime/CompileTiming.h"
#include "jitson/Options.h"
#include "jitson/detail/TypeDescription.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace jitson::runtime {

/// SHA-256 of the key text (see makeCacheKey).
struct CacheKey {
  std::array<std::uint8_t, 32> Digest{};
  std::string hex() const;
};

/// The target the JIT compiles for; part of every key.
struct TargetIdentity {
  std::string Triple;
  std::string CPU;
  std::string Features; ///< Sorted, comma-separated: "+avx2,+avx512f,-xop,...".
};

/// Hashes every input that shapes a program's object code: the printed type
/// definitions reachable from Root (names, layouts, member metadata), the
/// options, the tier, the target (triple, CPU, features), LLVM's version and
/// this libjitson build (version and ELF build id, so a rebuilt generator
/// never loads an older generator's code).
CacheKey makeCacheKey(const detail::TypeDesc& Root, const Options& Opts, Tier T,
                      const TargetIdentity& Target);

/// The cache directory in effect: setCacheDirectory's, else $JITSON_CACHE_DIR,
/// else none (the cache is off).
std::optional<std::string> cacheDirectory();
void setCacheDirectory(std::string Dir);

/// The object stored for Key in Dir, or null when there is none or the file
/// is not exactly what writeCachedObject wrote for Key (wrong magic, version,
/// key, length or checksum): such a file is never used, and the next
/// writeCachedObject replaces it.
std::unique_ptr<llvm::MemoryBuffer> readCachedObject(llvm::StringRef Dir, const CacheKey& Key);

/// Stores Object for Key in Dir: written to a private temporary file, then
/// renamed over the final name, so readers in other processes see either the
/// old file or the complete new one. False when it could not be written
/// (the cache is an optimisation: callers carry on).
bool writeCachedObject(llvm::StringRef Dir, const CacheKey& Key, llvm::StringRef Object);

/// The path writeCachedObject uses for Key (tests corrupt it on purpose).
std::string cachedObjectPath(llvm::StringRef Dir, const CacheKey& Key);

/// Whether any type reachable from Root failed its layout probe: such a
/// program must be built (to report the error), never loaded from the cache.
bool hasLayoutError(const detail::TypeDesc& Root);

} // namespace jitson::runtime

#endif // JITSON_RUNTIME_OBJECTCACHE_H
