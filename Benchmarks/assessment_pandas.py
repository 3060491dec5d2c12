"""P1 peer: the assessment aggregation in pandas + NumPy, vectorized: read the CSV once
with "dk" as missing, reverse in bulk, compute each dimension's per-row sums with NumPy and
aggregate the per-row columns with one groupby."""

import argparse

import numpy as np
import pandas as pd

from assessment_common import dimension_result, emit, group_result, plan, suppress


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instrument", required=True)
    parser.add_argument("--responses", required=True)
    parser.add_argument("--min-group", type=int, default=5)
    arguments = parser.parse_args()
    items, reverse, dimensions = plan(arguments.instrument)
    frame = pd.read_csv(arguments.responses, usecols=["unit"] + items, na_values=["dk", "DK"], dtype={item: "float32" for item in items})
    values = frame[items].to_numpy(dtype=np.float64)
    flip = np.array(reverse)
    values[:, flip] = 6 - values[:, flip]
    answered = ~np.isnan(values)
    filled = np.where(answered, values, 0.0)
    columns = {"unit": frame["unit"].to_numpy()}
    alpha_parts = []
    for d, (_, _, members) in enumerate(dimensions):
        count = answered[:, members].sum(axis=1)
        total = filled[:, members].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, total / count, np.nan)
        columns[f"n{d}"] = ~np.isnan(mean)
        columns[f"ms{d}"] = np.nan_to_num(mean)
        columns[f"mq{d}"] = np.nan_to_num(mean) ** 2
        columns[f"a{d}"] = count
        columns[f"fv{d}"] = (filled[:, members] >= 4).sum(axis=1)
        columns[f"uf{d}"] = ((filled[:, members] <= 2) & answered[:, members]).sum(axis=1)
        if len(members) >= 3:
            complete = count == len(members)
            alpha_parts.append((d, members, complete, total))
    per_row = pd.DataFrame(columns)
    sums = per_row.groupby("unit", sort=True).sum()
    sizes = per_row.groupby("unit", sort=True).size()
    everyone = per_row.drop(columns="unit").sum()

    def alpha(mask, d):
        for part in alpha_parts:
            if part[0] != d:
                continue
            _, members, complete, total = part
            rows = complete & mask
            if rows.sum() < 2:
                return None
            total_variance = np.var(total[rows], ddof=1)
            if total_variance <= 1e-12:
                return None
            k = len(members)
            return k / (k - 1) * (1 - np.var(filled[rows][:, members], axis=0, ddof=1).sum() / total_variance)
        return None

    units = frame["unit"].to_numpy()

    def scores(record, size, name, mask):
        return group_result(name, size, [
            dimension_result(f, label, record[f"n{d}"], record[f"ms{d}"], record[f"mq{d}"], record[f"a{d}"], record[f"fv{d}"],
                             record[f"uf{d}"], alpha(mask, d))
            for d, (f, label, _) in enumerate(dimensions)])

    names = list(sums.index)
    parent_shown, shown = suppress(len(frame), [int(sizes[n]) for n in names], arguments.min_group)
    overall = scores(everyone, len(frame), "all", np.ones(len(frame), dtype=bool)) if parent_shown else {"group": "all", "suppressed": True}
    groups = [scores(sums.loc[n], int(sizes[n]), n, units == n) if visible else {"group": n, "suppressed": True} for n, visible in zip(names, shown)]
    emit(overall, groups)


if __name__ == "__main__":
    main()
