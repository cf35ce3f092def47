"""The composition root: builds the collaborators from settings and wires them once."""

from __future__ import annotations

import logging
from pathlib import Path

from rag.articles import load_folder
from rag.bm25 import BM25Index
from rag.chunking import Chunker
from rag.embeddings import Embedder, embedder_from_settings
from rag.errors import InputError
from rag.ingest import IngestReport, Ingestor, Progress
from rag.retrieval import Filters, HybridRetriever, Retrieval
from rag.settings import Settings
from rag.store import ChromaStore

log = logging.getLogger(__name__)


class Library:
    """The article collection: ingest, search, list and delete."""

    def __init__(self, settings: Settings, store: ChromaStore, bm25: BM25Index, embedder: Embedder, chunker: Chunker):
        self.settings = settings
        self.store = store
        self.bm25 = bm25
        self.embedder = embedder
        self.ingestor = Ingestor(store, bm25, embedder, chunker)
        self.retriever = HybridRetriever(store, bm25, embedder)
        self._synced = False

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder | None = None) -> Library:
        """Defaults for every collaborator; an already-loaded embedder may be shared."""
        embedder = embedder or embedder_from_settings(settings)
        store = ChromaStore.from_settings(settings, embedder.signature)
        bm25_dir = settings.bm25_path / settings.collection if settings.chroma_url is None else None
        return cls(settings, store, BM25Index(bm25_dir), embedder, Chunker.from_settings(settings))

    def ensure_synced(self) -> None:
        if not self._synced:
            self.ingestor.sync_bm25()
            self._synced = True

    def ingest_folder(
        self, folder: Path, prune: bool = False, reembed: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        articles = load_folder(folder)
        if not articles:
            raise InputError(f"no readable .txt, .md or .html articles in {folder}")
        if reembed:
            self.store.reset()
        report = self.ingestor.ingest(articles, prune=prune, progress=progress)
        self._synced = True
        return report

    def seed_if_empty(self) -> IngestReport | None:
        """Ingest the seeds folder when the store holds nothing yet."""
        if self.store.count() > 0:
            self.ensure_synced()
            return None
        return self.ingest_folder(self.settings.seeds_dir)

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> Retrieval:
        self.ensure_synced()
        return self.retriever.retrieve(query, k or self.settings.top_k, filters)
