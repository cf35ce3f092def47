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


def test_text_short_value_reads_with_the_field_label_before_it():
    text = "Skyline Racer 2 Bundle ... Release date. May 4, 2031 ... Reviews"
    x, y = fragment_at(text, text.index("May"))
    assert text[x:y].rstrip(" .") == "Release date. May 4, 2031"
    # A sentence that is no label, or a long sentence after a short one, stays on its own.
    text = "The race ended. May 4, 2031 was the day the new track opened to riders from all over."
    x, y = fragment_at(text, text.index("May"))
    assert text[x:y].startswith("May 4")
