"""Reports that differ on a quantity, on invented sentences through spaCy's real pipeline (not eval items)."""

from rag.compose import ShortAnswer, typed_text
from rag.differ import values
from rag.evidence import Evidence
from rag.nlp import entity_spans, parse_text
from rag.question import analyse
from rag.reader import Reader
from rag.retrieval import Passage


def _reading(question: str, sentences: list[tuple[str, float]]):
    ranked = []
    for n, (text, score) in enumerate(sentences):
        passage = Passage(f"c{n}", f"a{n}", "Title", None, f"a{n}.txt", 0, text, 0, len(text))
        ranked.append((Evidence(f"a{n}", "Title", None, f"a{n}.txt", text, 0, len(text), score, score, 1.0), passage))
    return Reader(entity_spans, parse_text).read(analyse(question), ranked, question)


def test_differ_values_are_the_numbers_and_the_unit_hedges_aside():
    assert values("nearly two years") == ({2.0}, {"year"})
    assert values("more than three years") == ({3.0}, {"year"})
    assert values("104,000") == ({104000.0}, frozenset())
    assert values("4.5 hours") == ({4.5}, {"hour"})


def test_differ_two_articles_that_state_another_quantity_are_both_answers():
    reading = _reading("How long did the ferry talks last?", [
        ("The ferry talks lasted nearly two years, officials said.", 0.80),
        ("The ferry talks lasted more than three years, the council said.", 0.78)])
    assert reading.differ
    assert [c.text for c in reading.answers] == ["nearly two years", "more than three years"]


def test_differ_articles_that_agree_or_one_article_alone_do_not_differ():
    agree = _reading("How long did the ferry talks last?", [
        ("The ferry talks lasted nearly two years, officials said.", 0.80),
        ("The ferry talks lasted two years, the council said.", 0.78)])
    assert not agree.differ and [c.text for c in agree.answers] == ["nearly two years"]
    # Another unit is another quantity, not another report of this one.
    units = _reading("How long did the ferry talks last?", [
        ("The ferry talks lasted nearly two years, officials said.", 0.80),
        ("The ferry talks lasted three months, the council said.", 0.78)])
    assert not units.differ


def test_differ_composed_answer_says_the_reports_differ():
    shorts = [ShortAnswer("nearly two years", 1, "a0", 0, 16), ShortAnswer("more than three years", 2, "a1", 0, 21)]
    assert typed_text(shorts, [], differ=True) == "Reports differ: nearly two years [1]; more than three years [2]."
