"""The named-entity spans of retrieved passages: stored with each chunk at ingest, annotated here (once, and
kept) for a chunk stored before ingest recorded them."""

from __future__ import annotations

import threading
from collections import OrderedDict

from rag.candidates import FullName
from rag.evidence import Evidence
from rag.nlp import Annotate
from rag.retrieval import Passage

# Chunks annotated here (stored before ingest recorded entities) are kept for later questions.
DEFAULT_ANNOTATION_CACHE = 4096

Span = tuple[int, int, str]


class EntitySpans:
    def __init__(self, annotate: Annotate) -> None:
        self.annotate = annotate
        self._cache: OrderedDict[str, tuple[Span, ...]] = OrderedDict()
        self._lock = threading.Lock()  # requests are answered on several threads

    def of(self, p: Passage) -> tuple[Span, ...]:
        """(start, end, label) of each entity in the passage's text."""
        if p.entities is not None:
            return p.entities
        key = p.chunk_id + "\0" + p.text
        with self._lock:
            found = self._cache.get(key)
        if found is None:
            found = tuple(tuple(x) for x in self.annotate([p.text])[0])
            with self._lock:
                self._cache[key] = found
                while len(self._cache) > DEFAULT_ANNOTATION_CACHE:
                    self._cache.popitem(last=False)
        return found

    def people(self, ranked: list[tuple[Evidence, Passage]], article_id: str) -> list[FullName]:
        """The people these sentences name, the given article's first."""
        out = []
        for e, p in ranked:
            for a, b, label in self.of(p):
                if label == "PERSON" and e.start <= p.start + a and p.start + b <= e.end:
                    out.append(FullName(p.text[a:b], e, p.start + a, p.start + b))
        return sorted(out, key=lambda n: n.evidence.article_id != article_id)

    def person_names(self, ranked: list[tuple[Evidence, Passage]]) -> list[str]:
        """Every name labelled a person in these sentences' passages, each passage once."""
        passages = {p.chunk_id: p for _, p in ranked}.values()
        return [p.text[a:b] for p in passages for a, b, label in self.of(p) if label == "PERSON"]
