"""FastAPI app factory: thin routes over the Answerer and the Library."""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, File, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from api import errors
from api.access_log import AccessLog, configure_logging
from api.limits import BodyLimit, limit_for
from api.memory import limit_malloc_arenas
from api.deps import Services, relay, require_read, require_write, services
from api.openai_compat import router as openai_router
from api.schemas import (
    AskRequest,
    AskResponse,
    ChatRequest,
    DocumentOut,
    DocumentText,
    ERRORS,
    PassageOut,
    SearchResponse,
    SSE,
    UploadOut,
    UrlIn,
)
from rag.answer import Answerer
from rag.errors import InputError, RagError, StoreUnavailableError, TooLargeError, WriteBusyError
from rag.result import Answer
from rag.settings import Settings, load_settings

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"



def sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_events(svc: Services, question: str, history, top_k, filters) -> Iterator[str]:
    """token events, one answer event (citations once), then done; failures become an error event."""
    try:
        for item in svc.answerer.stream(question, top_k=top_k, filters=filters, history=history):
            if isinstance(item, Answer):
                yield sse("answer", AskResponse.from_answer(item).model_dump())
            else:
                yield sse("token", {"text": item})
        yield sse("done", {})
    except RagError as exc:
        yield error_event(exc)
    except Exception:
        log.exception("stream failed")
        yield sse("error", {"code": "internal_error", "message": "internal error; the server log has the details", "status": 500})


def error_event(exc: RagError) -> str:
    return sse("error", {"code": exc.code, "message": str(exc), "status": errors.status_for(exc)})


def _load(app: FastAPI, settings: Settings) -> None:
    try:
        built = Answerer.from_settings(settings)
        try:
            report = built.library.seed_if_empty()
            if report:
                log.warning("ingested %d seed articles (%d chunks)", len(report.added), report.chunks)
        except StoreUnavailableError as exc:
            # The store may come back (a Chroma server restarting): serve 503s until it does.
            log.error("%s; requests get 503 until it is reachable (run `newsrag ingest` if it is empty)", exc)
        except WriteBusyError as exc:
            # Another replica is seeding the same store; its articles reach this one through the change feed.
            log.warning("seeds not ingested here: %s", exc)
        app.state.services = Services(settings, built)
        log.warning("ready: %s", built.llm.name)
    except Exception as exc:  # a server that cannot answer should stop, not serve 503s forever
        log.error("start-up failed: %s", exc)
        os.kill(os.getpid(), signal.SIGTERM)


def create_app(settings: Settings | None = None, answerer: Answerer | None = None) -> FastAPI:
    """Build the app; without an answerer, one is built (and seeds ingested if the store is empty) at start-up."""
    settings = settings or load_settings()
    configure_logging()
    limit_malloc_arenas()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if answerer is None:
            # Models load in the background so /health answers at once and /ready says when to send traffic.
            threading.Thread(target=_load, args=(app, settings), name="model-load", daemon=True).start()
        yield

    app = FastAPI(title="newsrag", version="0.1.0", lifespan=lifespan,
                  description="Answers about news articles with cited, checkable passages.")
    # Given an answerer, the app is ready at once (also for ASGI clients that skip the lifespan).
    app.state.services = Services(settings, answerer) if answerer is not None else None
    errors.install(app)
    app.add_middleware(BodyLimit, limit_for=limit_for(settings.max_upload_bytes))
    app.add_middleware(AccessLog)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origin_list, allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/ready", responses=ERRORS)
    def ready(svc: Services = Depends(services)) -> dict:
        chunks = svc.library.store.ping()
        return {
            "status": "ready",
            "chunks": chunks,
            "model": svc.answerer.llm.name,
            "embedder": svc.library.embedder.signature.describe(),
            "store": svc.library.store.where,
        }

    @app.post("/ask", response_model=AskResponse, responses=ERRORS, dependencies=[Depends(require_read)])
    async def ask(body: AskRequest, svc: Services = Depends(services)) -> AskResponse:
        question = svc.check_question(body.question)
        filters = body.filters.to_filters() if body.filters else None
        answer = await run_in_threadpool(svc.answerer.answer, question, body.top_k, filters)
        return AskResponse.from_answer(answer)

    @app.post("/search", response_model=SearchResponse, responses=ERRORS, dependencies=[Depends(require_read)])
    async def search(body: AskRequest, svc: Services = Depends(services)) -> SearchResponse:
        question = svc.check_question(body.question)
        filters = body.filters.to_filters() if body.filters else None
        found = await run_in_threadpool(svc.library.search, question, body.top_k, filters)
        return SearchResponse(question=question, passages=[PassageOut.from_passage(p) for p in found.passages])

    @app.post("/chat", response_model=AskResponse, responses={**ERRORS, **SSE}, dependencies=[Depends(require_read)])
    async def chat(body: ChatRequest, svc: Services = Depends(services)):
        turns = [m for m in body.messages if m.role != "system"]
        if not turns or turns[-1].role != "user":
            raise InputError("the last message must be the user's question")
        question = svc.check_question(turns[-1].content)
        history = [{"role": m.role, "content": m.content} for m in turns[:-1]]
        filters = body.filters.to_filters() if body.filters else None
        if body.stream:
            events = relay(lambda: answer_events(svc, question, history, body.top_k, filters))
            return StreamingResponse(
                events, media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        answer = await run_in_threadpool(svc.answerer.answer, question, body.top_k, filters, history)
        return AskResponse.from_answer(answer)

    @app.get("/documents", response_model=list[DocumentOut], responses=ERRORS, dependencies=[Depends(require_read)])
    async def list_documents(svc: Services = Depends(services)):
        return [DocumentOut.from_stored(a) for a in await run_in_threadpool(svc.library.documents)]

    @app.get("/documents/{doc_id}", response_model=DocumentText, responses=ERRORS, dependencies=[Depends(require_read)])
    async def get_document(doc_id: str, svc: Services = Depends(services)):
        return DocumentText.from_stored(await run_in_threadpool(svc.library.document, doc_id))

    @app.post("/documents", response_model=UploadOut, status_code=201, responses=ERRORS, dependencies=[Depends(require_write)])
    async def upload_document(file: UploadFile = File(...), svc: Services = Depends(services)):
        limit = svc.settings.max_upload_bytes
        raw = await file.read(limit + 1)
        if len(raw) > limit:
            raise TooLargeError(f"{file.filename}: over the {limit}-byte upload limit")
        stored, status = await run_in_threadpool(svc.library.add_document, raw, file.filename or "")
        return UploadOut(status=status, document=DocumentOut.from_stored(stored))

    @app.post("/documents/url", response_model=UploadOut, status_code=201, responses=ERRORS,
              dependencies=[Depends(require_write)])
    async def ingest_url(body: UrlIn, svc: Services = Depends(services)):
        """Fetch a web page (bounded: timeout, size, redirects, content type; private addresses refused unless
        RAG_ALLOW_PRIVATE_URLS=true) and ingest its article idempotently."""
        stored, status = await run_in_threadpool(svc.library.add_url, body.url)
        return UploadOut(status=status, document=DocumentOut.from_stored(stored))

    @app.delete("/documents/{doc_id}", status_code=204, responses=ERRORS, dependencies=[Depends(require_write)])
    async def delete_document(doc_id: str, svc: Services = Depends(services)):
        await run_in_threadpool(svc.library.delete_document, doc_id)

    app.include_router(openai_router, dependencies=[Depends(require_read)], responses=ERRORS)

    @app.get("/", include_in_schema=False)
    def page():
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
