"""One writer at a time: a thread lock, plus a file lock shared by every process on the data dir."""

from __future__ import annotations

import fcntl
import threading
from contextlib import contextmanager
from pathlib import Path


class WriteLock:
    """Serialises ingest and delete, so one writer never mistakes another's in-flight chunks for orphans."""

    def __init__(self, path: Path | None = None) -> None:
        self._thread_lock = threading.Lock()
        self._path = path

    @contextmanager
    def held(self):
        with self._thread_lock:
            if self._path is None:
                yield
                return
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with open(self._path, "a+b") as fh:
                # flock is released by the kernel when the process dies, so a kill -9 never leaves it stuck.
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(fh, fcntl.LOCK_UN)
