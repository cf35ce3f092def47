"""Deterministic metrics: SQuAD-style answer matching, retrieval ranks, citations, abstention."""

from __future__ import annotations

import re
import string
from collections import Counter

import numpy as np

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
