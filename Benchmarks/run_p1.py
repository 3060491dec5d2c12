"""P1: `cdna analyze assessment` beside DuckDB and pandas on the same CSV, whole process
each (start-up, reading, aggregation, output), best and median of several runs. Checks
first that all three give the same numbers, then prints the ratios against the targets."""

import argparse
import json
import statistics
import subprocess
import sys
import time


def run(command):
    started = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, result.stdout


def index(output):
    data = json.loads(output)
    table = {}
    for group in [data["overall"]] + data["groups"]:
        if group.get("suppressed"):
            table[(group["group"], None)] = "suppressed"
            continue
        table[(group["group"], "n")] = group["n"]
        for d in group["dimensions"]:
            for key in ["n", "mean", "sd", "ci95_low", "favorable", "unfavorable", "alpha"]:
                table[(group["group"], f"{d['framework']}/{d['dimension']}/{key}")] = d[key]
    return table


def same(a, b):
    if a.keys() != b.keys():
        return f"different keys: {sorted(map(str, set(a) ^ set(b)))[:5]}"
    for key in a:
        x, y = a[key], b[key]
        if isinstance(x, float) or isinstance(y, float):
            if x is None or y is None or abs(x - y) > 1e-9 * max(1, abs(x)):
                return f"{key}: {x} vs {y}"
        elif x != y:
            return f"{key}: {x} vs {y}"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    instrument, responses = f"{arguments.data}/instrument.yaml", f"{arguments.data}/responses.csv"
    commands = {
        "cdna": [arguments.cdna, "analyze", "assessment", "--instrument", instrument, "--responses", responses, "--by", "unit", "--format", "json"],
        "duckdb": [arguments.python, "Benchmarks/assessment_duckdb.py", "--instrument", instrument, "--responses", responses],
        "pandas": [arguments.python, "Benchmarks/assessment_pandas.py", "--instrument", instrument, "--responses", responses],
    }
    outputs = {name: index(run(command)[1]) for name, command in commands.items()}
    for peer in ["duckdb", "pandas"]:
        problem = same(outputs["cdna"], outputs[peer])
        if problem:
            print(f"P1: {peer} disagrees with cdna: {problem}", file=sys.stderr)
            sys.exit(1)
    print(f"P1 results agree: {len(outputs['cdna'])} figures, cdna = DuckDB = pandas (within 1e-9)")
    times = {name: [] for name in commands}
    for _ in range(arguments.runs):
        for name, command in commands.items():
            times[name].append(run(command)[0])
    best = {name: min(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"P1 {name:7s} best {best[name]:.3f} s   median {statistics.median(values):.3f} s   ({arguments.runs} runs)")
    for peer, target in [("duckdb", 2.0), ("pandas", 20.0)]:
        ratio = best[peer] / best["cdna"]
        verdict = "meets" if ratio >= target else "MISSES"
        print(f"P1 cdna is {ratio:.1f}x faster than {peer} (target {target:.0f}x): {verdict} the target")


if __name__ == "__main__":
    main()
