"""The Answerer: retrieve → select evidence → decide abstention → generate → verify citations."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rag.constraints import Constraint, Context, accepts, carried, constraints_of, entity_constraints
from rag.errors import InputError, LLMUnavailableError
from rag.evidence import (
    DEFAULT_EVIDENCE_SENTENCES,
    DEFAULT_EVIDENCE_SENTENCES_CAPABLE,
    Accept,
    Evidence,
    EvidenceSelector,
)
from rag.library import Library
from rag.llm import LLM, Message, llm_from_settings
from rag.nlp import load_pipeline, question_entities
from rag.prompts import (
    ABSTAIN_ANSWER,
    ANSWER_SYSTEM_PROMPT,
    ANSWER_USER_TEMPLATE,
    format_quotes,
)
from rag.retrieval import Filters, Passage
from rag.rewrite import standalone_question
from rag.settings import Settings
from rag.verify import CheckedSentence, check_answer

# Extractive fallback quotes the best sentence, and the runner-up when it scores nearly as well.
DEFAULT_EXTRACTIVE_MARGIN = 0.08
DEFAULT_EXTRACTIVE_SENTENCES = 2


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

    @classmethod
    def from_evidence(cls, number: int, e: Evidence) -> Citation:
        return cls(number, e.article_id, e.title, e.date, e.source, e.quote, e.start, e.end, round(e.score, 4))


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


@dataclass
class _Prepared:
    question: str
    standalone: str
    passages: list[Passage]
    evidence: list[Evidence]
    abstain: bool
    timings: dict[str, float]
    messages: list[Message]
    constraints: list[str]
    evidence_score: float


class Answerer:
    """Owns the order of the steps; every collaborator is passed in."""

    def __init__(
        self,
        library: Library,
        llm: LLM,
        selector: EvidenceSelector,
        evidence_k: int,
        abstain_threshold: float,
        repair_citations: bool = True,
        top_k: int = 5,
        on_llm_failure: str = "extractive",
        entities: Callable[[str], list[str]] = lambda question: [],
    ) -> None:
        self.library = library
        self.llm = llm
        self.selector = selector
        self.evidence_k = evidence_k
        self.abstain_threshold = abstain_threshold
        self.repair_citations = repair_citations
        self.top_k = top_k
        self.on_llm_failure = on_llm_failure
        # Finds the named entities of a question (spaCy by default), each a constraint on the evidence.
        self.entities = entities

    @classmethod
    def from_settings(cls, settings: Settings, library: Library | None = None, llm: LLM | None = None) -> Answerer:
        library = library or Library.from_settings(settings)
        llm = llm or llm_from_settings(settings)
        default_k = DEFAULT_EVIDENCE_SENTENCES_CAPABLE if llm.capable else DEFAULT_EVIDENCE_SENTENCES
        load_pipeline()
        return cls(
            library,
            llm,
            EvidenceSelector(library.embedder),
            settings.evidence_sentences or default_k,
            settings.abstain_threshold,
            settings.repair_citations,
            settings.top_k,
            settings.on_llm_failure,
            question_entities,
        )

    # -- public -----------------------------------------------------------------

    def answer(
        self, question: str, top_k: int | None = None, filters: Filters | None = None, history: list[Message] | None = None
    ) -> Answer:
        prepared = self._prepare(question, top_k, filters, history)
        if prepared.abstain:
            return self._abstain(prepared)
        t0 = time.perf_counter()
        try:
            draft = self.llm.complete(prepared.messages)
        except LLMUnavailableError as exc:
            return self._without_model(prepared, exc, t0)
        prepared.timings["generate_ms"] = _ms(t0)
        return self._finish(prepared, draft)

    def stream(
        self, question: str, top_k: int | None = None, filters: Filters | None = None, history: list[Message] | None = None
    ) -> Iterator[str | Answer]:
        """Text deltas of the draft as they are generated, then the verified Answer."""
        prepared = self._prepare(question, top_k, filters, history)
        if prepared.abstain:
            yield self._abstain(prepared)
            return
        t0 = time.perf_counter()
        parts: list[str] = []
        try:
            for delta in self.llm.stream(prepared.messages):
                if not parts:
                    prepared.timings["first_token_ms"] = _ms(t0)
                parts.append(delta)
                yield delta
        except LLMUnavailableError as exc:
            # Tokens already sent are a draft; the final answer event replaces it (revised=True).
            yield self._without_model(prepared, exc, t0, draft="".join(parts))
            return
        prepared.timings["generate_ms"] = _ms(t0)
        yield self._finish(prepared, "".join(parts))

    # -- steps --------------------------------------------------------------------

    def _prepare(self, question: str, top_k, filters, history) -> _Prepared:
        question = (question or "").strip()
        if not question:
            raise InputError("the question is empty")
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        standalone = standalone_question(question, history or [], self.llm)
        retrieval = self.library.search(standalone, top_k or self.top_k, filters)
        timings["retrieve_ms"] = _ms(t0)
        t1 = time.perf_counter()
        # The standalone question carries the conversation; the follow-up's own constraints win over it.
        constraints = carried(self._constraints(question), self._constraints(standalone)) if standalone != question \
            else self._constraints(standalone)
        selection = self.selector.select(
            standalone, retrieval.query_vector, retrieval.passages, self.evidence_k, self._accepting(constraints, retrieval.passages)
        )
        timings["select_ms"] = _ms(t1)
        abstain = not selection.evidence or selection.best_score < self.abstain_threshold
        quotes = [e.quote for e in selection.evidence]
        messages = [
            {"role": "system", "content": ANSWER_SYSTEM_PROMPT},
            {"role": "user", "content": ANSWER_USER_TEMPLATE.format(quotes=format_quotes(quotes), question=standalone)},
        ]
        return _Prepared(question, standalone, retrieval.passages, selection.evidence, abstain, timings, messages,
                         [str(c) for c in constraints], round(selection.best_score, 4))

    def _abstain(self, p: _Prepared) -> Answer:
        return Answer(
            question=p.question,
            answer=ABSTAIN_ANSWER.format(question=p.standalone),
            grounded=False,
            citations=[],
            passages=p.passages,
            model=self.llm.name,
            timings={**p.timings, "generate_ms": 0.0, "verify_ms": 0.0},
            fallback=None,
            standalone_question=p.standalone if p.standalone != p.question else None,
            evidence=[e.quote for e in p.evidence],
            constraints=p.constraints,
            evidence_score=p.evidence_score,
        )

    def _without_model(self, p: _Prepared, exc: LLMUnavailableError, t0: float, draft: str = "") -> Answer:
        """The LLM failed: re-raise (the API answers 503) or quote the evidence, as configured."""
        if self.on_llm_failure != "extractive":
            raise exc
        p.timings["generate_ms"] = _ms(t0)
        answer = self._finish(p, "")
        answer.draft = draft or None
        answer.revised = bool(draft)
        answer.llm_error = str(exc)
        return answer

    def _finish(self, p: _Prepared, draft: str) -> Answer:
        t0 = time.perf_counter()
        quotes = [e.quote for e in p.evidence]
        checked = check_answer(draft, quotes, repair=self.repair_citations)
        kept = [c for c in checked if c.supported]
        removed = [c.text for c in checked if not c.supported]
        fallback = None
        if kept:
            text = " ".join(_render(c) for c in kept)
            cited = sorted({n for c in kept for n in c.cited})
        else:
            fallback = "extractive"
            chosen = self._extractive_choice(p.evidence)
            text = " ".join(f"“{p.evidence[n - 1].quote}” [{n}]" for n in chosen)
            cited = chosen
        p.timings["verify_ms"] = _ms(t0)
        return Answer(
            question=p.question,
            answer=text,
            grounded=True,
            citations=[Citation.from_evidence(n, p.evidence[n - 1]) for n in cited],
            passages=p.passages,
            model=self.llm.name,
            timings=p.timings,
            fallback=fallback,
            standalone_question=p.standalone if p.standalone != p.question else None,
            draft=draft,
            revised=_normalise(text) != _normalise(draft),
            removed_sentences=removed,
            repaired_citations=sum(c.repaired for c in kept),
            evidence=quotes,
            constraints=p.constraints,
            evidence_score=p.evidence_score,
        )

    def _constraints(self, question: str) -> list[Constraint]:
        return constraints_of(question) + entity_constraints(self.entities(question))

    def _accepting(self, constraints: list[Constraint], passages: list[Passage]) -> Accept | None:
        """Evidence must meet the question's constraints in its own context (sentence, passage, title, date)."""
        if not constraints:
            return None
        texts = {}
        for aid in {p.article_id for p in passages}:
            found = self.library.store.get_article(aid)
            texts[aid] = found.text if found else ""
        return lambda e, p: accepts(constraints, Context(e.quote, p.text, p.title, p.date, texts.get(p.article_id, "")))

    def _extractive_choice(self, evidence: list[Evidence]) -> list[int]:
        best = evidence[0].score
        return [
            i + 1
            for i, e in enumerate(evidence[:DEFAULT_EXTRACTIVE_SENTENCES])
            if e.score >= best - DEFAULT_EXTRACTIVE_MARGIN
        ]


def _render(c: CheckedSentence) -> str:
    marks = "".join(f"[{n}]" for n in c.cited)
    m = re.match(r"^(.*?)([.!?…]*)$", c.text.strip(), re.S)
    body, end = m.group(1).rstrip(), m.group(2) or "."
    return f"{body} {marks}{end}"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)
