"""Idempotent ingest: skip unchanged articles, replace changed ones, prune removed ones."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rag.articles import Article
from rag.changes import Writes
from rag.chunking import Chunker
from rag.dedup import NearDuplicates, decode, encode, signature
from rag.embeddings import Embedder
from rag.lexical import LexicalSync
from rag.nlp import Annotate
from rag.sentences import sentences_of
from rag.store import ArticleWrite, ChromaStore

log = logging.getLogger(__name__)

# Articles are embedded in groups so batches stay full even when articles are short.
DEFAULT_EMBED_GROUP_CHUNKS = 256


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Web articles not stored because another stored article is the same story: their id -> that article's id.
    duplicates: dict[str, str] = field(default_factory=dict)
    chunks: int = 0
    seconds: float = 0.0


Progress = Callable[[int, int], None]


class Ingestor:
    """Writes articles into the store, each write a step of `writes` (locked, recorded in the change feed),
    and brings this process's BM25 index up to date after."""

    def __init__(
        self, store: ChromaStore, lexical: LexicalSync, embedder: Embedder, chunker: Chunker, writes: Writes,
        annotate: Annotate | None = None,
    ) -> None:
        self.store = store
        # Entities are found once here and stored with each chunk, so a question never re-parses its passages.
        self.annotate = annotate
        self.lexical = lexical
        self.embedder = embedder
        self.chunker = chunker
        self.writes = writes

    def ingest(self, articles: list[Article], prune: bool = False, progress: Progress | None = None) -> IngestReport:
        """Embedding happens outside the lock; each group's write, each delete and the orphan check hold it."""
        t0 = time.perf_counter()
        report = IngestReport()
        self._delete_orphans()
        # Only pruning and web articles (compared with every stored story) need all records; a plain
        # upload reads just its own, so a write does not grow with the store.
        web = any(a.url for a in articles)
        if prune or web:
            records = self.store.list_articles()
            stored = {a.id: a.hash for a in records}
        else:
            records, stored = [], self.store.committed_hashes([a.id for a in articles])
        stories = NearDuplicates()
        if web:
            for record in records:
                sig = decode(record.minhash) if record.minhash else None
                if sig is not None:
                    stories.add(record.id, sig)

        todo: list[Article] = []
        also: dict[str, list[tuple[str | None, str]]] = {}
        for article in articles:
            if stored.get(article.id) == article.hash:
                report.unchanged.append(article.id)
                continue
            if article.url:
                sig = signature(article.text)
                same = stories.match(article.id, sig)
                if same is not None:
                    report.duplicates[article.id] = same[0]
                    also.setdefault(same[0], []).append((article.site, article.url))
                    continue
                stories.add(article.id, sig)
                article = replace(article, minhash=encode(sig))
            (report.updated if article.id in stored else report.added).append(article.id)
            todo.append(article)
        self._write(todo, progress)
        for kept, sources in also.items():
            with self.writes.step([kept]):
                self.store.add_sources(kept, sources)

        if prune:
            keep = {a.id for a in articles}
            for article_id in sorted(set(stored) - keep):
                with self.writes.step([article_id]):
                    self.store.delete_article(article_id)
                report.removed.append(article_id)

        self.lexical.catch_up(force=True)
        report.chunks = len(self.lexical.bm25)
        report.seconds = time.perf_counter() - t0
        return report

    def _write(self, todo: list[Article], progress: Progress | None) -> None:
        done = 0
        group: list[Article] = []
        pending = 0
        for article in todo:
            group.append(article)
            pending += max(1, len(article.text) // 800)
            if pending >= DEFAULT_EMBED_GROUP_CHUNKS:
                done = self._write_group(group, done, len(todo), progress)
                group, pending = [], 0
        if group:
            self._write_group(group, done, len(todo), progress)

    def _write_group(self, group: list[Article], done: int, total: int, progress: Progress | None) -> int:
        chunked = [self.chunker.chunk(a) for a in group]
        if self.annotate:
            found = iter(self.annotate([c.text for chunks in chunked for c in chunks]))
            chunked = [[replace(c, entities=tuple(tuple(e) for e in next(found))) for c in chunks] for chunks in chunked]
        sentenced = [sentences_of(chunks, a.hash) for a, chunks in zip(group, chunked, strict=True)]
        # One embedding call for the group: chunks, then sentences, then titles.
        texts = ([c.text for chunks in chunked for c in chunks] + [s.text for ss in sentenced for s in ss]
                 + [a.title for a in group])
        vectors = self.embedder.embed(texts)
        n_chunks = sum(len(c) for c in chunked)
        chunk_vecs, sentence_vecs, titles = vectors[:n_chunks], vectors[n_chunks:-len(group)], vectors[-len(group):]
        batch, at, sat = [], 0, 0
        for article, chunks, sentences, title_vec in zip(group, chunked, sentenced, titles, strict=True):
            batch.append(ArticleWrite(article, chunks, chunk_vecs[at : at + len(chunks)], title_vec,
                                      sentences, sentence_vecs[sat : sat + len(sentences)]))
            at += len(chunks)
            sat += len(sentences)
        with self.writes.step(a.id for a in group):
            self.store.write_articles(batch)
        done += len(group)
        if progress:
            progress(done, total)
        return done

    def _delete_orphans(self) -> None:
        """Chunks of an article with no record come from an interrupted write. Under the lock, so no other
        writer is between its chunks and its record. The whole store is scanned only when an interrupted
        write may have happened (see Writes.suspect), not on every ingest."""
        with self.writes.step() as touched:
            if not self.writes.suspect:
                return
            committed = {a.id for a in self.store.list_articles()}
            orphans = set(self.store.chunk_article_ids().values()) - committed
            if orphans:
                log.warning("removing chunks of %d interrupted article(s): %s", len(orphans), sorted(orphans))
                self.store.delete_chunks_of(orphans)
                touched |= orphans
            self.writes.suspect = False

    def delete(self, article_id: str) -> bool:
        with self.writes.step([article_id]):
            existed = self.store.delete_article(article_id)
        self.lexical.catch_up(force=True)
        return existed

    def index_missing_sentences(self) -> int:
        """Articles stored before the sentence index get their sentences from their stored chunks; how many did."""
        todo = [a for a in self.store.list_articles() if not a.sentence_indexed]
        if not todo:
            return 0
        for record in todo:
            chunks = self.store.chunks_of(record.id)
            if not chunks:
                continue  # deleted meanwhile
            sentences = sentences_of(chunks, record.hash)
            vectors = self.embedder.embed([s.text for s in sentences])
            with self.writes.step([record.id]):
                self.store.index_sentences(record, sentences, vectors)
        log.info("indexed the sentences of %d article(s) stored before the sentence index", len(todo))
        return len(todo)
