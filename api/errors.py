"""RagError → HTTP status, and JSON error bodies for everything (never a traceback)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.errors import (
    BusyError,
    StartingError,
    ConfigError,
    EmbeddingMismatchError,
    InputError,
    LLMUnavailableError,
    NotFoundError,
    RagError,
    StoreUnavailableError,
    TooLargeError,
    UnauthorizedError,
    UnsupportedTypeError,
    WriteBusyError,
)

log = logging.getLogger(__name__)

# Most specific first: subclasses of InputError have their own statuses.
STATUS = [
    (TooLargeError, 413),
    (UnsupportedTypeError, 415),
    (InputError, 400),
    (UnauthorizedError, 401),
    (NotFoundError, 404),
    (EmbeddingMismatchError, 409),
    (BusyError, 503),
    (StartingError, 503),
    (LLMUnavailableError, 503),
    (StoreUnavailableError, 503),
    (WriteBusyError, 503),
    (ConfigError, 500),
]


# Stable codes for statuses that Starlette raises itself (unknown route, wrong method, body too big).
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def status_for(exc: RagError) -> int:
    return next((code for cls, code in STATUS if isinstance(exc, cls)), 500)


def error_json(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(RagError)
    async def _rag(_: Request, exc: RagError):
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, UnauthorizedError) else None
        if isinstance(exc, WriteBusyError):
            # A write lease is held for one article group's write: a retry a second later usually gets it.
            headers = {"Retry-After": "1"}
        return error_json(status_for(exc), exc.code, str(exc), headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors()[:5]:
            loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
            parts.append(f"{loc}: {err.get('msg')}")
        return error_json(422, "validation_error", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException):
        return error_json(exc.status_code, HTTP_CODES.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_json(500, "internal_error", "internal error; the server log has the details")
