"""The abstention operating point: chosen on one half of the dev items, checked on the other half.

The service declines when its best evidence sentence scores below a threshold, and, whatever the score,
when the reader finds no candidate that meets the question. The second kind of decline does not move
with the threshold. For each threshold t on a sweep, every row is replayed: declined at t when its score
is below t or when it was declined for the other reason. What that row is worth:
- a declined unanswerable question: +1;
- a right answer: +1;
- an answer that is neither right nor wrong (a quoted sentence holding the facts): 0;
- a confidently wrong answer: -1, and a false decline: -DEFAULT_FALSE_DECLINE_COST.
A row that was declined for its score but would be answered at a lower t counts as wrong, since its
answer is unknown: the replay is pessimistic below the configured threshold.
The calibration half is the even positions of each suite that has unanswerable items; the report half is
the odd ones. Nothing here reads the items' wording.
"""

from __future__ import annotations

from rag.evaluation.score import DEFAULT_SWEEP, decline_rates, declined_at, replayable

# What declining an answerable question costs, against 1 for a wrong answer: the product's targets bound
# over-refusal and confidently wrong answers alike (each at most .05 on the seeds), so they weigh the same.
DEFAULT_FALSE_DECLINE_COST = 1.0
# The suites of single questions: seeds and rgb hold unanswerable items, paraphrase tests wording (chat has
# too few items to split).
DEFAULT_CALIBRATION_SUITES = ("seeds", "paraphrase", "rgb")


def worth(row: dict, t: float, configured: float) -> float:
    if declined_at(row, t, configured):
        return -DEFAULT_FALSE_DECLINE_COST if row["answerable"] else 1
    if not row["answerable"]:
        return -1
    if row["refused"]:
        return -1  # answered only below the threshold it ran with: an answer nobody has seen
    # A right answer; a wrong one; or neither (a quoted sentence that holds the facts, a partial answer).
    return 1 if row["correct"] else -1 if row.get("confidently_wrong") else 0


def summary(rows: list[dict], t: float, configured: float) -> dict:
    false_declines, rejections = decline_rates(rows, t, configured)
    return {
        "threshold": t,
        "utility": sum(worth(r, t, configured) for r in rows),
        "items": len(rows),
        "false_declines": round(false_declines, 3),
        "rejections": round(rejections, 3),
    }


def halves(results: dict[str, dict], system: str) -> tuple[list[dict], list[dict]]:
    calibration, report = [], []
    for suite in DEFAULT_CALIBRATION_SUITES:
        rows = replayable(results.get(suite, {}).get(system, {}).get("items", []))
        calibration += rows[0::2]
        report += rows[1::2]
    return calibration, report


def operating_point(results: dict[str, dict], configured: float, system: str = "newsrag",
                    sweep: list[float] = DEFAULT_SWEEP) -> dict | None:
    """The threshold with the best worth on the calibration half (ties: the one nearest the configured
    threshold), and how it and the configured one fare on the report half; None without both halves."""
    calibration, report = halves(results, system)
    if not calibration or not report:
        return None
    curve = [{"calibration": summary(calibration, t, configured), "report": summary(report, t, configured)}
             for t in sweep]
    best = max(curve, key=lambda p: (p["calibration"]["utility"], -abs(p["calibration"]["threshold"] - configured)))
    chosen = best["calibration"]["threshold"]
    return {
        "configured": configured,
        "chosen": chosen,
        "suites": [s for s in DEFAULT_CALIBRATION_SUITES if s in results],
        "calibration": {"chosen": best["calibration"], "configured": summary(calibration, configured, configured)},
        "report": {"chosen": best["report"], "configured": summary(report, configured, configured)},
        "curve": curve,
    }


def markdown(point: dict) -> list[str]:
    """The operating point section of the eval report."""
    cal, rep = point["calibration"], point["report"]
    lines = ["## Abstention operating point", "",
             f"Chosen on the calibration half (even positions of {', '.join(point['suites'])}; "
             f"{cal['chosen']['items']} items), checked on the report half (odd positions; {rep['chosen']['items']} "
             "items). Worth: +1 a right answer or a declined unanswerable question, 0 a quoted sentence holding "
             f"the facts, −1 a wrong answer, −{DEFAULT_FALSE_DECLINE_COST:g} a false decline.", "",
             "| half | threshold | worth | false declines | rejections |", "| --- | --- | --- | --- | --- |"]
    for name, half in (("calibration", cal), ("report", rep)):
        for which in ("configured", "chosen"):
            s = half[which]
            lines.append(f"| {name} ({which}) | {s['threshold']:.2f} | {s['utility']:g} | {s['false_declines']:.3f} | "
                         f"{s['rejections']:.3f} |")
    lines += ["", "| t | " + " | ".join(f"{p['calibration']['threshold']:.2f}" for p in point["curve"][::2]) + " |",
              "| --- |" + " --- |" * len(point["curve"][::2])]
    for name in ("calibration", "report"):
        lines.append(f"| worth ({name}) | " + " | ".join(f"{p[name]['utility']:g}" for p in point["curve"][::2]) + " |")
    return lines
