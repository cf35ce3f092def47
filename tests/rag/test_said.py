"""When a report was made is not when what it reports happens (spaCy's real parse of invented sentences)."""

from rag.nlp import parse_text
from rag.said import when_said


def _when_said(sentence: str, span: str, verb: str | None) -> str | None:
    a = sentence.index(span)
    return when_said(parse_text(sentence), a, a + len(span), verb)


def test_said_the_date_of_a_report_is_when_it_was_said():
    sentence = "Harbor Media said on Thursday it aims to halve its emissions by 2031."
    assert _when_said(sentence, "Thursday", "plan") == "said"
    assert _when_said(sentence, "2031", "plan") is None
    assert _when_said("Harbor Media on Monday announced a new ferry line.", "Monday", "open") == "announced"
    # A question about the saying itself is answered by that date.
    assert _when_said(sentence, "Thursday", "say") is None
    assert _when_said("The ferry line opened on Thursday, the company said.", "Thursday", "open") is None
