"""Select the few sentences that answer a question, and decide whether the articles answer it at all."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from rag.constraints import Constraint, Context, accepts
from rag.embeddings import Embedder
from rag.retrieval import Passage
from rag.text import cached_sentence_spans, content_terms, part_terms, sentence_spans

# A 135M model answers well from 2-4 exact sentences and invents facts from whole chunks.
DEFAULT_EVIDENCE_SENTENCES = 3
DEFAULT_EVIDENCE_SENTENCES_CAPABLE = 6
# Only sentences nearly as relevant as the best are shown: weak distractors lure a small model.
DEFAULT_EVIDENCE_MARGIN = 0.12
# Dense similarity catches paraphrase; term coverage catches names and numbers MiniLM blurs.
DEFAULT_DENSE_WEIGHT = 0.5
# Sentence vectors are cached by position: popular passages recur across questions (~1.5 KB each).
DEFAULT_SENTENCE_CACHE = 20_000
# Fragments shorter than this (datelines, bylines) are context, not evidence.
DEFAULT_MIN_SENTENCE_WORDS = 4
# A line this short without final punctuation is a headline: it names a topic, it states nothing.
DEFAULT_HEADLINE_MAX_WORDS = 12


@dataclass(frozen=True)
class Evidence:
    """One sentence quoted from an article, with its exact offsets there."""

    article_id: str
    title: str
    date: str | None
    source: str
    quote: str
    start: int
    end: int
    score: float
    dense: float
    coverage: float
    site: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None


@dataclass
class Selection:
    evidence: list[Evidence]
    best_score: float
    # Every accepted sentence, best first, with the passage it came from: what the reader searches.
    ranked: list[tuple[Evidence, Passage]] = field(default_factory=list)


Accept = Callable[[Evidence, Passage], bool]


def context_of(e: Evidence, p: Passage) -> tuple[str, str]:
    """The sentence before the evidence in its passage, and the evidence with its neighbours either side."""
    spans = cached_sentence_spans(p.text)
    at = next((i for i, (a, b) in enumerate(spans) if p.start + a <= e.start < p.start + b), None)
    if at is None:
        before = [p.text[a:b] for a, b in spans if p.start + b <= e.start]
        return (before[-1] if before else ""), e.quote
    previous = p.text[spans[at - 1][0] : spans[at - 1][1]] if at else ""
    return previous, p.text[spans[max(0, at - 1)][0] : spans[min(len(spans) - 1, at + 1)][1]]


# A sentence that opens with a demonstrative and its noun ("This meeting takes place in Istanbul") goes on about what
# the sentence before it says, however little of the question it repeats itself.
_CONTINUES = re.compile(r"^\W*(this|these|that|those)\s+[a-z]+\b(?!\s*[,.;:])", re.I)


def continuations(pool: list[tuple[Evidence, Passage]],
                  ranked: list[tuple[Evidence, Passage]]) -> list[tuple[Evidence, Passage]]:
    """The pool with, after each of its sentences, the next sentence of its paragraph (from `ranked`, however low
    it ranks) when that one continues it: read in its place, "This meeting takes place at the Consulate in
    Istanbul" answers "Where was the second round held?" that the sentence before it names."""
    at = {(e.article_id, e.start): (e, p) for e, p in ranked}
    taken = {(e.article_id, e.start) for e, _ in pool}
    out = []
    for e, p in pool:
        out.append((e, p))
        rest = p.text[e.end - p.start :]
        gap = len(rest) - len(rest.lstrip(" \t"))
        nxt = at.get((e.article_id, e.end + gap))
        if nxt is not None and (e.article_id, e.end + gap) not in taken and _CONTINUES.match(nxt[0].quote):
            out.append(nxt)
            taken.add((e.article_id, e.end + gap))
    return out


def accepting(constraints: list[Constraint], texts: dict[str, str]) -> Accept | None:
    """Evidence must meet the question's constraints in its own context (sentence, passage, title, date);
    `texts` are the articles' texts by id (an undated article's years stand in for its date)."""
    return _meeting(constraints, texts, lambda e, p: p.text)


def accepting_nearby(constraints: list[Constraint], texts: dict[str, str]) -> Accept | None:
    """Years, dates and qualifiers met near the sentence: itself and its neighbours, the title, the date."""
    return _meeting([c for c in constraints if c.kind != "entity"], texts, lambda e, p: context_of(e, p)[1])


def _meeting(constraints: list[Constraint], texts: dict[str, str],
             around: Callable[[Evidence, Passage], str]) -> Accept | None:
    """Whether evidence meets the constraints with `around` as the text about it (None: nothing to meet)."""
    if not constraints:
        return None
    return lambda e, p: accepts(constraints, Context(e.quote, around(e, p), p.title, p.date, texts.get(p.article_id, "")))


def _is_statement(text: str) -> bool:
    words = len(text.split())
    if words < DEFAULT_MIN_SENTENCE_WORDS:
        return False
    return words > DEFAULT_HEADLINE_MAX_WORDS or text.rstrip("”\"')»").endswith((".", "!", "?", ":"))


_ASKS_DATE = re.compile(r"\b(when|what date|which date|what day|which day|on what date)\b", re.I)
_HAS_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_ASKS_NUMBER = re.compile(r"\b(how (many|much|long|far|large|big|old)|what (share|percentage|proportion|number))\b", re.I)
_HAS_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)\b", re.I)
_DATE_WORDS = {"date", "day"}


def question_terms(question: str) -> set[str]:
    """Content terms, plus the kind of answer asked for (a date, a number) as a term of its own."""
    terms = set(content_terms(question))
    if _ASKS_DATE.search(question):
        terms = (terms - _DATE_WORDS) | {"<date>"}
    if _ASKS_NUMBER.search(question):
        terms |= {"<number>"}
    return terms


def term_coverage(terms: set[str], text: str) -> float:
    """Share of the question's terms the sentence contains (an asked-for date or number counts as one)."""
    if not terms:
        return 0.0
    have = set(content_terms(text))
    if _HAS_DATE.search(text):
        have.add("<date>")
    if _HAS_NUMBER.search(text):
        have.add("<number>")
    return len(terms & have) / len(terms)


class EvidenceSelector:
    """Splits passages into sentences and ranks them against the question."""

    def __init__(self, embedder: Embedder, dense_weight: float = DEFAULT_DENSE_WEIGHT,
                 cache_size: int = DEFAULT_SENTENCE_CACHE) -> None:
        self.embedder = embedder
        self.dense_weight = dense_weight
        self._cache: OrderedDict[tuple[str, int, int, str], np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _vectors(self, candidates: list[Evidence]) -> np.ndarray:
        """Sentence vectors, embedding only those not seen before (keyed by text too, so edits miss)."""
        keys = [(c.article_id, c.start, c.end, c.quote) for c in candidates]
        with self._lock:
            missing = [i for i, k in enumerate(keys) if k not in self._cache]
        fresh = self.embedder.embed([candidates[i].quote for i in missing]) if missing else []
        with self._lock:
            for i, vec in zip(missing, fresh):
                self._cache[keys[i]] = vec
            rows = []
            for k in keys:
                if k in self._cache:
                    self._cache.move_to_end(k)
                    rows.append(self._cache[k])
                else:  # evicted by a concurrent request in between
                    rows.append(self.embedder.embed([k[3]])[0])
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return np.vstack(rows)

    def sentences(self, passages: list[Passage]) -> list[Evidence]:
        """Every sentence of the passages once (overlapping chunks share sentences), unscored."""
        return [e for e, _ in self._sentences(passages)]

    @staticmethod
    def _sentences(passages: list[Passage]) -> list[tuple[Evidence, Passage]]:
        # By where it starts, in first-seen order; a chunk that ends inside a sentence, at a full stop that ends
        # none ("... before 10 a.m.| Eastern Time, ..."), gives way to an overlapping one that holds all of it.
        found: dict[tuple[str, int], tuple[Evidence, Passage]] = {}
        for p in passages:
            for a, b in cached_sentence_spans(p.text):
                text = p.text[a:b]
                key = (p.article_id, p.start + a)
                if (key in found and found[key][0].end >= p.start + b) or not _is_statement(text):
                    continue
                found[key] = (Evidence(p.article_id, p.title, p.date, p.source, text, p.start + a, p.start + b,
                                       0.0, 0.0, 0.0, p.site, p.authors, p.url), p)
        return list(found.values())

    @staticmethod
    def _widen(best: Evidence, passages: list[Passage]) -> Evidence:
        """Extend the best sentence with the next one of its paragraph: answers often follow the topic sentence."""
        for p in passages:
            if p.article_id != best.article_id or not p.start <= best.start < best.end <= p.end:
                continue
            rest = p.text[best.end - p.start :]
            para_end = rest.find("\n")
            para = rest if para_end < 0 else rest[:para_end]
            spans = sentence_spans(para)
            if spans and _is_statement(para[spans[0][0] : spans[0][1]]):
                end = best.end + spans[0][1]
                return Evidence(**{**best.__dict__, "quote": p.text[best.start - p.start : end - p.start], "end": end})
            break
        return best

    def select(
        self, question: str, query_vector: np.ndarray, passages: list[Passage], k: int, accept: Accept | None = None
    ) -> Selection:
        """The best sentences; with `accept`, only those it accepts in their passage (the question's constraints)."""
        pairs = self._sentences(passages)
        kept = [(e, p) for e, p in pairs if accept is None or accept(e, p)]
        if not kept:
            return Selection([], 0.0)
        candidates = [e for e, _ in kept]
        dense = self._vectors(candidates) @ query_vector
        terms = question_terms(question)
        ranked = []
        for (c, p), d in zip(kept, dense):
            cov = term_coverage(terms, c.quote)
            score = self.dense_weight * float(d) + (1 - self.dense_weight) * cov
            ranked.append((Evidence(**{**c.__dict__, "score": score, "dense": float(d), "coverage": cov}), p))
        ranked.sort(key=lambda ep: -ep[0].score)
        scored = [e for e, _ in ranked]
        best = scored[0].score
        chosen = [e for e in scored[:k] if e.score >= best - DEFAULT_EVIDENCE_MARGIN]
        chosen[0] = self._widen(chosen[0], passages)
        # The reader searches the widened sentence too: its second half often holds the answer.
        ranked[0] = (chosen[0], ranked[0][1])
        # Widening may swallow the next-ranked sentence; never show the same text twice.
        chosen = [chosen[0]] + [e for e in chosen[1:] if not chosen[0].start <= e.start < chosen[0].end]
        return Selection(chosen, best, ranked)


# How deep in the ranked sentences a part of a multi-part question looks for a sentence of its own: the
# reader's depth (rag/reader.py DEFAULT_READER_SENTENCES).
DEFAULT_PART_SENTENCES = 20


def for_each_part(chosen: list[Evidence], ranked: list[tuple[Evidence, Passage]], parts: list[str]) -> list[Evidence]:
    """The chosen evidence, and for each part of a multi-part question ("... about embassies and about
    negotiating teams") that no chosen sentence speaks to, the best-ranked sentence holding most of the
    part's own words (those the other parts lack): one question's evidence serves the words it shares."""
    out = list(chosen)
    for _, own in part_terms(parts):
        if not own or any(own & set(content_terms(e.quote)) for e in out):
            continue
        hits = [(len(own & set(content_terms(e.quote))), -n, e) for n, (e, _) in enumerate(ranked[:DEFAULT_PART_SENTENCES])]
        best = max(hits, key=lambda h: h[:2], default=None)
        if best is not None and best[0] > 0 and not any(o.article_id == best[2].article_id and o.start == best[2].start
                                                        for o in out):
            out.append(best[2])
    return out
