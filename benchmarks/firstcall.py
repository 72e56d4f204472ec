#!/usr/bin/env python3
"""Runs jitson-firstcall (one fresh process per measurement) and prints the median table of
time-to-first-serialize per schema and mode, split into stages (docs/Performance.md, "First call").

  benchmarks/firstcall.py --bin build/benchmarks/jitson-firstcall [--runs 9] [--schemas twitter,...]

Modes:
  auto       the default: the first call is interpreted (IR built, no LLVM); the optimised
             program is compiled in the background (its cost is the "background" row)
  fast       JITSON tier forced to fast: the first call waits for a cheaply compiled program
  optimized  JITSON tier forced to optimized: the first call waits for the optimised program
  cache      a warm persistent cache (filled once beforehand), in auto: the first call is
             interpreted while the object is loaded in the background ("cache load" row);
             and forced optimized: the first call waits for the load
Exits non-zero if any run fails (ctest uses --runs 1 as a smoke test).
"""
import argparse
import statistics
import subprocess
import sys
import tempfile

SCHEMAS = ["twitter", "json_performance", "canada", "micro_small", "struct10"]
COLUMNS = [("first_serialize_ms", "first call"), ("reflect_ms", "reflection"),
           ("session_ms", "JIT start"), ("ir_ms", "IR"), ("lower_ms", "LLVM IR"),
           ("optimize_ms", "optimise"), ("codegen_ms", "codegen"), ("link_ms", "link"),
           ("cache_ms", "cache")]


def run(binary, args):
    out = subprocess.run([binary] + args, check=True, capture_output=True, text=True).stdout
    fields = {}
    for item in out.split():
        key, _, value = item.partition("=")
        fields[key] = value
    return fields


def median(rows, key):
    values = [float(r[key]) for r in rows if key in r]
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--schemas", default=",".join(SCHEMAS))
    opts = parser.parse_args()

    header = ["schema", "mode"] + [title + " (ms)" for _, title in COLUMNS] + \
        ["code (B)", "object (B)", "RSS (MB)"]
    print("| " + " | ".join(header) + " |")
    print("|---|---|" + "--:|" * (len(header) - 2))

    def row(schema, mode, rows, prefix=""):
        cells = [schema, mode]
        for key, _ in COLUMNS:
            k = key if key in ("first_serialize_ms", "reflect_ms") or not prefix else prefix + key
            if prefix and key == "first_serialize_ms":
                k = "bg_compile_total_ms"
            if prefix and key == "reflect_ms":
                cells.append("–")
                continue
            cells.append("%.2f" % median(rows, k))
        cells.append("%d" % median(rows, prefix + "code_bytes"))
        cells.append("%d" % median(rows, prefix + "object_bytes"))
        cells.append("%.1f" % (median(rows, prefix + "rss_kb") / 1024))
        print("| " + " | ".join(cells) + " |")

    for schema in opts.schemas.split(","):
        auto = [run(opts.bin, [schema, "--tier=auto", "--wait"]) for _ in range(opts.runs)]
        row(schema, "auto (interpreted)", auto)
        row(schema, "background optimised", auto, prefix="bg_")
        fast = [run(opts.bin, [schema, "--tier=fast"]) for _ in range(opts.runs)]
        row(schema, "fast", fast)
        optimized = [run(opts.bin, [schema, "--tier=optimized"]) for _ in range(opts.runs)]
        row(schema, "optimized", optimized)
        with tempfile.TemporaryDirectory(prefix="jitson-cache-") as cache:
            fill = run(opts.bin, [schema, "--tier=optimized", "--cache=" + cache])
            if fill.get("cache_hit") != "0":
                sys.exit("cache fill for %s was not a miss" % schema)
            warm = [run(opts.bin, [schema, "--cache=" + cache, "--wait"])
                    for _ in range(opts.runs)]
            if any(r.get("bg_cache_hit") != "1" for r in warm):
                sys.exit("warm cache run for %s did not hit" % schema)
            row(schema, "warm cache (auto)", warm)
            row(schema, "cache load (background)", warm, prefix="bg_")
            loaded = [run(opts.bin, [schema, "--tier=optimized", "--cache=" + cache])
                      for _ in range(opts.runs)]
            if any(r.get("cache_hit") != "1" for r in loaded):
                sys.exit("warm cache run (optimized) for %s did not hit" % schema)
            row(schema, "warm cache (optimized)", loaded)
    return 0


if __name__ == "__main__":
    sys.exit(main())
