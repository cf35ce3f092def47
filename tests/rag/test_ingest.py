import pytest

from rag.bm25 import fingerprint
from rag.errors import EmbeddingMismatchError, InputError
from rag.embeddings import EmbeddingSignature
from rag.store import ChromaStore


def _ids_by_article(library):
    out: dict[str, set[str]] = {}
    for cid, aid in library.store.chunk_article_ids().items():
        out.setdefault(aid, set()).add(cid)
    return out


def _assert_bm25_agrees(library):
    assert library.bm25.fingerprint == fingerprint(list(library.store.chunk_article_ids()))


def test_ingest_twice_changes_nothing(library_factory, seeds_copy):
    library = library_factory()
    first = library.ingest_folder(seeds_copy)
    assert len(first.added) == 5 and first.chunks > 0
    before = _ids_by_article(library)
    second = library.ingest_folder(seeds_copy)
    assert (len(second.added), len(second.updated), len(second.unchanged)) == (0, 0, 5)
    assert _ids_by_article(library) == before
    _assert_bm25_agrees(library)


def test_ingest_replaces_only_the_edited_article(library_factory, seeds_copy):
    library = library_factory()
    library.ingest_folder(seeds_copy)
    before = _ids_by_article(library)
    target = seeds_copy / "002_7e7b543faa4bf352.txt"
    target.write_text(target.read_text() + "\nA new closing paragraph about the talks in Riyadh.")
    report = library.ingest_folder(seeds_copy)
    assert report.updated == ["002_7e7b543faa4bf352"] and not report.added
    after = _ids_by_article(library)
    for aid in before:
        if aid == "002_7e7b543faa4bf352":
            assert after[aid].isdisjoint(before[aid])
        else:
            assert after[aid] == before[aid]
    assert "closing paragraph" in library.store.get_article("002_7e7b543faa4bf352").text
    _assert_bm25_agrees(library)


def test_prune_removes_deleted_articles_from_chroma_and_bm25(library_factory, seeds_copy):
    library = library_factory()
    library.ingest_folder(seeds_copy)
    (seeds_copy / "004_d06bf04a0b8af4c5.txt").unlink()
    kept = library.ingest_folder(seeds_copy)
    assert not kept.removed and "004_d06bf04a0b8af4c5" in _ids_by_article(library)
    report = library.ingest_folder(seeds_copy, prune=True)
    assert report.removed == ["004_d06bf04a0b8af4c5"]
    assert "004_d06bf04a0b8af4c5" not in _ids_by_article(library)
    assert library.store.get_article("004_d06bf04a0b8af4c5") is None
    hits = library.bm25.search("Istanbul consulate second round", 50)
    assert hits and all(not cid.startswith("004_") for cid, _ in hits)
    _assert_bm25_agrees(library)


def test_ingest_cleans_chunks_of_an_interrupted_article(library_factory, seeds_copy):
    library = library_factory()
    library.ingest_folder(seeds_copy)
    # Simulate a crash after the chunks were written but before the record: drop the record only.
    library.store._db.open().articles.delete(ids=["003_eaa88dfa9da537e2"])
    report = library.ingest_folder(seeds_copy)
    assert report.added == ["003_eaa88dfa9da537e2"]
    fresh = library_factory(data_dir=library.settings.data_dir.parent / "clean")
    fresh.ingest_folder(seeds_copy)
    assert _ids_by_article(library) == _ids_by_article(fresh)


def test_ingest_cleans_chunks_a_killed_writer_left_even_in_a_long_running_process(library_factory, seeds_copy):
    """The store is scanned for orphans once per process, then only when a write may have been interrupted:
    here another process was killed after writing 003's chunks and before its record, and the lock file
    still names the article."""
    library = library_factory()
    library.ingest_folder(seeds_copy)
    assert not library.ingestor.writes.suspect
    library.store._db.open().articles.delete(ids=["003_eaa88dfa9da537e2"])
    (library.settings.data_dir / f"{library.settings.collection}.write.lock").write_text('["003_eaa88dfa9da537e2"]')
    (seeds_copy / "003_eaa88dfa9da537e2.txt").unlink()
    report = library.ingest_folder(seeds_copy)
    assert len(report.unchanged) == 4 and not report.added
    assert "003_eaa88dfa9da537e2" not in set(library.store.chunk_article_ids().values())
    _assert_bm25_agrees(library)


def test_bm25_is_reloaded_or_rebuilt_to_match_the_store(library_factory, seeds_copy):
    library = library_factory()
    library.ingest_folder(seeds_copy)
    reopened = library_factory()
    reopened.ensure_synced()
    assert reopened.bm25.fingerprint == library.bm25.fingerprint and len(reopened.bm25) == len(library.bm25)
    # A stale saved index (here: removed) is rebuilt from the store's chunks.
    import shutil

    shutil.rmtree(library.settings.bm25_path)
    again = library_factory()
    again.ensure_synced()
    _assert_bm25_agrees(again)


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01binary"])
def test_ingest_of_a_folder_without_usable_articles_is_an_error(library_factory, tmp_path, content):
    folder = tmp_path / "in"
    folder.mkdir()
    if content is not None:
        (folder / "x.txt").write_bytes(content)
    with pytest.raises(InputError, match="no readable"):
        library_factory().ingest_folder(folder)


def test_ingest_of_a_missing_folder_is_an_error(library_factory, tmp_path):
    with pytest.raises(InputError, match="not found"):
        library_factory().ingest_folder(tmp_path / "missing")


def test_store_opened_with_another_embedding_model_is_refused(library_factory, seeds_copy):
    library = library_factory()
    library.ingest_folder(seeds_copy)
    other = EmbeddingSignature("openai", "text-embedding-3-small", 1536)
    store = ChromaStore.from_settings(library.settings, other)
    with pytest.raises(EmbeddingMismatchError) as exc:
        store.count()
    message = str(exc.value)
    assert "all-MiniLM-L6-v2" in message and "text-embedding-3-small" in message and "--reembed" in message
    assert library.store.count() > 0  # nothing was lost


def test_reembed_rebuilds_the_store(library_factory, seeds_copy):
    library = library_factory()
    first = library.ingest_folder(seeds_copy)
    again = library.ingest_folder(seeds_copy, reembed=True)
    assert len(again.added) == 5 and again.chunks == first.chunks
