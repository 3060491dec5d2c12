"""The outcome study and the top-tasks vote in pandas, with the same checks cdna makes on a
file (a respondent rates an outcome once and stays in one segment; a voter picks a task
once and at most five)."""

import sys

import pandas as pd

import customer_common as common


def outcomes(args):
    df = pd.read_csv(
        args.responses, dtype={"respondent": str, "segment": str, "outcome": str}, keep_default_na=False,
        na_values={"importance": [""], "satisfaction": [""]})
    if df.duplicated(["respondent", "outcome"]).any():
        common.fail("a respondent rates an outcome twice")
    if (df.groupby("respondent")["segment"].nunique() > 1).any():
        common.fail("a respondent is in two segments")
    by_segment = args.by == "segment"
    keys = ["segment", "outcome"] if by_segment else ["outcome"]
    df["it"] = df["importance"] >= 4
    df["st"] = df["satisfaction"] >= 4
    grouped = df.groupby(keys).agg(
        n=("respondent", "size"), it=("it", "sum"), ic=("importance", "count"), st=("st", "sum"), sc=("satisfaction", "count")).reset_index()
    rows = [
        (row.segment if by_segment else "", row.outcome, row.n, row.it, row.ic, row.st, row.sc) for row in grouped.itertuples(index=False)
    ]
    common.emit(common.outcome_scores(rows, by_segment))


def top_tasks(args):
    df = pd.read_csv(args.votes, dtype=str, keep_default_na=False)
    if df.duplicated().any():
        common.fail("a voter picks a task twice")
    if (df.groupby("voter").size() > 5).any():
        common.fail("a voter picks more than 5 tasks")
    counts = df["task"].value_counts()
    common.emit(common.ranked_tasks({task: int(votes) for task, votes in counts.items()}, args.long_neck, args.top))


if __name__ == "__main__":
    kind = sys.argv.pop(1)
    (outcomes if kind == "outcomes" else top_tasks)(common.arguments(kind))
