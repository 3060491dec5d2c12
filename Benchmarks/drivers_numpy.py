"""The P8 peer: `cdna analyze drivers` done with pandas and NumPy as an analyst would write
it. Reads the responses CSV, scores each respondent's dimensions (mean of the answered items
after reversal), keeps the complete rows, and computes Johnson's relative weights with 1,000
percentile-bootstrap resamples (numpy.corrcoef and numpy.linalg.eigh on each). Prints the
contract's document for the overall group and the time the bootstrap alone took."""

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

from assessment_common import plan


def weights(rows):
    correlation = np.corrcoef(rows, rowvar=False)
    rxx, rxy = correlation[:-1, :-1], correlation[:-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    lam = vectors @ np.diag(np.sqrt(values)) @ vectors.T
    beta = np.linalg.solve(lam, rxy)
    return rxy, (lam ** 2) @ (beta ** 2), float(np.sum(beta ** 2))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instrument", required=True)
    parser.add_argument("--responses", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    ids, reverse, dimensions = plan(arguments.instrument)
    frame = pd.read_csv(arguments.responses, dtype=str, keep_default_na=False)
    answers = frame[ids].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, copy=True)
    answers[(answers < 1) | (answers > 5)] = np.nan
    flipped = np.array(reverse)
    answers[:, flipped] = 6 - answers[:, flipped]
    target_framework, target_dimension = arguments.target.split("/", 1)
    forces = [(d, idx) for f, d, idx in dimensions
              if f == "os-canvas" and "/" not in d and (target_framework, target_dimension) != (f, d)]
    target = next(idx for f, d, idx in dimensions if f == target_framework and d == target_dimension)
    with np.errstate(invalid="ignore", divide="ignore"):
        columns = [np.nanmean(answers[:, idx], axis=1) for _, idx in forces] + [np.nanmean(answers[:, target], axis=1)]
    rows = np.column_stack(columns)
    rows = rows[~np.isnan(rows).any(axis=1)]
    rxy, point, r2 = weights(rows)
    started = time.perf_counter()
    rng = np.random.default_rng(arguments.seed)
    n = len(rows)
    resampled = np.array([weights(rows[rng.integers(0, n, n)])[1] for _ in range(arguments.resamples)])
    bootstrap_seconds = time.perf_counter() - started
    low, high = np.percentile(resampled, 2.5, axis=0), np.percentile(resampled, 97.5, axis=0)
    drivers = [{"dimension": name, "r": float(rxy[j]), "weight": float(point[j]), "share": float(point[j] / r2),
                "ci95_low": float(low[j]), "ci95_high": float(high[j])} for j, (name, _) in enumerate(forces)]
    json.dump({"overall": {"target": arguments.target, "n": n, "r2": r2, "drivers": drivers}, "groups": [],
               "bootstrap_seconds": bootstrap_seconds}, sys.stdout)


if __name__ == "__main__":
    main()
