"""Per-process services, the model gate and API-key checks shared by the routers."""

from __future__ import annotations

import hmac
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from rag.answer import Answerer
from rag.errors import BusyError, InputError, StartingError, TooLargeError, UnauthorizedError
from rag.settings import Settings

_END = object()
# A remote server takes parallel requests; the in-process model takes one at a time.
DEFAULT_REMOTE_CONCURRENCY = 8


class ModelGate:
    """Bounded wait for the model: callers queue up to timeout seconds, then get BusyError."""

    def __init__(self, slots: int, timeout_s: float) -> None:
        self._sem = threading.BoundedSemaphore(slots)
        self._timeout = timeout_s

    def acquire(self) -> None:
        if not self._sem.acquire(timeout=self._timeout):
            raise BusyError(f"the model is busy; waited {self._timeout:.0f} s. Try again shortly.")

    def release(self) -> None:
        self._sem.release()

    def run(self, fn, *args, **kwargs):
        self.acquire()
        try:
            return fn(*args, **kwargs)
        finally:
            self.release()

    async def stream(self, make_items: Callable[[], Iterator], on_busy: Callable[[BusyError], object]) -> AsyncIterator:
        """Run a blocking generator in its own thread, holding the gate, and relay its items.

        The producer thread owns the gate (and, below it, the model's lock) and always releases
        it: when the client goes away, the consumer's finally sets `cancel` and the producer
        stops at its next item instead of holding the model until garbage collection.
        """
        items: queue.SimpleQueue = queue.SimpleQueue()
        cancel = threading.Event()

        def produce() -> None:
            try:
                self.acquire()
            except BusyError as exc:
                items.put(on_busy(exc))
                items.put(_END)
                return
            try:
                source = make_items()
                try:
                    for item in source:
                        if cancel.is_set():
                            break
                        items.put(item)
                finally:
                    source.close()
            finally:
                self.release()
                items.put(_END)

        threading.Thread(target=produce, name="model-stream", daemon=True).start()
        try:
            while True:
                item = await run_in_threadpool(items.get)
                if item is _END:
                    return
                yield item
        finally:
            cancel.set()


class Services:
    """What the routes need, built once per process."""

    def __init__(self, settings: Settings, answerer: Answerer) -> None:
        self.settings = settings
        self.answerer = answerer
        self.library = answerer.library
        slots = DEFAULT_REMOTE_CONCURRENCY if answerer.llm.capable else 1
        self.gate = ModelGate(slots, settings.queue_timeout_s)

    def check_question(self, question: str) -> str:
        question = question.strip()
        if not question:
            raise InputError("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise TooLargeError(f"the question is {len(question)} characters; the limit is {self.settings.max_question_chars}")
        return question


def services(request: Request) -> Services:
    svc = getattr(request.app.state, "services", None)
    if svc is None:
        raise StartingError("the service is still loading its models; retry in a few seconds (see GET /ready)")
    return svc


def _authorized(request: Request, key: str | None) -> None:
    if not key:
        return
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    # Constant-time comparison: response timing must not leak how much of the key matched.
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), key.encode()):
        raise UnauthorizedError("this endpoint needs 'Authorization: Bearer <RAG_API_KEY>'")


def require_write(request: Request, svc: Services = Depends(services)) -> None:
    _authorized(request, svc.settings.api_key)


def require_read(request: Request, svc: Services = Depends(services)) -> None:
    if svc.settings.protect_reads:
        _authorized(request, svc.settings.api_key)


