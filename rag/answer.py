"""The Answerer: retrieve → select evidence → read (decide answerability) → compose or generate → verify."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from rag.claims import claim_checks, concise, echoes, small_draft_stands
from rag.compose import contains, normalise, render, typed_text
from rag.clauses import own_years, per_part_checks, rivals_of
from rag.constraints import Constraint, carried, constraints_of, entity_constraints
from rag.errors import InputError, LLMUnavailableError
from rag.evidence import (
    DEFAULT_EVIDENCE_SENTENCES,
    DEFAULT_EVIDENCE_SENTENCES_CAPABLE,
    EvidenceSelector,
    accepting,
    accepting_nearby,
    for_each_part,
)
from rag.library import Library
from rag.llm import LLM, Message, llm_from_settings
from rag.names import unmentioned
from rag.nlp import entity_spans, load_pipeline, parse_text, question_entities
from rag.paraphrase import RelationWords
from rag.prompts import (
    ABSTAIN_ANSWER,
    ABSTAIN_PREMISE_ANSWER,
    ANSWER_SYSTEM_PROMPT,
    ANSWER_USER_TEMPLATE,
    format_quotes,
)
from rag.parts import premise_names, without_attribution
from rag.prepared import Prepared
from rag.question import analyse
from rag.reader import Reader, Reading
from rag.retrieval import Filters, Passage
from rag.rewrite import analyse_follow_up, is_resolved, standalone_question
from rag.result import Answer, Citation
from rag.settings import Settings
from rag.statements import cited_first, short_answers, statement_answers, with_topical
from rag.verify import check_answer


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
        reader: Reader | None = None,
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
        self.reader = reader or Reader(entity_spans, parse_text)

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
            Reader(entity_spans, parse_text, RelationWords(library.embedder.embed)),
        )

    # -- public -----------------------------------------------------------------

    def answer(
        self, question: str, top_k: int | None = None, filters: Filters | None = None, history: list[Message] | None = None
    ) -> Answer:
        prepared = self._prepare(question, top_k, filters, history)
        if prepared.abstain:
            return self._abstain(prepared)
        if not self._phrased(prepared):
            prepared.timings["generate_ms"] = 0.0
            return self._finish(prepared, "")
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
        if not self._phrased(prepared):
            prepared.timings["generate_ms"] = 0.0
            yield self._finish(prepared, "")
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

    def _prepare(self, question: str, top_k, filters, history) -> Prepared:
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
        names = premise_names(question)
        texts = self.library.article_texts(retrieval.passages) if constraints or names else {}
        # A name the question takes for granted that no retrieved article mentions is a false premise
        # ("the talks in Geneva" when none were held there): nothing retrieved can answer it.
        premise = unmentioned(names, list(texts.values()) + [p.title for p in retrieval.passages])
        # Sentences are scored against what the question asks, not the source it names ("according to ...").
        content = without_attribution(standalone)
        vector = retrieval.query_vector if content == standalone else self.library.embedder.embed_query(content)
        asked = [m["content"] for m in history or [] if m.get("role") == "user" and str(m.get("content", "")).strip()]
        # A follow-up whose pronouns were resolved is a question of its own; an elliptical one ("And the
        # second round?") asks what the previous question asked.
        own = standalone if is_resolved(standalone, question) else question
        parts = analyse_follow_up(own, asked[-1]) if standalone != question and asked else analyse(standalone)
        constraints = own_years(constraints, parts, self.reader.parse)
        selection = self.selector.select(content, vector, retrieval.passages, self.evidence_k,
                                         accepting(constraints, texts))
        rivals = rivals_of(constraints, standalone)
        reading = self.reader.read(parts, selection.ranked, standalone, accepting_nearby(constraints, texts), rivals,
                                   per_part_checks(parts, constraints, texts), texts)
        passages = retrieval.passages
        if self.reader.vague_dates(reading):
            reading, passages = self._sharpened(reading, standalone, content, vector, passages, filters, top_k,
                                                constraints, texts, selection.best_score, rivals)
        evidence = cited_first(selection.evidence, reading, self.evidence_k)
        if len(parts) > 1:
            evidence = for_each_part(evidence, selection.ranked, [a.text for a in parts])
        evidence = with_topical(evidence, reading)
        reading = self.reader.settle(reading, [e.quote for e in evidence], standalone)
        timings["select_ms"] = _ms(t1)
        # Answerability: evidence that meets the constraints, relevant enough, and (for a question asking
        # for a person, place, date, number ...) a span of that type filling the asked slot.
        abstain = not evidence or selection.best_score < self.abstain_threshold or not reading.answerable or bool(premise)
        quotes = [e.quote for e in evidence]
        messages = [
            {"role": "system", "content": ANSWER_SYSTEM_PROMPT},
            {"role": "user", "content": ANSWER_USER_TEMPLATE.format(quotes=format_quotes(quotes), question=standalone)},
        ]
        return Prepared(question, standalone, passages, evidence, abstain, timings, messages,
                         [str(c) for c in constraints], round(selection.best_score, 4), reading, premise, names)

    def _abstain(self, p: Prepared) -> Answer:
        return Answer(
            question=p.question,
            answer=ABSTAIN_PREMISE_ANSWER.format(names=" or ".join(f"“{n}”" for n in p.premise)) if p.premise
            # The user's own words, not a follow-up with the conversation glued on ("... (context: ...)").
            else ABSTAIN_ANSWER.format(question=p.standalone if is_resolved(p.standalone, p.question) else p.question),
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
            answer_type=[a.kind for a in p.reading.parts],
            checks=[f"no retrieved article mentions '{n}', which the question takes for granted" for n in p.premise]
            + p.reading.rejected[:DEFAULT_LISTED_CHECKS],
        )

    def _without_model(self, p: Prepared, exc: LLMUnavailableError, t0: float, draft: str = "") -> Answer:
        """The LLM failed: re-raise (the API answers 503) or quote the evidence, as configured."""
        if self.on_llm_failure != "extractive":
            raise exc
        p.timings["generate_ms"] = _ms(t0)
        answer = self._finish(p, "")
        answer.draft = draft or None
        answer.revised = bool(draft)
        answer.llm_error = str(exc)
        return answer

    def _finish(self, p: Prepared, draft: str) -> Answer:
        t0 = time.perf_counter()
        quotes = [e.quote for e in p.evidence]
        checked = check_answer(draft, quotes, repair=self.repair_citations)
        kept = [c for c in checked if c.supported]
        removed = [c.text for c in checked if not c.supported]
        shorts = short_answers(p.reading, p.evidence)
        fallback, argued = None, []
        if p.reading.typed and shorts:
            # The model's phrasing stands only if it keeps every short answer and all of it verifies.
            if kept and not removed and contains(draft, shorts) and concise(kept, quotes) and not p.reading.differ:
                text, cited = " ".join(render(c.text, c.cited) for c in kept), {n for c in kept for n in c.cited}
            else:
                text, fallback = typed_text(shorts, [m.text for m in p.reading.missing], p.reading.differ), "composed"
                cited = set()
            cited |= {s.citation for s in shorts} | {s.named_by for s in shorts if s.named_by}
        elif kept and concise(kept[:1], quotes) and not echoes(kept[0].text, p.standalone) \
                and (self.llm.capable or small_draft_stands(
                    kept[0], quotes, p.names, p.reading.parts, p.standalone, self.reader.parse,
                    lambda text, words: bool(self.reader.reworded.anywhere(text, words, frozenset())))):
            text, cited = render(kept[0].text, kept[0].cited), set(kept[0].cited)
            removed += [c.text for c in kept[1:]]
        else:
            # No verified sentence of its own: for each part of the question, what the asked verb takes in a
            # quote, else the clause of the evidence sentence that speaks most of that part, carrying its relation.
            typed = {}
            for c, s in zip(p.reading.answers, shorts):  # short_answers keeps the reader's order
                typed.setdefault(c.part, []).append(s)
            shorts, pieces, argued, quoted = statement_answers(self.reader, p.reading.parts, p.standalone, p.evidence,
                                                                  p.reading.topical, p.reading.unsaid, typed)
            if not pieces:
                return self._abstain(p)  # every sentence only says the question back
            text, cited = " ".join(pieces), {s.citation for s in shorts}
            # Only a quoted clause is the extractive fallback; a verb's argument, or a clause shortened to
            # what it asserts, is a short answer.
            fallback = "extractive" if quoted else "composed"
        checks = claim_checks(p.reading, p.evidence, p.constraints, shorts, kept if fallback is None else [],
                              self.reader.slot_problems, self.reader.span_problems)
        checks += [(c, True) for c in argued]
        p.timings["verify_ms"] = _ms(t0)
        return Answer(
            question=p.question,
            answer=text,
            grounded=True,
            citations=[Citation.from_evidence(n, p.evidence[n - 1]) for n in sorted(cited)],
            passages=p.passages,
            model=self.llm.name,
            timings=p.timings,
            fallback=fallback,
            standalone_question=p.standalone if p.standalone != p.question else None,
            draft=draft,
            revised=normalise(text) != normalise(draft),
            removed_sentences=removed,
            repaired_citations=sum(c.repaired for c in kept),
            evidence=quotes,
            constraints=p.constraints,
            evidence_score=p.evidence_score,
            short_answer=shorts,
            answer_type=[a.kind for a in p.reading.parts],
            checks=[c for c, _ in checks],
            verified=all(ok for _, ok in checks),
        )

    def _sharpened(self, reading: Reading, question: str, content: str, vector, passages: list[Passage], filters,
                   top_k: int | None, constraints: list[Constraint], texts: dict[str, str], best: float,
                   rivals) -> tuple[Reading, list[Passage]]:
        """A date answered by its year or month alone ("2020" for "when was X released?"), read again in the
        passages retrieval ranks next (as many again): a full date within it there is the answer; the passage
        that holds it joins the related passages."""
        read = {(p.article_id, p.start) for p in passages}
        deeper = [p for p in self.library.search(question, 2 * (top_k or self.top_k), filters).passages
                  if (p.article_id, p.start) not in read]
        if constraints:
            texts = {**texts, **self.library.article_texts([p for p in deeper if p.article_id not in texts])}
        more = self.selector.select(content, vector, deeper, self.evidence_k, accepting(constraints, texts))
        reading = self.reader.sharpen(reading, more.ranked, question, best, accepting_nearby(constraints, texts), rivals)
        held = [p for p in deeper if any(c.evidence.article_id == p.article_id and p.start <= c.start < p.end
                                         for c in reading.answers)]
        return reading, passages + held

    def _phrased(self, p: Prepared) -> bool:
        """A small model adds nothing true to a typed short answer, only the risk of a fluent wrong
        sentence that still names it; a capable model may phrase it (and is verified like any draft)."""
        return self.llm.capable or not (p.reading.typed and p.reading.answers)

    def _constraints(self, question: str) -> list[Constraint]:
        return constraints_of(question) + entity_constraints(self.entities(question))


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)


# Rejected candidates listed with a decline: enough to see why, not a page of them.
DEFAULT_LISTED_CHECKS = 5
