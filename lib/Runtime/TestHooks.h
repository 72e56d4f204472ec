// Developer-mode fault injection and checks, for jitson's own tests only (not installed, not API).
#ifndef JITSON_RUNTIME_TESTHOOKS_H
#define JITSON_RUNTIME_TESTHOOKS_H

#include <cstdint>

namespace jitson::runtime::testhooks {

/// jitson_rt_grow succeeds N more times, then fails (returns null, as when
/// realloc fails) on every call until reset; a negative N (the default)
/// turns the fault off. Process-wide, all threads.
void failGrowAfter(std::int64_t N) noexcept;

/// The next N compiles (compileProgram, compileType; not cache loads) fail
/// with an llvm::Error from the JIT path, as a failing LLVM codegen would.
void failNextCompiles(std::uint32_t N) noexcept;

/// Programs lowered from now on check `cur + n <= end` before every
/// fixed-size store and fail with ErrorCode::Internal when it does not hold
/// (lib/CodeGen/Lowering.cpp). Starts as JITSON_CHECK_BOUNDS (environment,
/// else the CMake option of the same name).
void setCheckBounds(bool On) noexcept;
bool checkBounds() noexcept;

/// Programs lowered from now on leave out every fixed-size capacity check,
/// as a wrong fixedBound would: the bug setCheckBounds exists to catch.
/// Only for tests that show the check fires; never without setCheckBounds.
void setSkipCapacityChecks(bool On) noexcept;
bool skipCapacityChecks() noexcept;

/// Programs compiled through compileProgram/compileOwnedProgram (tools,
/// tests) and not yet released.
std::uint64_t livePrograms() noexcept;

} // namespace jitson::runtime::testhooks

#endif // JITSON_RUNTIME_TESTHOOKS_H
