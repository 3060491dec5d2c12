"""P8: `cdna analyze drivers` on 100k respondents, 12 predictors, 1,000 bootstrap resamples,
beside the same in pandas and NumPy (Benchmarks/drivers_numpy.py), whole process each, best
and median of several runs. Checks first that both give the same estimates (and intervals
within the bootstrap's own noise), then prints the time against the 2 s target and the ratio
against the 10x aim."""

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--target", default="layers/strategy")
    arguments = parser.parse_args()
    files = ["--instrument", f"{arguments.data}/instrument.yaml", "--responses", f"{arguments.data}/responses.csv",
             "--target", arguments.target]
    ours = [arguments.cdna, "analyze", "drivers", *files, "--by", "none", "--framework", "os-canvas"]
    peer = [arguments.python, "Benchmarks/drivers_numpy.py", *files]
    _, our_output = run(ours)
    _, peer_output = run(peer)
    a, b = json.loads(our_output)["overall"], json.loads(peer_output)["overall"]
    if a["n"] != b["n"] or abs(a["r2"] - b["r2"]) > 1e-9:
        sys.exit(f"P8: the two disagree: n {a['n']} vs {b['n']}, R² {a['r2']} vs {b['r2']}")
    peer_drivers = {d["dimension"]: d for d in b["drivers"]}
    if set(peer_drivers) != {d["dimension"] for d in a["drivers"]}:
        sys.exit(f"P8: different predictors: {sorted(peer_drivers)}")
    for x in a["drivers"]:
        y = peer_drivers[x["dimension"]]
        if abs(x["weight"] - y["weight"]) > 1e-9:
            sys.exit(f"P8: weights differ for {x['dimension']}: {x['weight']} vs {y['weight']}")
        width = x["ci95_high"] - x["ci95_low"]
        if abs(x["ci95_low"] - y["ci95_low"]) > 0.25 * width + 1e-6 or abs(x["ci95_high"] - y["ci95_high"]) > 0.25 * width + 1e-6:
            sys.exit(f"P8: intervals differ beyond the bootstrap's noise for {x['dimension']}: {x} vs {y}")
    print(f"P8 check: same n ({a['n']}), R² ({a['r2']:.6f}) and weights to 1e-9; intervals within a quarter of their width")
    times = {"cdna": [], "numpy": []}
    bootstrap = []
    for _ in range(arguments.runs):
        times["cdna"].append(run(ours)[0])
        seconds, output = run(peer)
        times["numpy"].append(seconds)
        bootstrap.append(json.loads(output)["bootstrap_seconds"])
    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    for name in times:
        print(f"P8 {name:6}: best {best[name]:.3f} s, median {median[name]:.3f} s over {arguments.runs} runs")
    print(f"P8 numpy bootstrap alone: best {min(bootstrap):.3f} s")
    print(f"P8 cdna is {best['numpy'] / best['cdna']:.1f}x faster than pandas+NumPy (aim 10x); "
          f"target 2 s: {'met' if best['cdna'] < 2 else 'NOT met'} ({best['cdna']:.3f} s)")


if __name__ == "__main__":
    main()
