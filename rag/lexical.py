"""Keeps this process's BM25 index on the store's chunk set by following the change feed.

On start: the saved index, caught up from the feed, checked against the store's chunk ids (a full
rebuild when that cannot be done). Then, at most every `poll_s`, the changes since the index's version:
only the articles they name are re-read and replaced. A write by this process catches up at once.
"""

from __future__ import annotations

import logging
import threading
import time

from rag.bm25 import BM25Index, fingerprint
from rag.changes import ChangeFeed
from rag.store import ChromaStore

log = logging.getLogger(__name__)


class LexicalSync:
    def __init__(self, store: ChromaStore, bm25: BM25Index, feed: ChangeFeed, poll_s: float) -> None:
        self.store = store
        self.bm25 = bm25
        self.feed = feed
        self.poll_s = poll_s
        self._lock = threading.Lock()
        self._checked = float("-inf")

    def start(self) -> None:
        """Bring the index in line with the store, cheaply when a saved copy is close to it."""
        with self._lock:
            if self.bm25.load() and self.bm25.epoch == self.feed.epoch() and self._follow():
                expected = fingerprint(self.store.chunk_article_ids())
                if expected == self.bm25.fingerprint:
                    self._checked = time.monotonic()
                    return
                log.info("saved BM25 index does not match the store; rebuilding")
            self._rebuild()

    def catch_up(self, force: bool = False) -> None:
        """Apply the feed's new changes; without `force`, at most once every poll_s."""
        if not force and time.monotonic() - self._checked < self.poll_s:
            return
        with self._lock:
            if not force and time.monotonic() - self._checked < self.poll_s:
                return  # another thread caught up while this one waited
            if self.bm25.epoch != self.feed.epoch() or not self._follow():
                self._rebuild()
            self._checked = time.monotonic()

    def _follow(self) -> bool:
        """Apply the changes after the index's version; False when the feed no longer reaches back that far."""
        changes = self.feed.after(self.bm25.version)
        if not changes:
            return True
        if changes[0].version != self.bm25.version + 1:
            log.info("BM25 index at change %d is behind the feed's history (%d); rebuilding",
                     self.bm25.version, changes[0].version)
            return False
        ids = sorted({aid for change in changes for aid in change.article_ids})
        self.bm25.replace_articles(ids, self.store.lexical_docs_of(ids))
        self.bm25.version = changes[-1].version
        return True

    def _rebuild(self) -> None:
        # The version is read first: a write recorded later is applied on top (re-reading is idempotent).
        epoch, version = self.feed.epoch(), self.feed.latest()
        self.bm25.build(self.store.lexical_docs(), version=version, epoch=epoch)
