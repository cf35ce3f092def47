"""Retrieval recall over ranked passages (a stand-in library: this tests the arithmetic of one module)."""

from dataclasses import dataclass

from rag.evaluation.dataset import EvalItem
from rag.evaluation.recall import markdown, recall


@dataclass
class _Passage:
    text: str


@dataclass
class _Found:
    passages: list


class _Library:
    def __init__(self, ranked: dict[str, list[str]]) -> None:
        self.ranked = ranked

    def search(self, question: str, k: int) -> _Found:
        return _Found([_Passage(t) for t in self.ranked[question][:k]])


def _item(question: str, quote: str, answerable: bool = True) -> EvalItem:
    return EvalItem(question, "single", question, answerable, "", [["x"]], ["a"], [quote])


def test_recall_counts_the_rank_of_the_first_passage_holding_a_gold_quote():
    library = _Library({
        "q1": ["no", "the gold one", "no"],
        "q2": ["no"] * 4 + ["gold again"] + ["no"] * 5,
        "q3": ["no"] * 10,
    })
    items = [_item("q1", "gold one"), _item("q2", "gold again"), _item("q3", "never"), _item("q4", "x", answerable=False)]
    table = recall(library, items)
    assert table["items"] == 3
    assert (table["hit@1"], table["hit@3"], table["hit@5"], table["hit@10"]) == (0.0, 0.333, 0.667, 0.667)
    assert table["mrr@10"] == round((1 / 2 + 1 / 5) / 3, 3)
    assert "| 0.000 | 0.333 | 0.667 | 0.667 |" in "\n".join(markdown(table))


def test_recall_is_none_without_answerable_items():
    assert recall(_Library({}), [_item("q", "x", answerable=False)]) is None
