"""Clauses a sentence only asks about or supposes, with spaCy's real parse, on invented sentences."""

import pytest

from rag.asserted import asks_possible, asks_unknown, hedged, supposed_event, unasserted
from rag.nlp import parse_text


def _opener(sentence: str, span: str, last: bool = False) -> str | None:
    a = sentence.rindex(span) if last else sentence.index(span)
    return unasserted(parse_text(sentence), sentence, a, a + len(span))


@pytest.mark.parametrize(
    ("sentence", "span", "opener"),
    [
        ("It is unclear whether the mayor will meet the governor in Springfield.", "Springfield", "whether"),
        ("It remains unclear who will represent the union at the hearing.", "the union", "who"),
        ("It is not clear when Anna Berg will visit Denver.", "Anna Berg", "when"),
        ("Nobody knows who will replace Tom Fischer at the bank.", "Tom Fischer", "who"),
        ("Reporters asked the minister whether Paul Meyer would resign.", "Paul Meyer", "whether"),
        ("If the vote fails in Lisbon, the council will try again.", "Lisbon", "if"),
        ("Did the Harbour Hawks win the 2031 cup? Reports differ.", "Harbour Hawks", "?"),
        # A snippet cut before its question mark still asks.
        ("What are Anna Berg and the rest of the 2031 champions up to ...", "Anna Berg", "?"),
        ("Nov 18, 2032 ... Who is the coach that Anna Berg hired", "Anna Berg", "?"),
    ],
)
def test_asserted_span_in_an_asked_or_supposed_clause_is_not_said(sentence, span, opener):
    assert _opener(sentence, span) == opener


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("The mayor said that Paul Meyer would resign.", "Paul Meyer"),
        ("It is clear that Anna Berg will visit Denver.", "Anna Berg"),
        ("He explained how the deal was reached on Monday.", "Monday"),
        ("When the talks ended, Anna Berg said the union was ready.", "Anna Berg"),
        ("If the vote fails, Tom Fischer will resign.", "Tom Fischer"),
        # A clause of reason inside an asked one is still taken as true.
        ("It is unclear whether the two will meet, as Tom Fischer is due to arrive in Lisbon.", "Tom Fischer"),
        ("Did the Harbour Hawks win? The Harbour Hawks won the 2031 cup.", "Harbour Hawks"),
        # A free relative opens a statement.
        ("What is clear is that Anna Berg won the 2031 cup.", "Anna Berg"),
        ("What began as a protest in Oslo became a festival.", "Oslo"),
    ],
)
def test_asserted_span_the_sentence_states_passes(sentence, span):
    assert _opener(sentence, span, last=True) is None


@pytest.mark.parametrize(
    ("sentence", "only_unknown"),
    [
        ("It remains unclear who will lead the delegation, although Anna Berg chaired the last round.", True),
        ("It is unclear whether the mayor will attend the summit in Lisbon.", True),
        ("Nobody knows who will replace Tom Fischer at the bank.", True),
        ("The mayor said that Paul Meyer would resign.", False),
        ("He explained how the deal was reached on Monday.", False),
    ],
)
def test_asserted_sentence_that_only_says_something_is_not_known_is_hedged(sentence, only_unknown):
    assert hedged(parse_text(sentence)) is only_unknown


def test_asserted_a_question_of_what_is_unknown_is_told_from_one_of_asking():
    assert asks_unknown(parse_text("What remains unclear about the ferry strike?"))
    assert asks_unknown(parse_text("Is it still uncertain who will run the harbour?"))
    # Verbs of asking or finding out ask what was found.
    assert not asks_unknown(parse_text("What did the council decide about the ferry fares?"))
    assert not asks_unknown(parse_text("Was the mayor at the harbour meeting?"))


def test_asserted_a_party_to_a_merely_possible_event_is_not_said_to_take_part():
    quote = "The talks in Bergen gave no details of a potential meeting between Anna Berg and Paul Meyer."
    tokens = parse_text(quote)
    a = quote.index("Anna Berg")
    assert supposed_event(tokens, a, a + len("Anna Berg")) == "potential"
    held = "The talks in Bergen led to a meeting between Anna Berg and Paul Meyer."
    a = held.index("Anna Berg")
    assert supposed_event(parse_text(held), a, a + len("Anna Berg")) is None
    # A question of what only may happen asks for exactly such parties.
    assert asks_possible("Who could meet Paul Meyer?") and not asks_possible("Who met Paul Meyer in Bergen?")
