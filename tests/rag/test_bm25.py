"""The incremental BM25 index: Lucene's scoring, updates equal to a fresh build, compaction and saving."""

import math

import pytest

from rag.bm25 import DEFAULT_B, DEFAULT_K1, BM25Index, LexicalDoc, fingerprint, tokenize

DOCS = [
    LexicalDoc("a:0", "The quokka summit convened in Perth.", "a", 20250302),
    LexicalDoc("a:1", "Perth hosted delegates from twelve countries.", "a", 20250302),
    LexicalDoc("b:0", "Wheat prices rose in Kazakhstan and Kyrgyzstan.", "b", 20240110),
    LexicalDoc("c:0", "The summit in Geneva ended without an agreement on wheat.", "c", 0),
    LexicalDoc("d:0", "Quokka numbers on Rottnest Island grew again.", "d", 20230501),
]
QUERIES = ["quokka summit Perth", "wheat agreement", "Kazakhstan wheat prices", "Rottnest quokka", "Geneva summit"]


def _scores(index, query):
    return {i: round(s, 6) for i, s in index.search(query, 10)}


def test_bm25_scores_follow_lucenes_formula():
    index = BM25Index()
    index.build(DOCS)
    lengths = {d.id: len(tokenize(d.text)) for d in DOCS}
    avgdl = sum(lengths.values()) / len(DOCS)
    term = tokenize("quokka")[0]
    holders = [d for d in DOCS if term in tokenize(d.text)]
    idf = math.log(1 + (len(DOCS) - len(holders) + 0.5) / (len(holders) + 0.5))
    expected = {d.id: idf / (1 + DEFAULT_K1 * (1 - DEFAULT_B + DEFAULT_B * lengths[d.id] / avgdl)) for d in holders}
    got = dict(index.search("quokka", 10))
    assert got.keys() == expected.keys()
    assert all(got[i] == pytest.approx(expected[i]) for i in expected)


def test_bm25_updates_score_exactly_as_a_fresh_build():
    """Articles added, replaced and dropped one at a time, across compactions, rank and score as a new build."""
    index = BM25Index(max_recent=2)
    index.build(DOCS[:2])
    for doc in DOCS[2:]:
        index.replace_articles([doc.article_id], [doc])
    changed = LexicalDoc("b:0", "Wheat and barley prices fell in Kazakhstan.", "b", 20240111)
    index.replace_articles(["b"], [changed])
    index.replace_articles(["c"], [])
    final = [DOCS[0], DOCS[1], changed, DOCS[4]]
    fresh = BM25Index()
    fresh.build(final)
    assert len(index) == 4 and index.fingerprint == fingerprint(d.id for d in final)
    for query in QUERIES + ["barley"]:
        assert _scores(index, query) == _scores(fresh, query), query
    assert all(i != "c:0" for i, _ in index.search("Geneva summit wheat agreement", 10))


def test_bm25_filters_apply_to_recent_articles_too():
    index = BM25Index()
    index.build(DOCS[:3])
    index.replace_articles(["d"], [DOCS[4]])
    assert [i for i, _ in index.search("quokka", 10, article_ids=["d"])] == ["d:0"]
    assert [i for i, _ in index.search("quokka", 10, date_to=20240101)] == ["d:0"]
    assert [i for i, _ in index.search("quokka", 10, date_from=20250101)] == ["a:0"]


def test_bm25_saved_index_loads_with_its_feed_position(tmp_path):
    index = BM25Index(tmp_path / "bm25" / "news")
    index.build(DOCS[:3], version=7, epoch="e1")
    index.replace_articles(["d"], [DOCS[4]])  # not yet saved: a restart replays it from the feed
    index.version = 8
    index.save()
    loaded = BM25Index(tmp_path / "bm25" / "news")
    assert loaded.load()
    assert (loaded.version, loaded.epoch, len(loaded)) == (8, "e1", 4)
    for query in QUERIES:
        assert _scores(loaded, query) == _scores(index, query)


def test_bm25_unreadable_saved_index_is_not_loaded(tmp_path):
    index = BM25Index(tmp_path / "news")
    index.build(DOCS)
    (tmp_path / "news.npz").write_bytes(b"not an index")
    assert not BM25Index(tmp_path / "news").load()
