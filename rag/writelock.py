"""One writer at a time on one machine: a thread lock, plus a file lock shared by every process on the data dir.

The embedded store's write lock (replicas on a Chroma server use rag.changes.ChromaLease). While held, the
file names the articles being written; a holder that dies leaves that note, and the next holder takes it
over so the change feed still records the write.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.changes import Hold

log = logging.getLogger(__name__)


class WriteLock:
    """Serialises ingest and delete, so one writer never mistakes another's in-flight chunks for orphans."""

    def __init__(self, path: Path | None = None) -> None:
        self._thread_lock = threading.Lock()
        self._path = path

    @contextmanager
    def held(self, article_ids: Iterable[str] = ()) -> Iterator[Hold]:
        with self._thread_lock:
            if self._path is None:
                yield Hold()
                return
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with open(self._path, "a+b") as fh:
                # flock is released by the kernel when the process dies, so a kill -9 never leaves it stuck.
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    hold = Hold(self._left_over(fh))
                    self._note(fh, sorted(set(article_ids) | hold.inherited))
                    try:
                        yield hold
                    finally:
                        if not hold.keep:
                            self._note(fh, [])
                finally:
                    fcntl.flock(fh, fcntl.LOCK_UN)

    @staticmethod
    def _left_over(fh) -> set[str]:
        fh.seek(0)
        raw = fh.read()
        if not raw.strip():
            return set()
        try:
            found = set(json.loads(raw))
        except ValueError:
            return set()
        log.warning("a writer died while writing %d article(s); recording them as changed", len(found))
        return found

    @staticmethod
    def _note(fh, ids: list[str]) -> None:
        fh.seek(0)
        fh.truncate()
        if ids:
            fh.write(json.dumps(ids).encode())
        fh.flush()
        os.fsync(fh.fileno())
