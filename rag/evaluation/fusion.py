"""The fusion weights: chosen on one half of the dev items' candidate lists, checked on the other half.

Every weighting on a small grid re-fuses the same candidate lists (no retrieval is repeated). An item
is worth (hit@k + reciprocal rank at 10) / 2, with k the rank the targets name for its suite, and each
suite weighs the same however many items it has. The calibration half is the even positions of each
suite, the report half the odd ones. Nothing here reads the items' wording.
"""

from __future__ import annotations

from itertools import product

from rag.evaluation.metrics import hit_at, mean, reciprocal_rank
from rag.evaluation.recall import BEFORE, DEFAULT_RECALL_DEPTH, Ranked
from rag.retrieval import FusionWeights

# Each weight from this grid: a coarse one, since a few dozen items per suite cannot tell finer steps apart.
DEFAULT_WEIGHT_GRID = (0.5, 1.0, 1.5, 2.0)
# The rank the targets name: a passage with the answer in the top 3 (seeds, paraphrases) or top 5 (RGB).
DEFAULT_TARGET_K = {"seeds": 3, "paraphrase": 3, "rgb": 5}


def worth(ranked: dict[str, list[Ranked]], weights: FusionWeights) -> float:
    per_suite = []
    for suite, items in ranked.items():
        k = DEFAULT_TARGET_K.get(suite, 5)
        ranks = [r.rank(weights) for r in items]
        per_suite.append(mean([(hit_at(r, k) + reciprocal_rank(r, DEFAULT_RECALL_DEPTH)) / 2 for r in ranks]))
    return round(mean(per_suite), 4)


def choose(ranked: dict[str, list[Ranked]], configured: FusionWeights) -> dict | None:
    """The grid's best weights on the calibration half (ties: the nearest to equal weights), both halves' worth
    for it, for the configured weights and for the hybrid before the sentence index; None without two halves."""
    calibration = {s: items[0::2] for s, items in ranked.items() if len(items) >= 2}
    report = {s: items[1::2] for s, items in ranked.items() if len(items) >= 2}
    if not calibration:
        return None
    grid = [FusionWeights(*w) for w in product(DEFAULT_WEIGHT_GRID, repeat=3)]
    scored = [(worth(calibration, w), -_spread(w), w) for w in grid]
    best = max(scored, key=lambda t: t[:2])[2]
    # Only ratios matter to the fusion: say (0.5, 0.5, 0.5) as (1, 1, 1).
    low = min(best.chunk_dense, best.sentence_dense, best.bm25)
    best = FusionWeights(best.chunk_dense / low, best.sentence_dense / low, best.bm25 / low)
    rows = {}
    for name, w in (("before the sentence index", BEFORE), ("configured", configured), ("chosen", best)):
        rows[name] = {"weights": str(w), "calibration": worth(calibration, w), "report": worth(report, w)}
    return {"suites": sorted(calibration), "items": sum(len(v) for v in calibration.values()),
            "chosen": {"chunk_dense": best.chunk_dense, "sentence_dense": best.sentence_dense, "bm25": best.bm25},
            "rows": rows}


def _spread(w: FusionWeights) -> float:
    return max(w.chunk_dense, w.sentence_dense, w.bm25) / min(w.chunk_dense, w.sentence_dense, w.bm25)


def markdown(result: dict) -> list[str]:
    targets = ", ".join(f"hit@{DEFAULT_TARGET_K[s]} for {s}" for s in result["suites"] if s in DEFAULT_TARGET_K)
    lines = ["## Fusion weights", "",
             f"Chosen on the calibration half (even positions of {', '.join(result['suites'])}; {result['items']} "
             f"items) over weights in {{{', '.join(f'{g:g}' for g in DEFAULT_WEIGHT_GRID)}}} each, checked on the report "
             f"half. Worth of an item: (hit@k + MRR@10) / 2 with {targets}; suites weigh the same.", "",
             "| weights | chunk-dense, sentence-dense, BM25 | calibration | report |", "| --- | --- | --- | --- |"]
    for name, row in result["rows"].items():
        lines.append(f"| {name} | {row['weights']} | {row['calibration']:.3f} | {row['report']:.3f} |")
    return lines
