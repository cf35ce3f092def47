"""Durability: a kill -9 mid-ingest heals on the next ingest; readers never see half-written articles."""

import os
import signal
import sqlite3
import subprocess
import threading
import time

import pytest

from bench.corpus import synthetic_articles
from rag.articles import Article, content_hash
from rag.bm25 import fingerprint
from rag.library import Library
from tests.conftest import SEEDS, VENV_BIN

ARTICLES = 380


def write_folder(folder, articles):
    folder.mkdir()
    for a in articles:
        (folder / a.source).write_text(a.text, encoding="utf-8")


def ingest_cli(data_dir, folder) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env["RAG_DATA_DIR"] = str(data_dir)
    return subprocess.Popen([str(VENV_BIN / "newsrag"), "ingest", str(folder)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def committed_records(data_dir) -> int:
    """Article records Chroma has accepted so far, read from its SQLite log without opening a client.

    A second Chroma client on the same folder is not safe while the writer runs; a read-only SQLite
    query is. The table layout is Chroma's own (pinned in constraints.txt).
    """
    db = data_dir / "chroma" / "chroma.sqlite3"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5) as conn:
            return conn.execute(
                "SELECT COUNT(*) FROM embeddings_queue q JOIN collections c ON q.topic LIKE '%' || c.id "
                "WHERE c.name = 'newsrag_articles'"
            ).fetchone()[0]
    except sqlite3.Error:  # locked mid-write, or tables not created yet
        return 0


def state(data_dir, embedder, settings_factory):
    """Everything that must match a clean ingest: chunk ids, article records, and BM25 on the same set."""
    library = Library.from_settings(settings_factory(data_dir=data_dir), embedder=embedder)
    owners = library.store.chunk_article_ids()
    records = {a.id: (a.hash, a.chunk_count) for a in library.store.list_articles()}
    # The saved index, caught up from the change feed, covers exactly the store's chunks.
    library.ensure_synced()
    bm25_agrees = library.bm25.fingerprint == fingerprint(owners)
    per_article = {}
    for owner in owners.values():
        per_article[owner] = per_article.get(owner, 0) + 1
    orphans = {a for a in per_article if a not in records or per_article[a] != records[a][1]}
    return sorted(owners), records, bm25_agrees, orphans


def test_kill_9_during_ingest_then_ingest_again_equals_a_clean_ingest(tmp_path, embedder, settings_factory):
    folder = tmp_path / "articles"
    write_folder(folder, synthetic_articles(SEEDS, ARTICLES, sentences_per_article=8))

    killed_dir = tmp_path / "killed"
    proc = ingest_cli(killed_dir, folder)
    # Kill once the first group of articles is committed, while later groups are still being embedded.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and committed_records(killed_dir) == 0:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    partial = state(killed_dir, embedder, settings_factory)
    assert 0 < len(partial[1]) < ARTICLES, "the kill should land in the middle of the folder"

    assert ingest_cli(killed_dir, folder).wait() == 0
    clean_dir = tmp_path / "clean"
    assert ingest_cli(clean_dir, folder).wait() == 0

    healed, clean = state(killed_dir, embedder, settings_factory), state(clean_dir, embedder, settings_factory)
    assert healed[0] == clean[0] and len(clean[0]) > ARTICLES  # same chunk ids (and so the same count)
    assert healed[1] == clean[1] and len(clean[1]) == ARTICLES  # same article records and hashes
    assert healed[2] and clean[2]  # BM25 covers exactly Chroma's chunks
    assert healed[3] == set() == clean[3]  # no orphans


def _version(i: int, v: int, pool: list[str]) -> Article:
    text = f"Rolling report {i}\n" + " ".join(pool[(i * 7 + v * 3 + j) % len(pool)] for j in range(10))
    return Article(id=f"roll-{i}", title=f"Rolling report {i}", date=None, source=f"roll-{i}.txt",
                   text=text, hash=content_hash(text))


def test_chunks_of_an_unfinished_write_are_never_retrieved(seeded, monkeypatch):
    from rag.errors import StoreUnavailableError

    store = seeded.store
    fresh = Article(id="fresh", title="Fresh report", date=None, source="fresh.txt", hash=content_hash("x"),
                    text="Fresh report\nThe zeppelin delegation landed in Reykjavik for the water talks.")
    seeded.ingestor.ingest([fresh])
    question = "Where did the zeppelin delegation land?"
    assert any(p.article_id == "fresh" for p in seeded.search(question, 5).passages)

    # The writer dies after the new chunks are in and before the record that commits them.
    monkeypatch.setattr(store._db.open().articles, "upsert", lambda **kw: (_ for _ in ()).throw(RuntimeError("killed")))
    changed = Article(id="fresh", title="Fresh report", date=None, source="fresh.txt", hash=content_hash("y"),
                      text="Fresh report\nThe zeppelin delegation landed in Oslo instead, for the ice talks.")
    new = Article(id="newborn", title="New report", date=None, source="newborn.txt", hash=content_hash("z"),
                  text="New report\nA zeppelin delegation will land in Helsinki next week.")
    with pytest.raises(StoreUnavailableError):
        seeded.ingestor.ingest([changed, new])
    monkeypatch.undo()

    ids = set(store.chunk_article_ids().values())
    assert {"fresh", "newborn"} <= ids  # the uncommitted chunks are really in Chroma...
    shown = {p.article_id for p in seeded.search(question, 10).passages}
    assert not shown & {"fresh", "newborn"}  # ...and never shown

    seeded.ingestor.ingest([changed, new])  # the next ingest completes the write
    texts = {p.text for p in seeded.search(question, 10).passages}
    assert any("Oslo" in t for t in texts) and any("Helsinki" in t for t in texts)


def test_concurrent_ingest_and_queries_never_show_half_written_articles(seeded):
    from bench.corpus import seed_sentences

    pool = seed_sentences(SEEDS)
    versions = {}
    for i in range(20):
        for v in (0, 1):
            a = _version(i, v, pool)
            versions.setdefault(a.id, []).append(a.text)
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer():
        try:
            for round_ in range(6):
                seeded.ingestor.ingest([_version(i, round_ % 2, pool) for i in range(20)])
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            stop.set()

    seen = 0
    thread = threading.Thread(target=writer)
    thread.start()
    questions = ["Who leads Russia's Direct Investment Fund?", "Where were the talks held?", "What did Rubio say?"]
    while not stop.is_set():
        for q in questions:
            for p in seeded.search(q, 10).passages:
                # Every passage is exact text of one complete version of its article.
                texts = versions.get(p.article_id) or [seeded.store.get_article(p.article_id).text]
                assert any(t[p.start : p.end] == p.text for t in texts), p.chunk_id
                seen += p.article_id in versions
    thread.join()
    assert not errors, errors
    assert seen > 0
