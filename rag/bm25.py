"""Lexical index over the stored chunks (bm25s, English stemming and stop words)."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.text import content_terms

log = logging.getLogger(__name__)

_MANIFEST = "manifest.json"
# Bumped whenever tokenisation changes, so a saved index built the old way is rebuilt.
_TOKENIZER_VERSION = "nltk-en-stem-bigram-1"


@dataclass(frozen=True)
class LexicalDoc:
    """What BM25 needs of a chunk: its text, and the fields filters look at."""

    id: str
    text: str
    article_id: str
    date_num: int


def fingerprint(ids: list[str]) -> str:
    """Order-free digest of a chunk-id set: equal digests mean the same chunk set."""
    h = hashlib.sha256()
    for i in sorted(ids):
        h.update(i.encode())
        h.update(b"\0")
    return h.hexdigest()


class BM25Index:
    """bm25s index that is saved beside the store and rebuilt whenever its chunk set drifts."""

    def __init__(self, path: Path | None = None) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG when imported and logs every index build: keep it quiet.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self._bm25s = bm25s
        self._path = path
        self._lock = threading.Lock()
        self._retriever = None
        self._ids: list[str] = []
        self._article_ids = np.array([], dtype=object)
        self._dates = np.array([], dtype=np.int64)
        self.fingerprint = fingerprint([])
        self._seen_mtime: int | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def _tokenize(self, texts: list[str]) -> list[list[str]]:
        """Stemmed words without stop words, plus adjacent-word pairs so phrases count."""
        out = []
        for text in texts:
            w = content_terms(text)
            out.append(w + [f"{a}_{b}" for a, b in zip(w, w[1:])])
        return out

    def build(self, docs: list[LexicalDoc]) -> None:
        """Index exactly these chunks, replacing what was there, and save to disk."""
        retriever = None
        if docs:
            retriever = self._bm25s.BM25()
            retriever.index(self._tokenize([d.text for d in docs]), show_progress=False)
        with self._lock:
            self._retriever = retriever
            self._ids = [d.id for d in docs]
            self._article_ids = np.array([d.article_id for d in docs], dtype=object)
            self._dates = np.array([d.date_num for d in docs], dtype=np.int64)
            self.fingerprint = fingerprint(self._ids)
        self._save(docs)

    def _save(self, docs: list[LexicalDoc]) -> None:
        if self._path is None:
            return
        tmp = self._path.with_name(self._path.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self._retriever is not None:
            self._retriever.save(str(tmp))
        manifest = {
            "fingerprint": self.fingerprint,
            "tokenizer": _TOKENIZER_VERSION,
            "ids": self._ids,
            "article_ids": [d.article_id for d in docs],
            "dates": [d.date_num for d in docs],
        }
        (tmp / _MANIFEST).write_text(json.dumps(manifest))
        # Swap in whole: a crash leaves either the old index or the new one, never a mix.
        old = self._path.with_name(self._path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self._path.exists():
            self._path.rename(old)
        tmp.rename(self._path)
        shutil.rmtree(old, ignore_errors=True)
        self._seen_mtime = self._manifest_mtime()

    def _manifest_mtime(self) -> int | None:
        try:
            return (self._path / _MANIFEST).stat().st_mtime_ns if self._path else None
        except OSError:  # mid-swap by another process
            return None

    def refresh_from_disk(self) -> None:
        """Pick up an index another process (e.g. `newsrag ingest`) saved since we loaded ours."""
        mtime = self._manifest_mtime()
        if mtime is None or mtime == self._seen_mtime:
            return
        try:
            saved = json.loads((self._path / _MANIFEST).read_text())["fingerprint"]
        except (OSError, ValueError, KeyError):
            return
        if saved == self.fingerprint or self.load(saved):
            self._seen_mtime = mtime

    def load(self, expected_fingerprint: str) -> bool:
        """Load the saved index if it covers exactly the expected chunk set."""
        if self._path is None or not (self._path / _MANIFEST).exists():
            return False
        # Read before the files: if another process swaps them meanwhile, the next refresh sees it.
        mtime = self._manifest_mtime()
        try:
            manifest = json.loads((self._path / _MANIFEST).read_text())
            if manifest["fingerprint"] != expected_fingerprint or manifest.get("tokenizer") != _TOKENIZER_VERSION:
                return False
            retriever = self._bm25s.BM25.load(str(self._path)) if manifest["ids"] else None
        except (OSError, ValueError, KeyError) as exc:
            log.warning("BM25 index at %s unreadable (%s); rebuilding", self._path, exc)
            return False
        with self._lock:
            self._retriever = retriever
            self._ids = manifest["ids"]
            self._article_ids = np.array(manifest["article_ids"], dtype=object)
            self._dates = np.array(manifest["dates"], dtype=np.int64)
            self.fingerprint = manifest["fingerprint"]
        self._seen_mtime = mtime
        return True

    def search(
        self,
        query: str,
        k: int,
        article_ids: list[str] | None = None,
        date_from: int | None = None,
        date_to: int | None = None,
    ) -> list[tuple[str, float]]:
        """Best k (chunk id, score) pairs with a positive score, filters applied before ranking."""
        with self._lock:
            retriever, ids = self._retriever, self._ids
            art, dates = self._article_ids, self._dates
        if retriever is None or k <= 0:
            return []
        words = self._tokenize([query])[0]
        known = [w for w in words if w in retriever.vocab_dict]
        if not known:
            return []
        scores = np.asarray(retriever.get_scores(known), dtype=np.float32)
        mask = scores > 0
        if article_ids is not None:
            mask &= np.isin(art, np.array(article_ids, dtype=object))
        if date_from is not None:
            mask &= dates >= date_from
        if date_to is not None:
            mask &= (dates <= date_to) & (dates > 0)
        candidates = np.flatnonzero(mask)
        if candidates.size == 0:
            return []
        top = candidates[np.argsort(-scores[candidates], kind="stable")[:k]]
        return [(ids[i], float(scores[i])) for i in top]
