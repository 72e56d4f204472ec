#!/usr/bin/env bash
# Installs what is missing, then builds everything and runs every test, twice:
# with g++ in $JITSON_BUILD_DIR (default build/) and with clang++-19 in
# $JITSON_BUILD_DIR-clang (skip it with JITSON_SKIP_CLANG=1). Then two
# sanitizer configurations of clang++-19 (skip both with
# JITSON_SKIP_SANITIZERS=1), each building only what it runs:
#   $JITSON_BUILD_DIR-clang-asan  ASan+UBSan and libFuzzer: the unit tests,
#                                 lit, jitson-difftest (5 x 10^4 values) and
#                                 a $JITSON_FUZZ_SECONDS (default 20)
#                                 run of each fuzz target (docs/Testing.md)
#   $JITSON_BUILD_DIR-clang-tsan  TSan: the concurrency tests
# Exits non-zero if anything fails to build or any test fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir="${JITSON_BUILD_DIR:-build}"
jobs="${JITSON_JOBS:-$(nproc 2>/dev/null || echo 2)}"

scripts/install-deps.sh

failed=()
# build_and_test NAME COMPILER BUILD_DIR
build_and_test() {
  echo "=== jitson: $1 ($3) ==="
  if ! scripts/build.sh --cxx "$2" "$3"; then
    failed+=("$1 build")
    return
  fi
  if ! (cd "$3" && ctest --output-on-failure -j "$jobs" --timeout 900); then
    failed+=("$1 tests")
  fi
}

# configure_sanitized BUILD_DIR CMAKE_ARGS...: a clang++-19 build at -O1 with
# line tables (readable sanitizer reports, a quicker build than -O2).
configure_sanitized() {
  local dir="$1"
  shift
  local configure=(cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    -DCMAKE_CXX_COMPILER=clang++-19 "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" "$@")
  if [[ ! -f "$dir/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then
    configure+=(-G Ninja)
  fi
  echo "+ ${configure[*]}"
  "${configure[@]}"
}

# ASan+UBSan with libFuzzer: the unit tests, lit (through jitson-opt), the
# differential test (one seed, 5 x 10^4 values) and a time-boxed run of each
# fuzz target. Not the tier/cache variants of the unit
# tests: they run the same code paths, and the budget is the whole command.
asan_and_fuzz() {
  local dir="$build_dir-clang-asan"
  echo "=== jitson: clang++-19 ASan+UBSan and libFuzzer ($dir) ==="
  if ! configure_sanitized "$dir" -DJITSON_SANITIZE=address,undefined -DJITSON_FUZZ=ON \
         "-DJITSON_FUZZ_SECONDS=${JITSON_FUZZ_SECONDS:-20}" ||
     ! cmake --build "$dir" -j "$jobs" --target jitson-unittests jitson-opt jitson-difftest \
         jitson-fuzz-string-escape jitson-fuzz-ir-parser jitson-fuzz-value; then
    failed+=("asan build")
    return
  fi
  # Tests ask for absurd sizes on purpose (OutOfMemory paths): the sanitizer
  # allocators must return null then, as malloc does, not abort.
  if ! (cd "$dir" && ASAN_OPTIONS="allocator_may_return_null=1 ${ASAN_OPTIONS:-}" \
          ctest --output-on-failure -j "$jobs" --timeout 900 \
            -R '^(unittests|lit|jitson-difftest[.]seed1|fuzz[.].*)$'); then
    failed+=("asan tests")
  fi
}

# TSan: the concurrency tests (ConcurrencyTest.cpp, ConcurrencyStressTest.cpp).
tsan() {
  local dir="$build_dir-clang-tsan"
  echo "=== jitson: clang++-19 TSan ($dir) ==="
  if ! configure_sanitized "$dir" -DJITSON_SANITIZE=thread ||
     ! cmake --build "$dir" -j "$jobs" --target jitson-unittests; then
    failed+=("tsan build")
    return
  fi
  if ! TSAN_OPTIONS="halt_on_error=1 allocator_may_return_null=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
       "$dir/unittests/jitson-unittests" --source-file='*Concurrency*'; then
    failed+=("tsan tests")
  fi
}

build_and_test g++ g++ "$build_dir"
if [[ "${JITSON_SKIP_CLANG:-0}" == 1 ]]; then
  echo "=== jitson: clang++-19 skipped (JITSON_SKIP_CLANG=1) ==="
else
  build_and_test clang++-19 clang++-19 "$build_dir-clang"
fi
if [[ "${JITSON_SKIP_SANITIZERS:-0}" == 1 ]]; then
  echo "=== jitson: sanitizer builds skipped (JITSON_SKIP_SANITIZERS=1) ==="
else
  asan_and_fuzz
  tsan
fi

if ((${#failed[@]})); then
  echo "jitson: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "jitson: all builds and tests passed"
