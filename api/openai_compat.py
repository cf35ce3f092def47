"""OpenAI-compatible chat completions over the verified answering pipeline."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from api.deps import Services, services
from api.schemas import SSE, AskResponse, ChatMessage
from rag.result import Answer
from rag.errors import InputError, RagError

router = APIRouter(prefix="/v1", tags=["openai-compatible"])
MODEL_ID = "newsrag"
# The verified answer is sent in pieces of this many words, so stream clients render progressively.
DEFAULT_STREAM_WORDS = 3


class CompletionRequest(BaseModel):
    # Standard OpenAI fields this service does not use (temperature, user, ...) are accepted and ignored.
    model_config = ConfigDict(extra="ignore")

    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=100)
    stream: StrictBool = False


def with_sources(answer: Answer) -> str:
    """The answer followed by its numbered sources, so any chat client shows where it comes from."""
    if not answer.citations:
        return answer.answer
    lines = [answer.answer, "", "Sources:"]
    for c in answer.citations:
        lines.append(f"[{c.number}] {c.title} ({c.date or 'undated'}, {c.source}): “{c.quote}”")
    return "\n".join(lines)


def _split(body: CompletionRequest, svc: Services) -> tuple[str, list[dict]]:
    turns = [m for m in body.messages if m.role != "system"]
    if not turns or turns[-1].role != "user":
        raise InputError("the last message must be the user's question")
    return svc.check_question(turns[-1].content), [{"role": m.role, "content": m.content} for m in turns[:-1]]


@router.get("/models")
def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "newsrag"}]}


@router.post("/chat/completions", responses=SSE)
async def chat_completions(body: CompletionRequest, svc: Services = Depends(services)):
    question, history = _split(body, svc)
    created = int(time.time())
    cid = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    if body.stream:
        return StreamingResponse(
            iterate_in_threadpool(_stream(svc, question, history, cid, created)), media_type="text/event-stream"
        )
    answer = await run_in_threadpool(svc.answerer.answer, question, None, None, history)
    return {
        "id": cid,
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": with_sources(answer)}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        **_extension(answer),
    }


def _extension(answer) -> dict:
    """newsrag's fields beside OpenAI's: citations, the short answer spans, and what verification checked."""
    out = AskResponse.from_answer(answer).model_dump()
    return {k: out[k] for k in ("citations", "short_answer", "grounded", "verified", "checks")}


def _chunk(cid: str, created: int, delta: dict, finish: str | None = None, **extra) -> str:
    payload = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID,
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _stream(svc: Services, question: str, history: list[dict], cid: str, created: int) -> Iterator[str]:
    """Only the verified answer is streamed: the unverified draft never reaches an OpenAI client."""
    yield _chunk(cid, created, {"role": "assistant", "content": ""})
    try:
        answer = svc.answerer.answer(question, None, None, history)
    except RagError as exc:
        yield f"data: {json.dumps({'error': {'message': str(exc), 'type': exc.code}})}\n\n"
        yield "data: [DONE]\n\n"
        return
    words = with_sources(answer).split(" ")
    for i in range(0, len(words), DEFAULT_STREAM_WORDS):
        piece = " ".join(words[i : i + DEFAULT_STREAM_WORDS])
        yield _chunk(cid, created, {"content": piece if i == 0 else " " + piece})
    yield _chunk(cid, created, {}, "stop", **_extension(answer))
    yield "data: [DONE]\n\n"
