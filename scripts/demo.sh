#!/usr/bin/env bash
# Installs what is missing, builds the demo (in $JITSON_BUILD_DIR, default
# build/, with g++ like scripts/test.sh) and runs it: it prints a JSON
# document written by jitson.
# Arguments go to the demo, e.g. `scripts/demo.sh --check`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir="${JITSON_BUILD_DIR:-build}"
scripts/install-deps.sh
scripts/build.sh --cxx g++ --target jitson-demo "$build_dir"
exec "$build_dir/tools/jitson-demo" "$@"
