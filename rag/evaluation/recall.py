"""Retrieval recall of the retriever alone: does a passage holding the answer come back, and how high?

Measured for every answerable item of a suite with gold quotes (a passage holding one counts) or, for
RGB, with required facts (a passage holding every fact counts), on the retriever's top
DEFAULT_RECALL_DEPTH passages for the question as asked. Independent of the answer step, so a change
to retrieval shows here before it shows in the answers.

Besides the configured retriever (what `/ask` uses), each report shows the variants it is built from,
fused from the same candidate lists: the hybrid of before the sentence index (chunk-dense + BM25), each
retriever alone, and the configured weights without the constraint ordering.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.evaluation.dataset import EvalItem
from rag.evaluation.metrics import first_hit_rank, hit_at, mean, reciprocal_rank
from rag.evaluation.score import gold_passage
from rag.retrieval import RETRIEVERS, FusionWeights, candidate_count, fuse

# The deepest rank reported (recall@10); answers use the top 5.
DEFAULT_RECALL_DEPTH = 10
DEFAULT_RECALL_KS = (1, 3, 5, 10)
CONFIGURED = "configured (fusion + constraint ordering)"
# The hybrid of before the sentence index: chunk-dense and BM25 alone, equally weighted.
BEFORE = FusionWeights(1.0, 0.0, 1.0)


@dataclass(frozen=True)
class Ranked:
    """One item's candidate lists (chunk ids, best first, per retriever) and which of them hold its answer."""

    rankings: dict[str, list[str]]
    gold: frozenset[str]
    # The configured retriever's top DEFAULT_RECALL_DEPTH, as `/ask` sees it.
    served: tuple[str, ...]

    def rank(self, weights: FusionWeights) -> int | None:
        order = [cid for cid, _ in fuse(self.rankings, weights)][:DEFAULT_RECALL_DEPTH]
        return first_hit_rank([cid in self.gold for cid in order])


def variants(configured: FusionWeights) -> list[tuple[str, FusionWeights]]:
    return [
        ("chunk-dense + BM25 (before the sentence index)", BEFORE),
        ("chunk-dense alone", FusionWeights(1.0, 0.0, 0.0)),
        ("sentence-dense alone", FusionWeights(0.0, 1.0, 0.0)),
        ("BM25 alone", FusionWeights(0.0, 0.0, 1.0)),
        (f"fusion at the configured weights ({configured})", configured),
    ]


def ranked_items(library, items: list[EvalItem]) -> list[Ranked]:
    """Every answerable single-turn item's candidate lists, with gold marked; retrieval as configured alongside
    (selected from the same candidates, so each question is searched once)."""
    retriever = library.retriever
    out = []
    for item in items:
        if not item.answerable or item.history:
            continue
        found = retriever.candidates(item.question, candidate_count(DEFAULT_RECALL_DEPTH), retrievers=RETRIEVERS)
        rankings = {name: [cid for cid, _ in found.rankings[name]] for name in RETRIEVERS}
        served = tuple(p.chunk_id for p in retriever.select(found, item.question, DEFAULT_RECALL_DEPTH).passages)
        ids = sorted({cid for r in rankings.values() for cid in r} | set(served))
        gold = frozenset(c.id for c in library.store.get_chunks(ids) if gold_passage(item, c.text))
        out.append(Ranked(rankings, gold, served))
    return out


def _row(ranks: list[int | None]) -> dict:
    out: dict = {f"hit@{k}": round(mean([hit_at(r, k) for r in ranks]), 3) for k in DEFAULT_RECALL_KS}
    out["mrr@10"] = round(mean([reciprocal_rank(r, DEFAULT_RECALL_DEPTH) for r in ranks]), 3)
    return out


def table(ranked: list[Ranked], configured: FusionWeights) -> dict | None:
    """{"items", hit@k and mrr@10 of the configured retriever, "variants": [{"name", hit@k, mrr@10}]}; None when empty."""
    if not ranked:
        return None
    served = [first_hit_rank([cid in r.gold for cid in r.served]) for r in ranked]
    rows = [{"name": name, **_row([r.rank(w) for r in ranked])} for name, w in variants(configured)]
    return {"items": len(ranked), **_row(served), "variants": [*rows, {"name": CONFIGURED, **_row(served)}]}


def recall(library, items: list[EvalItem]) -> tuple[dict | None, list[Ranked]]:
    ranked = ranked_items(library, items)
    return table(ranked, library.retriever.weights), ranked


def markdown(result: dict) -> list[str]:
    ks = [f"hit@{k}" for k in DEFAULT_RECALL_KS]
    lines = ["", f"### Retrieval recall (retriever alone, top {DEFAULT_RECALL_DEPTH}, {result['items']} answerable "
             "items): a passage holding the answer at rank ≤ k", "",
             "| retriever | " + " | ".join(ks + ["mrr@10"]) + " |", "| --- |" + " --- |" * (len(ks) + 1)]
    for row in result.get("variants") or [{"name": CONFIGURED, **result}]:
        lines.append(f"| {row['name']} | " + " | ".join(f"{row[k]:.3f}" for k in ks + ["mrr@10"]) + " |")
    return lines
