"""The analyses of DESIGN.md's "Deeper analysis" contract checked against independent
implementations in NumPy and SciPy on generated responses to the bundled instrument:
`cdna analyze drivers` (Johnson's relative weights, written here again from the contract's
formulas with numpy.linalg.eigh), overall and per unit, for each kind of target, its bootstrap
reproducible with a seed and its intervals around the estimates; and `cdna analyze assessment
--by unit`'s comparisons with everyone else (scipy.stats.ttest_ind with unequal variances,
Benjamini-Hochberg written here, the minimum detectable difference); and `cdna analyze outcomes
--find-segments` finding planted customer segments again (adjusted Rand index over 0.8); and
`cdna analyze comments` finding planted themes again, with the comment threshold kept."""

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
import yaml
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INSTRUMENT = os.path.join(ROOT, "Sources", "DNACore", "Resources", "instruments", "customer-dna.yaml")


class Checks:
    def __init__(self):
        self.passed = 0

    def expect(self, condition, what):
        if not condition:
            print(f"FAILED: {what}", file=sys.stderr)
            raise SystemExit(1)
        print(f"ok: {what}")
        self.passed += 1


def likert_items():
    items = yaml.safe_load(open(INSTRUMENT))["items"]
    return [item for item in items if item.get("type", "likert") == "likert"]


def generate(path, seed=5):
    """Units of 160, 140 and 25 respondents; a shared factor makes the forces correlate, a
    unit effect moves some, and naming an outcome grows with the purpose answers."""
    rng = random.Random(seed)
    items = likert_items()
    units = [("claims", 160, 0.3), ("finance", 140, -0.4), ("legal", 25, 0.0)]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "unit", "role"] + [item["id"] for item in items] + ["line-of-sight"])
        number = 0
        for unit, size, shift in units:
            for _ in range(size):
                number += 1
                factor = rng.gauss(0, 1)
                row, purpose = [], []
                for item in items:
                    if rng.random() < 0.04:
                        row.append("")
                        continue
                    force = item["dimensions"][0].split("/")[1]
                    value = 3 + 0.8 * factor + (shift if force in ("workflow", "meetings") else 0) + rng.gauss(0, 0.9)
                    answer = int(min(5, max(1, round(value))))
                    if force == "purpose":
                        purpose.append(answer)
                    row.append(str(6 - answer if item.get("reverse") else answer))
                chance = 0.15 + 0.12 * (np.mean(purpose) - 1 if purpose else 0)
                writer.writerow([f"p{number}", unit, "staff"] + row + ["faster-claims" if rng.random() < chance else ""])
    return items


def scores(path, items, target):
    """Per respondent: the os-canvas dimension scores (mean of the answered items after
    reversal) and the target's value, as the contract defines them; listwise complete."""
    forces = []
    for item in items:
        for ref in item["dimensions"]:
            parts = ref.split("/")
            if parts[0] == "os-canvas" and len(parts) == 2 and parts[1] not in forces:
                forces.append(parts[1])
    if target.startswith("os-canvas/"):
        forces.remove(target.split("/")[1])
    rows, units = [], []
    for record in csv.DictReader(open(path)):
        def scored(item):
            text = record[item["id"]]
            if text == "":
                return None
            value = int(text)
            return 6 - value if item.get("reverse") else value

        def dimension(name):
            values = [scored(item) for item in items if f"os-canvas/{name}" in item["dimensions"]]
            values = [v for v in values if v is not None]
            return sum(values) / len(values) if values else None

        predictors = [dimension(force) for force in forces]
        if target == "line-of-sight":
            value = 1.0 if record["line-of-sight"] else 0.0
        elif target.startswith("os-canvas/"):
            value = dimension(target.split("/")[1])
        else:
            value = scored(next(item for item in items if item["id"] == target))
        if value is None or any(p is None for p in predictors):
            continue
        rows.append(predictors + [value])
        units.append(record["unit"])
    return forces, np.array(rows), units


def relative_weights(rows):
    correlation = np.corrcoef(rows, rowvar=False)
    rxx, rxy = correlation[:-1, :-1], correlation[:-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    lam = vectors @ np.diag(np.sqrt(values)) @ vectors.T
    beta = np.linalg.solve(lam, rxy)
    weights = (lam ** 2) @ (beta ** 2)
    return rxy, weights, float(np.sum(beta ** 2))


def run(cdna, *arguments):
    done = subprocess.run([cdna, "analyze", "drivers", *arguments], capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


def compare(checks, result, forces, rows, what):
    rxy, weights, r2 = relative_weights(rows)
    checks.expect(result["n"] == len(rows), f"{what}: n is the listwise count ({result['n']} vs {len(rows)})")
    checks.expect([d["dimension"] for d in result["drivers"]] == forces, f"{what}: the predictors are the forces in order")
    close = lambda a, b: abs(a - b) < 1e-9
    checks.expect(close(result["r2"], r2), f"{what}: R² equals NumPy's ({result['r2']} vs {r2})")
    checks.expect(all(close(d["r"], e) for d, e in zip(result["drivers"], rxy)), f"{what}: r equals NumPy's")
    checks.expect(all(close(d["weight"], e) for d, e in zip(result["drivers"], weights)), f"{what}: weights equal NumPy's")
    checks.expect(all(close(d["share"], e / r2) for d, e in zip(result["drivers"], weights)), f"{what}: shares are weight / R²")
    inside = sum(d["ci95_low"] <= d["weight"] <= d["ci95_high"] for d in result["drivers"])
    checks.expect(inside >= len(forces) - 1, f"{what}: the bootstrap intervals hold the estimates ({inside} of {len(forces)})")


def drivers_checks(checks, cdna, work):
    path = os.path.join(work, "responses.csv")
    items = generate(path)
    reverse_item = next(item["id"] for item in items if item.get("reverse"))
    for target in ["line-of-sight", "os-canvas/purpose", reverse_item]:
        status, out, err = run(cdna, "--instrument", INSTRUMENT, "--responses", path, "--target", target, "--format", "json")
        checks.expect(status == 0, f"analyze drivers --target {target} runs ({err.strip()[:200]})")
        report = json.loads(out)
        forces, rows, units = scores(path, items, target)
        compare(checks, report["overall"], forces, rows, f"{target}, overall")
        groups = {group["group"]: group for group in report["groups"]}
        checks.expect(groups["legal"] == {"group": "legal", "suppressed": True}, f"{target}: a unit of 25 is suppressed")
        for unit in ["claims", "finance"]:
            mask = np.array([u == unit for u in units])
            compare(checks, groups[unit], forces, rows[mask], f"{target}, {unit}")

    base = ["--instrument", INSTRUMENT, "--responses", path, "--target", "line-of-sight", "--by", "none"]
    first, second = run(cdna, *base, "--seed", "7")[1], run(cdna, *base, "--seed", "7")[1]
    other = run(cdna, *base, "--seed", "8")[1]
    checks.expect(first == second, "the same seed gives the same document")
    a, b = json.loads(first)["overall"]["drivers"], json.loads(other)["overall"]["drivers"]
    checks.expect([d["weight"] for d in a] == [d["weight"] for d in b] and [d["ci95_low"] for d in a] != [d["ci95_low"] for d in b],
                  "another seed moves the intervals, not the estimates")
    checks.expect(json.loads(first)["groups"] == [], "--by none has no groups")

    status, out, _ = run(cdna, "--instrument", INSTRUMENT, "--responses", path, "--target", "line-of-sight", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    checks.expect(status == 0 and len(table) == 3 * 12 + 1 and table[0]["group"] == "all",
                  "the CSV has a row per shown group and driver and one per suppressed group")
    status, out, _ = run(cdna, "--instrument", INSTRUMENT, "--responses", path, "--target", "line-of-sight", "--format", "md")
    checks.expect(status == 0 and out.startswith("# Key drivers") and "Too few respondents" in out, "the Markdown names each group")
    status, _, err = run(cdna, "--instrument", INSTRUMENT, "--responses", path, "--target", "os-canvas/nothing")
    checks.expect(status != 0 and "--target os-canvas/nothing" in err, "an unknown target is refused, naming it")


def item_dimensions(item):
    """The output dimensions an item counts in: each tag, and a layer for its elements."""
    refs = set()
    for tag in item.get("dimensions", []):
        parts = tag.split("/")
        refs.add((parts[0], "/".join(parts[1:])))
        if len(parts) == 3:
            refs.add((parts[0], parts[1]))
    return refs


def benjamini_hochberg(p):
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    ranked = p[order] * len(p) / np.arange(1, len(p) + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(q)
    out[order] = np.minimum(q, 1)
    return out


def comparison_checks(checks, cdna, work):
    path = os.path.join(work, "responses.csv")
    items = generate(path)
    done = subprocess.run([cdna, "analyze", "assessment", "--instrument", INSTRUMENT, "--responses", path, "--by", "unit"],
                          capture_output=True, text=True)
    checks.expect(done.returncode == 0, f"analyze assessment --by unit runs ({done.stderr.strip()[:200]})")
    report = json.loads(done.stdout)
    records = list(csv.DictReader(open(path)))

    def respondent_score(record, framework, dimension):
        values = []
        for item in items:
            if (framework, dimension) in item_dimensions(item) and record[item["id"]] != "":
                value = int(record[item["id"]])
                values.append(6 - value if item.get("reverse") else value)
        return sum(values) / len(values) if values else None

    checks.expect(all(d["vs_rest"] is None for d in report["overall"]["dimensions"]), "the overall result has no vs_rest")
    expected, found = [], []
    for group in report["groups"]:
        if group.get("suppressed"):
            continue
        for d in group["dimensions"]:
            mine, rest = [], []
            for record in records:
                score = respondent_score(record, d["framework"], d["dimension"])
                if score is not None:
                    (mine if record["unit"] == group["group"] else rest).append(score)
            mine, rest = np.array(mine), np.array(rest)
            difference = (mine.mean() - rest.mean()) / 4 * 100
            p = stats.ttest_ind(mine, rest, equal_var=False).pvalue
            mdd = (1.959963985 + 0.841621234) * np.sqrt(mine.var(ddof=1) / len(mine) + rest.var(ddof=1) / len(rest)) * 25
            expected.append((difference, p, mdd))
            found.append(d["vs_rest"])
    q = benjamini_hochberg([p for _, p, _ in expected])
    close = lambda a, b: abs(a - b) <= 1e-9 * max(1, abs(b))
    checks.expect(len(found) > 50 and all(f is not None for f in found), f"every shown group x dimension has vs_rest ({len(found)})")
    checks.expect(all(close(f["difference"], e[0]) for f, e in zip(found, expected)), "differences from the rest equal NumPy's")
    worst = max(abs(f["p_value"] - e[1]) for f, e in zip(found, expected))
    checks.expect(worst < 1e-9, f"Welch p-values equal SciPy's ttest_ind(equal_var=False) (largest gap {worst:.2e})")
    checks.expect(all(abs(f["q_value"] - e) < 1e-9 for f, e in zip(found, q)), "q-values are Benjamini-Hochberg over the output")
    checks.expect(all(close(f["mdd"], e[2]) for f, e in zip(found, expected)), "minimum detectable differences follow the formula")
    significant = sum(f["q_value"] < 0.05 for f in found)
    checks.expect(0 < significant < len(found), f"the planted unit effects are found and not everything is ({significant} of {len(found)})")


def adjusted_rand(a, b):
    """Hubert and Arabie's adjusted Rand index of two labelings."""
    la, lb = sorted(set(a)), sorted(set(b))
    table = np.zeros((len(la), len(lb)))
    for x, y in zip(a, b):
        table[la.index(x), lb.index(y)] += 1
    comb = lambda n: n * (n - 1) / 2
    index = comb(table).sum()
    rows, cols = comb(table.sum(axis=1)).sum(), comb(table.sum(axis=0)).sum()
    expected = rows * cols / comb(len(a))
    return (index - expected) / ((rows + cols) / 2 - expected)


def segment_checks(checks, cdna, work):
    """Three planted groups of customers, each with its own three unmet outcomes out of twelve,
    spread evenly over two given segments that do not match them."""
    rng = random.Random(11)
    path = os.path.join(work, "outcomes.csv")
    planted = {}
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "segment", "outcome", "importance", "satisfaction"])
        for number in range(450):
            group = number % 3
            customer = f"c{number}"
            planted[customer] = group
            given = "home" if rng.random() < 0.5 else "smb"
            for outcome in range(12):
                unmet = outcome // 3 == group
                importance = min(5, max(1, round(rng.gauss(4.6 if unmet else 3, 0.6))))
                satisfaction = min(5, max(1, round(rng.gauss(1.6 if unmet else 3.2, 0.6))))
                writer.writerow([customer, given, f"o{outcome + 1}", importance, satisfaction])
    run_segments = lambda *extra: subprocess.run([cdna, "analyze", "outcomes", "--responses", path, "--find-segments", *extra],
                                                 capture_output=True, text=True)
    done = run_segments()
    checks.expect(done.returncode == 0, f"analyze outcomes --find-segments runs ({done.stderr.strip()[:200]})")
    result = json.loads(done.stdout)
    checks.expect(result["k"] == 3, f"the silhouette picks the three planted segments (k = {result['k']})")
    found = {customer: segment["segment"] for segment in result["segments"] for customer in segment["respondents"]}
    checks.expect(sorted(found) == sorted(planted), "every customer is in exactly one segment")
    customers = sorted(planted)
    ari = adjusted_rand([planted[c] for c in customers], [found[c] for c in customers])
    checks.expect(ari > 0.8, f"the planted segments are found again (adjusted Rand index {ari:.3f})")
    for segment in result["segments"]:
        groups = [planted[c] for c in segment["respondents"]]
        group = max(set(groups), key=groups.count)
        mine = {f"o{3 * group + i + 1}" for i in range(3)}
        checks.expect(mine <= set(segment["underserved"][:3]) and segment["size"] == len(segment["respondents"]),
                      f"{segment['segment']} lists its planted outcomes first ({segment['underserved']})")
        checks.expect(sum(segment["given"].values()) == segment["size"] and set(segment["given"]) <= {"home", "smb"},
                      f"{segment['segment']} says how it cuts across the given segments ({segment['given']})")
    checks.expect(run_segments().stdout == done.stdout, "the same file gives the same segments (fixed seed)")
    four = json.loads(run_segments("--k", "4").stdout)
    checks.expect(four["k"] == 4 and len(four["segments"]) == 4, "--k 4 gives four segments")
    refused = subprocess.run([cdna, "analyze", "outcomes", "--responses", path, "--k", "3"], capture_output=True, text=True)
    checks.expect(refused.returncode != 0 and "--find-segments" in refused.stderr, "--k without --find-segments is refused")

PLANTED_THEMES = {
    "invoices": ["invoice", "billing", "refund", "payment", "overcharged", "statement"],
    "phones": ["phone", "queue", "waiting", "callback", "hotline", "hold"],
    "website": ["website", "login", "password", "browser", "portal", "app"],
    "forms": ["paperwork", "forms", "signature", "scanning", "archive", "printing"],
}
FILLER = ["really", "often", "sometimes", "today", "again", "lately", "somehow", "slow", "better", "worse", "simple",
          "hard", "quick", "clear", "messy", "week", "month", "every", "still", "rather"]


def comment_checks(checks, cdna, work):
    """Four planted themes, each with six words of its own, in answers padded with filler shared by
    all; units of 120, 90, 60 and 6 people who wrote; eleven people who wrote nearly the same."""
    rng = random.Random(17)
    path = os.path.join(work, "comments.csv")
    planted, unit_of = {}, {}
    units = [("claims", 120), ("finance", 90), ("sales", 60), ("legal", 6)]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "unit", "role", "value-in-own-words"])
        number = 0
        for unit, size in units:
            for _ in range(size):
                number += 1
                person = f"p{number}"
                if number <= 11:
                    text = ("The invoice billing is a mess" + ("!" if number % 2 else ".") + (" Really." if number == 3 else ""))
                    planted[person] = "invoices"
                else:
                    theme = rng.choice(sorted(PLANTED_THEMES))
                    words = rng.sample(PLANTED_THEMES[theme], 3) + rng.sample(FILLER, rng.randint(2, 5))
                    rng.shuffle(words)
                    text = "The " + " and the ".join(words) + "."
                    planted[person] = theme
                unit_of[person] = unit
                writer.writerow([person, unit, "staff", text])
    comments = lambda *extra: subprocess.run(
        [cdna, "analyze", "comments", "--instrument", INSTRUMENT, "--responses", path, *extra], capture_output=True, text=True)
    done = comments()
    checks.expect(done.returncode == 0, f"analyze comments runs ({done.stderr.strip()[:200]})")
    result = json.loads(done.stdout)
    total = len(planted)
    checks.expect(result["answers"] == total and result["respondents"] == total and result["min_comments"] == 10,
                  "every answer is read, under the default comment threshold of 10")
    themes = result["themes"]
    checks.expect(sum(t["count"] for t in themes) + result["unthemed"] == total, "themes and unthemed answers add up to all answers")
    checks.expect(all(abs(t["share"] - t["count"] / total) < 1e-12 for t in themes), "share is count over all answers")
    leading = {}
    for name, words in PLANTED_THEMES.items():
        led = [t for t in themes if set(t["terms"][:3]) <= set(words)]
        checks.expect(len(led) >= 1, f"the planted theme '{name}' leads a found theme ({[t['theme'] for t in themes]})")
        leading[name] = max(led, key=lambda t: t["count"])["theme"]
    groups = {g["group"]: g for g in result["groups"]}
    checks.expect(groups["legal"] == {"group": "legal", "suppressed": True},
                  "a unit where 6 people wrote shows neither answers nor theme counts")
    checks.expect(groups["sales"] == {"group": "sales", "suppressed": True},
                  "the smallest other unit is hidden too, so legal cannot be had by subtraction")
    for unit in ("claims", "finance"):
        group = groups[unit]
        checks.expect(group["respondents"] == group["answers"] == sum(1 for p in unit_of if unit_of[p] == unit),
                      f"{unit}: the people who wrote are counted")
        # A found theme belongs to the planted one whose words it shares most (the eleven
        # near-identical answers may make a theme of their own within 'invoices').
        found = {}
        for theme in group["themes"]:
            terms = next(t["terms"] for t in themes if t["theme"] == theme["theme"])
            name = max(PLANTED_THEMES, key=lambda n: len(set(terms) & set(PLANTED_THEMES[n])))
            found[name] = found.get(name, 0) + theme["count"]
        for name in PLANTED_THEMES:
            expected = sum(1 for p in planted if unit_of[p] == unit and planted[p] == name)
            checks.expect(abs(found.get(name, 0) - expected) <= max(2, expected // 10),
                          f"{unit}: the themes of planted '{name}' count {found.get(name, 0)} of its {expected} answers")
        checks.expect(sum(c["count"] for c in group["comments"]) == group["answers"], f"{unit}: folded answers add up")
    folded = [c for c in result["comments"] if c["text"].startswith("The invoice billing is a mess")]
    checks.expect(len(folded) == 1 and folded[0]["count"] == 11 and result["comments"][0] == folded[0]
                  and sum(c["count"] for c in result["comments"]) == total,
                  f"eleven near-identical answers fold into one line with their count ({folded[:2]})")
    checks.expect(comments().stdout == done.stdout, "the same file gives the same themes (fixed seed)")
    high = json.loads(comments("--min-comments", "300").stdout)
    checks.expect(high["suppressed"] and high["themes"] == [] and high["comments"] == []
                  and all(g.get("suppressed") for g in high["groups"]),
                  "under the threshold overall, nothing is shown")
    low = json.loads(comments("--min-comments", "3", "--min-group", "8").stdout)
    checks.expect(low["min_comments"] == 8 and {"group": "legal", "suppressed": True} in low["groups"],
                  "the comment threshold is never below k")
    table = list(csv.DictReader(io.StringIO(comments("--format", "csv").stdout)))
    checks.expect(any(r["group"] == "legal" and r["suppressed"] == "true" and r["theme"] == "" for r in table)
                  and not any("is a mess" in ",".join(r.values()) for r in table), "the CSV carries counts and no answer text")
    refused = comments("--item", "nothing")
    checks.expect(refused.returncode != 0 and "--item nothing" in refused.stderr, "an unknown text item is refused by name")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    arguments = parser.parse_args()
    checks = Checks()
    work = tempfile.mkdtemp(prefix="cdna-analytics-")
    drivers_checks(checks, os.path.abspath(arguments.cdna), work)
    comparison_checks(checks, os.path.abspath(arguments.cdna), work)
    segment_checks(checks, os.path.abspath(arguments.cdna), work)
    comment_checks(checks, os.path.abspath(arguments.cdna), work)
    print(f"analytics: {checks.passed} passed, 0 failed")


if __name__ == "__main__":
    main()
