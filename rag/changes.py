"""How replicas on one Chroma server agree: a change feed every write lands in, and a lease around each write.

Every store write happens inside `Writes.step`: under the write lock (the file lock of one machine's data
dir, or the lease in Chroma for replicas), and recorded in the feed with the ids of the articles it touched.
Readers follow the feed and re-read only those articles (see rag/lexical.py).
"""

from __future__ import annotations

import json
import logging
import os
import random
import socket
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from rag.errors import RagError, WriteBusyError

log = logging.getLogger(__name__)

# Changes kept in the feed: a replica further behind than this rebuilds its keyword index from the store.
DEFAULT_CHANGE_HISTORY = 1000
# The feed is trimmed on every this-many-th version, so trimming costs one delete per hundred writes.
DEFAULT_TRIM_EVERY = 100
# A waiting writer re-checks the lease this often (jittered, so waiting replicas do not move in step).
DEFAULT_LEASE_POLL_S = 0.1
EPOCH_KEY = "epoch"
LEASE_KEY = "lease"


@dataclass(frozen=True)
class Change:
    version: int
    article_ids: tuple[str, ...]


class Records(Protocol):
    """Keyed records where the first insert of a key wins (rag.store.ControlRecords)."""

    def insert(self, key: str, meta: dict) -> None: ...
    def read(self, key: str) -> dict | None: ...
    def extend(self, key: str, holder: str, expires: float) -> bool: ...
    def remove(self, key: str, holder: str | None = None) -> None: ...
    def changes_after(self, version: int) -> list[dict]: ...
    def trim_changes(self, up_to: int) -> None: ...


def _token() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class ChangeFeed:
    """Numbered changes (1, 2, 3...) with the article ids each touched; the epoch names this feed's lifetime."""

    def __init__(self, records: Records, history: int = DEFAULT_CHANGE_HISTORY) -> None:
        self.records = records
        self.history = history
        self._latest = 0

    def epoch(self) -> str:
        """The feed's id; a new one after the store is reset, which tells readers to rebuild."""
        found = self.records.read(EPOCH_KEY)
        if found is None:
            self.records.insert(EPOCH_KEY, {"epoch": uuid.uuid4().hex})
            found = self.records.read(EPOCH_KEY)
        return found["epoch"]

    def after(self, version: int) -> list[Change]:
        """Changes newer than `version`, oldest first."""
        found = [Change(int(m["version"]), tuple(json.loads(m["articles"])))
                 for m in self.records.changes_after(version)]
        if found:
            self._latest = max(self._latest, found[-1].version)
        return found

    def latest(self) -> int:
        """The newest version (0 for an empty feed)."""
        self.after(self._latest)
        return self._latest

    def record(self, article_ids: Iterable[str]) -> int:
        """Append one change; the caller holds the write lock, so versions stay in order without gaps."""
        ids = json.dumps(sorted(set(article_ids)))
        token = _token()
        while True:
            version = self.latest() + 1
            # Insert keeps the first writer of a version: a stalled writer whose lease ran out takes the next one.
            self.records.insert(f"change-{version:012d}", {"version": version, "articles": ids, "holder": token})
            got = self.records.read(f"change-{version:012d}")
            if got is not None and got.get("holder") == token:
                break
        self._latest = version
        if version % DEFAULT_TRIM_EVERY == 0 and version > self.history:
            self.records.trim_changes(version - self.history)
        return version


@dataclass
class Hold:
    """One holding of the write lock: what a crashed predecessor left unrecorded, and whether to leave the
    lock's note in place (when this write could not be recorded, so the next holder records it)."""

    inherited: set[str] = field(default_factory=set)
    keep: bool = False


class ChromaLease:
    """An expiring lease held in Chroma around each write, so writes from several machines never interleave.

    The lease records the article ids its holder is about to write: whoever takes over a lease that
    expired (its holder crashed) records them in the feed, so a half-finished write is never missed.
    """

    def __init__(self, records: Records, ttl_s: float, wait_s: float) -> None:
        self.records = records
        self.ttl_s = ttl_s
        self.wait_s = wait_s
        self._thread_lock = threading.Lock()

    @contextmanager
    def held(self, article_ids: Iterable[str] = ()) -> Iterator[Hold]:
        """Hold the lease for a write of these articles."""
        intent = json.dumps(sorted(set(article_ids)))
        if not self._thread_lock.acquire(timeout=self.wait_s):
            raise WriteBusyError("another write on this replica is still running; try again shortly")
        try:
            token, inherited = self._acquire(intent)
            hold = Hold(inherited)
            renewing = self._renew_while_held(token)
            try:
                yield hold
            finally:
                renewing.set()
                if not hold.keep:
                    self.records.remove(LEASE_KEY, holder=token)
        finally:
            self._thread_lock.release()

    def _renew_while_held(self, token: str) -> threading.Event:
        """Extend the lease every third of its lifetime while this process lives, so a slow write (a big
        group, a slow server) keeps it; only a dead or frozen holder lets it expire."""
        done = threading.Event()

        def renew() -> None:
            while not done.wait(self.ttl_s / 3):
                try:
                    if not self.records.extend(LEASE_KEY, token, time.time() + self.ttl_s):
                        log.error("write lease of %s was taken over while still held", token)
                        return
                except RagError as exc:
                    log.warning("could not renew the write lease: %s", exc)

        threading.Thread(target=renew, name="write-lease", daemon=True).start()
        return done

    def _acquire(self, intent: str) -> tuple[str, set[str]]:
        token = _token()
        inherited: set[str] = set()
        deadline = time.monotonic() + self.wait_s
        while True:
            self.records.insert(LEASE_KEY, {"holder": token, "expires": time.time() + self.ttl_s, "articles": intent})
            current = self.records.read(LEASE_KEY)
            if current is not None and current["holder"] == token:
                return token, inherited
            if current is not None and current["expires"] < time.time():
                log.warning("write lease of %s expired; taking it over", current["holder"])
                inherited |= set(json.loads(current.get("articles") or "[]"))
                self.records.remove(LEASE_KEY, holder=current["holder"])
                continue
            if time.monotonic() >= deadline:
                holder = current["holder"] if current else "another writer"
                raise WriteBusyError(f"{holder} holds the write lease; try again shortly")
            time.sleep(DEFAULT_LEASE_POLL_S * random.uniform(0.5, 1.5))


class Writes:
    """Every store write: under the write lock, then recorded in the change feed with what it touched."""

    def __init__(self, lock, feed: ChangeFeed) -> None:
        self.lock = lock
        self.feed = feed
        # Whether a write may have been interrupted since the store was last checked for orphan chunks:
        # unknown for a new process, and true again after a failed step or a crashed holder's note.
        self.suspect = True

    @contextmanager
    def step(self, article_ids: Iterable[str] = ()) -> Iterator[set[str]]:
        """Yields the set of touched article ids (the writer adds any it finds on the way)."""
        touched = set(article_ids)
        with self.lock.held(touched) as hold:
            touched |= hold.inherited
            if hold.inherited:
                self.suspect = True
            try:
                yield touched
            except BaseException:
                self.suspect = True
                raise
            finally:
                if touched:
                    try:
                        self.feed.record(touched)
                    except RagError:
                        # The lease (or the lock file's note) keeps naming these articles, so whoever takes
                        # it over records them; until then other writers wait for it to expire.
                        log.warning("could not record a change to %d article(s) in the feed", len(touched))
                        hold.keep = True
                        raise
