"""Retrieval recall and fusion-weight choice over crafted candidate lists (the arithmetic of two modules)."""

from rag.evaluation.fusion import choose, markdown as fusion_markdown
from rag.evaluation.recall import CONFIGURED, Ranked, markdown, table
from rag.retrieval import FusionWeights


def _ranked(gold_at: dict[str, int | None], served_at: int | None = None, depth: int = 12) -> Ranked:
    """Candidate lists of `depth` distinct chunk ids per retriever, the gold chunk at the given 1-based rank."""
    rankings = {}
    for name in ("chunk_dense", "sentence_dense", "bm25"):
        ids = [f"{name}-{i}" for i in range(depth)]
        if gold_at.get(name):
            ids[gold_at[name] - 1] = "gold"
        rankings[name] = ids
    served = [f"s{i}" for i in range(10)]
    if served_at:
        served[served_at - 1] = "gold"
    return Ranked(rankings, frozenset({"gold"}), tuple(served))


def test_table_counts_the_rank_of_the_first_passage_holding_the_answer():
    ranked = [_ranked({"chunk_dense": 1}, 2), _ranked({"bm25": 1}, 5), _ranked({}, None)]
    got = table(ranked, FusionWeights())
    assert got["items"] == 3
    assert (got["hit@1"], got["hit@3"], got["hit@5"], got["hit@10"]) == (0.0, 0.333, 0.667, 0.667)
    assert got["mrr@10"] == round((1 / 2 + 1 / 5) / 3, 3)
    rows = {r["name"]: r for r in got["variants"]}
    assert rows["sentence-dense alone"]["hit@10"] == 0.0
    assert rows["chunk-dense alone"]["hit@1"] == 0.333
    assert rows[CONFIGURED]["hit@5"] == 0.667
    assert "| 0.000 | 0.333 | 0.667 | 0.667 |" in "\n".join(markdown(got))


def test_table_is_none_without_items():
    assert table([], FusionWeights()) is None


def test_fused_rank_rewards_agreement_and_weight():
    # Gold third in two lists beats a decoy first in one list only.
    both = _ranked({"sentence_dense": 3, "bm25": 3})
    assert both.rank(FusionWeights(1, 1, 1)) == 1
    assert both.rank(FusionWeights(1, 0, 0)) is None
    alone = _ranked({"bm25": 2})
    assert alone.rank(FusionWeights(1, 1, 2)) < alone.rank(FusionWeights(1, 1, 1))


def test_choose_prefers_the_weighting_that_ranks_the_calibration_half_best():
    # Gold always first in BM25 and nowhere else: the grid's heaviest BM25 weight wins, reported on both halves.
    ranked = {"seeds": [_ranked({"bm25": 1}) for _ in range(6)], "rgb": [_ranked({"bm25": 1}) for _ in range(4)]}
    got = choose(ranked, FusionWeights())
    assert got["chosen"]["bm25"] > got["chosen"]["chunk_dense"]
    assert got["rows"]["chosen"]["report"] > got["rows"]["configured"]["report"]
    assert got["items"] == 5
    assert "| chosen |" in "\n".join(fusion_markdown(got))


def test_choose_ties_go_to_equal_weights():
    ranked = {"seeds": [_ranked({"chunk_dense": 1, "sentence_dense": 1, "bm25": 1}) for _ in range(4)]}
    assert choose(ranked, FusionWeights())["chosen"] == {"chunk_dense": 1.0, "sentence_dense": 1.0, "bm25": 1.0}
