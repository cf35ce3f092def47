"""Shared text analysis: word forms and the stretches of text read together."""

import pytest

from rag.text import agent_verb, fragment_at


@pytest.mark.parametrize(
    ("noun", "verb"),
    [("winner", "win"), ("director", "direct"), ("leader", "lead"), ("seller", "sell"), ("president", None)],
)
def test_text_agent_noun_gives_its_verb(noun, verb):
    assert agent_verb(noun) == verb


def test_text_fragment_stops_at_an_ellipsis_between_words():
    text = "Sep 3, 2031 ... With Tom Berg out ... Ana Ruiz won the title. Next sentence."
    x, y = fragment_at(text, text.index("Tom"))
    assert text[x:y] == "With Tom Berg out"
    x, y = fragment_at(text, text.index("Ana"))
    assert text[x:y] == "Ana Ruiz won the title."
