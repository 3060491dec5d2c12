"""P1 peer: the assessment aggregation in DuckDB, written to run well: one parallel pass
over the wide columns of the CSV (no UNPIVOT), every dimension's sums computed per row and
aggregated with GROUPING SETS, so overall and per-unit results come from the same scan.
Cronbach's alpha comes from sums of the complete rows, as in cdna, so no second pass."""

import duckdb

from assessment_common import alpha_from_sums, arguments as command_line, dimension_result, emit, group_result, plan, suppress


def query(path, items, reverse, dimensions):
    # The CSV reader parses the answers as small integers itself; "dk" and blanks are NULL.
    values = [f"(6 - \"{item}\") AS v{index}" if flip else f"\"{item}\" AS v{index}" for index, (item, flip) in enumerate(zip(items, reverse))]
    types = ", ".join(["'unit': 'VARCHAR'"] + [f"'{item}': 'TINYINT'" for item in items])
    derived, means, aggregates = [], [], ["unit", "GROUPING(unit) AS overall", "COUNT(*) AS respondents"]
    for d, (_, _, members) in enumerate(dimensions):
        derived += [
            f"({' + '.join(f'(v{i} IS NOT NULL)::INTEGER' for i in members)}) AS c{d}",
            f"({' + '.join(f'COALESCE(v{i}, 0)' for i in members)}) AS s{d}",
            f"({' + '.join(f'COALESCE((v{i} >= 4)::INTEGER, 0)' for i in members)}) AS f{d}",
            f"({' + '.join(f'COALESCE((v{i} <= 2)::INTEGER, 0)' for i in members)}) AS u{d}",
        ]
        means.append(f"s{d}::DOUBLE / NULLIF(c{d}, 0) AS m{d}")
        aggregates += [f"COUNT(m{d}) AS n{d}", f"SUM(m{d}) AS ms{d}", f"SUM(m{d} * m{d}) AS mq{d}", f"SUM(c{d}) AS a{d}", f"SUM(f{d}) AS fv{d}", f"SUM(u{d}) AS uf{d}"]
        if len(members) >= 3:
            # Cronbach's alpha from sums over the complete rows (listwise), as sums merge:
            # a row's items count only when every item of the dimension was answered.
            means.append(f"(c{d} = {len(members)})::INTEGER AS k{d}")
            aggregates += [f"SUM(k{d}) AS k{d}", f"SUM(k{d} * s{d}) AS ts{d}", f"SUM(k{d} * s{d} * s{d}) AS tq{d}"]
            for i in members:
                aggregates += [f"SUM(k{d} * COALESCE(v{i}, 0)) AS is{d}_{i}", f"SUM(k{d} * COALESCE(v{i}, 0) * COALESCE(v{i}, 0)) AS iq{d}_{i}"]
    return (
        f"WITH answers AS (SELECT unit, {', '.join(values)} FROM read_csv('{path}', header = true, nullstr = ['', 'dk', 'DK'], types = {{{types}}})), "
        f"sums AS (SELECT *, {', '.join(derived)} FROM answers), "
        f"rows AS (SELECT *, {', '.join(means)} FROM sums) "
        f"SELECT {', '.join(aggregates)} FROM rows GROUP BY GROUPING SETS ((unit), ())"
    )


def main():
    arguments = command_line()
    items, reverse, dimensions = plan(arguments.instrument)
    connection = duckdb.connect()
    rows = connection.execute(query(arguments.responses, items, reverse, dimensions)).fetchall()
    columns = [c[0] for c in connection.description]
    records = [dict(zip(columns, row)) for row in rows]

    def scores(record, name):
        return group_result(name, record["respondents"], [
            dimension_result(f, label, record[f"n{d}"], record[f"ms{d}"] or 0, record[f"mq{d}"] or 0, record[f"a{d}"], record[f"fv{d}"],
                             record[f"uf{d}"], alpha_from_sums(record, d, members))
            for d, (f, label, members) in enumerate(dimensions)])

    everyone = next(r for r in records if r["overall"] == 1)
    units = sorted((r for r in records if r["overall"] == 0), key=lambda r: r["unit"])
    parent_shown, shown = suppress(everyone["respondents"], [u["respondents"] for u in units], arguments.min_group)
    overall = scores(everyone, "all") if parent_shown else {"group": "all", "suppressed": True}
    emit(overall, [scores(u, u["unit"]) if visible else {"group": u["unit"], "suppressed": True} for u, visible in zip(units, shown)])


if __name__ == "__main__":
    main()
