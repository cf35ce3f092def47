"""What a question says was said, and the reader's use of it (invented sentences, not eval items)."""

from rag.evidence import Evidence
from rag.nlp import entity_spans, parse_text
from rag.question import analyse
from rag.reader import Reader
from rag.reported import reported_words
from rag.retrieval import Passage


def test_reported_words_are_the_said_clauses_predicate():
    assert reported_words("Who said the new bridge is a landmark?") == ("landmark",)
    assert reported_words("Who warned that floods would close the harbour?") == ("close",)
    assert reported_words("Who said the vote was unfair?") == ("unfair",)
    # A reported question asks, it claims nothing to look for.
    assert reported_words("Who explained how the new bridge works?") == ()
    # No clause is reported: nothing of it to look for.
    assert reported_words("Who told the council about the budget?") == ()
    assert reported_words("Who opened the new bridge?") == ()


def _read(question: str, sentences: list[str]) -> list[str]:
    ranked = []
    for n, text in enumerate(sentences):
        passage = Passage(f"c{n}", f"a{n}", "Title", None, f"a{n}.txt", 0, text, 0, len(text))
        ranked.append((Evidence(f"a{n}", "Title", None, f"a{n}.txt", text, 0, len(text), 0.9, 0.9, 1.0), passage))
    return [c.text for c in Reader(entity_spans, parse_text).read(analyse(question), ranked, question).answers]


def test_reported_a_sayer_of_something_else_is_not_who_said_it():
    other = "“They thought I was mad,” Tom Fielding says of the old bridge, which he began repairing in 1990."
    said = "“It is more than a crossing,” Clara Monti tells me on the river bank, “it is a landmark.”"
    assert _read("Who said the old bridge is a landmark?", [other]) == []
    assert _read("Who said the old bridge is a landmark?", [other, said]) == ["Clara Monti"]
