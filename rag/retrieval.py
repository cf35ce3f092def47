"""Hybrid retrieval: dense (Chroma) and BM25, fused with reciprocal rank fusion."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from rag.bm25 import BM25Index
from rag.embeddings import Embedder
from rag.errors import InputError
from rag.store import ChromaStore, StoredChunk

# k=60 from Cormack et al. (2009): damps the head so neither retriever dominates.
DEFAULT_RRF_K = 60
# Each retriever proposes this many candidates per requested passage before fusion.
DEFAULT_CANDIDATE_FACTOR = 4
DEFAULT_MIN_CANDIDATES = 20


@dataclass(frozen=True)
class Filters:
    """Optional restrictions on which chunks may be retrieved."""

    article_ids: tuple[str, ...] | None = None
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(f"date_from {self.date_from} is after date_to {self.date_to}")
        if self.article_ids is not None and len(self.article_ids) == 0:
            raise InputError("article_ids, when given, must name at least one article")

    @staticmethod
    def date_num(d: date | None) -> int | None:
        return d.year * 10000 + d.month * 100 + d.day if d else None


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with where it sits in its article and how it ranked."""

    chunk_id: str
    article_id: str
    title: str
    date: str | None
    source: str
    chunk_index: int
    text: str
    start: int
    end: int
    score: float = 0.0
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float | None = None
    bm25_score: float | None = None
    # Named entities (start, end, label) as offsets into `text`; None when the chunk predates them.
    entities: tuple[tuple[int, int, str], ...] | None = None

    @classmethod
    def from_chunk(cls, chunk: StoredChunk) -> Passage:
        return cls(
            chunk_id=chunk.id,
            article_id=chunk.article_id,
            title=chunk.title,
            date=chunk.date,
            source=chunk.source,
            chunk_index=chunk.chunk_index,
            text=chunk.text,
            start=chunk.start,
            end=chunk.end,
            entities=chunk.entities,
        )


@dataclass
class Retrieval:
    passages: list[Passage]
    query_vector: np.ndarray
    timings_ms: dict[str, float] = field(default_factory=dict)


def rrf_fuse(rankings: list[list[str]], k: int = DEFAULT_RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of ranked id lists, best first, ties broken by first appearance."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


class HybridRetriever:
    """Dense + BM25 candidates, RRF-fused, returned as Passages."""

    def __init__(
        self,
        store: ChromaStore,
        bm25: BM25Index,
        embedder: Embedder,
        rrf_k: int = DEFAULT_RRF_K,
    ) -> None:
        self.store = store
        self.bm25 = bm25
        self.embedder = embedder
        self.rrf_k = rrf_k

    def retrieve(self, query: str, k: int, filters: Filters | None = None) -> Retrieval:
        if not query.strip():
            raise InputError("the question is empty")
        if k < 1:
            raise InputError("top_k must be at least 1")
        filters = filters or Filters()
        n = max(k * DEFAULT_CANDIDATE_FACTOR, DEFAULT_MIN_CANDIDATES)
        t0 = time.perf_counter()
        qvec = self.embedder.embed_query(query)
        t1 = time.perf_counter()
        dense = self.store.dense_search(qvec, n, filters)
        t2 = time.perf_counter()
        lexical = self.bm25.search(
            query,
            n,
            article_ids=list(filters.article_ids) if filters.article_ids else None,
            date_from=Filters.date_num(filters.date_from),
            date_to=Filters.date_num(filters.date_to),
        )
        t3 = time.perf_counter()

        dense_rank = {c.id: (r, s) for r, (c, s) in enumerate(dense, start=1)}
        bm25_rank = {cid: (r, s) for r, (cid, s) in enumerate(lexical, start=1)}
        fused = rrf_fuse(
            [[c.id for c, _ in dense], [cid for cid, _ in lexical]], self.rrf_k
        )[:k]
        known = {c.id: c for c, _ in dense}
        missing = [cid for cid, _ in fused if cid not in known]
        # BM25 may name chunks the dense side did not return; the store is the source of truth.
        known.update({c.id: c for c in self.store.get_chunks(missing)})
        # An article's record is written after all its chunks: chunks whose article has no record
        # with their hash belong to a write still in progress and are not shown half-done.
        committed = self.store.committed_hashes([c.article_id for c in known.values()])
        known = {cid: c for cid, c in known.items() if committed.get(c.article_id) == c.article_hash}
        passages = []
        for cid, score in fused:
            chunk = known.get(cid)
            if chunk is None:  # deleted meanwhile, or its article is mid-write
                continue
            d = dense_rank.get(cid)
            b = bm25_rank.get(cid)
            passages.append(
                replace(
                    Passage.from_chunk(chunk),
                    score=score,
                    dense_rank=d[0] if d else None,
                    dense_score=d[1] if d else None,
                    bm25_rank=b[0] if b else None,
                    bm25_score=b[1] if b else None,
                )
            )
        t4 = time.perf_counter()
        timings = {
            "embed_ms": (t1 - t0) * 1000,
            "dense_ms": (t2 - t1) * 1000,
            "bm25_ms": (t3 - t2) * 1000,
            "fuse_ms": (t4 - t3) * 1000,
        }
        return Retrieval(passages=passages, query_vector=qvec, timings_ms=timings)
