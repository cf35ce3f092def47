"""How a quote names a candidate answer, with spaCy's real parse, on invented sentences (generic English shapes, not
eval items)."""

import pytest

from rag.naming import called, named_as, names_the_noun, owned
from rag.nlp import parse_text
from rag.paraphrase import same_family
from rag.question import analyse


@pytest.mark.parametrize(
    ("sentence", "span", "named"),
    [
        ("Kirsten Dahl, a former naval officer, joined the board.", "Kirsten Dahl", True),
        ("The officer Kirsten Dahl joined the board.", "Kirsten Dahl", True),
        ("Former officer Kirsten Dahl joined the board.", "Kirsten Dahl", True),
        ("The board named two officers, Tom Reyes and Kirsten Dahl, on Monday.", "Kirsten Dahl", True),
        ("Kirsten Dahl met the officer on Monday.", "Kirsten Dahl", False),
        ("The officer and Kirsten Dahl met on Monday.", "Kirsten Dahl", False),
    ],
)
def test_naming_names_the_noun_by_apposition_or_title_only(sentence, span, named):
    a = sentence.index(span)
    assert names_the_noun(parse_text(sentence), a, a + len(span), "officer") is named


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("Tom Berg, winner of the 2031 Lakeside Prize, spoke on Monday.", True),
        # The parse joins the two sides of an ellipsis, but the words between them were left out.
        ("Tom Berg ... Winner of the 2030 Lake Cup, which is presented to the best senior.", False),
        # Another role in the named prize is not the asked one.
        ("Tom Berg, 2031 Lakeside Prize finalist ... winner of the 2030 Lake Cup, which is given to a senior.", False),
    ],
)
def test_naming_named_as_the_asked_noun_only_by_it_and_not_across_an_ellipsis(sentence, named):
    [part] = analyse("Who is the Lakeside Prize winner in 2031?")
    a = sentence.index("Tom Berg")
    assert named_as(parse_text(sentence), a, a + 8, part, frozenset({"lakesid", "prize"}), same_family) is named


def test_naming_apposition_after_a_coordination_renames_the_nearer_conjunct():
    # The parser hangs "Tom Baker" on "Lukas Berg"; it renames "the head of the Authority" right before it.
    question = "Who runs the Harbour Water Authority?"
    sentence = "Smith met with Lukas Berg and the head of the Harbour Water Authority, Tom Baker, in Bergen."
    [part] = analyse(question)
    a = sentence.index("Tom Baker")
    anchors = frozenset({"harbour", "water", "author"})
    assert named_as(parse_text(sentence), a, a + 9, part, anchors, same_family)


@pytest.mark.parametrize(
    ("sentence", "span", "owner"),
    [
        ("The report cites the latest analysis by the Harbour Institute.", "the Harbour Institute", True),
        ("Anna Berg helped secure the release of Tom Fischer in a swap.", "Tom Fischer", True),
        ("Anna Berg helped secure the release of Tom Fischer in a swap.", "Anna Berg", False),
        ("The Harbour Institute's analysis was cited by Anna Berg.", "The Harbour Institute", True),
    ],
)
def test_naming_owner_of_the_asked_noun(sentence, span, owner):
    a = sentence.index(span)
    noun = "analysis" if "analysis" in sentence else "release"
    found = owned(parse_text(sentence), a, a + len(span))
    assert (found is not None and found.lower == noun) is owner


@pytest.mark.parametrize(
    ("sentence", "span", "noun", "said"),
    [
        ("Traffic was tracked on Harbourwatch, an online service for ferry delays.", "Harbourwatch", "service", True),
        ("Commuters switched to the new Quaylink app last week.", "Quaylink", "app", True),
        ("The links were posted on a forum called Quayside.", "Quayside", "forum", True),
        # A name near the noun, not given it, is not called it.
        ("Harbourwatch said the ferry service was late again.", "Harbourwatch", "service", False),
        ("The Tidal company released a new app.", "Tidal", "app", False),
        # A name that holds the noun is one, and so is a name conjoined with it that leaves the shared word out.
        ("The update only works on the Galaxy S10 and S10 Plus for now.", "Galaxy S10", "galaxies", True),
        ("The feature only appears to work on the iPhone XS and XS Max with this beta.", "XS Max", "iphones", True),
        ("The feature was spotted by Mike Rundle on the iPhone XS.", "Mike Rundle", "iphones", False),
    ],
)
def test_naming_called_the_asked_noun_by_apposition_modifier_or_verb_of_naming(sentence, span, noun, said):
    a = sentence.index(span)
    assert called(parse_text(sentence), a, a + len(span), noun) is said


@pytest.mark.parametrize(
    ("sentence", "span", "placed"),
    [
        ("Tom Reyes, an analyst at the research group Harbor Labs, said the data was old.", "Harbor Labs", True),
        ("“The data is old,” said Tom Reyes with Harbor Labs in a Monday report.", "Harbor Labs", True),
        ("Tom Reyes, chief executive of Harbor Labs, opened the plant.", "Harbor Labs", True),
        ("Tom Reyes met an analyst at Harbor Labs on Monday.", "Harbor Labs", False),
        ("Anna Berg, an analyst at Harbor Labs, met Tom Reyes.", "Harbor Labs", False),
    ],
)
def test_naming_a_post_at_an_organisation_places_the_person_there(sentence, span, placed):
    from rag.naming import employs

    a = sentence.index(span)
    people = frozenset({"tom", "rey"})
    assert employs(parse_text(sentence), a, a + len(span), people) is placed


def test_naming_reader_answers_where_someone_works_from_their_post():
    from rag.evidence import Evidence
    from rag.nlp import entity_spans
    from rag.reader import Reader
    from rag.retrieval import Passage

    text = "Tom Reyes, an analyst at the research group CoastWatch, said the data was old."
    passage = Passage("c1", "a1", "Title", None, "a1.txt", 0, text, 0, len(text))
    evidence = Evidence("a1", "Title", None, "a1.txt", text, 0, len(text), 0.9, 0.9, 1.0)
    question = "Where does Tom Reyes work?"
    reading = Reader(entity_spans, parse_text).read(analyse(question), [(evidence, passage)], question)
    assert [c.text for c in reading.answers] == ["CoastWatch"]
