#!/usr/bin/env python3
"""Turns jitson-bench's Google Benchmark JSON into a table, a CSV and chart data.

    report.py RESULTS.json [--csv FILE] [--markdown FILE] [--chart-data FILE]
              [--update-doc docs/Performance.md]

Uses the median of each benchmark's repetitions (or the single run without
repetitions). MB/s is 10^6 bytes per second of the workload's RapidJSON output
length (the same count for every library, see benchmarks/JitsonBench.cpp), so
the ratio to RapidJSON is RapidJSON's time divided by the library's.
Standard library only (no matplotlib): the chart is drawn by gnuplot.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys

WORKLOADS = ["json_performance", "twitter", "citm_catalog", "canada",
             "micro_int64", "micro_string", "micro_empty", "micro_small"]
LIBRARIES = ["rapidjson", "jitson", "nlohmann", "boost_json", "memcpy"]
LIBRARY_TITLES = {"rapidjson": "RapidJSON", "jitson": "jitson", "nlohmann": "nlohmann",
                  "boost_json": "Boost.JSON", "memcpy": "memcpy (bound)"}
# The targets for jitson relative to RapidJSON.
TARGETS = {"json_performance": 3.6, "twitter": 8.0, "citm_catalog": 4.3, "canada": 4.2,
           "micro_int64": 1.0, "micro_string": 1.0, "micro_empty": 1.0, "micro_small": 1.0}


def load(path):
    with open(path) as f:
        data = json.load(f)
    rows = {}
    for b in data["benchmarks"]:
        aggregate = b.get("aggregate_name")
        if b.get("run_type") == "aggregate" and aggregate != "median":
            continue
        name = b.get("run_name", b["name"])
        if "/" not in name:
            continue
        workload, library = name.split("/", 1)
        if b.get("error_occurred"):
            sys.exit(f"report.py: {name} failed: {b.get('error_message')}")
        if aggregate is None and (workload, library) in rows:
            continue  # repetitions without aggregates: keep the first
        rows[(workload, library)] = {
            "bytes_per_second": float(b["bytes_per_second"]),
            "cpu_time": float(b["cpu_time"]),
            "time_unit": b.get("time_unit", "ns"),
            "out_bytes": int(b.get("out_bytes", 0)),
        }
    return data.get("context", {}), rows


def machine():
    model, cores = "unknown CPU", os.cpu_count()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return f"{model}, {cores} cores"


def fmt_rate(mbps):
    return f"{mbps:,.0f}" if mbps >= 100 else f"{mbps:,.1f}"


def build_table(context, rows):
    workloads = [w for w in WORKLOADS if (w, "rapidjson") in rows]
    lines = ["| workload | output (RapidJSON) | " +
             " | ".join(LIBRARY_TITLES[l] for l in LIBRARIES) + " | jitson target |",
             "|---|--:|" + "--:|" * len(LIBRARIES) + "--:|"]
    records = []
    for w in workloads:
        base = rows[(w, "rapidjson")]["bytes_per_second"]
        size = rows[(w, "memcpy")]["out_bytes"] if (w, "memcpy") in rows else 0
        cells = []
        for lib in LIBRARIES:
            r = rows.get((w, lib))
            if r is None:
                cells.append("–")
                continue
            mbps = r["bytes_per_second"] / 1e6
            ratio = r["bytes_per_second"] / base
            records.append({"workload": w, "library": lib, "mb_per_s": round(mbps, 3),
                            "ratio_to_rapidjson": round(ratio, 4),
                            "time": r["cpu_time"], "time_unit": r["time_unit"],
                            "out_bytes": r["out_bytes"], "reference_bytes": size})
            cell = f"{fmt_rate(mbps)} MB/s"
            if lib != "rapidjson":
                cell += f" ({ratio:.2f}×)"
            if lib == "jitson":
                cell = f"**{cell}**"
            cells.append(cell)
        target = TARGETS.get(w)
        lines.append(f"| {w} | {size:,} B | " + " | ".join(cells) +
                     f" | {'≥ %.1f×' % target if target else ''} |")
    return "\n".join(lines), records


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--csv")
    ap.add_argument("--markdown")
    ap.add_argument("--chart-data")
    ap.add_argument("--update-doc")
    ap.add_argument("--commit", default="", help="the jitson commit measured, for the header")
    args = ap.parse_args()

    context, rows = load(args.results)
    if not rows:
        sys.exit("report.py: no benchmark results in " + args.results)
    table, records = build_table(context, rows)
    date = context.get("date", "")
    compiler = context.get("compiler", "unknown compiler")
    header = f"Machine: {machine()}. Compiler: {compiler}. Run: {date}."
    if args.commit:
        header += f" jitson: {args.commit}."
    # "/abs/path/../shared/data/twitter.json, 476127 bytes of ..." -> "twitter.json, ..."
    origins = [f"{k[len('workload.'):]}: " + re.sub(r"^/\S*/([^/,]+\.json)", r"\1", v)
               for k, v in sorted(context.items()) if k.startswith("workload.")]
    text = table + "\n\n" + header + "\n"
    if origins:
        text += "\nWorkloads: " + "; ".join(origins) + ".\n"
    print(text)

    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(records[0].keys()))
            w.writeheader()
            w.writerows(records)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    if args.chart_data:
        # One row per workload: MB/s per library ("-" when absent), then
        # jitson's ratio to RapidJSON and the target for it.
        with open(args.chart_data, "w") as f:
            f.write("# workload " + " ".join(LIBRARIES) + " jitson_ratio target\n")
            for w in WORKLOADS:
                if (w, "rapidjson") not in rows:
                    continue
                vals = []
                for lib in LIBRARIES:
                    r = rows.get((w, lib))
                    vals.append("-" if r is None else f"{r['bytes_per_second'] / 1e6:.3f}")
                base = rows[(w, "rapidjson")]["bytes_per_second"]
                jit = rows.get((w, "jitson"))
                vals.append("-" if jit is None else f"{jit['bytes_per_second'] / base:.4f}")
                vals.append(f"{TARGETS[w]:.1f}" if w in TARGETS else "-")
                f.write(w + " " + " ".join(vals) + "\n")
    if args.update_doc:
        with open(args.update_doc) as f:
            doc = f.read()
        begin, end = "<!-- bench-table-begin -->", "<!-- bench-table-end -->"
        pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
        if not pattern.search(doc):
            sys.exit(f"report.py: {args.update_doc} has no {begin} ... {end} block")
        doc = pattern.sub(lambda _: begin + "\n" + text + end, doc)
        with open(args.update_doc, "w") as f:
            f.write(doc)


if __name__ == "__main__":
    main()
