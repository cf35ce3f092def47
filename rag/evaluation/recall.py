"""Retrieval recall of the hybrid retriever alone: does a passage holding the answer come back, and how high?

Measured for every answerable item of a suite with gold quotes (a passage holding one counts) or, for
RGB, with required facts (a passage holding every fact counts), on the retriever's top
DEFAULT_RECALL_DEPTH passages for the question as asked. Independent of the answer step, so a change
to retrieval shows here before it shows in the answers.
"""

from __future__ import annotations

from rag.evaluation.dataset import EvalItem
from rag.evaluation.metrics import first_hit_rank, hit_at, mean, reciprocal_rank
from rag.evaluation.score import gold_passage

# The deepest rank reported (recall@10); answers use the top 5.
DEFAULT_RECALL_DEPTH = 10
DEFAULT_RECALL_KS = (1, 3, 5, 10)


def recall(library, items: list[EvalItem]) -> dict | None:
    """{"items", "hit@k" for each k, "mrr@10"} over the answerable single-turn items; None when there are none."""
    ranks = []
    for item in items:
        if not item.answerable or item.history:
            continue
        passages = library.search(item.question, DEFAULT_RECALL_DEPTH).passages
        ranks.append(first_hit_rank([gold_passage(item, p.text) for p in passages]))
    if not ranks:
        return None
    out: dict = {"items": len(ranks)}
    for k in DEFAULT_RECALL_KS:
        out[f"hit@{k}"] = round(mean([hit_at(r, k) for r in ranks]), 3)
    out["mrr@10"] = round(mean([reciprocal_rank(r, DEFAULT_RECALL_DEPTH) for r in ranks]), 3)
    return out


def markdown(table: dict) -> list[str]:
    ks = [f"hit@{k}" for k in DEFAULT_RECALL_KS]
    return ["", f"### Retrieval recall (hybrid retriever alone, top {DEFAULT_RECALL_DEPTH}, {table['items']} answerable "
            "items): a passage holding the answer at rank ≤ k", "",
            "| " + " | ".join(ks + ["mrr@10"]) + " |", "|" + " --- |" * (len(ks) + 1),
            "| " + " | ".join(f"{table[k]:.3f}" for k in ks + ["mrr@10"]) + " |"]
