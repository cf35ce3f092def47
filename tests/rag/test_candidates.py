"""Ranking of short answer candidates against each other (plain values, no model needed)."""

from rag.candidates import Candidate, agree, fuller
from rag.evidence import Evidence


def _candidate(text: str, article: str, score: float, label: str = "PERSON") -> Candidate:
    quote = f"{text} won the Lakeside Open."
    evidence = Evidence(article, "Title", None, f"{article}.txt", quote, 0, len(quote), score, score, 1.0)
    return Candidate(text, label, 0, evidence, 0, len(text), score, 0)


def test_candidates_a_name_several_articles_agree_on_ranks_first():
    ranked = agree([_candidate("Anna Berg", "a1", 0.80), _candidate("Maria Lopez", "a2", 0.78),
                    _candidate("Maria Lopez", "a3", 0.70)])
    assert [c.text for c in ranked][:1] == ["Maria Lopez"]
    assert ranked[0].score > 0.78


def test_candidates_a_surname_counts_for_the_full_name_and_is_answered_by_it():
    found = [_candidate("Lopez", "a1", 0.9), _candidate("Maria Lopez", "a1", 0.6),
             _candidate("Lopez", "a2", 0.5, label="ORG")]
    assert [c.text for c in fuller(found)] == ["Maria Lopez", "Maria Lopez", "Lopez"]
