"""The outside view at scale: `cdna analyze outcomes` on an outcome study of 1M ratings (overall
and by segment) and `cdna analyze top-tasks` on a vote of 1M picks, beside pandas and DuckDB
on the same CSVs, whole process each, best and median of several runs. Checks first that all
three give the same figures. DESIGN.md sets no target here; the ratios are recorded."""

import argparse
import json
import statistics
import sys

from run_p1 import run, same


def keyed(output, kind):
    """Every figure of the output under (row key, field), the shape run_p1.same compares."""
    rows = json.loads(output)
    key = (lambda row: row["task"]) if kind == "top-tasks" else (lambda row: (row["segment"], row["outcome"]))
    return {(key(row), field): value for row in rows for field, value in row.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    outcomes, votes = f"{arguments.data}/outcomes.csv", f"{arguments.data}/votes.csv"
    cases = {
        "outcomes": (["outcomes", "--responses", outcomes], "outcomes"),
        "outcomes by segment": (["outcomes", "--responses", outcomes, "--by", "segment"], "outcomes"),
        "top-tasks": (["top-tasks", "--votes", votes], "top-tasks"),
    }
    for name, (options, kind) in cases.items():
        commands = {
            "cdna": [arguments.cdna, "analyze"] + options + ["--format", "json"],
            "duckdb": [arguments.python, "Benchmarks/customer_duckdb.py"] + options,
            "pandas": [arguments.python, "Benchmarks/customer_pandas.py"] + options,
        }
        outputs = {peer: keyed(run(command)[1], kind) for peer, command in commands.items()}
        for peer in ["duckdb", "pandas"]:
            problem = same(outputs["cdna"], outputs[peer])
            if problem:
                print(f"{name}: {peer} disagrees with cdna: {problem}", file=sys.stderr)
                sys.exit(1)
        times = {peer: [] for peer in commands}
        for _ in range(arguments.runs):
            for peer, command in commands.items():
                times[peer].append(run(command)[0])
        best = {peer: min(values) for peer, values in times.items()}
        print(f"{name}: {len({key for key, _ in outputs['cdna']})} rows agree (cdna = DuckDB = pandas within 1e-9)")
        for peer, values in times.items():
            print(f"  {peer:7s} best {best[peer]:.3f} s   median {statistics.median(values):.3f} s   ({arguments.runs} runs)")
        print(f"  cdna is {best['duckdb'] / best['cdna']:.1f}x faster than DuckDB and {best['pandas'] / best['cdna']:.1f}x faster than pandas")


if __name__ == "__main__":
    main()
