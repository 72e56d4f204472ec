#!/usr/bin/env bash
# Installs what is missing, then builds everything and runs every test, twice:
# with g++ in $JITSON_BUILD_DIR (default build/) and with clang++-19 in
# $JITSON_BUILD_DIR-clang (skip it with JITSON_SKIP_CLANG=1). Exits non-zero
# if anything fails to build or any test fails.
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

build_and_test g++ g++ "$build_dir"
if [[ "${JITSON_SKIP_CLANG:-0}" == 1 ]]; then
  echo "=== jitson: clang++-19 skipped (JITSON_SKIP_CLANG=1) ==="
else
  build_and_test clang++-19 clang++-19 "$build_dir-clang"
fi

if ((${#failed[@]})); then
  echo "jitson: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "jitson: all builds and tests passed"
