"""Split an article into sentence-aware, token-sized chunks with exact character offsets."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rag.articles import Article
from rag.settings import DEFAULT_CHUNK_OVERLAP_TOKENS, DEFAULT_CHUNK_TOKENS

DEFAULT_TOKEN_ENCODING = "cl100k_base"


@dataclass(frozen=True)
class Chunk:
    """A slice of an article: article.text[start:end] == text."""

    id: str
    article_id: str
    chunk_index: int
    text: str
    start: int
    end: int
    # Named entities (start, end, label) with offsets into `text`, found once at ingest (None: not annotated).
    entities: tuple[tuple[int, int, str], ...] | None = None


@cache
def _encoding(name: str):
    """tiktoken encoding read offline from the copy llama-index-core ships."""
    import llama_index.core
    import tiktoken

    bundled = Path(llama_index.core.__file__).parent / "_static" / "tiktoken_cache"
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(bundled))
    return tiktoken.get_encoding(name)


def count_tokens(text: str, encoding: str = DEFAULT_TOKEN_ENCODING) -> int:
    return len(_encoding(encoding).encode(text, disallowed_special=()))


def chunk_id(article_id: str, article_hash: str, index: int) -> str:
    """Stable id: same article content gives the same ids on every ingest."""
    digest = hashlib.sha256(f"{article_id}\0{article_hash}\0{index}".encode()).hexdigest()[:16]
    return f"{article_id}:{index}:{digest}"


class Chunker:
    """Sentence-aware splitter (LlamaIndex SentenceSplitter) sized in tiktoken tokens."""

    def __init__(
        self,
        chunk_tokens: int = DEFAULT_CHUNK_TOKENS,
        overlap_tokens: int = DEFAULT_CHUNK_OVERLAP_TOKENS,
        encoding: str = DEFAULT_TOKEN_ENCODING,
    ) -> None:
        from llama_index.core.node_parser import SentenceSplitter

        enc = _encoding(encoding)
        self.chunk_tokens = chunk_tokens
        self.encoding = encoding
        self._splitter = SentenceSplitter(
            chunk_size=chunk_tokens,
            chunk_overlap=overlap_tokens,
            tokenizer=lambda s: enc.encode(s, disallowed_special=()),
        )

    @classmethod
    def from_settings(cls, settings) -> Chunker:
        return cls(settings.chunk_tokens, settings.chunk_overlap_tokens)

    def chunk(self, article: Article) -> list[Chunk]:
        """Chunks of the article, in order, each located exactly in its text."""
        text = article.text
        chunks: list[Chunk] = []
        cursor = 0
        for piece in self._splitter.split_text(text):
            start, end = _locate(text, piece, cursor)
            if start < 0:
                continue
            chunks.append(
                Chunk(
                    id=chunk_id(article.id, article.hash, len(chunks)),
                    article_id=article.id,
                    chunk_index=len(chunks),
                    text=text[start:end],
                    start=start,
                    end=end,
                )
            )
            cursor = start + 1
        return chunks


def _locate(text: str, piece: str, cursor: int) -> tuple[int, int]:
    """Offsets of a splitter piece in the text, searching forward from cursor.

    The splitter returns substrings of the text, stripped; when it ever normalises
    whitespace inside a piece, fall back to matching its first and last words.
    """
    piece = piece.strip()
    if not piece:
        return -1, -1
    at = text.find(piece, cursor)
    if at < 0:
        at = text.find(piece)
    if at >= 0:
        return at, at + len(piece)
    words = piece.split()
    head = text.find(words[0], cursor)
    if head < 0:
        return -1, -1
    approx_end = head + len(piece)
    tail = text.rfind(words[-1], head, approx_end + 64)
    end = tail + len(words[-1]) if tail >= 0 else min(len(text), approx_end)
    return head, end
