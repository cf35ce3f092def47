"""The sentence-level dense index: real Chroma, real embedder, kept in step with the chunks."""

import pytest

from rag.errors import ConfigError
from rag.retrieval import Filters
from rag.settings import load_settings

EDITED = "002_7e7b543faa4bf352"
PRUNED = "004_d06bf04a0b8af4c5"


def _sentences(library) -> dict[str, list]:
    return {a.id: library.store.sentences_of(a.id) for a in library.documents()}


def test_sentence_index_holds_each_sentence_once_at_its_exact_offsets(seeded):
    chunks = {c.id: c for a in seeded.documents() for c in seeded.store.chunks_of(a.id)}
    for article in seeded.documents():
        text = seeded.store.get_article(article.id).text
        found = seeded.store.sentences_of(article.id)
        assert len(found) >= 3
        assert len({(s.start, s.end) for s in found}) == len(found)
        for s in found:
            assert text[s.start : s.end] == s.text
            chunk = chunks[s.chunk_id]
            assert chunk.article_id == article.id and chunk.start <= s.start < s.end <= chunk.end


def test_sentence_index_follows_edits_deletes_and_prunes(library_factory, seeds_copy):
    library = library_factory()
    library.ingest_folder(seeds_copy)
    before = _sentences(library)
    target = seeds_copy / f"{EDITED}.txt"
    target.write_text(target.read_text() + "\nA new closing paragraph says the delegations met again in Riyadh.")
    library.ingest_folder(seeds_copy)
    after = _sentences(library)
    assert {s.id for s in after[EDITED]}.isdisjoint({s.id for s in before[EDITED]})
    assert any("closing paragraph" in s.text for s in after[EDITED])
    assert all(after[a] == before[a] for a in before if a != EDITED)

    (seeds_copy / f"{PRUNED}.txt").unlink()
    library.ingest_folder(seeds_copy, prune=True)
    assert library.store.sentences_of(PRUNED) == []
    library.delete_document(EDITED)
    assert library.store.sentences_of(EDITED) == []
    hits = library.store.sentence_search(library.embedder.embed_query("talks in Riyadh"), 50, Filters())
    assert hits and not {h.article_id for h in hits} & {EDITED, PRUNED}


def test_articles_stored_before_the_sentence_index_get_theirs_on_the_next_start(library_factory, seeds_copy):
    library = library_factory()
    library.ingest_folder(seeds_copy)
    expected = library.store.sentences_of(EDITED)
    # What a store written before the index looks like: no sentences, a record not marked as indexed
    # (Chroma merges metadata on update, so the mark is cleared rather than removed).
    library.store._db.open().sentences.delete(where={"article_id": EDITED})
    library.store._db.open().articles.update(ids=[EDITED], metadatas=[{"sentences_indexed": False}])
    assert not library.store.get_article(EDITED).sentence_indexed

    restarted = library_factory()
    restarted.ensure_synced()
    assert restarted.store.sentences_of(EDITED) == expected
    assert restarted.store.get_article(EDITED).sentence_indexed


def test_sentence_search_keeps_to_the_filters(seeded):
    vector = seeded.embedder.embed_query("soldiers sent to keep the peace")
    only = seeded.store.sentence_search(vector, 20, Filters(article_ids=(EDITED,)))
    assert only and {h.article_id for h in only} == {EDITED}
    assert all(-1.0 <= h.score <= 1.0 for h in only)


def test_retrieval_reports_each_retrievers_rank_and_keeps_working_with_one_retriever(library_factory):
    library = library_factory(chunk_dense_weight=0, bm25_weight=0)
    library.ingest_folder(library.settings.seeds_dir)
    found = library.search("For how long did the negotiators sit together in the Saudi capital?", 5)
    assert len(found.passages) == 5
    assert all(p.sentence_rank is not None and p.dense_rank is None and p.bm25_rank is None for p in found.passages)
    assert "sentence_ms" in found.timings_ms


def test_settings_refuse_a_fusion_with_every_weight_at_zero(tmp_path):
    with pytest.raises(ConfigError, match="weights"):
        load_settings(data_dir=tmp_path, chunk_dense_weight=0, sentence_dense_weight=0, bm25_weight=0)


def test_sentence_index_takes_the_whole_sentence_where_a_chunk_ends_inside_it():
    from rag.chunking import Chunk
    from rag.sentences import sentences_of

    text = ("Travel news for the harbour towns. The ferry left shortly before 10 a.m. Eastern Time, according to "
            "the harbour office. It came back at noon with forty passengers.")
    cut = text.index("a.m.") + len("a.m.")
    second = text.index("The ferry")
    chunks = [Chunk("a:0", "a", 0, text[:cut], 0, cut), Chunk("a:1", "a", 1, text[second:], second, len(text))]
    found = [(s.text, s.chunk_id) for s in sentences_of(chunks, "hash")]
    assert ("The ferry left shortly before 10 a.m. Eastern Time, according to the harbour office.", "a:1") in found
    assert not any(t.endswith("10 a.m.") for t, _ in found)
