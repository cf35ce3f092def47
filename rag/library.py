"""The composition root: builds the collaborators from settings and wires them once."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from rag.articles import Article, article_from_html, load_folder, parse_article
from rag.bm25 import BM25Index
from rag.changes import ChangeFeed, ChromaLease, Writes
from rag.chunking import Chunker
from rag.embeddings import Embedder, embedder_from_settings
from rag.errors import InputError, NotFoundError, TooLargeError
from rag.ingest import IngestReport, Ingestor, Progress
from rag.lexical import LexicalSync
from rag.nlp import Annotate, entity_spans
from rag.retrieval import Filters, FusionWeights, HybridRetriever, Passage, Retrieval
from rag.settings import Settings
from rag.store import ChromaStore, StoredArticle
from rag.writelock import WriteLock

log = logging.getLogger(__name__)


# Long enough for any real file name; ids and URLs stay short.
MAX_UPLOAD_NAME_CHARS = 200


def check_upload_name(filename: str) -> str:
    """An uploaded file's name must be a plain file name: no folders, no control characters, not hidden."""
    name = (filename or "").strip()
    if not name:
        raise InputError("the upload has no file name")
    if "/" in name or "\\" in name or name.startswith("."):
        raise InputError(f"{name!r}: the file name must be a plain name, without folders")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name) or len(name) > MAX_UPLOAD_NAME_CHARS:
        raise InputError(f"the file name must be printable and at most {MAX_UPLOAD_NAME_CHARS} characters")
    return name


class Library:
    """The article collection: ingest, search, list and delete."""

    def __init__(
        self, settings: Settings, store: ChromaStore, bm25: BM25Index, embedder: Embedder, chunker: Chunker,
        writes: Writes, annotate: Annotate | None = None,
    ):
        self.settings = settings
        self.store = store
        self.bm25 = bm25
        self.embedder = embedder
        self.lexical = LexicalSync(store, bm25, writes.feed, settings.change_poll_s)
        self.ingestor = Ingestor(store, self.lexical, embedder, chunker, writes, annotate)
        self.retriever = HybridRetriever(store, bm25, embedder, FusionWeights.from_settings(settings))
        self._synced = False

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder | None = None) -> Library:
        """Defaults for every collaborator; an already-loaded embedder may be shared."""
        embedder = embedder or embedder_from_settings(settings)
        store = ChromaStore.from_settings(settings, embedder.signature)
        # A saved copy of the keyword index in the local data dir makes a restart cheap; the change feed in
        # the store says what it misses.
        bm25 = BM25Index(settings.bm25_path / settings.collection)
        match settings.chroma_url:
            case None:
                # One machine: a file lock every process on the data dir shares.
                lock = WriteLock(settings.data_dir / f"{settings.collection}.write.lock")
            case _:
                # Replicas on a Chroma server, each with its own data dir: a lease held in Chroma itself.
                lock = ChromaLease(store.control, settings.write_lease_s, settings.write_wait_s)
        writes = Writes(lock, ChangeFeed(store.control))
        return cls(settings, store, bm25, embedder, Chunker.from_settings(settings), writes, entity_spans)

    def ensure_synced(self) -> None:
        if not self._synced:
            self.lexical.start()
            self.ingestor.index_missing_sentences()
            self._synced = True

    def ingest_folder(
        self, folder: Path, prune: bool = False, reembed: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        articles = load_folder(folder)
        if not articles:
            raise InputError(f"no readable .txt, .md or .html articles in {folder}")
        if reembed:
            self.store.reset()
        self.ensure_synced()
        return self.ingestor.ingest(articles, prune=prune, progress=progress)

    def seed_if_empty(self) -> IngestReport | None:
        """Ingest the seeds folder when the store holds nothing yet."""
        if self.store.count() > 0:
            self.ensure_synced()
            return None
        return self.ingest_folder(self.settings.seeds_dir)

    def add_document(self, raw: bytes, filename: str) -> tuple[StoredArticle, str]:
        """Ingest one uploaded file; returns the stored article and 'added', 'updated' or 'unchanged'."""
        name = check_upload_name(filename)
        if len(raw) > self.settings.max_upload_bytes:
            raise TooLargeError(f"{name}: {len(raw)} bytes is over the {self.settings.max_upload_bytes}-byte limit")
        article = parse_article(raw, name)
        self.ensure_synced()
        return self._stored_as(article.id, self.ingestor.ingest([article]))

    def add_url(self, url: str, private_ok: bool | None = None) -> tuple[StoredArticle, str]:
        """Fetch one web page and ingest its article; 'added', 'updated' or 'unchanged' as for uploads."""
        article = self._fetch_article(url, self._fetcher(private_ok))
        self.ensure_synced()
        return self._stored_as(article.id, self.ingestor.ingest([article]))

    def _stored_as(self, article_id: str, report: IngestReport) -> tuple[StoredArticle, str]:
        """The stored article and what ingest did: a near-duplicate answers with the article that holds its story."""
        if article_id in report.duplicates:
            return self.document(report.duplicates[article_id]), "duplicate"
        status = "added" if report.added else "updated" if report.updated else "unchanged"
        return self.document(article_id), status

    def add_feed(self, feed_url: str, private_ok: bool | None = None) -> tuple[IngestReport, dict[str, str]]:
        """Fetch a feed, then each entry's page; ingest those that yield an article. Returns the ingest
        report and, for each entry that could not be ingested, why."""
        from rag.feeds import entry_links
        from rag.fetch import FEED_TYPES

        fetcher = self._fetcher(private_ok)
        feed = fetcher.get(feed_url, FEED_TYPES)
        articles: dict[str, Article] = {}
        failed: dict[str, str] = {}
        for link in entry_links(feed.body, feed.url):
            try:
                article = self._fetch_article(link, fetcher)
            except InputError as exc:
                failed[link] = str(exc)
                continue
            articles.setdefault(article.id, article)
        self.ensure_synced()
        report = self.ingestor.ingest(list(articles.values())) if articles else IngestReport()
        return report, failed

    def _fetcher(self, private_ok: bool | None):
        from rag.fetch import Fetcher

        allow = self.settings.allow_private_urls if private_ok is None else private_ok
        return Fetcher(self.settings.max_upload_bytes, allow)

    @staticmethod
    def _fetch_article(url: str, fetcher) -> Article:
        from rag.fetch import HTML_TYPES

        page = fetcher.get(url, HTML_TYPES)
        return article_from_html(page.text(), page.url, fetched_from=page.url)

    def documents(self) -> list[StoredArticle]:
        return self.store.list_articles()

    def document(self, article_id: str) -> StoredArticle:
        found = self.store.get_article(article_id)
        if found is None:
            raise NotFoundError(f"no document with id {article_id!r}")
        return found

    def article_texts(self, passages: list[Passage]) -> dict[str, str]:
        """The whole texts of the articles the passages come from, by id (one store read each; "" for one
        deleted since): an undated article's years stand in for its date, and a question's names are looked
        for in them."""
        texts = {}
        for aid in {p.article_id for p in passages}:
            found = self.store.get_article(aid)
            texts[aid] = found.text if found else ""
        return texts

    def delete_document(self, article_id: str) -> None:
        self.ensure_synced()
        if not self.ingestor.delete(article_id):
            raise NotFoundError(f"no document with id {article_id!r}")

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> Retrieval:
        self.ensure_synced()
        self.lexical.catch_up()
        matching = self.matching_articles(filters)
        if matching is not None:
            if not matching:
                return Retrieval(passages=[], query_vector=self.embedder.embed_query(query))
            # Every store filters by article id: site and author filters become the ids they match.
            filters = replace(filters, article_ids=tuple(sorted(matching)), sites=None, authors=None)
        return self.retriever.retrieve(query, k or self.settings.top_k, filters)

    def matching_articles(self, filters: Filters | None) -> set[str] | None:
        """Ids of the articles a site or author filter matches (within its article ids); None without one."""
        if filters is None or (filters.sites is None and filters.authors is None):
            return None
        sites = {s.strip().lower() for s in filters.sites or ()}
        authors = {a.strip().lower() for a in filters.authors or ()}
        ids = {a.id for a in self.store.list_articles()
               if (not sites or (a.site or "").lower() in sites)
               and (not authors or authors & {x.lower() for x in a.authors})}
        return ids & set(filters.article_ids) if filters.article_ids is not None else ids
