"""Deterministic metrics: SQuAD-style answer matching, retrieval ranks, citations, abstention."""

from __future__ import annotations

import re
import string
from collections import Counter

import numpy as np

from rag.text import sentence_spans

_ARTICLES = re.compile(r"\b(a|an|the)\b")
# How a refusal reads, for systems (like the naive baseline) that have no grounded flag.
_REFUSAL = re.compile(
    r"(articles don't say|don't know|do not know|not mentioned|no information|not provided|does not (say|mention|provide|specify)|"
    r"cannot (answer|be determined)|not (specified|stated) in|no mention)",
    re.I,
)


def normalize(text: str) -> str:
    """SQuAD normalisation: lower case, no punctuation, no articles, single spaces."""
    text = text.lower().replace("’", "'")
    text = "".join(ch for ch in text if ch not in set(string.punctuation) - {"%", "$", "."} )
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def token_f1(prediction: str, reference: str) -> float:
    pred, ref = normalize(prediction).split(), normalize(reference).split()
    common = Counter(pred) & Counter(ref)
    same = sum(common.values())
    if not pred or not ref or same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(ref)
    return 2 * precision * recall / (precision + recall)


def fact_recall(answer: str, facts: list[list[str]]) -> float:
    """1.0 when every fact group has one spelling in the answer (normalised), else 0.0."""
    if not facts:
        return 1.0
    norm = f" {normalize(answer)} "
    return float(all(any(f" {normalize(s)} " in norm or normalize(s) in norm for s in group) for group in facts))


def facts_found(texts: list[str], facts: list[list[str]]) -> bool:
    """Every fact group has a spelling inside one of the texts (groups may come from different texts)."""
    return all(any(fact_recall(t, [group]) for t in texts) for group in facts)


_MARK = re.compile(r"\[\d{1,3}\]")
_QUOTE_MARKS = re.compile(r"[“”‘’\"]")
# A verbatim run this long is a copied sentence, not a short answer: the seeds' evidence sentences are
# 20-40 words, and short answers ("Kazakhstan and Kyrgyzstan [1].") or one-clause statements are shorter.
DEFAULT_DUMP_MIN_WORDS = 12


def answer_words(answer: str) -> int:
    """Words of the answer without its citation marks."""
    return sum(any(ch.isalnum() for ch in w) for w in _MARK.sub(" ", answer or "").split())


def is_quote_dump(answer: str, evidence: list[str], fallback: str | None) -> bool:
    """The answer is the extractive fallback, or one of its sentences copies a long run of the evidence verbatim."""
    if fallback == "extractive":
        return True
    source = f" {normalize(_QUOTE_MARKS.sub(' ', ' '.join(evidence)))} "
    for a, b in sentence_spans(answer or ""):
        words = normalize(_QUOTE_MARKS.sub(" ", _MARK.sub(" ", answer[a:b]))).split()
        if len(words) >= DEFAULT_DUMP_MIN_WORDS and f" {' '.join(words)} " in source:
            return True
    return False


def is_refusal(answer: str, grounded: bool | None) -> bool:
    return grounded is False or bool(_REFUSAL.search(answer or ""))


def first_hit_rank(ranked: list[bool]) -> int | None:
    return next((i + 1 for i, hit in enumerate(ranked) if hit), None)


def hit_at(rank: int | None, k: int) -> float:
    return float(rank is not None and rank <= k)


def reciprocal_rank(rank: int | None, k: int = 10) -> float:
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def percentile(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


def mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None
