"""The Chroma store: chunks (through LlamaIndex's ChromaVectorStore), sentences and article records.

The only module that imports chromadb. Chunks live in one collection, each chunk's sentences
(embedded one by one, for the sentence-level dense index) in a second; each article's record
(full text, title, date, hash, chunk count) lives in a third and is written last, so an article
whose record is missing or stale is known to be incomplete. A fourth holds the change feed and the
write lease (`ControlRecords`, used by rag/changes.py), so replicas on one Chroma server agree.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from llama_index.core.vector_stores.types import VectorStoreQuery
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.articles import Article, date_number
from rag.bm25 import LexicalDoc
from rag.chunking import Chunk
from rag.embeddings import EmbeddingSignature
from rag.errors import EmbeddingMismatchError, RagError, StoreUnavailableError
from rag.records import (
    ALSO_KEY, SENTENCES_KEY, StoredArticle, StoredChunk, also_of, article_meta, chunk_node, sentence_meta,
)
from rag.sentences import Sentence
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.retrieval import Filters

log = logging.getLogger(__name__)

# Chroma pages large reads; this keeps one page's payload modest at 100k chunks.
DEFAULT_PAGE_SIZE = 5000
ARTICLES_SUFFIX = "_articles"
SENTENCES_SUFFIX = "_sentences"
# The change feed and the write lease: a few small records, so every replica can poll them cheaply.
CHANGES_SUFFIX = "_changes"

__all__ = ["ArticleWrite", "ChromaStore", "ControlRecords", "SentenceHit", "StoredArticle", "StoredChunk"]


@dataclass(frozen=True)
class ArticleWrite:
    """One article's new version: its chunks and sentences with their vectors, and its title's vector."""

    article: Article
    chunks: list[Chunk]
    chunk_vectors: np.ndarray
    title_vector: np.ndarray
    sentences: list[Sentence]
    sentence_vectors: np.ndarray


@dataclass(frozen=True)
class SentenceHit:
    """A sentence the sentence index ranked for a query: the chunk holding it, where it is, how close."""

    chunk_id: str
    article_id: str
    start: int
    end: int
    score: float


class ChromaStore:
    """Chunks and article records in Chroma, embedded or behind `chroma run`."""

    def __init__(self, client_factory, name: str, signature: EmbeddingSignature, where: str) -> None:
        self._client_factory = client_factory
        self._name = name
        self._signature = signature
        self.where = where
        self._lock = threading.Lock()
        self._client = None
        self._chunks = None
        self._articles = None
        self._sentences = None
        self._changes = None
        self._vs: ChromaVectorStore | None = None
        self.control = ControlRecords(self)

    @classmethod
    def from_settings(cls, settings: Settings, signature: EmbeddingSignature) -> ChromaStore:
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        match settings.chroma_url:
            case None:
                path = settings.chroma_path
                path.mkdir(parents=True, exist_ok=True)

                def factory():
                    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)

                where = f"embedded Chroma at {path}"
            case url:
                parsed = urlparse(url)
                ssl = parsed.scheme == "https"
                port = parsed.port or (443 if ssl else 8000)

                def factory():
                    return chromadb.HttpClient(
                        host=parsed.hostname or "localhost", port=port, ssl=ssl, settings=chroma_settings
                    )

                where = f"Chroma server at {url}"
        return cls(factory, settings.collection, signature, where)

    # -- connection -------------------------------------------------------

    def _guard(self, what: str):
        return _StoreGuard(self, what)

    def _open(self):
        """Open client and collections once; retried on the next call after a failure."""
        with self._lock:
            if self._vs is not None:
                return
            client = self._client_factory()
            meta = {
                "embed_backend": self._signature.backend,
                "embed_model": self._signature.model,
                "embed_dim": self._signature.dim,
            }
            chunks = client.get_or_create_collection(
                self._name, metadata=meta, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
            found = chunks.metadata or {}
            if (found.get("embed_backend"), found.get("embed_model"), found.get("embed_dim")) != (
                meta["embed_backend"], meta["embed_model"], meta["embed_dim"],
            ):
                stored = f"{found.get('embed_backend')}:{found.get('embed_model')} ({found.get('embed_dim')} dims)"
                raise EmbeddingMismatchError(
                    f"the store '{self._name}' was embedded with {stored}, but settings ask for "
                    f"{self._signature.describe()}; run `newsrag ingest --reembed` to re-embed it "
                    "with the configured model, or set RAG_EMBED_BACKEND/RAG_EMBED_MODEL back"
                )
            articles = client.get_or_create_collection(
                self._name + ARTICLES_SUFFIX, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
            sentences = client.get_or_create_collection(
                self._name + SENTENCES_SUFFIX, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
            changes = client.get_or_create_collection(self._name + CHANGES_SUFFIX, embedding_function=None)
            self._client, self._chunks, self._articles, self._sentences = client, chunks, articles, sentences
            self._changes = changes
            self._vs = ChromaVectorStore(chroma_collection=chunks)

    def _drop_connection(self) -> None:
        with self._lock:
            self._client = self._chunks = self._articles = self._sentences = self._changes = self._vs = None

    def ping(self) -> int:
        """Number of stored chunks; raises StoreUnavailableError when unreachable."""
        with self._guard("reach the store"):
            self._open()
            return self._chunks.count()

    def reset(self) -> None:
        """Delete every collection (for re-embedding with another model)."""
        with self._guard("reset the store"):
            client = self._client_factory()
            # The change feed goes too: its new epoch tells every replica to rebuild its keyword index.
            for suffix in ("", ARTICLES_SUFFIX, SENTENCES_SUFFIX, CHANGES_SUFFIX):
                name = self._name + suffix
                try:
                    client.delete_collection(name)
                except Exception:  # absent already
                    pass
            self._drop_connection()

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
        with self._guard("write articles"):
            self._open()
            self._chunks.delete(where={"article_id": {"$in": ids}})
            self._sentences.delete(where={"article_id": {"$in": ids}})
            if nodes:
                self._vs.add(nodes)
            self._add_sentences([(w.article.hash, date_number(w.article.date), w.sentences, w.sentence_vectors)
                                 for w in batch])
            self._articles.upsert(
                ids=ids,
                documents=[w.article.text for w in batch],
                embeddings=[[float(x) for x in w.title_vector] for w in batch],
                metadatas=[article_meta(w.article, len(w.chunks)) for w in batch],
            )

    def _add_sentences(self, batch: list[tuple[str, int, list[Sentence], np.ndarray]]) -> None:
        """(article hash, date number, sentences, their vectors) for each article."""
        rows = [(s, vec, article_hash, dated) for article_hash, dated, sentences, vectors in batch
                for s, vec in zip(sentences, vectors, strict=True)]
        for at in range(0, len(rows), DEFAULT_PAGE_SIZE):
            page = rows[at : at + DEFAULT_PAGE_SIZE]
            self._sentences.upsert(
                ids=[s.id for s, *_ in page],
                documents=[s.text for s, *_ in page],
                embeddings=[[float(x) for x in vec] for _, vec, *_ in page],
                metadatas=[sentence_meta(s, h, d) for s, _, h, d in page],
            )

    def index_sentences(self, record: StoredArticle, sentences: list[Sentence], vectors: np.ndarray) -> None:
        """Add the sentences of an article stored before the sentence index, and mark its record
        (unless the article changed meanwhile: its new version brought its own sentences)."""
        dated = date_number(date.fromisoformat(record.date)) if record.date else 0
        with self._guard("index sentences"):
            self._open()
            self._sentences.delete(where={"article_id": record.id})
            self._add_sentences([(record.hash, dated, sentences, vectors)])
            got = self._articles.get(ids=[record.id], include=["metadatas"])
            if got["ids"] and got["metadatas"][0].get("hash") == record.hash:
                self._articles.update(ids=[record.id], metadatas=[{SENTENCES_KEY: True}])

    def add_sources(self, article_id: str, sources: list[tuple[str | None, str]]) -> None:
        """Record other pages that published this article's story (each URL once)."""
        with self._guard("record other sources"):
            self._open()
            got = self._articles.get(ids=[article_id], include=["metadatas"])
            if not got["ids"]:
                return
            known = list(also_of(got["metadatas"][0]))
            known += [(site, url) for site, url in sources if url not in {u for _, u in known}]
            self._articles.update(ids=[article_id], metadatas=[{ALSO_KEY: json.dumps(known)}])

    def delete_article(self, article_id: str) -> bool:
        """Remove an article's record, chunks and sentences; False when it was not stored."""
        with self._guard("delete an article"):
            self._open()
            existed = bool(self._articles.get(ids=[article_id], include=[])["ids"])
            # Record first: a crash in between leaves orphan chunks, which ingest cleans.
            self._articles.delete(ids=[article_id])
            self._chunks.delete(where={"article_id": article_id})
            self._sentences.delete(where={"article_id": article_id})
            return existed

    def delete_chunks_of(self, article_ids: set[str]) -> None:
        with self._guard("delete orphan chunks"):
            self._open()
            for aid in article_ids:
                self._chunks.delete(where={"article_id": aid})
                self._sentences.delete(where={"article_id": aid})

    # -- reads ----------------------------------------------------------------

    def list_articles(self) -> list[StoredArticle]:
        with self._guard("list articles"):
            self._open()
            got = self._articles.get(include=["metadatas"])
        items = [StoredArticle.from_record(i, m) for i, m in zip(got["ids"], got["metadatas"])]
        return sorted(items, key=lambda a: a.id)

    def get_article(self, article_id: str) -> StoredArticle | None:
        with self._guard("read an article"):
            self._open()
            got = self._articles.get(ids=[article_id], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        return StoredArticle.from_record(got["ids"][0], got["metadatas"][0], got["documents"][0])

    def committed_hashes(self, article_ids: list[str]) -> dict[str, str]:
        """article id -> hash of its committed record (absent while it is first being written)."""
        if not article_ids:
            return {}
        with self._guard("read article records"):
            self._open()
            got = self._articles.get(ids=sorted(set(article_ids)), include=["metadatas"])
        return {i: m["hash"] for i, m in zip(got["ids"], got["metadatas"])}

    def _page(self, include: list[str]):
        offset = 0
        while True:
            got = self._chunks.get(include=include, limit=DEFAULT_PAGE_SIZE, offset=offset)
            if not got["ids"]:
                return
            yield got
            if len(got["ids"]) < DEFAULT_PAGE_SIZE:
                return
            offset += DEFAULT_PAGE_SIZE

    def chunk_article_ids(self) -> dict[str, str]:
        """chunk id -> article id for every stored chunk."""
        with self._guard("list chunks"):
            self._open()
            out: dict[str, str] = {}
            for got in self._page(["metadatas"]):
                out.update((i, m["article_id"]) for i, m in zip(got["ids"], got["metadatas"]))
            return out

    def lexical_docs(self) -> list[LexicalDoc]:
        with self._guard("read chunks"):
            self._open()
            docs = []
            for got in self._page(["documents", "metadatas"]):
                for i, text, m in zip(got["ids"], got["documents"], got["metadatas"]):
                    docs.append(_lexical_doc(i, text, m))
            return docs

    def lexical_docs_of(self, article_ids: list[str]) -> list[LexicalDoc]:
        """The chunks of these articles only, for an incremental keyword-index update."""
        if not article_ids:
            return []
        with self._guard("read chunks"):
            self._open()
            got = self._chunks.get(where={"article_id": {"$in": sorted(set(article_ids))}},
                                   include=["documents", "metadatas"])
        return [_lexical_doc(i, t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def count(self) -> int:
        return self.ping()

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters) -> list[tuple[StoredChunk, float]]:
        """Nearest chunks by cosine similarity, filters applied inside Chroma (the same `where` as sentences)."""
        query = VectorStoreQuery(query_embedding=[float(x) for x in vector], similarity_top_k=k)
        with self._guard("search the store"):
            self._open()
            if self._chunks.count() == 0:
                return []
            result = self._vs.query(query, where=_where(filters))
        # ChromaVectorStore reports exp(-distance); with the cosine space distance = 1 - cos.
        return [
            (StoredChunk.from_node(node), 1.0 + math.log(max(sim, 1e-12)))
            for node, sim in zip(result.nodes, result.similarities or [])
        ]

    def sentence_search(self, vector: np.ndarray, k: int, filters: Filters) -> list[SentenceHit]:
        """Nearest sentences by cosine similarity, with the same filters as chunks."""
        with self._guard("search the sentence index"):
            self._open()
            if self._sentences.count() == 0:
                return []
            got = self._sentences.query(
                query_embeddings=[[float(x) for x in vector]], n_results=k, where=_where(filters),
                include=["metadatas", "distances"],
            )
        return [
            SentenceHit(m["chunk_id"], m["article_id"], int(m["start"]), int(m["end"]), 1.0 - float(dist))
            for m, dist in zip(got["metadatas"][0], got["distances"][0])
        ]

    def sentences_of(self, article_id: str) -> list[Sentence]:
        """An article's entries in the sentence index, in article order."""
        with self._guard("read sentences"):
            self._open()
            got = self._sentences.get(where={"article_id": article_id}, include=["documents", "metadatas"])
        found = [Sentence(i, m["article_id"], m["chunk_id"], t, int(m["start"]), int(m["end"]))
                 for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(found, key=lambda x: x.start)

    def chunks_of(self, article_id: str) -> list[StoredChunk]:
        """An article's stored chunks in order."""
        with self._guard("read chunks"):
            self._open()
            got = self._chunks.get(where={"article_id": article_id}, include=["documents", "metadatas"])
        chunks = [StoredChunk.from_record(i, t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(chunks, key=lambda c: c.chunk_index)

    def llama_vector_store(self) -> ChromaVectorStore:
        """The chunk collection as LlamaIndex sees it (for the naive baseline)."""
        with self._guard("open the store"):
            self._open()
            return self._vs

    @staticmethod
    def chunk_from_node(node) -> StoredChunk:
        return StoredChunk.from_node(node)

    def get_chunks(self, ids: list[str]) -> list[StoredChunk]:
        if not ids:
            return []
        with self._guard("read chunks"):
            self._open()
            return [StoredChunk.from_node(n) for n in self._vs.get_nodes(node_ids=ids)]


def _lexical_doc(chunk_id: str, text: str, meta: dict) -> LexicalDoc:
    return LexicalDoc(chunk_id, text, meta["article_id"], int(meta.get("date_num") or 0))


class ControlRecords:
    """Small keyed records beside the data (change-feed entries, the write lease) in their own collection.

    `insert` keeps a key's first record (Chroma ignores an add of an existing id), so of several
    replicas inserting one key at once exactly one wins, and a read after says which.
    """

    # Chroma stores a vector with every record; these records are only read by key and metadata.
    _VECTOR = [0.0]

    def __init__(self, store: ChromaStore) -> None:
        self._store = store

    def _collection(self):
        self._store._open()
        return self._store._changes

    def insert(self, key: str, meta: dict) -> None:
        with self._store._guard("write to the change feed"):
            self._collection().add(ids=[key], embeddings=[self._VECTOR], metadatas=[meta])

    def read(self, key: str) -> dict | None:
        with self._store._guard("read the change feed"):
            got = self._collection().get(ids=[key], include=["metadatas"])
        return got["metadatas"][0] if got["ids"] else None

    def extend(self, key: str, holder: str, expires: float) -> bool:
        """Push back the expiry of `holder`'s record; False when the record is no longer theirs."""
        with self._store._guard("renew the write lease"):
            collection = self._collection()
            got = collection.get(ids=[key], where={"holder": holder}, include=[])
            if not got["ids"]:
                return False
            collection.update(ids=[key], metadatas=[{"expires": expires}])
            return True

    def remove(self, key: str, holder: str | None = None) -> None:
        """Delete the key's record (only if `holder` holds it, when given)."""
        with self._store._guard("write to the change feed"):
            self._collection().delete(ids=[key], where={"holder": holder} if holder else None)

    def changes_after(self, version: int) -> list[dict]:
        with self._store._guard("read the change feed"):
            got = self._collection().get(where={"version": {"$gt": version}}, include=["metadatas"])
        return sorted(got["metadatas"], key=lambda m: m["version"])

    def trim_changes(self, up_to: int) -> None:
        with self._store._guard("trim the change feed"):
            self._collection().delete(where={"version": {"$lte": up_to}})


def _where(filters: Filters) -> dict | None:
    """The filters as a Chroma `where` over chunk and sentence metadata (both carry article_id and date_num)."""
    conditions: list[dict] = []
    if filters.article_ids:
        conditions.append({"article_id": {"$in": list(filters.article_ids)}})
    if filters.date_from:
        conditions.append({"date_num": {"$gte": date_number(filters.date_from)}})
    if filters.date_to:
        conditions += [{"date_num": {"$lte": date_number(filters.date_to)}}, {"date_num": {"$gt": 0}}]
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


class _StoreGuard:
    """Turns any failure of Chroma into StoreUnavailableError and forgets the broken connection."""

    def __init__(self, store: ChromaStore, what: str) -> None:
        self._store = store
        self._what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or isinstance(exc, RagError):
            return False
        log.warning("store failure while trying to %s: %r", self._what, exc)
        self._store._drop_connection()
        raise StoreUnavailableError(
            f"cannot {self._what}: {self._store.where} is unavailable ({type(exc).__name__}: {str(exc)[:200]})"
        ) from exc
