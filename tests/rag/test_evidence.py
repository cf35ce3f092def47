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


def test_evidence_a_sentence_opening_with_a_demonstrative_is_read_after_the_one_it_continues():
    from rag.evidence import Evidence, continuations
    from rag.retrieval import Passage

    text = ("The second round of ferry talks opened on Monday. This meeting takes place in Bergen. "
            "Rain fell. That, the mayor said, was expected.")
    passage = Passage("c1", "a1", "Title", None, "a1.txt", 0, text, 0, len(text))

    def sentence(words: str, score: float) -> tuple[Evidence, Passage]:
        a = text.index(words)
        return Evidence("a1", "Title", None, "a1.txt", words, a, a + len(words), score, score, 0.5), passage

    first, follow, rain, that = (sentence(s, n) for s, n in [
        ("The second round of ferry talks opened on Monday.", 0.9), ("This meeting takes place in Bergen.", 0.1),
        ("Rain fell.", 0.2), ("That, the mayor said, was expected.", 0.05)])
    ranked = [first, rain, follow, that]
    assert continuations([first], ranked) == [first, follow]
    # A sentence that does not open with a demonstrative and its noun does not continue the one before.
    assert continuations([follow], ranked) == [follow]
    assert continuations([rain], ranked) == [rain]


def test_evidence_a_chunk_ending_inside_a_sentence_gives_way_to_one_that_holds_it_whole():
    from rag.retrieval import Passage

    text = ("Travel news for the harbour towns. The ferry left shortly before 10 a.m. Eastern Time, according to "
            "the harbour office. It came back at noon with forty passengers.")
    cut = text.index("a.m.") + len("a.m.")
    second = text.index("The ferry")
    cut_short = Passage("c0", "a1", "Title", None, "a1.txt", 0, text[:cut], 0, cut)
    whole = Passage("c1", "a1", "Title", None, "a1.txt", 1, text[second:], second, len(text))
    quotes = [e.quote for e, _ in EvidenceSelector._sentences([cut_short, whole])]
    assert "The ferry left shortly before 10 a.m. Eastern Time, according to the harbour office." in quotes
    assert not any(q.endswith("10 a.m.") for q in quotes)
    assert quotes[0] == "Travel news for the harbour towns."  # first seen first
