#!/usr/bin/env bash
# Installs the Debian 12 packages jitson needs to build, test and run its demo.
# Idempotent: only packages that are not yet installed are installed, and
# nothing at all (not even `apt-get update`) runs when every one is present.
set -euo pipefail

JITSON_DEBIAN_PACKAGES=(
  llvm-19-dev llvm-19-tools clang-19 # LLVM 19 ORC, lit and FileCheck; clang++-19 for the second build
  g++ cmake ninja-build              # toolchain
  libboost1.81-dev                   # Boost.PFR (reflection)
  libfmt-dev                         # Dragonbox: floats' shortest digits; the tests' oracle
  doctest-dev                        # unit tests
  rapidjson-dev nlohmann-json3-dev   # reference JSON libraries for tests, benchmarks and the demo
  libbenchmark-dev                   # benchmarks
  libboost-json1.81-dev              # Boost.JSON, a peer in jitson-bench (a compiled library, not in libboost1.81-dev)
  libclang-rt-19-dev                 # compiler-rt for clang-19: libFuzzer and the ASan/UBSan/TSan runtimes of the sanitizer builds (test.sh, fuzz.sh); clang-19 does not depend on it
)

jitson_install_deps() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: no dpkg/apt (not Debian?): install these yourself: ${JITSON_DEBIAN_PACKAGES[*]}" >&2
    return 0
  fi

  local missing=() pkg
  for pkg in "${JITSON_DEBIAN_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]]; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#JITSON_DEBIAN_PACKAGES[@]} packages are present."
    return 0
  fi

  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "install-deps: missing packages (${missing[*]}) and not root, and sudo is not available" >&2
      return 1
    fi
  fi

  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A failing third-party source should not stop us: the install below fails
  # clearly if a package is really unavailable.
  "${sudo[@]}" apt-get update || echo "install-deps: warning: apt-get update failed; trying to install anyway" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

jitson_install_deps
