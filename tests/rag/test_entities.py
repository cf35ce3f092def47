"""Entity spans of passages: stored ones used as they are, others annotated once (a counting annotator
stands in for spaCy in this unit test of the cache alone)."""

from rag.entities import EntitySpans
from rag.evidence import Evidence
from rag.retrieval import Passage


def _passage(text: str, entities=None) -> Passage:
    return Passage("c1", "a1", "Title", None, "a1.txt", 0, text, 0, len(text), entities=entities)


def test_entities_a_chunk_without_stored_spans_is_annotated_once():
    calls = []

    def annotate(texts):
        calls.append(texts)
        return [[(0, 9, "PERSON")] for _ in texts]

    spans = EntitySpans(annotate)
    text = "Anna Berg won the Lakeside Open."
    assert spans.of(_passage(text)) == ((0, 9, "PERSON"),)
    assert spans.of(_passage(text)) == ((0, 9, "PERSON"),) and len(calls) == 1
    # Spans stored at ingest are used as they are.
    assert spans.of(_passage(text, entities=((18, 30, "EVENT"),))) == ((18, 30, "EVENT"),) and len(calls) == 1


def test_entities_people_of_the_given_article_come_first():
    spans = EntitySpans(lambda texts: [[] for _ in texts])
    ranked = []
    for aid, text, name in (("a1", "Tom Reed lost the final.", "Tom Reed"), ("a2", "Anna Berg won it.", "Anna Berg")):
        evidence = Evidence(aid, "T", None, f"{aid}.txt", text, 0, len(text), 0.9, 0.9, 1.0)
        passage = Passage("c", aid, "T", None, f"{aid}.txt", 0, text, 0, len(text), entities=((0, len(name), "PERSON"),))
        ranked.append((evidence, passage))
    assert [n.text for n in spans.people(ranked, "a2")] == ["Anna Berg", "Tom Reed"]
    assert [n.text for n in spans.people(ranked, "a1")] == ["Tom Reed", "Anna Berg"]
