#!/usr/bin/env bash
# Configures (if needed) and builds jitson in one build directory.
#   scripts/build.sh [--cxx COMPILER] [--target TARGET]... [BUILD_DIR]
# BUILD_DIR defaults to $JITSON_BUILD_DIR, else build/. Release, Ninja when
# available, $JITSON_JOBS parallel jobs (default: nproc). Dependencies are
# not installed here: demo.sh and test.sh do that first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cxx=""
targets=()
build_dir="${JITSON_BUILD_DIR:-build}"
while (($#)); do
  case "$1" in
    --cxx) cxx="$2"; shift 2 ;;
    --target) targets+=(--target "$2"); shift 2 ;;
    -*) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    *) build_dir="$1"; shift ;;
  esac
done
jobs="${JITSON_JOBS:-$(nproc 2>/dev/null || echo 2)}"

configure=(cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release)
# The generator of an existing build directory cannot change: only choose one
# for a new directory.
if [[ ! -f "$build_dir/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then
  configure+=(-G Ninja)
fi
[[ -n "$cxx" ]] && configure+=("-DCMAKE_CXX_COMPILER=$cxx")

echo "+ ${configure[*]}"
"${configure[@]}"
echo "+ cmake --build $build_dir -j $jobs ${targets[*]}"
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
