"""The connection to Chroma, embedded or behind `chroma run`: the only module that imports chromadb.

It opens the four collections once (checking that the chunks were embedded with the configured model),
hands them out, and turns any failure of Chroma into StoreUnavailableError, forgetting the broken
connection so that the next call reconnects. What is stored in them is rag/store.py's business.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.embeddings import EmbeddingSignature
from rag.errors import EmbeddingMismatchError, RagError, StoreUnavailableError
from rag.settings import Settings

log = logging.getLogger(__name__)

ARTICLES_SUFFIX = "_articles"
SENTENCES_SUFFIX = "_sentences"
# The change feed and the write lease: a few small records, so every replica can poll them cheaply.
CHANGES_SUFFIX = "_changes"


@dataclass(frozen=True)
class Collections:
    """One open connection's collections: chunks (also as LlamaIndex's vector store), article records,
    sentences, and the control records (change feed, write lease)."""

    chunks: Any
    articles: Any
    sentences: Any
    changes: Any
    vectors: ChromaVectorStore


class ChromaConnection:
    """Opens the collections lazily and once; a failure drops them, so the next call tries afresh."""

    def __init__(self, client_factory, name: str, signature: EmbeddingSignature, where: str) -> None:
        self._client_factory = client_factory
        self._name = name
        self._signature = signature
        # Said in every error, so a user knows which Chroma was unreachable.
        self.where = where
        self._lock = threading.Lock()
        self._open: Collections | None = None

    @classmethod
    def from_settings(cls, settings: Settings, signature: EmbeddingSignature) -> ChromaConnection:
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

    def guard(self, what: str) -> _Guard:
        """A context in which any failure of Chroma becomes StoreUnavailableError ("cannot <what>: ...")."""
        return _Guard(self, what)

    def open(self) -> Collections:
        """The open collections, opening them first if needed (call it inside `guard`)."""
        with self._lock:
            if self._open is None:
                self._open = self._connect()
            return self._open

    def _connect(self) -> Collections:
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
        return Collections(chunks, articles, sentences, changes, ChromaVectorStore(chroma_collection=chunks))

    def drop(self) -> None:
        with self._lock:
            self._open = None

    def reset(self) -> None:
        """Delete every collection (for re-embedding with another model)."""
        with self.guard("reset the store"):
            client = self._client_factory()
            # The change feed goes too: its new epoch tells every replica to rebuild its keyword index.
            for suffix in ("", ARTICLES_SUFFIX, SENTENCES_SUFFIX, CHANGES_SUFFIX):
                try:
                    client.delete_collection(self._name + suffix)
                except Exception:  # absent already
                    pass
            self.drop()


class _Guard:
    """Turns any failure of Chroma into StoreUnavailableError and forgets the broken connection."""

    def __init__(self, connection: ChromaConnection, what: str) -> None:
        self._connection = connection
        self._what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or isinstance(exc, RagError):
            return False
        log.warning("store failure while trying to %s: %r", self._what, exc)
        self._connection.drop()
        raise StoreUnavailableError(
            f"cannot {self._what}: {self._connection.where} is unavailable ({type(exc).__name__}: {str(exc)[:200]})"
        ) from exc
