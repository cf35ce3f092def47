"""Request body limits enforced before anything is parsed or spooled to disk."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_json

# JSON bodies (questions, chat histories) are small; this bounds what a client can make us parse.
DEFAULT_MAX_JSON_BYTES = 1024 * 1024
# Room for the multipart envelope around an uploaded file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


class BodyLimit:
    """413 for bodies over the limit of their route: by Content-Length at once, else while reading."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["method"], scope["path"])
        message = f"the request body is over the {limit}-byte limit of {scope['path']}"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await error_json(413, "too_large", message, {"Connection": "close"})(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            # A chunked body has no Content-Length: count it as it arrives.
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, message)
            return msg

        await self.app(scope, limited, send)


def limit_for(max_upload_bytes: int) -> Callable[[str, str], int]:
    def pick(method: str, path: str) -> int:
        if method == "POST" and path.rstrip("/") == "/documents":
            return max_upload_bytes + MULTIPART_OVERHEAD_BYTES
        return DEFAULT_MAX_JSON_BYTES

    return pick
