"""Whose a title is and what for, read from spaCy's real parse and entities, on invented sentences (generic English
shapes, not eval items)."""

import pytest

from rag.nlp import entity_spans, parse_text
from rag.paraphrase import same_family
from rag.titles import asked_origins, does_the_title, origin_problems, same_origin, title_origins, titled_before


def _origins(quote: str, name: str):
    a = quote.index(name)
    return title_origins(parse_text(quote), quote, entity_spans([quote])[0], a, a + len(name))


def test_titles_owner_of_a_title_hangs_on_its_own_name_only():
    quote = "Danish Trade Minister Lars Holm met with Norwegian Trade Minister Erik Dahl."
    assert _origins(quote, "Lars Holm") == {("owner", "Danish")}
    assert _origins(quote, "Erik Dahl") == {("owner", "Norwegian")}
    # The title before the second conjunct is not the first one's.
    assert _origins("Tom Reyes and Danish Trade Minister Lars Holm met on Monday.", "Tom Reyes") == frozenset()


def test_titles_owner_given_by_a_possessive_apposition_or_a_country_word():
    assert _origins("Lars Holm, Denmark's trade minister, spoke on Monday.", "Lars Holm") == {("owner", "Denmark")}
    assert _origins("US Secretary of Commerce Anna Berg spoke on Monday.", "Anna Berg") == {("owner", "US")}


def test_titles_area_of_a_title_set_off_before_the_name():
    assert _origins("Norway's special envoy for Kenya, Tom Reyes, spoke on Monday.", "Tom Reyes") == \
        {("owner", "Norway"), ("area", "Kenya")}


def test_titles_asked_owner_and_area_of_the_asked_noun():
    assert asked_origins("Who is Norway's trade minister", "minister", parse_text, entity_spans) == \
        {("owner", "Norway")}
    assert asked_origins("Who is the trade minister of Norway", "minister", parse_text, entity_spans) == \
        {("owner", "Norway")}
    assert asked_origins("Who is the special envoy for Kenya", "envoy", parse_text, entity_spans) == {("area", "Kenya")}
    assert asked_origins("Who is the trade minister", "minister", parse_text, entity_spans) == frozenset()


@pytest.mark.parametrize(
    ("x", "y", "same"),
    [("Russia", "Russian", True), ("Ukraine", "Ukrainian", True), ("China", "Chinese", True),
     ("the United States", "US", True), ("U.S.", "US", True), ("Saudi Arabia", "Saudi", True),
     ("Iran", "Iraq", False), ("Denmark", "Norwegian", False), ("France", "French", False)],
)
def test_titles_same_origin_by_words_initials_or_demonym_stem(x, y, same):
    assert same_origin(x, y) is same


def test_titles_another_owner_or_area_in_a_slot_both_fill_is_a_problem():
    asked = frozenset({("owner", "Norway")})
    assert origin_problems(asked, frozenset({("owner", "Danish")}), "Lars Holm")
    assert origin_problems(asked, frozenset({("owner", "Norwegian")}), "Erik Dahl") == []
    # A slot the question leaves open says nothing: "Norway's envoy" may be the envoy to Kenya.
    assert origin_problems(asked, frozenset({("area", "Kenya")}), "Erik Dahl") == []
    assert origin_problems(frozenset({("area", "Kenya")}), frozenset({("area", "Ghana")}), "Erik Dahl")


def test_titles_a_long_title_right_before_the_name():
    quote = "Special Presidential Envoy for Kenya and Ghana Tom Reyes arrived on Monday."
    assert titled_before(quote, quote.index("Tom Reyes"), ["envoy"])
    assert not titled_before(quote, quote.index("Monday"), ["envoy"])
    assert not titled_before("The envoy met Tom Reyes.", len("The envoy met "), ["envoy"])


def test_titles_the_verb_of_a_title_makes_its_doer_the_title_holder():
    for quote in ("The film, directed by Tom Reyes, opened on Friday.", "Tom Reyes directed the film in 2019."):
        a = quote.index("Tom Reyes")
        assert does_the_title(parse_text(quote), a, a + 9, "director", same_family)
    quote = "Maria Lopez beat Anna Berg to win the 2031 Lakeside Open."
    assert does_the_title(parse_text(quote), 0, len("Maria Lopez"), "winner", same_family)
    a = quote.index("Anna Berg")
    assert not does_the_title(parse_text(quote), a, a + len("Anna Berg"), "winner", same_family)
    quote = "Tom Reyes praised the film's director."
    assert not does_the_title(parse_text(quote), 0, 9, "director", same_family)
