"""The asked argument of a statement question, with spaCy's real parse, on invented sentences."""

import pytest

from rag.arguments import argument, asked_verbs
from rag.nlp import parse_question, parse_text


def _argument(question: str, sentence: str) -> str | None:
    found = argument(parse_text(sentence), parse_question(question).tokens)
    return sentence[found[0]:found[1]] if found else None


def test_arguments_object_of_the_asked_verb_said_of_the_asked_subject():
    sentence = "Under the plan, the council would rebuild the old harbour wall in exchange for new port fees."
    assert _argument("What would the council rebuild under the plan?", sentence) == "the old harbour wall"


def test_arguments_a_carrier_verb_asks_for_the_inner_verbs_object():
    question = parse_question("What did she say the club had changed in March?").tokens
    assert [question[i].text for i in asked_verbs(question)] == ["changed", "say"]
    sentence = "Coach Maria Lopez said in March that the club had changed its approach to training."
    assert _argument("What did she say the club had changed in March?", sentence) == "its approach to training"


def test_arguments_what_was_said_is_the_complement_clause_without_that():
    sentence = "The mayor said that the bridge would reopen in May."
    assert _argument("What did the mayor say?", sentence) == "the bridge would reopen in May"


@pytest.mark.parametrize(
    "sentence",
    [
        "The council did not rebuild the old harbour wall.",  # denied
        "A rival town would rebuild the old harbour wall.",  # someone else's act
        "The council would repair the roads near the old harbour wall.",  # another verb
    ],
)
def test_arguments_none_when_the_quote_does_not_say_it_of_the_subject(sentence):
    assert _argument("What would the council rebuild?", sentence) is None
