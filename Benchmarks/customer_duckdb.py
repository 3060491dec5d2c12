"""The outcome study and the top-tasks vote in DuckDB SQL over the CSV, with the same checks
cdna makes on a file."""

import sys

import duckdb

import customer_common as common


def outcomes(args):
    db = duckdb.connect()
    db.execute(
        "CREATE TABLE r AS SELECT * FROM read_csv(?, header = true, columns = {'respondent': 'VARCHAR', 'segment': 'VARCHAR', "
        "'outcome': 'VARCHAR', 'importance': 'TINYINT', 'satisfaction': 'TINYINT'})", [args.responses])
    if db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM r GROUP BY respondent, outcome HAVING COUNT(*) > 1)").fetchone()[0]:
        common.fail("a respondent rates an outcome twice")
    if db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM r GROUP BY respondent HAVING COUNT(DISTINCT coalesce(segment, '')) > 1)").fetchone()[0]:
        common.fail("a respondent is in two segments")
    by_segment = args.by == "segment"
    segment = "coalesce(segment, '')" if by_segment else "''"
    rows = db.execute(
        f"SELECT {segment} AS s, outcome, COUNT(*), COUNT(*) FILTER (WHERE importance >= 4), COUNT(importance), "
        f"COUNT(*) FILTER (WHERE satisfaction >= 4), COUNT(satisfaction) FROM r GROUP BY s, outcome").fetchall()
    common.emit(common.outcome_scores(rows, by_segment))


def top_tasks(args):
    db = duckdb.connect()
    db.execute("CREATE TABLE v AS SELECT * FROM read_csv(?, header = true, columns = {'voter': 'VARCHAR', 'task': 'VARCHAR'})", [args.votes])
    if db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM v GROUP BY voter, task HAVING COUNT(*) > 1)").fetchone()[0]:
        common.fail("a voter picks a task twice")
    if db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM v GROUP BY voter HAVING COUNT(*) > 5)").fetchone()[0]:
        common.fail("a voter picks more than 5 tasks")
    counts = dict(db.execute("SELECT task, COUNT(*) FROM v GROUP BY task").fetchall())
    common.emit(common.ranked_tasks(counts, args.long_neck, args.top))


if __name__ == "__main__":
    kind = sys.argv.pop(1)
    (outcomes if kind == "outcomes" else top_tasks)(common.arguments(kind))
