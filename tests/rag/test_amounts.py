"""Amounts the small recogniser misses, on invented sentences with spaCy's real pipeline."""

from rag.amounts import with_amounts
from rag.evidence import Evidence
from rag.nlp import entity_spans, parse_text
from rag.question import analyse
from rag.reader import Reader
from rag.retrieval import Passage


def _amounts(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], label) for a, b, label in with_amounts(text, []) if label != "DATE"]


def test_amounts_a_number_with_a_scale_a_unit_or_an_approximation_is_an_amount():
    assert _amounts("The harbour emitted more than 12 million metric tons of carbon.") == \
        [("more than 12 million metric tons", "QUANTITY")]
    assert _amounts("Fares rose 4.5 percent as about 300 ferries sailed.") == [("4.5 percent", "PERCENT"),
                                                                           ("about 300", "CARDINAL")]
    # A bare number, a year after a preposition, a version, a time and a fraction are no amounts here.
    assert _amounts("Berg scored 13 over 2031 with Harbour OS 13 at 10:30 on 3/4.") == []


def test_amounts_an_amount_overlapping_a_recognised_entity_is_left_to_it():
    text = "The port paid $2 million for 40 hectares."
    entities = [(text.index("$2 million"), text.index("$2 million") + 10, "MONEY")]
    assert [(text[a:b], label) for a, b, label in with_amounts(text, entities)] == \
        [("$2 million", "MONEY"), ("40 hectares", "QUANTITY")]


def _read(question: str, text: str) -> list[str]:
    """Short answers read from one passage that is all one evidence sentence."""
    passage = Passage("c1", "a1", "Title", None, "a1.txt", 0, text, 0, len(text))
    evidence = Evidence("a1", "Title", None, "a1.txt", text, 0, len(text), 0.9, 0.9, 1.0)
    reading = Reader(entity_spans, parse_text).read(analyse(question), [(evidence, passage)], question)
    return [c.text for c in reading.answers]


def test_amounts_a_measure_the_recogniser_misses_answers_how_much():
    text = "Including its ferries, the harbour emitted more than 12 million metric tons of carbon in 2031."
    assert _read("How much carbon did the harbour emit in 2031?", text) == ["more than 12 million metric tons"]


def test_amounts_frequencies_are_found_in_their_usual_shapes():
    from rag.amounts import with_frequencies

    text = ("The town hosts a biennial fair, its market opens twice a week, buses run every 20 minutes and the "
            "council meets monthly, though its report is due every other year. It was built in 1890.")
    assert [text[a:b] for a, b, label in with_frequencies(text, []) if label == "FREQUENCY"] == \
        ["biennial", "twice a week", "every 20 minutes", "monthly", "every other year"]


def test_amounts_how_often_is_answered_by_a_frequency_the_event_is_given():
    text = "Each spring the town of Vela hosts a biennial harbour fair to show its boats."
    # The fair's own adjective says how often it is held, though the quote says "hosts".
    assert _read("How often is the harbour fair held?", text) == ["biennial"]
    assert _read("How often does the ferry to Vela sail?", text) == []
