"""Hybrid retrieval: chunk-dense and sentence-dense (Chroma) and BM25, fused with weighted reciprocal rank fusion.

A question that paraphrases one fact of a chunk is closer to the sentence that states it than to the
chunk's averaged vector, and BM25 holds on to rare names and numbers that MiniLM blurs: each ranks
chunks its own way (a sentence votes for the chunk that holds it) and fusion rewards agreement.
Among the fused candidates, chunks whose text, title and date break the question's hard constraints
(another year, quarter, season) move behind those that do not: the reader would reject them anyway.
"""

from __future__ import annotations

import re

import time
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from rag.articles import date_number
from rag.bm25 import BM25Index
from rag.constraints import Context, accepts, constraints_of
from rag.embeddings import Embedder
from rag.errors import InputError
from rag.settings import Settings
from rag.store import ChromaStore, StoredChunk

# k=60 from Cormack et al. (2009): damps the head so neither retriever dominates.
DEFAULT_RRF_K = 60
# Each retriever proposes this many candidates per requested passage before fusion.
DEFAULT_CANDIDATE_FACTOR = 4
DEFAULT_MIN_CANDIDATES = 20
# A chunk holds about four sentences: ask the sentence index for that many more so it names as many chunks.
DEFAULT_SENTENCES_PER_CHUNK = 4
RETRIEVERS = ("chunk_dense", "sentence_dense", "bm25")


@dataclass(frozen=True)
class FusionWeights:
    """How much each retriever's ranking counts in the fusion; 0 leaves a retriever out."""

    chunk_dense: float = 1.0
    sentence_dense: float = 1.0
    bm25: float = 1.0

    @classmethod
    def from_settings(cls, settings: Settings) -> FusionWeights:
        return cls(settings.chunk_dense_weight, settings.sentence_dense_weight, settings.bm25_weight)

    def of(self, name: str) -> float:
        return getattr(self, name)

    def __str__(self) -> str:
        return ", ".join(f"{n.replace('_', '-')} {self.of(n):g}" for n in RETRIEVERS)


@dataclass(frozen=True)
class Filters:
    """Optional restrictions on which chunks may be retrieved."""

    article_ids: tuple[str, ...] | None = None
    date_from: date | None = None
    date_to: date | None = None
    # Web articles by these sites or authors (any of them; names compared without regard to case).
    sites: tuple[str, ...] | None = None
    authors: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(f"date_from {self.date_from} is after date_to {self.date_to}")
        for name, values in (("article_ids", self.article_ids), ("sites", self.sites), ("authors", self.authors)):
            if values is not None and not [v for v in values if v.strip()]:
                raise InputError(f"{name}, when given, must name at least one")

    @staticmethod
    def date_num(d: date | None) -> int | None:
        return date_number(d) if d else None


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
    sentence_rank: int | None = None
    sentence_score: float | None = None
    # Named entities (start, end, label) as offsets into `text`; None when the chunk predates them.
    entities: tuple[tuple[int, int, str], ...] | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None

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
            site=chunk.site,
            authors=chunk.authors,
            url=chunk.url,
        )


@dataclass
class Retrieval:
    passages: list[Passage]
    query_vector: np.ndarray
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass
class Candidates:
    """Each retriever's ranking of chunk ids (best first, with its score) before fusion."""

    rankings: dict[str, list[tuple[str, float]]]
    # Chunks the dense side already read from the store, by id.
    chunks: dict[str, StoredChunk]
    query_vector: np.ndarray
    timings_ms: dict[str, float]


def rrf_fuse(
    rankings: list[list[str]], k: int = DEFAULT_RRF_K, weights: list[float] | None = None
) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion of ranked id lists, best first, ties broken by first appearance."""
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


# BM25's best chunks that may take the last of the top k for a name no other passage holds.
DEFAULT_LEXICAL_KEPT = 3
_WORD = re.compile(r"[\w’'-]+")


def _capitalised(query: str) -> set[str]:
    """The words of the query written with a capital, but its first: names, as a question writes them."""
    words = _WORD.findall(query)
    return {w for w in words[1:] if w[:1].isupper() and len(w) > 1}


def candidate_count(k: int) -> int:
    """How many chunks each retriever proposes for a top k."""
    return max(k * DEFAULT_CANDIDATE_FACTOR, DEFAULT_MIN_CANDIDATES)


def fuse(rankings: dict[str, list[str]], weights: FusionWeights, k: int = DEFAULT_RRF_K) -> list[tuple[str, float]]:
    """(chunk id, fused score), best first, by weighted RRF of the retrievers that weigh anything."""
    used = [n for n in RETRIEVERS if weights.of(n) > 0 and n in rankings]
    return rrf_fuse([rankings[n] for n in used], k, [weights.of(n) for n in used])


def constraints_first(passages: list[Passage], question: str) -> list[Passage]:
    """Passages that meet the question's hard constraints (in their text, title or date) before those that break them."""
    hard = constraints_of(question)
    if not hard:
        return passages
    ok = [accepts(hard, Context("", p.text, p.title, p.date)) for p in passages]
    return [p for p, good in zip(passages, ok) if good] + [p for p, good in zip(passages, ok) if not good]


def distinct(passages: list[Passage]) -> list[Passage]:
    """The first of passages with the same words (one wire story stored from two sites, a snippet in two
    result pages): a copy adds no evidence and would take the place of a passage that may."""
    seen: set[str] = set()
    out = []
    for p in passages:
        key = " ".join(p.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


class HybridRetriever:
    """Chunk-dense, sentence-dense and BM25 candidates, fused, returned as Passages."""

    def __init__(
        self,
        store: ChromaStore,
        bm25: BM25Index,
        embedder: Embedder,
        weights: FusionWeights | None = None,
        rrf_k: int = DEFAULT_RRF_K,
    ) -> None:
        self.store = store
        self.bm25 = bm25
        self.embedder = embedder
        self.weights = weights or FusionWeights()
        self.rrf_k = rrf_k

    def candidates(
        self, query: str, n: int, filters: Filters | None = None, retrievers: tuple[str, ...] | None = None
    ) -> Candidates:
        """Each retriever's best n chunks for the query (the sentence index's best chunks by their best sentence).

        `retrievers` defaults to those the fusion weighs; the eval asks all of them to compare weightings."""
        retrievers = retrievers or tuple(name for name in RETRIEVERS if self.weights.of(name) > 0)
        if not query.strip():
            raise InputError("the question is empty")
        filters = filters or Filters()
        t0 = time.perf_counter()
        qvec = self.embedder.embed_query(query)
        t1 = time.perf_counter()
        dense = self.store.dense_search(qvec, n, filters) if "chunk_dense" in retrievers else []
        t2 = time.perf_counter()
        sentence: list[tuple[str, float]] = []
        if "sentence_dense" in retrievers:
            seen: set[str] = set()
            for hit in self.store.sentence_search(qvec, n * DEFAULT_SENTENCES_PER_CHUNK, filters):
                if hit.chunk_id not in seen:
                    seen.add(hit.chunk_id)
                    sentence.append((hit.chunk_id, hit.score))
            sentence = sentence[:n]
        t3 = time.perf_counter()
        lexical = self.bm25.search(
            query,
            n,
            article_ids=list(filters.article_ids) if filters.article_ids else None,
            date_from=Filters.date_num(filters.date_from),
            date_to=Filters.date_num(filters.date_to),
        ) if "bm25" in retrievers else []
        t4 = time.perf_counter()
        return Candidates(
            rankings={"chunk_dense": [(c.id, s) for c, s in dense], "sentence_dense": sentence, "bm25": lexical},
            chunks={c.id: c for c, _ in dense},
            query_vector=qvec,
            timings_ms={"embed_ms": (t1 - t0) * 1000, "dense_ms": (t2 - t1) * 1000,
                        "sentence_ms": (t3 - t2) * 1000, "bm25_ms": (t4 - t3) * 1000},
        )

    def passages(self, candidates: Candidates, order: list[str]) -> list[Passage]:
        """The chunks named by `order` as Passages with each retriever's rank, skipping any not committed."""
        wanted = set(order)
        known = {cid: c for cid, c in candidates.chunks.items() if cid in wanted}
        missing = [cid for cid in order if cid not in known]
        # BM25 and the sentence index name chunks the chunk-dense side did not return; the store is the source of truth.
        known.update({c.id: c for c in self.store.get_chunks(missing)})
        # An article's record is written after all its chunks: chunks whose article has no record
        # with their hash belong to a write still in progress and are not shown half-done.
        committed = self.store.committed_hashes([c.article_id for c in known.values()])
        ranks = {name: {cid: (r, s) for r, (cid, s) in enumerate(ranking, start=1)}
                 for name, ranking in candidates.rankings.items()}
        out = []
        for cid in order:
            chunk = known.get(cid)
            if chunk is None or committed.get(chunk.article_id) != chunk.article_hash:
                continue  # deleted meanwhile, or its article is mid-write
            d, s, b = (ranks[n].get(cid) for n in RETRIEVERS)
            out.append(replace(
                Passage.from_chunk(chunk),
                dense_rank=d[0] if d else None, dense_score=d[1] if d else None,
                sentence_rank=s[0] if s else None, sentence_score=s[1] if s else None,
                bm25_rank=b[0] if b else None, bm25_score=b[1] if b else None,
            ))
        return out

    def retrieve(self, query: str, k: int, filters: Filters | None = None) -> Retrieval:
        if k < 1:
            raise InputError("top_k must be at least 1")
        return self.select(self.candidates(query, candidate_count(k), filters), query, k)

    def select(self, found: Candidates, query: str, k: int) -> Retrieval:
        """The top k of the candidates: fused at the configured weights, constraint-breaking passages moved back."""
        t0 = time.perf_counter()
        fused = fuse({name: [cid for cid, _ in r] for name, r in found.rankings.items()}, self.weights, self.rrf_k)
        scores = dict(fused)
        # The constraint check reads each passage; a window of 2k keeps it cheap while letting a match climb.
        order = [cid for cid, _ in fused[: 2 * k]]
        passages = [replace(p, score=scores[p.chunk_id])
                    for p in distinct(constraints_first(self.passages(found, order), query))[:k]]
        # A name of the question that no chosen passage holds ("Who is Mark Parrington?": a rare name the vectors
        # place nowhere) may be in the chunk only the exact words find, which ranks low in the fusion, being in one
        # list alone: that chunk takes the last place when it holds the name.
        names = _capitalised(query) - {w for p in passages for w in _WORD.findall(p.text)}
        chosen = {p.chunk_id for p in passages}
        lexical = [cid for cid, _ in found.rankings.get("bm25", [])[:DEFAULT_LEXICAL_KEPT]]
        missing = [cid for cid in lexical if cid in scores and cid not in chosen]
        if names and missing and len(passages) == k:
            kept = [p for p in self.passages(found, missing) if names & set(_WORD.findall(p.text))][:1]
            passages = passages[: k - len(kept)] + [replace(p, score=scores[p.chunk_id]) for p in kept]
        timings = {**found.timings_ms, "fuse_ms": (time.perf_counter() - t0) * 1000}
        return Retrieval(passages=passages, query_vector=found.query_vector, timings_ms=timings)
