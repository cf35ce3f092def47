"""Near-duplicate web articles (one wire story on several sites): the only module that imports datasketch.

Each web article's text gets a MinHash signature over its word 5-shingles. Two articles whose
estimated Jaccard similarity reaches DEFAULT_NEAR_DUP_THRESHOLD are one story: the first stored
keeps it, and later copies only add their site and URL to its "also published by" list. Shingles of
five words survive a different headline, byline or closing line, and not a rewritten story.
"""

from __future__ import annotations

import re

import numpy as np

# Wire copies differ by a headline, a dateline or a trailing line (Jaccard ~0.85-1.0); two stories on one
# event rewritten by separate reporters share far fewer 5-word runs (typically < 0.3).
DEFAULT_NEAR_DUP_THRESHOLD = 0.8
DEFAULT_NUM_PERM = 128
DEFAULT_SHINGLE_WORDS = 5
# datasketch's hashing scheme; stored signatures are only comparable under the scheme that made them.
MINHASH_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def signature(text: str, num_perm: int = DEFAULT_NUM_PERM) -> np.ndarray:
    """MinHash of the text's word shingles, as unsigned 64-bit values (what the record stores)."""
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    n = DEFAULT_SHINGLE_WORDS
    shingles = {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}
    m = MinHash(num_perm=num_perm, scheme=MINHASH_SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(m.hashvalues, dtype=np.uint64)


def encode(sig: np.ndarray) -> str:
    return sig.astype("<u8").tobytes().hex()


def decode(raw: str) -> np.ndarray | None:
    try:
        return np.frombuffer(bytes.fromhex(raw), dtype="<u8").astype(np.uint64)
    except (ValueError, TypeError):
        return None


class NearDuplicates:
    """An LSH index of stored signatures: which stored article, if any, a new text repeats."""

    def __init__(self, threshold: float = DEFAULT_NEAR_DUP_THRESHOLD, num_perm: int = DEFAULT_NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, np.ndarray] = {}

    def _minhash(self, sig: np.ndarray):
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, hashvalues=sig, scheme=MINHASH_SCHEME)

    def add(self, article_id: str, sig: np.ndarray) -> None:
        self.remove(article_id)
        self._lsh.insert(article_id, self._minhash(sig))
        self._sigs[article_id] = sig

    def remove(self, article_id: str) -> None:
        if article_id in self._sigs:
            self._lsh.remove(article_id)
            del self._sigs[article_id]

    def match(self, article_id: str, sig: np.ndarray) -> tuple[str, float] | None:
        """The most similar other stored article at or above the threshold, with its estimated similarity."""
        best = None
        for other in self._lsh.query(self._minhash(sig)):
            if other == article_id:
                continue
            sim = float(np.mean(self._sigs[other] == sig))
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (other, sim)
        return best
