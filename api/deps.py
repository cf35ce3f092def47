"""Per-process services, the answer-stream relay and API-key checks shared by the routers."""

from __future__ import annotations

import hmac
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator

from fastapi import Depends, Request
from pydantic import SecretStr
from starlette.concurrency import run_in_threadpool

from rag.answer import Answerer
from rag.errors import InputError, StartingError, TooLargeError, UnauthorizedError
from rag.settings import Settings

_END = object()


async def relay(make_items: Callable[[], Iterator]) -> AsyncIterator:
    """Run a blocking generator in its own thread and relay its items to the event loop.

    The producer thread owns the generator (and, through it, the model's slot) and always closes
    it: when the client goes away, the consumer's finally sets `cancel` and the producer stops at
    its next item instead of holding the model until garbage collection.
    """
    items: queue.SimpleQueue = queue.SimpleQueue()
    cancel = threading.Event()

    def produce() -> None:
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
            items.put(_END)

    threading.Thread(target=produce, name="answer-stream", daemon=True).start()
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


def _authorized(request: Request, secret: SecretStr | None) -> None:
    if secret is None:
        return
    key = secret.get_secret_value()
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


