"""P1 peer: the assessment aggregation in DuckDB, written to run well: one parallel pass
over the wide columns of the CSV (no UNPIVOT), every dimension's sums computed per row and
aggregated with GROUPING SETS, so overall and per-unit results come from the same scan."""

import argparse

import duckdb

from assessment_common import dimension_result, emit, group_result, plan, suppress


def query(path, items, reverse, dimensions):
    values = []
    for index, (item, flip) in enumerate(zip(items, reverse)):
        cast = f"TRY_CAST(\"{item}\" AS INTEGER)"
        values.append(f"(6 - {cast}) AS v{index}" if flip else f"{cast} AS v{index}")
    per_row = ["unit"] + values
    derived = []
    aggregates = ["unit", "GROUPING(unit) AS overall", "COUNT(*) AS respondents"]
    for d, (_, _, members) in enumerate(dimensions):
        answered = " + ".join(f"(v{i} IS NOT NULL)::INTEGER" for i in members)
        total = " + ".join(f"COALESCE(v{i}, 0)" for i in members)
        favorable = " + ".join(f"COALESCE((v{i} >= 4)::INTEGER, 0)" for i in members)
        unfavorable = " + ".join(f"COALESCE((v{i} <= 2)::INTEGER, 0)" for i in members)
        derived += [f"({answered}) AS c{d}", f"({total}) AS s{d}", f"({favorable}) AS f{d}", f"({unfavorable}) AS u{d}"]
        mean = f"(s{d}::DOUBLE / NULLIF(c{d}, 0))"
        aggregates += [
            f"COUNT({mean}) AS n{d}", f"SUM({mean}) AS ms{d}", f"SUM({mean} * {mean}) AS mq{d}", f"SUM(c{d}) AS a{d}",
            f"SUM(f{d}) AS fv{d}", f"SUM(u{d}) AS uf{d}",
        ]
        if len(members) >= 3:
            complete = f"c{d} = {len(members)}"
            item_variance = " + ".join(f"COALESCE(VAR_SAMP(v{i}) FILTER (WHERE {complete}), 0)" for i in members)
            aggregates.append(
                f"CASE WHEN COUNT(*) FILTER (WHERE {complete}) >= 2 AND VAR_SAMP(s{d}) FILTER (WHERE {complete}) > 1e-12 "
                f"THEN {len(members)}.0 / {len(members) - 1} * (1 - ({item_variance}) / VAR_SAMP(s{d}) FILTER (WHERE {complete})) END AS al{d}")
        else:
            aggregates.append(f"NULL AS al{d}")
    return (
        f"WITH answers AS (SELECT {', '.join(per_row)} FROM read_csv('{path}', header = true, all_varchar = true)), "
        f"rows AS (SELECT *, {', '.join(derived)} FROM answers) "
        f"SELECT {', '.join(aggregates)} FROM rows GROUP BY GROUPING SETS ((unit), ())"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instrument", required=True)
    parser.add_argument("--responses", required=True)
    parser.add_argument("--min-group", type=int, default=5)
    arguments = parser.parse_args()
    items, reverse, dimensions = plan(arguments.instrument)
    connection = duckdb.connect()
    rows = connection.execute(query(arguments.responses, items, reverse, dimensions)).fetchall()
    columns = [c[0] for c in connection.description]
    records = [dict(zip(columns, row)) for row in rows]

    def scores(record, name):
        return group_result(name, record["respondents"], [
            dimension_result(f, label, record[f"n{d}"], record[f"ms{d}"] or 0, record[f"mq{d}"] or 0, record[f"a{d}"], record[f"fv{d}"],
                             record[f"uf{d}"], record[f"al{d}"])
            for d, (f, label, _) in enumerate(dimensions)])

    everyone = next(r for r in records if r["overall"] == 1)
    units = sorted((r for r in records if r["overall"] == 0), key=lambda r: r["unit"])
    parent_shown, shown = suppress(everyone["respondents"], [u["respondents"] for u in units], arguments.min_group)
    overall = scores(everyone, "all") if parent_shown else {"group": "all", "suppressed": True}
    emit(overall, [scores(u, u["unit"]) if visible else {"group": u["unit"], "suppressed": True} for u, visible in zip(units, shown)])


if __name__ == "__main__":
    main()
