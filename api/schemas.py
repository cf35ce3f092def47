"""Request and response models; library objects are converted here, at the boundary."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

from rag.result import Answer
from rag.retrieval import Filters
from rag.store import StoredArticle

_STRICT = ConfigDict(extra="forbid")


class FiltersIn(BaseModel):
    model_config = _STRICT

    article_ids: list[str] | None = Field(None, min_length=1, max_length=1000)
    date_from: date | None = None
    date_to: date | None = None
    # Web articles by any of these sites or authors, as their pages name them (case does not matter).
    sites: list[str] | None = Field(None, min_length=1, max_length=100)
    authors: list[str] | None = Field(None, min_length=1, max_length=100)

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def _iso_text_only(cls, v):
        # pydantic would read a number as a Unix timestamp; the schema promises a YYYY-MM-DD string.
        if v is not None and not isinstance(v, str):
            raise ValueError("dates are YYYY-MM-DD strings")
        return v

    def to_filters(self) -> Filters:
        ids = tuple(self.article_ids) if self.article_ids else None
        return Filters(article_ids=ids, date_from=self.date_from, date_to=self.date_to,
                       sites=tuple(self.sites) if self.sites else None,
                       authors=tuple(self.authors) if self.authors else None)


class AskRequest(BaseModel):
    model_config = _STRICT

    question: str = Field(..., min_length=1, pattern=r"\S", description="A question about the articles.")
    top_k: StrictInt | None = Field(None, ge=1, le=50)
    filters: FiltersIn | None = None


class ContentPart(BaseModel):
    """One part of an OpenAI-style message; only text parts carry words for us."""

    model_config = ConfigDict(extra="ignore")

    type: str
    text: str = ""


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["user", "assistant", "system"]
    # OpenAI clients may send content as a list of {"type": "text", "text": ...} parts.
    content: str | list[ContentPart]

    @field_validator("content")
    @classmethod
    def _flatten(cls, v):
        if isinstance(v, list):
            return " ".join(p.text for p in v if p.type == "text")
        return v


class ChatRequest(BaseModel):
    model_config = _STRICT

    messages: list[ChatMessage] = Field(..., min_length=1, max_length=100)
    stream: StrictBool = False
    top_k: StrictInt | None = Field(None, ge=1, le=50)
    filters: FiltersIn | None = None


class CitationOut(BaseModel):
    number: int
    article_id: str
    title: str
    date: str | None
    source: str
    quote: str
    start: int
    end: int
    score: float
    # Who published the quoted article, and where (web pages; empty for plain text files).
    site: str | None = None
    authors: list[str] = []
    url: str | None = None


class ShortAnswerOut(BaseModel):
    """A span of an article that answers (part of) the question: text, citation number, article offsets."""

    text: str
    citation: int
    article_id: str
    start: int
    end: int
    # A statement shortened from its quote: the article offsets of the words it keeps (empty otherwise).
    pieces: list[tuple[int, int]] = []
    # A surname answer given its full name: the citation that names it so (0 otherwise; start:end stay the
    # surname's, in the quote that says what it did).
    named_by: int = 0


class PassageOut(BaseModel):
    chunk_id: str
    article_id: str
    title: str
    date: str | None
    source: str
    text: str
    start: int
    end: int
    score: float
    dense_rank: int | None
    bm25_rank: int | None
    sentence_rank: int | None = None

    @classmethod
    def from_passage(cls, p) -> PassageOut:
        data = dataclasses.asdict(p)
        return cls(**{k: data[k] for k in cls.model_fields})


class SearchResponse(BaseModel):
    """Retrieval alone (no reading, no model): the passages /ask would read, best first, with their ranks."""

    question: str
    passages: list[PassageOut]


class AskResponse(BaseModel):
    question: str
    answer: str
    grounded: bool
    citations: list[CitationOut]
    passages: list[PassageOut]
    model: str
    timings: dict[str, float]
    fallback: str | None
    standalone_question: str | None = None
    draft: str | None = None
    revised: bool = False
    removed_sentences: list[str] = []
    repaired_citations: int = 0
    llm_error: str | None = None
    evidence: list[str] = []
    constraints: list[str] = []
    evidence_score: float = 0.0
    short_answer: list[ShortAnswerOut] = []
    answer_type: list[str] = []
    checks: list[str] = []
    verified: bool = False

    @classmethod
    def from_answer(cls, a: Answer) -> AskResponse:
        data = dataclasses.asdict(a)
        data["passages"] = [PassageOut.from_passage(p) for p in a.passages]
        return cls(**data)


class SourceOut(BaseModel):
    site: str | None
    url: str


class DocumentOut(BaseModel):
    id: str
    title: str
    date: str | None
    source: str
    chunk_count: int
    hash: str
    site: str | None = None
    authors: list[str] = []
    url: str | None = None
    language: str | None = None
    # Other pages that published the same story, stored once (near-duplicates).
    also_published_by: list[SourceOut] = []

    @classmethod
    def from_stored(cls, a: StoredArticle) -> DocumentOut:
        return cls(id=a.id, title=a.title, date=a.date, source=a.source, chunk_count=a.chunk_count, hash=a.hash,
                   site=a.site, authors=list(a.authors), url=a.url, language=a.language,
                   also_published_by=[SourceOut(site=site, url=url) for site, url in a.also_published_by])


class DocumentText(DocumentOut):
    text: str

    @classmethod
    def from_stored(cls, a: StoredArticle) -> DocumentText:
        return cls(**DocumentOut.from_stored(a).model_dump(), text=a.text or "")


class UrlIn(BaseModel):
    """A web page to fetch and ingest."""

    url: str = Field(..., min_length=8, max_length=2048, examples=["https://www.example.com/news/story.html"])


class UploadOut(BaseModel):
    # "duplicate": the same story is stored already (another site's copy); `document` is that article.
    status: Literal["added", "updated", "unchanged", "duplicate"]
    document: DocumentOut


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


# Error statuses every route may answer with, each with the same JSON body.
ERRORS = {code: {"model": ErrorOut} for code in (400, 401, 404, 413, 415, 422, 503)}
# With "stream": true the chat routes answer with Server-Sent Events (each event's data is JSON,
# or "[DONE]" on the OpenAI-compatible route); the event shapes are described in the README.
SSE = {200: {"content": {"text/event-stream": {"schema": {}}}}}
