"""The LLM interface and the one place that picks its backend."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Protocol

from rag.errors import BusyError
from rag.settings import Settings

Message = dict[str, str]


class LLM(Protocol):
    name: str
    # A small local model needs a few exact sentences; a capable one may take whole passages.
    capable: bool

    def complete(self, messages: list[Message]) -> str: ...

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Text deltas as the model produces them."""
        ...


# A remote server takes parallel requests; the in-process model takes one at a time.
DEFAULT_REMOTE_CONCURRENCY = 8


class FairSlots:
    """A counting semaphore that serves waiters first come, first served.

    threading.Semaphore wakes an arbitrary waiter, so under load one request can starve past its
    timeout while later ones go ahead; here the wait is bounded by the queue in front of you.
    """

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._cond = threading.Condition()
        self._line: deque[object] = deque()

    def acquire(self, timeout: float) -> bool:
        me = object()
        deadline = time.monotonic() + timeout
        with self._cond:
            self._line.append(me)
            while not (self._line[0] is me and self._free > 0):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._line.remove(me)
                    self._cond.notify_all()
                    return False
                self._cond.wait(remaining)
            self._line.popleft()
            self._free -= 1
            self._cond.notify_all()
            return True

    def release(self) -> None:
        with self._cond:
            self._free += 1
            self._cond.notify_all()


class GatedLLM:
    """At most `slots` model calls at once; a caller waits up to timeout_s, then gets BusyError.

    Only generation waits here: retrieval, evidence selection and refusals never queue behind the model.
    """

    def __init__(self, llm: LLM, slots: int, timeout_s: float) -> None:
        self._llm = llm
        self._slots = FairSlots(slots)
        self._timeout = timeout_s
        self.name = llm.name
        self.capable = llm.capable

    def _acquire(self) -> None:
        if not self._slots.acquire(self._timeout):
            raise BusyError(f"the model is busy; waited {self._timeout:.0f} s. Try again shortly.")

    def complete(self, messages: list[Message]) -> str:
        self._acquire()
        try:
            return self._llm.complete(messages)
        finally:
            self._slots.release()

    def stream(self, messages: list[Message]) -> Iterator[str]:
        self._acquire()
        try:
            # Closing this generator (a client went away) releases the slot at once.
            yield from self._llm.stream(messages)
        finally:
            self._slots.release()


def llm_from_settings(settings: Settings) -> LLM:
    match settings.llm_backend:
        case "local":
            from rag.backends.llama_local import LocalLLM

            backend, slots = LocalLLM.from_settings(settings), 1
        case "openai":
            from rag.backends.openai_api import OpenAILLM

            backend, slots = OpenAILLM.from_settings(settings), DEFAULT_REMOTE_CONCURRENCY
        case other:
            raise AssertionError(other)
    return GatedLLM(backend, slots, settings.queue_timeout_s)
