// The JIT's price under the user's control: ahead-of-time compiles, tiers, the persistent cache.
#ifndef JITSON_JIT_H
#define JITSON_JIT_H

#include "jitson/Error.h"
#include "jitson/Options.h"
#include "jitson/detail/Program.h"
#include "jitson/detail/Reflection.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace jitson {

/// Which code a new serializer gets.
/// - Auto (default): the first use interprets the serializer IR (no LLVM
///   compile: about a millisecond for a large schema) and compiles the
///   optimised program on a background thread; the serializer switches to it
///   when it is ready. prepare() and a persistent-cache hit give the
///   optimised program at once.
/// - Fast: only a cheaply compiled program (no IR optimisation, fastest codegen).
/// - Optimized: only the optimised program, compiled on first use.
/// - Interpret: only the interpreter (tests; processes that serialize little).
/// Every tier writes identical JSON. The environment variable
/// JITSON_TIER=auto|fast|optimized|interpret sets the initial choice.
enum class Tier : std::uint8_t { Auto, Fast, Optimized, Interpret };

/// Sets the tier for serializers compiled from now on (existing ones keep theirs).
void setTier(Tier T) noexcept;
[[nodiscard]] Tier tier() noexcept;

/// Turns the persistent object cache on (a directory, created when needed)
/// or off (empty). Compiled programs are stored there and later processes
/// load them without compiling (about 1 ms instead of tens). Overrides
/// $JITSON_CACHE_DIR, which is read once. Files are checked before use; a
/// damaged or foreign file is ignored and rewritten. Processes may share it.
void setCacheDirectory(std::string_view Dir);
/// The directory in effect, or empty when the cache is off.
[[nodiscard]] std::string cacheDirectory();

/// Waits until the background compiler has finished everything queued so far
/// (tier upgrades and background prepares).
void waitForBackgroundCompiles() noexcept;

namespace detail {
/// Compiles (Type, Opts) now, or queues it on the background compiler.
Status prepareProgram(const TypeDesc& Type, const Options& Opts, bool Background) noexcept;
/// The tier P runs now (Auto: not compiled, or compiling failed).
Tier programTier(const Program& P) noexcept;
} // namespace detail

/// Compiles the serializers of T... with Opts ahead of time, like Sonic's
/// Pretouch: every type reachable from each T is compiled into T's program.
/// Synchronous by default (returns the first failure, also reported later by
/// Serializer::status()); with Background the compiles run on jitson's
/// background thread and this returns at once (ok). Prepared programs are
/// optimised directly (unless the tier is Fast). A later
/// Serializer<T>::get(Opts) finds the prepared program; one still compiling
/// in the background is waited for.
template <class... T> Status prepare(const Options& Opts = {}, bool Background = false) {
  Status First;
  ((First = First.ok() ? detail::prepareProgram(
                              detail::describe<T>(),
                              detail::normalizedOptions(detail::describe<T>(), Opts), Background)
                        : First),
   ...);
  return First;
}

} // namespace jitson

#endif // JITSON_JIT_H
