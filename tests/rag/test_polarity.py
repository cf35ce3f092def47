"""Yes or no from the quoted clause, with spaCy's real parse of invented sentences (generic shapes, not eval
items)."""

import pytest

from rag.nlp import parse_question, parse_text
from rag.polarity import yes_or_no
from rag.question import analyse


def _lead(question: str, sentence: str) -> str | None:
    [part] = analyse(question)
    return yes_or_no(parse_text(sentence), sentence, 0, len(sentence), part, parse_question(question).tokens)


@pytest.mark.parametrize(
    ("question", "sentence", "lead"),
    [
        ("Did the ferry company raise its fares?", "The ferry company raised its fares on Monday.", "Yes"),
        ("Did the ferry company raise its fares?", "The ferry company did not raise its fares this year.", "No"),
        ("Did the ferry company raise its fares?", "The ferry company raised no fares this year.", "No"),
        ("Does Harbor Media run a bigger ferry business than Northwind?",
         "Harbor Media runs a bigger ferry business than Northwind and a small airline.", "Yes"),
        # Hedged: a modal, hearsay; a verb of seeming governs the subject itself.
        ("Did the ferry company raise its fares?", "The ferry company may raise its fares next year.", None),
        ("Did the ferry company raise its fares?", "The ferry company appears to have raised its fares.", None),
        ("Did the ferry company raise its fares?", "The ferry company reportedly raised its fares.", None),
        ("Did the ferry company raise its fares?", "Officials asked whether the ferry company raised its fares.", None),
        # Said of another, or in other words: no lead, the clause is quoted alone.
        ("Did the mayor open the bridge?", "The governor opened the bridge on Monday.", None),
        ("Did the mayor open the bridge?", "The mayor cut the ribbon on the bridge on Monday.", None),
        # "have" is light: a verb of having or providing the same object says it; another verb of it does not.
        ("Does Harbourline have a timetable app for its ferries?",
         "While Harbourline keeps paper timetables at some piers, it does not provide a timetable app for its ferries.",
         "No"),
        ("Does Harbourline have a timetable app for its ferries?",
         "Harbourline offers a timetable app for its ferries.", "Yes"),
        ("Does Harbourline have a timetable app for its ferries?",
         "Harbourline does not need a timetable app for its ferries.", None),
        # A negative question makes "yes" ambiguous.
        ("Didn't the mayor open the bridge?", "The mayor opened the bridge on Monday.", None),
    ],
)
def test_polarity_yes_or_no_only_when_the_clause_plainly_says_or_denies_the_asked_verb(question, sentence, lead):
    assert _lead(question, sentence) == lead


def test_polarity_no_lead_for_other_questions():
    assert _lead("Who opened the bridge?", "The mayor opened the bridge on Monday.") is None
