"""The sentences of an article's chunks, each embedded on its own for the sentence-level dense index.

MiniLM over a 128-token chunk averages several facts into one vector, so a question that paraphrases
one of them ("soldiers" for "troops") drifts away from it; the vector of the one sentence that states
the fact stays close. Sentences are found in each chunk's text with the same splitter evidence
selection uses, located in the article by offset, and stored once even where chunks overlap: the
first chunk that holds a sentence whole is the passage it brings back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.chunking import Chunk

if TYPE_CHECKING:
    from rag.records import StoredChunk
from rag.text import content_terms, sentence_spans

# Fewer content words than this ("Share this.", a bare dateline) match any question a little and say nothing.
DEFAULT_MIN_SENTENCE_TERMS = 3


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: article.text[start:end] == text, inside its chunk."""

    id: str
    article_id: str
    chunk_id: str
    text: str
    start: int
    end: int


def sentence_id(article_id: str, article_hash: str, start: int, end: int) -> str:
    """Stable id: the same article content gives the same sentence ids on every ingest."""
    digest = hashlib.sha256(f"{article_id}\0{article_hash}\0{start}\0{end}".encode()).hexdigest()[:16]
    return f"{article_id}:s{start}-{end}:{digest}"


def sentences_of(chunks: list[Chunk] | list[StoredChunk], article_hash: str) -> list[Sentence]:
    """Each sentence of the chunks once, in article order, with at least DEFAULT_MIN_SENTENCE_TERMS content words."""
    seen: set[tuple[int, int]] = set()
    out: list[Sentence] = []
    # A chunk may end inside a sentence, at a full stop that ends none ("... before 10 a.m.| Eastern Time, ..."):
    # where an overlapping chunk holds a longer sentence from the same start, that one is the sentence.
    spans = [sentence_spans(chunk.text) for chunk in chunks]
    longest: dict[int, int] = {}
    for chunk, found in zip(chunks, spans):
        for a, b in found:
            longest[chunk.start + a] = max(longest.get(chunk.start + a, 0), chunk.start + b)
    for chunk, found in zip(chunks, spans):
        for a, b in found:
            start, end = chunk.start + a, chunk.start + b
            text = chunk.text[a:b]
            if (start, end) in seen or end < longest[start] or len(content_terms(text)) < DEFAULT_MIN_SENTENCE_TERMS:
                continue
            seen.add((start, end))
            out.append(Sentence(sentence_id(chunk.article_id, article_hash, start, end), chunk.article_id,
                                chunk.id, text, start, end))
    return out
