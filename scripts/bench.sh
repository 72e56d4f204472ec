#!/usr/bin/env bash
# Builds jitson-bench (Release, g++ by default) and runs it: jitson against
# RapidJSON, nlohmann::json and Boost.JSON (docs/Performance.md).
#
#   scripts/bench.sh [--cxx COMPILER] [--repetitions N] [--min-time SECONDS]
#                    [--update-docs] [-- JITSON-BENCH ARGUMENTS...]
#
# Every library's output is checked against the source documents before
# anything is timed (a difference stops the run). Results go to
# $JITSON_BUILD_DIR/bench-results/ (default build/bench-results/): results.json
# (Google Benchmark), results.csv, table.md and performance.png. The table is
# printed at the end. --update-docs also copies the table into
# docs/Performance.md and the chart to docs/performance.png. The table names
# the commit measured (`git describe --dirty`, or $JITSON_BENCH_COMMIT).
#
# Each benchmark runs --repetitions times (default 10) of at least --min-time
# seconds (default 0.2), the repetitions of all benchmarks shuffled together
# (random interleaving) so that a slow spell of a shared machine hits every
# library alike; the report uses the medians. Timing still wants a quiet
# machine: close other work first (the script warns when the load is high).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cxx=g++
repetitions=10
min_time=0.2
update_docs=0
extra=()
while (($#)); do
  case "$1" in
    --cxx) cxx="$2"; shift 2 ;;
    --repetitions) repetitions="$2"; shift 2 ;;
    --min-time) min_time="$2"; shift 2 ;;
    --update-docs) update_docs=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "bench.sh: unknown option $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
done
build_dir="${JITSON_BUILD_DIR:-build}"
out_dir="$build_dir/bench-results"

scripts/install-deps.sh
# gnuplot draws the chart; only benchmarking needs it, so it is not in install-deps.sh.
if ! command -v gnuplot >/dev/null 2>&1; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  echo "bench.sh: installing gnuplot-nox"
  "${sudo[@]}" apt-get update || echo "bench.sh: warning: apt-get update failed" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gnuplot-nox
fi

scripts/build.sh --cxx "$cxx" --target jitson-bench "$build_dir"

cores=$(nproc 2>/dev/null || echo 1)
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v c="$cores" 'BEGIN { exit !(l > c / 2) }'; then
  echo "bench.sh: warning: load average $load on $cores cores: the numbers will be noisy" >&2
fi

mkdir -p "$out_dir"
"$build_dir/benchmarks/jitson-bench" \
  --benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true \
  --benchmark_enable_random_interleaving=true --benchmark_min_time="$min_time" \
  --benchmark_out="$out_dir/results.json" --benchmark_out_format=json "${extra[@]}"

commit="${JITSON_BENCH_COMMIT:-$(git describe --always --dirty 2>/dev/null || true)}"
report=(python3 benchmarks/report.py "$out_dir/results.json" --csv "$out_dir/results.csv"
        --markdown "$out_dir/table.md" --chart-data "$out_dir/chart.dat" --commit "$commit")
((update_docs)) && report+=(--update-doc docs/Performance.md)
echo
"${report[@]}"
gnuplot -e "datafile='$out_dir/chart.dat'; outfile='$out_dir/performance.png'" \
  benchmarks/chart.gp
echo "bench.sh: results in $out_dir/ (results.json, results.csv, table.md, performance.png)"
if ((update_docs)); then
  cp "$out_dir/performance.png" docs/performance.png
  echo "bench.sh: updated docs/Performance.md (table) and docs/performance.png"
fi
