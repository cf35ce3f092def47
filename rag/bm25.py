"""Lexical index over the stored chunks: BM25 (Lucene's variant) that takes and drops one article's chunks at a time.

A frozen compressed-column part holds most postings; an article written since the last compaction lives in a
small per-term part beside it, and a dropped chunk is only marked dead. Collection statistics (document count,
mean length, each term's document frequency) are taken from live chunks at query time, so an update never
rescores the rest. The frozen part is rebuilt in memory, without re-tokenising, when the recent part or the
dead share grows, and that is when the index is saved.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import zipfile
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.text import content_terms

log = logging.getLogger(__name__)

# Lucene's defaults (and bm25s's, which this index replaced with the same rankings).
DEFAULT_K1 = 1.5
DEFAULT_B = 0.75
# Compact once this many chunks sit in the per-term part: its per-term arrays cost far more memory per
# posting than the frozen part's, and a compaction at 100k chunks takes seconds, so it should stay rare.
DEFAULT_MAX_RECENT_CHUNKS = 2000
# ...or once a quarter of the slots hold dropped chunks, which still cost memory and query time.
DEFAULT_MAX_DEAD_SHARE = 0.25
# Bumped whenever tokenisation or the file layout changes, so a saved index built the old way is rebuilt.
_FORMAT = "bm25-lucene-stem-bigram-2"
_SEP = "\n"  # ids and terms never hold a newline: ids are checked file names and URLs, terms are words


@dataclass(frozen=True)
class LexicalDoc:
    """What BM25 needs of a chunk: its text, and the fields filters look at."""

    id: str
    text: str
    article_id: str
    date_num: int


def fingerprint(ids: Iterable[str]) -> str:
    """Order-free digest of a chunk-id set: equal digests mean the same chunk set."""
    import hashlib

    h = hashlib.sha256()
    for i in sorted(ids):
        h.update(i.encode())
        h.update(b"\0")
    return h.hexdigest()


def tokenize(text: str) -> list[str]:
    """Stemmed words without stop words, plus adjacent-word pairs so phrases count."""
    w = content_terms(text)
    return w + [f"{a}_{b}" for a, b in zip(w, w[1:])]


class BM25Index:
    """Chunks by slot; postings in a frozen part plus a recent part; `version` is the change-feed position it reflects."""

    def __init__(self, path: Path | None = None, max_recent: int = DEFAULT_MAX_RECENT_CHUNKS) -> None:
        self._path = path
        self._max_recent = max_recent
        self._lock = threading.RLock()
        self.version = 0
        self.epoch: str | None = None
        self._reset()

    def _reset(self) -> None:
        self._ids: list[str] = []
        self._art = np.array([], dtype=object)
        self._dates = np.array([], dtype=np.int64)
        self._lens = np.array([], dtype=np.int32)
        self._alive = np.array([], dtype=bool)
        self._by_article: dict[str, list[int]] = {}
        self._vocab: dict[str, int] = {}
        self._indptr = np.zeros(1, dtype=np.int64)
        self._docs = np.array([], dtype=np.int32)
        self._tfs = np.array([], dtype=np.uint16)
        self._recent: dict[int, tuple[array, array]] = {}
        self._recent_chunks = 0
        self._live = 0
        self._live_len = 0

    def __len__(self) -> int:
        return self._live

    @property
    def fingerprint(self) -> str:
        with self._lock:
            return fingerprint(i for i, ok in zip(self._ids, self._alive) if ok)

    # -- updates --------------------------------------------------------------

    def build(self, docs: list[LexicalDoc], version: int = 0, epoch: str | None = None) -> None:
        """Index exactly these chunks, replacing what was there, and save."""
        with self._lock:
            self._reset()
            built = self._append(docs, recent=False)
            self.version, self.epoch = version, epoch
            self._compact(built)
        self.save()

    def replace_articles(self, article_ids: Iterable[str], docs: list[LexicalDoc]) -> None:
        """Make these articles' chunks exactly `docs` (none: the articles are gone); the rest is untouched."""
        with self._lock:
            for aid in set(article_ids) | {d.article_id for d in docs}:
                for slot in self._by_article.pop(aid, ()):
                    if self._alive[slot]:
                        self._alive[slot] = False
                        self._live -= 1
                        self._live_len -= int(self._lens[slot])
            self._append(docs, recent=True)
            dead = len(self._ids) - self._live
            due = self._recent_chunks > self._max_recent or dead > DEFAULT_MAX_DEAD_SHARE * max(len(self._ids), 1)
        if due:
            with self._lock:
                self._compact()
            self.save()

    def _append(self, docs: list[LexicalDoc], recent: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Give each doc a slot; its postings go to the recent part, or (for a build) are returned as
        (term, slot, tf) arrays for the compaction that makes them the frozen part."""
        start = len(self._ids)
        lens = np.zeros(len(docs), dtype=np.int32)
        terms, slots, tfs = array("i"), array("i"), array("H")
        for n, doc in enumerate(docs):
            tokens = tokenize(doc.text)
            lens[n] = len(tokens)
            slot = start + n
            self._by_article.setdefault(doc.article_id, []).append(slot)
            for term, tf in Counter(tokens).items():
                tid = self._vocab.setdefault(term, len(self._vocab))
                if recent:
                    posting = self._recent.setdefault(tid, (array("i"), array("H")))
                    posting[0].append(slot)
                    posting[1].append(min(tf, 65535))
                else:
                    terms.append(tid)
                    slots.append(slot)
                    tfs.append(min(tf, 65535))
        self._ids += [d.id for d in docs]
        self._art = np.concatenate([self._art, np.array([d.article_id for d in docs], dtype=object)])
        self._dates = np.concatenate([self._dates, np.array([d.date_num for d in docs], dtype=np.int64)])
        self._lens = np.concatenate([self._lens, lens])
        self._alive = np.concatenate([self._alive, np.ones(len(docs), dtype=bool)])
        self._live += len(docs)
        self._live_len += int(lens.sum())
        if recent:
            self._recent_chunks += len(docs)
            return None
        return np.frombuffer(terms, np.int32), np.frombuffer(slots, np.int32), np.frombuffer(tfs, np.uint16)

    def _compact(self, built: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> None:
        """Fold the recent part (and a build's postings) into the frozen one and drop dead slots and unused
        terms (no re-tokenising)."""
        n_terms = len(self._indptr) - 1
        parts_t = [np.repeat(np.arange(n_terms, dtype=np.int32), np.diff(self._indptr))]
        parts_d, parts_f = [self._docs], [self._tfs]
        if built is not None:
            parts_t.append(built[0])
            parts_d.append(built[1])
            parts_f.append(built[2])
        for tid, (slots, tfs) in self._recent.items():
            parts_t.append(np.full(len(slots), tid, dtype=np.int32))
            parts_d.append(np.frombuffer(slots, np.int32))
            parts_f.append(np.frombuffer(tfs, np.uint16))
        t, d, f = np.concatenate(parts_t), np.concatenate(parts_d), np.concatenate(parts_f)
        keep = self._alive[d] if d.size else np.zeros(0, dtype=bool)
        t, d, f = t[keep], d[keep], f[keep]
        # New slots for live chunks, new ids for terms still used.
        live_slots = np.flatnonzero(self._alive)
        slot_map = np.full(len(self._ids), -1, dtype=np.int32)
        slot_map[live_slots] = np.arange(live_slots.size, dtype=np.int32)
        counts = np.bincount(t, minlength=len(self._vocab))
        used = np.flatnonzero(counts)
        term_map = np.full(len(self._vocab), -1, dtype=np.int32)
        term_map[used] = np.arange(used.size, dtype=np.int32)
        order = np.argsort(term_map[t], kind="stable")
        names = list(self._vocab)
        self._vocab = {names[i]: n for n, i in enumerate(used.tolist())}
        self._indptr = np.concatenate([[0], np.cumsum(counts[used])]).astype(np.int64)
        self._docs = slot_map[d[order]]
        self._tfs = f[order]
        self._ids = [self._ids[i] for i in live_slots.tolist()]
        self._art, self._dates = self._art[live_slots], self._dates[live_slots]
        self._lens, self._alive = self._lens[live_slots], np.ones(live_slots.size, dtype=bool)
        self._by_article = {}
        for slot, aid in enumerate(self._art.tolist()):
            self._by_article.setdefault(aid, []).append(slot)
        self._recent, self._recent_chunks = {}, 0

    # -- persistence ----------------------------------------------------------

    def save(self) -> None:
        """Write the (compacted) index to one file, swapped in whole, so a crash or another worker never sees a mix."""
        if self._path is None:
            return
        with self._lock:
            if self._recent or len(self._ids) != self._live:
                self._compact()
            meta = {"format": _FORMAT, "version": self.version, "epoch": self.epoch}
            arrays = {
                "meta": _pack([json.dumps(meta)]), "ids": _pack(self._ids), "articles": _pack(self._art.tolist()),
                "terms": _pack(list(self._vocab)), "dates": self._dates, "lens": self._lens,
                "indptr": self._indptr, "docs": self._docs, "tfs": self._tfs,
            }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_name(f"{self._path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, self._file)

    @property
    def _file(self) -> Path:
        return self._path.with_name(self._path.name + ".npz")

    def load(self) -> bool:
        """Load the saved index (its version and epoch say what it covers); False when there is none usable."""
        if self._path is None or not self._file.exists():
            return False
        try:
            with np.load(self._file) as z:
                meta = json.loads(_unpack(z["meta"])[0])
                if meta.get("format") != _FORMAT:
                    return False
                ids, arts, terms = _unpack(z["ids"]), _unpack(z["articles"]), _unpack(z["terms"])
                dates, lens, indptr, docs, tfs = (z[k] for k in ("dates", "lens", "indptr", "docs", "tfs"))
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            log.warning("BM25 index at %s unreadable (%s); rebuilding", self._file, exc)
            return False
        with self._lock:
            self._reset()
            self._ids, self._art = ids, np.array(arts, dtype=object)
            self._dates, self._lens = dates, lens
            self._alive = np.ones(len(ids), dtype=bool)
            self._vocab = {t: n for n, t in enumerate(terms)}
            self._indptr, self._docs, self._tfs = indptr, docs, tfs
            for slot, aid in enumerate(arts):
                self._by_article.setdefault(aid, []).append(slot)
            self._live, self._live_len = len(ids), int(lens.sum())
            self.version, self.epoch = int(meta["version"]), meta.get("epoch")
        return True

    # -- search ---------------------------------------------------------------

    def _postings(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = (self._indptr[tid], self._indptr[tid + 1]) if tid < len(self._indptr) - 1 else (0, 0)
        docs, tfs = self._docs[lo:hi], self._tfs[lo:hi]
        recent = self._recent.get(tid)
        if recent is not None:
            docs = np.concatenate([docs, np.frombuffer(recent[0], np.int32)])
            tfs = np.concatenate([tfs, np.frombuffer(recent[1], np.uint16)])
        return docs, tfs

    def search(
        self, query: str, k: int, article_ids: list[str] | None = None,
        date_from: int | None = None, date_to: int | None = None,
    ) -> list[tuple[str, float]]:
        """Best k (chunk id, score) pairs with a positive score, filters applied before ranking."""
        if k <= 0:
            return []
        tokens = tokenize(query)
        with self._lock:
            if self._live == 0:
                return []
            n, avgdl = self._live, self._live_len / self._live
            norm = DEFAULT_K1 * (1 - DEFAULT_B + DEFAULT_B * self._lens / avgdl)
            scores = np.zeros(len(self._ids), dtype=np.float64)
            # A repeated query word counts each time, as in the index this replaced.
            for token in tokens:
                tid = self._vocab.get(token)
                if tid is None:
                    continue
                docs, tfs = self._postings(tid)
                live = self._alive[docs]
                docs, tfs = docs[live], tfs[live].astype(np.float64)
                if docs.size == 0:
                    continue
                idf = np.log(1 + (n - docs.size + 0.5) / (docs.size + 0.5))
                scores[docs] += idf * tfs / (tfs + norm[docs])
            mask = scores > 0
            if article_ids is not None:
                mask &= np.isin(self._art, np.array(article_ids, dtype=object))
            if date_from is not None:
                mask &= self._dates >= date_from
            if date_to is not None:
                mask &= (self._dates <= date_to) & (self._dates > 0)
            candidates = np.flatnonzero(mask)
            top = candidates[np.argsort(-scores[candidates], kind="stable")[:k]]
            return [(self._ids[i], float(scores[i])) for i in top]


def _pack(items: list[str]) -> np.ndarray:
    return np.frombuffer(_SEP.join(items).encode(), dtype=np.uint8)


def _unpack(raw: np.ndarray) -> list[str]:
    text = raw.tobytes().decode()
    return text.split(_SEP) if text else []
