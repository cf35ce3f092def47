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


def test_evidence_each_part_gets_a_sentence_holding_its_own_words():
    from rag.evidence import Evidence, for_each_part

    def sentence(n: int, text: str) -> Evidence:
        return Evidence("a1", "Title", None, "a1.txt", text, n * 100, n * 100 + len(text), 1 - n / 10, 0.5, 0.5)

    ranked = [(sentence(n, text), None) for n, text in enumerate([
        "The harbour council met on Monday.",
        "The harbour council agreed to reopen the ferry.",
        "Rain fell on the harbour.",
        "Port taxes will fall by a tenth, the harbour council decided.",
    ])]
    chosen = [ranked[0][0], ranked[1][0]]
    parts = ["What did the harbour council decide about the ferry", "What did the harbour council decide about taxes"]
    out = for_each_part(chosen, ranked, parts)
    assert [e.quote for e in out] == [e.quote for e in chosen] + ["Port taxes will fall by a tenth, the harbour council decided."]
    # A part the chosen sentences already speak to adds nothing.
    assert for_each_part(chosen, ranked, parts[:1] + ["What did the harbour council decide on Monday"]) == chosen
