"""P1 peer: the assessment aggregation in pandas + NumPy, vectorized: read the CSV once
with "dk" as missing, reverse in bulk, compute each dimension's per-row sums with NumPy and
aggregate the per-row columns with one groupby (Cronbach's alpha too, from sums of the
complete rows)."""

import numpy as np
import pandas as pd

from assessment_common import alpha_from_sums, arguments as command_line, dimension_result, emit, group_result, plan, suppress


def main():
    arguments = command_line()
    items, reverse, dimensions = plan(arguments.instrument)
    frame = pd.read_csv(arguments.responses, usecols=["unit"] + items, na_values=["dk", "DK"], dtype={item: "float32" for item in items})
    values = frame[items].to_numpy(dtype=np.float64)
    flip = np.array(reverse)
    values[:, flip] = 6 - values[:, flip]
    answered = ~np.isnan(values)
    filled = np.where(answered, values, 0.0)
    columns = {"unit": frame["unit"].to_numpy()}
    for d, (_, _, members) in enumerate(dimensions):
        block, seen = filled[:, members], answered[:, members]
        count = seen.sum(axis=1)
        total = block.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, total / count, 0.0)
        columns[f"n{d}"] = count > 0
        columns[f"ms{d}"] = mean
        columns[f"mq{d}"] = mean * mean
        columns[f"a{d}"] = count
        columns[f"fv{d}"] = (block >= 4).sum(axis=1)
        columns[f"uf{d}"] = ((block <= 2) & seen).sum(axis=1)
        if len(members) >= 3:
            # Cronbach's alpha from sums over the complete rows, aggregated by the same groupby.
            complete = count == len(members)
            columns[f"k{d}"] = complete
            columns[f"ts{d}"] = np.where(complete, total, 0.0)
            columns[f"tq{d}"] = np.where(complete, total * total, 0.0)
            for i in members:
                columns[f"is{d}_{i}"] = np.where(complete, filled[:, i], 0.0)
                columns[f"iq{d}_{i}"] = np.where(complete, filled[:, i] ** 2, 0.0)
    per_row = pd.DataFrame(columns)
    sums = per_row.groupby("unit", sort=True).sum()
    sizes = per_row.groupby("unit", sort=True).size()
    everyone = per_row.drop(columns="unit").sum()


    def scores(record, size, name):
        return group_result(name, size, [
            dimension_result(f, label, record[f"n{d}"], record[f"ms{d}"], record[f"mq{d}"], record[f"a{d}"], record[f"fv{d}"],
                             record[f"uf{d}"], alpha_from_sums(record, d, members))
            for d, (f, label, members) in enumerate(dimensions)])

    names = list(sums.index)
    parent_shown, shown = suppress(len(frame), [int(sizes[n]) for n in names], arguments.min_group)
    overall = scores(everyone, len(frame), "all") if parent_shown else {"group": "all", "suppressed": True}
    groups = [scores(sums.loc[n], int(sizes[n]), n) if visible else {"group": n, "suppressed": True} for n, visible in zip(names, shown)]
    emit(overall, groups)


if __name__ == "__main__":
    main()
