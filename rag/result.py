"""What the Answerer returns: the answer, its citations and what was checked (rag/answer.py makes it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.compose import ShortAnswer
from rag.evidence import Evidence
from rag.retrieval import Passage


@dataclass(frozen=True)
class Citation:
    number: int
    article_id: str
    title: str
    date: str | None
    source: str
    quote: str
    start: int
    end: int
    score: float
    site: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None

    @classmethod
    def from_evidence(cls, number: int, e: Evidence) -> Citation:
        return cls(number, e.article_id, e.title, e.date, e.source, e.quote, e.start, e.end, round(e.score, 4),
                   e.site, e.authors, e.url)


@dataclass
class Answer:
    question: str
    answer: str
    grounded: bool
    citations: list[Citation]
    passages: list[Passage]
    model: str
    timings: dict[str, float]
    fallback: str | None = None
    standalone_question: str | None = None
    draft: str | None = None
    revised: bool = False
    removed_sentences: list[str] = field(default_factory=list)
    repaired_citations: int = 0
    # Why the model was not used, when it failed and the answer fell back to quoting the evidence.
    llm_error: str | None = None
    # The sentences the answer was read from (also when it abstained), so a user can see what was weighed.
    evidence: list[str] = field(default_factory=list)
    # The question's hard constraints (years, dates, qualifiers...) every evidence sentence was checked against.
    constraints: list[str] = field(default_factory=list)
    # The best evidence sentence's score (0 when none meets the constraints): what abstention compares
    # with its threshold, kept so the eval can draw the decline trade-off at other thresholds.
    evidence_score: float = 0.0
    # The spans that answer the question (each with its citation and article offsets), shown first.
    short_answer: list[ShortAnswer] = field(default_factory=list)
    # What the question asks for: person, place, date, number ..., "statement" or "yesno" (one per part).
    answer_type: list[str] = field(default_factory=list)
    # What verification checked, in words; `verified` only when every check held.
    checks: list[str] = field(default_factory=list)
    verified: bool = False
