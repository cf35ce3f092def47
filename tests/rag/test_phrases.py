"""Noun phrases as answers, with spaCy's real parse, on invented sentences."""

from rag.nlp import parse_text
from rag.phrases import noun_phrase


def test_phrases_a_noun_phrase_the_parse_cut_short_does_not_end_on_its_conjunction():
    # The small parser hangs "and" on "forums" but "SMS messages" on the verb.
    sentence = "Police are warning of a new ticket scam being spread via links in online forums and SMS messages."
    tokens = parse_text(sentence)
    found = noun_phrase(tokens, next(i for i, t in enumerate(tokens) if t.text == "forums"))
    assert found is not None and sentence[found[0]:found[1]] == "online forums"
