"""Shared text analysis: content terms (stemmed, stop words removed) and sentence spans."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_WORD = re.compile(r"(?u)\b\w\w+\b")
_LIST_MARKER = re.compile(r"^\W*(\d{1,3}|[ivx]{1,4}|[a-z])?[.)]?\W*$", re.I)


def _nltk_dir() -> Path:
    import llama_index.core

    return Path(llama_index.core.__file__).parent / "_static" / "nltk_cache"


@cache
def stopwords() -> frozenset[str]:
    """NLTK's English list (the copy llama-index-core ships); it also drops 'did', 'where', 'how'."""
    path = _nltk_dir() / "corpora" / "stopwords" / "english"
    return frozenset(w.strip() for w in path.read_text().splitlines() if w.strip())


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words of two or more characters, without stop words, in order."""
    words = [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in stopwords()]
    return _stemmer().stemWords(words)


@cache
def _punkt():
    import nltk

    if str(_nltk_dir()) not in nltk.data.path:
        nltk.data.path.append(str(_nltk_dir()))
    from nltk.tokenize import PunktTokenizer

    return PunktTokenizer("english")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; lines are split first (headlines, list items), then Punkt."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        for a, b in _punkt().span_tokenize(line.group()):
            piece = line.group()[a:b]
            stripped = piece.strip()
            if not stripped or _LIST_MARKER.match(stripped):
                continue
            lead = len(piece) - len(piece.lstrip())
            spans.append((base + a + lead, base + a + lead + len(stripped)))
    return spans
