"""What the outcome-study and top-tasks peers share: the command line and turning counts into
the contract's JSON (DESIGN.md: importance/satisfaction as top-2-box x 10, opportunity =
I + max(I - S, 0); top tasks ranked by votes, ties by task id, long neck and top tasks by
the cumulative share before each task). The pass over a million rows is each peer's own."""

import argparse
import json


def arguments(kind):
    parser = argparse.ArgumentParser()
    if kind == "outcomes":
        parser.add_argument("--responses", required=True)
        parser.add_argument("--by", choices=["segment"])
    else:
        parser.add_argument("--votes", required=True)
        parser.add_argument("--long-neck", type=float, default=0.25)
        parser.add_argument("--top", type=float, default=0.5)
    return parser.parse_args()


def outcome_scores(rows, by_segment):
    """rows: (segment, outcome, n, importance_top, importance_count, satisfaction_top, satisfaction_count)."""
    scores = []
    for segment, outcome, n, it, ic, st, sc in rows:
        importance = it / ic * 10 if ic else 0.0
        satisfaction = st / sc * 10 if sc else 0.0
        opportunity = importance + max(importance - satisfaction, 0)
        status = "underserved" if opportunity > 10 else "overserved" if satisfaction > importance else "served"
        scores.append({
            "outcome": outcome, "segment": segment if by_segment else None, "n": int(n), "importance": importance,
            "satisfaction": satisfaction, "opportunity": opportunity, "status": status,
        })
    scores.sort(key=lambda s: (s["segment"] or "", -s["opportunity"], s["outcome"]))
    return scores


def ranked_tasks(counts, long_neck, top):
    """counts: {task: votes}."""
    total = sum(counts.values())
    ordered = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))
    results, cumulative = [], 0
    for rank, (task, votes) in enumerate(ordered, start=1):
        before = cumulative / total if total else 0
        cumulative += votes
        results.append({
            "task": task, "votes": int(votes), "share": votes / total if total else 0, "cumulative_share": cumulative / total if total else 0,
            "rank": rank, "long_neck": total > 0 and before < long_neck, "top": total > 0 and before < top,
        })
    return results


def fail(message):
    raise SystemExit(message)


def emit(value):
    print(json.dumps(value))
