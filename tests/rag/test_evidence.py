"""Evidence selection on real passages with the real embedder."""

from rag.evidence import EvidenceSelector


def test_evidence_quotes_are_exact_and_the_best_comes_first(seeded):
    question = "What share of Russia's budget goes to the military?"
    retrieval = seeded.search(question, 5)
    selection = EvidenceSelector(seeded.embedder).select(question, retrieval.query_vector, retrieval.passages, 3)
    assert selection.evidence and "43%" in selection.evidence[0].quote
    for e in selection.evidence:
        assert seeded.store.get_article(e.article_id).text[e.start : e.end] == e.quote
    scores = [e.score for e in selection.evidence]
    assert scores == sorted(scores, reverse=True) and selection.best_score == scores[0]


def test_evidence_cache_gives_the_same_selection(seeded):
    question = "Where was the second round of talks held?"
    retrieval = seeded.search(question, 5)
    selector = EvidenceSelector(seeded.embedder, cache_size=10)
    first = selector.select(question, retrieval.query_vector, retrieval.passages, 3)
    second = selector.select(question, retrieval.query_vector, retrieval.passages, 3)
    assert [(e.start, round(e.score, 6)) for e in first.evidence] == [(e.start, round(e.score, 6)) for e in second.evidence]
    assert len(selector._cache) <= 10
