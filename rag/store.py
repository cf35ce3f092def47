"""The Chroma store: chunks (through LlamaIndex's ChromaVectorStore) and article records.

The only module that imports chromadb. Chunks live in one collection; each article's
record (full text, title, date, hash, chunk count) lives in a second one and is written
last, so an article whose record is missing or stale is known to be incomplete.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.vector_stores.types import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.articles import Article
from rag.bm25 import LexicalDoc
from rag.chunking import Chunk
from rag.embeddings import EmbeddingSignature
from rag.errors import EmbeddingMismatchError, RagError, StoreUnavailableError
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.retrieval import Filters

log = logging.getLogger(__name__)

# Chroma pages large reads; this keeps one page's payload modest at 100k chunks.
DEFAULT_PAGE_SIZE = 5000
ARTICLES_SUFFIX = "_articles"
_ENTITIES_KEY = "entities"


@dataclass(frozen=True)
class StoredChunk:
    id: str
    article_id: str
    title: str
    date: str | None
    source: str
    chunk_index: int
    text: str
    start: int
    end: int
    article_hash: str = ""
    entities: tuple[tuple[int, int, str], ...] | None = None

    @classmethod
    def from_node(cls, node) -> StoredChunk:
        m = node.metadata
        return cls(
            id=node.node_id,
            article_id=m["article_id"],
            title=m["title"],
            date=m.get("date") or None,
            source=m["source"],
            chunk_index=int(m["chunk_index"]),
            text=node.get_content(),
            start=int(m["start"]),
            end=int(m["end"]),
            article_hash=m.get("article_hash", ""),
            entities=_entities(m.get(_ENTITIES_KEY)),
        )


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str
    date: str | None
    source: str
    hash: str
    chunk_count: int
    text: str | None = None

    @classmethod
    def from_record(cls, id_: str, meta: dict, text: str | None = None) -> StoredArticle:
        return cls(
            id=id_,
            title=meta["title"],
            date=meta.get("date") or None,
            source=meta["source"],
            hash=meta["hash"],
            chunk_count=int(meta["chunk_count"]),
            text=text,
        )


def _node(article: Article, chunk: Chunk, vec: np.ndarray) -> TextNode:
    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        embedding=[float(x) for x in vec],
        start_char_idx=chunk.start,
        end_char_idx=chunk.end,
        metadata={
            "article_id": article.id,
            "title": article.title,
            "date": article.date.isoformat() if article.date else "",
            "date_num": _date_num(article),
            "source": article.source,
            "article_hash": article.hash,
            "chunk_index": chunk.chunk_index,
            "start": chunk.start,
            "end": chunk.end,
            # Chroma metadata holds scalars only: the entities travel as compact JSON.
            **({} if chunk.entities is None else
               {_ENTITIES_KEY: json.dumps([list(e) for e in chunk.entities], separators=(",", ":"))}),
        },
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)},
        # Offsets for the reader, not words: LlamaIndex would otherwise paste them into prompts and embeddings.
        excluded_llm_metadata_keys=[_ENTITIES_KEY],
        excluded_embed_metadata_keys=[_ENTITIES_KEY],
    )


def _entities(raw) -> tuple[tuple[int, int, str], ...] | None:
    """None for chunks stored before entities were recorded (the reader then finds them itself)."""
    if raw is None:
        return None
    try:
        return tuple((int(a), int(b), str(label)) for a, b, label in json.loads(raw))
    except (ValueError, TypeError):
        return None


def _date_num(article: Article) -> int:
    d = article.date
    return d.year * 10000 + d.month * 100 + d.day if d else 0


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
        self._vs: ChromaVectorStore | None = None

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
            self._client, self._chunks, self._articles = client, chunks, articles
            self._vs = ChromaVectorStore(chroma_collection=chunks)

    def _drop_connection(self) -> None:
        with self._lock:
            self._client = self._chunks = self._articles = self._vs = None

    def ping(self) -> int:
        """Number of stored chunks; raises StoreUnavailableError when unreachable."""
        with self._guard("reach the store"):
            self._open()
            return self._chunks.count()

    def reset(self) -> None:
        """Delete both collections (for re-embedding with another model)."""
        with self._guard("reset the store"):
            client = self._client_factory()
            for name in (self._name, self._name + ARTICLES_SUFFIX):
                try:
                    client.delete_collection(name)
                except Exception:  # absent already
                    pass
            self._drop_connection()

    # -- writes ---------------------------------------------------------------

    def write_articles(self, batch: list[tuple[Article, list[Chunk], np.ndarray, np.ndarray]]) -> None:
        """Replace the chunks of several articles in one round trip each, then commit their records.

        Records are written last: an interruption leaves chunks without a record (cleaned by the
        next ingest) or an old record whose hash no longer matches (replaced by the next ingest).
        """
        if not batch:
            return
        nodes = [_node(article, chunk, vec) for article, chunks, vectors, _ in batch
                 for chunk, vec in zip(chunks, vectors, strict=True)]
        ids = [article.id for article, *_ in batch]
        with self._guard("write articles"):
            self._open()
            self._chunks.delete(where={"article_id": {"$in": ids}})
            if nodes:
                self._vs.add(nodes)
            self._articles.upsert(
                ids=ids,
                documents=[article.text for article, *_ in batch],
                embeddings=[[float(x) for x in tv] for *_, tv in batch],
                metadatas=[
                    {
                        "title": article.title,
                        "date": article.date.isoformat() if article.date else "",
                        "source": article.source,
                        "hash": article.hash,
                        "chunk_count": len(chunks),
                    }
                    for article, chunks, *_ in batch
                ],
            )

    def delete_article(self, article_id: str) -> bool:
        """Remove an article's record and chunks; False when it was not stored."""
        with self._guard("delete an article"):
            self._open()
            existed = bool(self._articles.get(ids=[article_id], include=[])["ids"])
            # Record first: a crash in between leaves orphan chunks, which ingest cleans.
            self._articles.delete(ids=[article_id])
            self._chunks.delete(where={"article_id": article_id})
            return existed

    def delete_chunks_of(self, article_ids: set[str]) -> None:
        with self._guard("delete orphan chunks"):
            self._open()
            for aid in article_ids:
                self._chunks.delete(where={"article_id": aid})

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
                    docs.append(LexicalDoc(i, text, m["article_id"], int(m.get("date_num") or 0)))
            return docs

    def count(self) -> int:
        return self.ping()

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters) -> list[tuple[StoredChunk, float]]:
        """Nearest chunks by cosine similarity, filters applied inside Chroma."""
        conditions = []
        if filters.article_ids:
            conditions.append(MetadataFilter(key="article_id", value=list(filters.article_ids), operator=FilterOperator.IN))
        if filters.date_from:
            conditions.append(MetadataFilter(key="date_num", value=_num(filters.date_from), operator=FilterOperator.GTE))
        if filters.date_to:
            conditions.append(MetadataFilter(key="date_num", value=_num(filters.date_to), operator=FilterOperator.LTE))
            conditions.append(MetadataFilter(key="date_num", value=0, operator=FilterOperator.GT))
        query = VectorStoreQuery(
            query_embedding=[float(x) for x in vector],
            similarity_top_k=k,
            filters=MetadataFilters(filters=conditions) if conditions else None,
        )
        with self._guard("search the store"):
            self._open()
            if self._chunks.count() == 0:
                return []
            result = self._vs.query(query)
        # ChromaVectorStore reports exp(-distance); with the cosine space distance = 1 - cos.
        return [
            (StoredChunk.from_node(node), 1.0 + math.log(max(sim, 1e-12)))
            for node, sim in zip(result.nodes, result.similarities or [])
        ]

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


def _num(d) -> int:
    return d.year * 10000 + d.month * 100 + d.day


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
