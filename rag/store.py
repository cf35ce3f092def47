"""The Chroma store: chunks (through LlamaIndex's ChromaVectorStore), sentences and article records.

Chunks live in one collection, each chunk's sentences (embedded one by one, for the sentence-level
dense index) in a second; each article's record (full text, title, date, hash, chunk count) lives in a
third and is written last, so an article whose record is missing or stale is known to be incomplete.
A fourth holds the change feed and the write lease (`ControlRecords`, used by rag/changes.py), so
replicas on one Chroma server agree. The connection itself (and chromadb) is rag/chroma.py's.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from llama_index.core.vector_stores.types import VectorStoreQuery
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.articles import date_number
from rag.bm25 import LexicalDoc
from rag.chroma import ChromaConnection
from rag.control import ControlRecords
from rag.embeddings import EmbeddingSignature
from rag.records import (
    ALSO_KEY, SENTENCES_KEY, ArticleWrite, SentenceHit, StoredArticle, StoredChunk, also_of, article_meta, chunk_node,
    lexical_doc, sentence_meta, where_of,
)
from rag.sentences import Sentence
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.retrieval import Filters

# Chroma pages large reads; this keeps one page's payload modest at 100k chunks.
DEFAULT_PAGE_SIZE = 5000

__all__ = ["ArticleWrite", "ChromaStore", "ControlRecords", "SentenceHit", "StoredArticle", "StoredChunk"]


class ChromaStore:
    """Chunks and article records in Chroma, embedded or behind `chroma run`."""

    def __init__(self, connection: ChromaConnection) -> None:
        self._db = connection
        self.where = connection.where
        self.control = ControlRecords(connection)

    @classmethod
    def from_settings(cls, settings: Settings, signature: EmbeddingSignature) -> ChromaStore:
        return cls(ChromaConnection.from_settings(settings, signature))

    def ping(self) -> int:
        """Number of stored chunks; raises StoreUnavailableError when unreachable."""
        with self._db.guard("reach the store"):
            return self._db.open().chunks.count()

    def reset(self) -> None:
        """Delete every collection (for re-embedding with another model)."""
        self._db.reset()

    # -- writes ---------------------------------------------------------------

    def write_articles(self, batch: list[ArticleWrite]) -> None:
        """Replace the chunks and sentences of several articles in one round trip each, then commit their records.

        Records are written last: an interruption leaves chunks without a record (cleaned by the
        next ingest) or an old record whose hash no longer matches (replaced by the next ingest).
        Retrieval shows a sentence only through its chunk, so a sentence never outlives that check.
        """
        if not batch:
            return
        nodes = [chunk_node(w.article, chunk, vec) for w in batch
                 for chunk, vec in zip(w.chunks, w.chunk_vectors, strict=True)]
        ids = [w.article.id for w in batch]
        with self._db.guard("write articles"):
            c = self._db.open()
            c.chunks.delete(where={"article_id": {"$in": ids}})
            c.sentences.delete(where={"article_id": {"$in": ids}})
            if nodes:
                c.vectors.add(nodes)
            _add_sentences(c.sentences, [(w.article.hash, date_number(w.article.date), w.sentences, w.sentence_vectors)
                                 for w in batch])
            c.articles.upsert(
                ids=ids,
                documents=[w.article.text for w in batch],
                embeddings=[[float(x) for x in w.title_vector] for w in batch],
                metadatas=[article_meta(w.article, len(w.chunks)) for w in batch],
            )

    def index_sentences(self, record: StoredArticle, sentences: list[Sentence], vectors: np.ndarray) -> None:
        """Add the sentences of an article stored before the sentence index, and mark its record
        (unless the article changed meanwhile: its new version brought its own sentences)."""
        dated = date_number(date.fromisoformat(record.date)) if record.date else 0
        with self._db.guard("index sentences"):
            c = self._db.open()
            c.sentences.delete(where={"article_id": record.id})
            _add_sentences(c.sentences, [(record.hash, dated, sentences, vectors)])
            got = c.articles.get(ids=[record.id], include=["metadatas"])
            if got["ids"] and got["metadatas"][0].get("hash") == record.hash:
                c.articles.update(ids=[record.id], metadatas=[{SENTENCES_KEY: True}])

    def add_sources(self, article_id: str, sources: list[tuple[str | None, str]]) -> None:
        """Record other pages that published this article's story (each URL once)."""
        with self._db.guard("record other sources"):
            c = self._db.open()
            got = c.articles.get(ids=[article_id], include=["metadatas"])
            if not got["ids"]:
                return
            known = list(also_of(got["metadatas"][0]))
            known += [(site, url) for site, url in sources if url not in {u for _, u in known}]
            c.articles.update(ids=[article_id], metadatas=[{ALSO_KEY: json.dumps(known)}])

    def delete_article(self, article_id: str) -> bool:
        """Remove an article's record, chunks and sentences; False when it was not stored."""
        with self._db.guard("delete an article"):
            c = self._db.open()
            existed = bool(c.articles.get(ids=[article_id], include=[])["ids"])
            # Record first: a crash in between leaves orphan chunks, which ingest cleans.
            c.articles.delete(ids=[article_id])
            c.chunks.delete(where={"article_id": article_id})
            c.sentences.delete(where={"article_id": article_id})
            return existed

    def delete_chunks_of(self, article_ids: set[str]) -> None:
        with self._db.guard("delete orphan chunks"):
            c = self._db.open()
            for aid in article_ids:
                c.chunks.delete(where={"article_id": aid})
                c.sentences.delete(where={"article_id": aid})

    # -- reads ----------------------------------------------------------------

    def list_articles(self) -> list[StoredArticle]:
        with self._db.guard("list articles"):
            c = self._db.open()
            got = c.articles.get(include=["metadatas"])
        items = [StoredArticle.from_record(i, m) for i, m in zip(got["ids"], got["metadatas"])]
        return sorted(items, key=lambda a: a.id)

    def get_article(self, article_id: str) -> StoredArticle | None:
        with self._db.guard("read an article"):
            c = self._db.open()
            got = c.articles.get(ids=[article_id], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        return StoredArticle.from_record(got["ids"][0], got["metadatas"][0], got["documents"][0])

    def committed_hashes(self, article_ids: list[str]) -> dict[str, str]:
        """article id -> hash of its committed record (absent while it is first being written)."""
        if not article_ids:
            return {}
        with self._db.guard("read article records"):
            c = self._db.open()
            got = c.articles.get(ids=sorted(set(article_ids)), include=["metadatas"])
        return {i: m["hash"] for i, m in zip(got["ids"], got["metadatas"])}

    def chunk_article_ids(self) -> dict[str, str]:
        """chunk id -> article id for every stored chunk."""
        with self._db.guard("list chunks"):
            c = self._db.open()
            out: dict[str, str] = {}
            for got in _page(c.chunks, ["metadatas"]):
                out.update((i, m["article_id"]) for i, m in zip(got["ids"], got["metadatas"]))
            return out

    def lexical_docs(self) -> list[LexicalDoc]:
        with self._db.guard("read chunks"):
            c = self._db.open()
            docs = []
            for got in _page(c.chunks, ["documents", "metadatas"]):
                for i, text, m in zip(got["ids"], got["documents"], got["metadatas"]):
                    docs.append(lexical_doc(i, text, m))
            return docs

    def lexical_docs_of(self, article_ids: list[str]) -> list[LexicalDoc]:
        """The chunks of these articles only, for an incremental keyword-index update."""
        if not article_ids:
            return []
        with self._db.guard("read chunks"):
            c = self._db.open()
            got = c.chunks.get(where={"article_id": {"$in": sorted(set(article_ids))}},
                                   include=["documents", "metadatas"])
        return [lexical_doc(i, t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def count(self) -> int:
        return self.ping()

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters) -> list[tuple[StoredChunk, float]]:
        """Nearest chunks by cosine similarity, filters applied inside Chroma (the same `where` as sentences)."""
        query = VectorStoreQuery(query_embedding=[float(x) for x in vector], similarity_top_k=k)
        with self._db.guard("search the store"):
            c = self._db.open()
            if c.chunks.count() == 0:
                return []
            result = c.vectors.query(query, where=where_of(filters))
        # ChromaVectorStore reports exp(-distance); with the cosine space distance = 1 - cos.
        return [
            (StoredChunk.from_node(node), 1.0 + math.log(max(sim, 1e-12)))
            for node, sim in zip(result.nodes, result.similarities or [])
        ]

    def sentence_search(self, vector: np.ndarray, k: int, filters: Filters) -> list[SentenceHit]:
        """Nearest sentences by cosine similarity, with the same filters as chunks."""
        with self._db.guard("search the sentence index"):
            c = self._db.open()
            if c.sentences.count() == 0:
                return []
            got = c.sentences.query(
                query_embeddings=[[float(x) for x in vector]], n_results=k, where=where_of(filters),
                include=["metadatas", "distances"],
            )
        return [
            SentenceHit(m["chunk_id"], m["article_id"], int(m["start"]), int(m["end"]), 1.0 - float(dist))
            for m, dist in zip(got["metadatas"][0], got["distances"][0])
        ]

    def sentences_of(self, article_id: str) -> list[Sentence]:
        """An article's entries in the sentence index, in article order."""
        with self._db.guard("read sentences"):
            c = self._db.open()
            got = c.sentences.get(where={"article_id": article_id}, include=["documents", "metadatas"])
        found = [Sentence(i, m["article_id"], m["chunk_id"], t, int(m["start"]), int(m["end"]))
                 for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(found, key=lambda x: x.start)

    def chunks_of(self, article_id: str) -> list[StoredChunk]:
        """An article's stored chunks in order."""
        with self._db.guard("read chunks"):
            c = self._db.open()
            got = c.chunks.get(where={"article_id": article_id}, include=["documents", "metadatas"])
        chunks = [StoredChunk.from_record(i, t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(chunks, key=lambda c: c.chunk_index)

    def llama_vector_store(self) -> ChromaVectorStore:
        """The chunk collection as LlamaIndex sees it (for the naive baseline)."""
        with self._db.guard("open the store"):
            c = self._db.open()
            return c.vectors

    @staticmethod
    def chunk_from_node(node) -> StoredChunk:
        return StoredChunk.from_node(node)

    def get_chunks(self, ids: list[str]) -> list[StoredChunk]:
        if not ids:
            return []
        with self._db.guard("read chunks"):
            c = self._db.open()
            return [StoredChunk.from_node(n) for n in c.vectors.get_nodes(node_ids=ids)]


def _add_sentences(collection, batch: list[tuple[str, int, list[Sentence], np.ndarray]]) -> None:
    """(article hash, date number, sentences, their vectors) for each article."""
    rows = [(s, vec, article_hash, dated) for article_hash, dated, sentences, vectors in batch
            for s, vec in zip(sentences, vectors, strict=True)]
    for at in range(0, len(rows), DEFAULT_PAGE_SIZE):
        page = rows[at : at + DEFAULT_PAGE_SIZE]
        collection.upsert(
            ids=[s.id for s, *_ in page],
            documents=[s.text for s, *_ in page],
            embeddings=[[float(x) for x in vec] for _, vec, *_ in page],
            metadatas=[sentence_meta(s, h, d) for s, _, h, d in page],
        )


def _page(collection, include: list[str]):
    """Every chunk, a page at a time."""
    offset = 0
    while True:
        got = collection.get(include=include, limit=DEFAULT_PAGE_SIZE, offset=offset)
        if not got["ids"]:
            return
        yield got
        if len(got["ids"]) < DEFAULT_PAGE_SIZE:
            return
        offset += DEFAULT_PAGE_SIZE
