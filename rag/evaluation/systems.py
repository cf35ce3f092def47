"""The systems an evaluation can run: ours in-process, ours over HTTP (the naive pipeline is in naive.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import httpx

from rag.answer import Answerer
from rag.errors import RagError
from rag.llm import Message

DEFAULT_RETRIEVAL_DEPTH = 10


@dataclass
class Reply:
    """What the scorer needs from any system's answer.

    `passages` are ranked one level deeper than the answer uses (for MRR@10); `context` is the text of
    the passages the answer step was given; `evidence` is what the generator was shown (our selected
    sentences, or the naive pipeline's chunks): failure attribution compares the three.
    """

    answer: str
    grounded: bool | None
    citations: list[dict]
    passages: list[dict]
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    context: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    fallback: str | None = None
    # The score abstention compared with its threshold (None for systems without one).
    evidence_score: float | None = None
    # Whether the system marked the answer verified (None for systems without such a mark).
    verified: bool | None = None

    @classmethod
    def failed(cls, error: str, t0: float) -> Reply:
        return cls("", None, [], [], {"total_ms": (time.perf_counter() - t0) * 1000}, error=error)


class OursInProcess:
    name = "newsrag"

    def __init__(self, answerer: Answerer) -> None:
        self.answerer = answerer

    def article_text(self, article_id: str) -> str | None:
        found = self.answerer.library.store.get_article(article_id)
        return found.text if found else None

    def ask(self, question: str, history: list[Message] | None = None) -> Reply:
        t0 = time.perf_counter()
        try:
            a = self.answerer.answer(question, history=history)
        except RagError as exc:
            return Reply.failed(str(exc), t0)
        total = (time.perf_counter() - t0) * 1000
        ranked = self.answerer.library.search(a.standalone_question or question, DEFAULT_RETRIEVAL_DEPTH).passages
        return Reply(
            answer=a.answer,
            grounded=a.grounded,
            citations=[c.__dict__ for c in a.citations],
            passages=[{"article_id": p.article_id, "text": p.text} for p in ranked],
            timings={**a.timings, "total_ms": total},
            context=[p.text for p in a.passages],
            evidence=list(a.evidence),
            fallback=a.fallback,
            evidence_score=a.evidence_score,
            verified=a.verified,
        )


class OursOverHTTP:
    name = "newsrag (http)"

    def __init__(self, url: str, api_key: str | None = None, timeout_s: float = 120.0) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(base_url=url.rstrip("/"), headers=headers, timeout=timeout_s)
        self._texts: dict[str, str | None] = {}

    def article_text(self, article_id: str) -> str | None:
        if article_id not in self._texts:
            r = self._http.get(f"/documents/{article_id}")
            self._texts[article_id] = r.json()["text"] if r.status_code == 200 else None
        return self._texts[article_id]

    def ask(self, question: str, history: list[Message] | None = None) -> Reply:
        t0 = time.perf_counter()
        try:
            if history:
                r = self._http.post("/chat", json={"messages": [*history, {"role": "user", "content": question}]})
            else:
                r = self._http.post("/ask", json={"question": question})
        except httpx.HTTPError as exc:
            return Reply.failed(f"{type(exc).__name__}: {exc}", t0)
        total = (time.perf_counter() - t0) * 1000
        if r.status_code != 200:
            return Reply.failed(f"HTTP {r.status_code}: {r.text[:200]}", t0)
        body = r.json()
        return Reply(body["answer"], body["grounded"], body["citations"],
                     [{"article_id": p["article_id"], "text": p["text"]} for p in body["passages"]],
                     {**body["timings"], "total_ms": total},
                     context=[p["text"] for p in body["passages"]],
                     evidence=body.get("evidence") or [c["quote"] for c in body["citations"]],
                     fallback=body.get("fallback"), evidence_score=body.get("evidence_score"),
                     verified=body.get("verified"))
