"""What the three P1 implementations share: reading the instrument into a dimension plan
(the contract's rule: a layer uses the items tagged with it or any of its elements), and
turning per-group sums into the contract's JSON (CI, layer balance, anonymity). The heavy
part, the pass over 6M answers, is each implementation's own."""

import argparse
import json
import math

import yaml

LAYERS = ["experience", "data-technology", "strategy", "culture-leadership"]
LAYER_WEIGHTS = {"experience": 1, "data-technology": 2, "strategy": 3, "culture-leadership": 4}


def arguments():
    """The command line both peers take, like `cdna analyze assessment`."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--instrument", required=True)
    parser.add_argument("--responses", required=True)
    parser.add_argument("--min-group", type=int, default=5)
    return parser.parse_args()


def plan(instrument_path):
    """Returns (item ids, reversed flags, [(framework, dimension label, [item indexes])])."""
    with open(instrument_path) as handle:
        instrument = yaml.safe_load(handle)
    items = [i for i in instrument["items"] if i.get("type", "likert") == "likert"]
    by_ref = {}
    for index, item in enumerate(items):
        refs = set()
        for tag in item.get("dimensions", []):
            parts = tag.split("/")
            refs.add((parts[0], "/".join(parts[1:])))
            if len(parts) == 3:
                refs.add((parts[0], parts[1]))
        for ref in refs:
            by_ref.setdefault(ref, []).append(index)
    order = {"os-canvas": 0, "layers": 1, "empowerment": 2, "obsession": 3}
    dimensions = sorted(by_ref.items(), key=lambda entry: (order.get(entry[0][0], 9), entry[0][1]))
    return [i["id"] for i in items], [bool(i.get("reverse")) for i in items], [(f, d, idx) for (f, d), idx in dimensions]


def _incomplete_beta(x, a, b):
    """Regularized incomplete beta I_x(a, b) by its continued fraction (modified Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _incomplete_beta(1 - x, b, a)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)) / a
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 400):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-16:
            break
    return front * result


_T975 = {}


def t975(df):
    """Student's t quantile at 0.975 by bisection on the CDF (cached per df); scipy would
    give the same to 1e-12 but costs half a second to import."""
    if df not in _T975:
        low, high = 0.0, 1000.0
        for _ in range(200):
            middle = (low + high) / 2
            tail = 0.5 * _incomplete_beta(df / (df + middle * middle), df / 2, 0.5)
            low, high = (middle, high) if 1 - tail < 0.975 else (low, middle)
        _T975[df] = (low + high) / 2
    return _T975[df]


def dimension_result(framework, label, n, mean_sum, mean_squares, answers, favorable, unfavorable, alpha):
    if n == 0:
        return None
    mean = mean_sum / n
    sd = math.sqrt(max(0.0, (mean_squares - mean_sum * mean_sum / n) / (n - 1))) if n >= 2 else None
    low = high = None
    if sd is not None:
        half = t975(int(n) - 1) * sd / math.sqrt(n)
        low, high = mean - half, mean + half
    return {
        "framework": framework, "dimension": label, "n": int(n), "mean": mean, "sd": sd, "ci95_low": low, "ci95_high": high,
        "score": (mean - 1) / 4 * 100, "favorable": favorable / answers, "unfavorable": unfavorable / answers, "alpha": alpha,
    }


def variance(total, squares, n):
    return max(0.0, (squares - total * total / n) / (n - 1))


def alpha_from_sums(record, d, members):
    """Cronbach's alpha of dimension d from the sums over its complete rows: k{d} rows,
    ts/tq the totals and their squares, is/iq each item's sum and sum of squares."""
    if len(members) < 3 or (record[f"k{d}"] or 0) < 2:
        return None
    n = record[f"k{d}"]
    total = variance(record[f"ts{d}"], record[f"tq{d}"], n)
    if total <= 1e-12:
        return None
    items = sum(variance(record[f"is{d}_{i}"], record[f"iq{d}_{i}"], n) for i in members)
    return len(members) / (len(members) - 1) * (1 - items / total)


def group_result(name, n, dimensions):
    dimensions = [d for d in dimensions if d is not None]
    layer_scores = {d["dimension"]: d["score"] for d in dimensions if d["framework"] == "layers" and d["dimension"] in LAYERS}
    layers = None
    if layer_scores:
        weakest = min(LAYERS, key=lambda layer: (layer_scores.get(layer, math.inf), LAYERS.index(layer)))
        index = sum(LAYER_WEIGHTS[l] * s for l, s in layer_scores.items()) / sum(LAYER_WEIGHTS[l] for l in layer_scores)
        layers = {"scores": layer_scores, "balance": {"spread": max(layer_scores.values()) - min(layer_scores.values()), "weakest": weakest, "index": index}}
    return {"group": name, "n": int(n), "dimensions": dimensions, "layers": layers, "line_of_sight_coverage": None}


def suppress(total, sizes, k):
    """The contract's anonymity rule for one level: groups under k, then the smallest
    shown ones until the hidden part is safe."""
    if total < k:
        return False, [False] * len(sizes)
    shown = [size >= k for size in sizes]
    while True:
        hidden = [s for s, visible in zip(sizes, shown) if not visible]
        if not hidden or (len(hidden) > 1 and sum(hidden) >= k):
            break
        candidates = [i for i, visible in enumerate(shown) if visible]
        if not candidates:
            break
        shown[min(candidates, key=lambda i: sizes[i])] = False
    return True, shown


def emit(overall, groups):
    print(json.dumps({"overall": overall, "groups": groups}, sort_keys=True))
