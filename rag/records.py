"""Stored records as the rest of newsrag sees them, converted at the store's boundary.

Chunks travel through LlamaIndex's TextNode (what its ChromaVectorStore reads and writes); article
records and sentences are plain Chroma records. Offsets are into the article's stored text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

from rag.articles import Article, date_number
from rag.bm25 import LexicalDoc
from rag.chunking import Chunk
from rag.sentences import Sentence

if TYPE_CHECKING:
    from rag.retrieval import Filters

_ENTITIES_KEY = "entities"
# Set on the records of articles whose sentences are in the sentence index.
SENTENCES_KEY = "sentences_indexed"
# Other pages that published an article's story, as JSON [[site, url], ...] on its record.
ALSO_KEY = "also_published_by"


@dataclass(frozen=True)
class StoredChunk:
    id: str
    article_id: str
    title: str
    date: str | None
    source: str
    chunk_index: int
    text: str
    start: int
    end: int
    article_hash: str = ""
    entities: tuple[tuple[int, int, str], ...] | None = None
    # Who published it, where (web pages only).
    site: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None

    @classmethod
    def from_node(cls, node) -> StoredChunk:
        m = node.metadata
        return cls(
            id=node.node_id,
            article_id=m["article_id"],
            title=m["title"],
            date=m.get("date") or None,
            source=m["source"],
            chunk_index=int(m["chunk_index"]),
            text=node.get_content(),
            start=int(m["start"]),
            end=int(m["end"]),
            article_hash=m.get("article_hash", ""),
            entities=_entities(m.get(_ENTITIES_KEY)),
            **origin_of(m),
        )

    @classmethod
    def from_record(cls, id_: str, text: str, m: dict) -> StoredChunk:
        """A chunk read from Chroma directly (not through LlamaIndex): same metadata, text as the document."""
        return cls(
            id=id_, article_id=m["article_id"], title=m["title"], date=m.get("date") or None, source=m["source"],
            chunk_index=int(m["chunk_index"]), text=text, start=int(m["start"]), end=int(m["end"]),
            article_hash=m.get("article_hash", ""), entities=_entities(m.get(_ENTITIES_KEY)), **origin_of(m),
        )


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str
    date: str | None
    source: str
    hash: str
    chunk_count: int
    text: str | None = None
    # False for records written before the sentence index: their sentences are indexed on the next sync.
    sentence_indexed: bool = True
    site: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    minhash: str | None = None
    # (site, url) of each other page that published the same story (near-duplicates not stored again).
    also_published_by: tuple[tuple[str | None, str], ...] = ()

    @classmethod
    def from_record(cls, id_: str, meta: dict, text: str | None = None) -> StoredArticle:
        return cls(
            id=id_,
            title=meta["title"],
            date=meta.get("date") or None,
            source=meta["source"],
            hash=meta["hash"],
            chunk_count=int(meta["chunk_count"]),
            text=text,
            sentence_indexed=bool(meta.get(SENTENCES_KEY)),
            language=meta.get("language") or None,
            minhash=meta.get("minhash") or None,
            also_published_by=also_of(meta),
            **origin_of(meta),
        )


def chunk_node(article: Article, chunk: Chunk, vec: np.ndarray) -> TextNode:
    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        embedding=[float(x) for x in vec],
        start_char_idx=chunk.start,
        end_char_idx=chunk.end,
        metadata={
            "article_id": article.id,
            "title": article.title,
            "date": article.date.isoformat() if article.date else "",
            "date_num": date_number(article.date),
            "source": article.source,
            "article_hash": article.hash,
            "chunk_index": chunk.chunk_index,
            "start": chunk.start,
            "end": chunk.end,
            **origin_meta(article),
            # Chroma metadata holds scalars only: the entities travel as compact JSON.
            **({} if chunk.entities is None else
               {_ENTITIES_KEY: json.dumps([list(e) for e in chunk.entities], separators=(",", ":"))}),
        },
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)},
        # Offsets for the reader, not words: LlamaIndex would otherwise paste them into prompts and embeddings.
        excluded_llm_metadata_keys=[_ENTITIES_KEY],
        excluded_embed_metadata_keys=[_ENTITIES_KEY],
    )


def _entities(raw) -> tuple[tuple[int, int, str], ...] | None:
    """None for chunks stored before entities were recorded (the reader then finds them itself)."""
    if raw is None:
        return None
    try:
        return tuple((int(a), int(b), str(label)) for a, b, label in json.loads(raw))
    except (ValueError, TypeError):
        return None


def article_meta(article: Article, chunk_count: int) -> dict:
    return {
        "title": article.title,
        "date": article.date.isoformat() if article.date else "",
        "source": article.source,
        "hash": article.hash,
        "chunk_count": chunk_count,
        SENTENCES_KEY: True,
        **origin_meta(article),
        **({"language": article.language} if article.language else {}),
        **({"minhash": article.minhash} if article.minhash else {}),
    }


def also_of(meta: dict) -> tuple[tuple[str | None, str], ...]:
    try:
        return tuple((site or None, url) for site, url in json.loads(meta.get(ALSO_KEY) or "[]"))
    except (ValueError, TypeError):
        return ()


# Several authors travel as one scalar (Chroma metadata holds no lists); no author name holds this.
AUTHORS_SEPARATOR = "; "


def origin_meta(article: Article) -> dict:
    """Site, authors and URL of a web page as Chroma metadata; nothing for a plain text file (so its
    chunks' metadata, which LlamaIndex shows its LLM, stays as it was)."""
    found = {"site": article.site, "authors": AUTHORS_SEPARATOR.join(article.authors), "url": article.url}
    return {k: v for k, v in found.items() if v}


def origin_of(meta: dict) -> dict:
    authors = meta.get("authors") or ""
    return {"site": meta.get("site") or None, "url": meta.get("url") or None,
            "authors": tuple(a for a in authors.split(AUTHORS_SEPARATOR) if a)}


def sentence_meta(sentence: Sentence, article_hash: str, dated: int) -> dict:
    """What a sentence hit needs to find its passage and pass the same filters as chunks."""
    return {"article_id": sentence.article_id, "chunk_id": sentence.chunk_id, "article_hash": article_hash,
            "date_num": dated, "start": sentence.start, "end": sentence.end}


@dataclass(frozen=True)
class ArticleWrite:
    """One article's new version: its chunks and sentences with their vectors, and its title's vector."""

    article: Article
    chunks: list[Chunk]
    chunk_vectors: np.ndarray
    title_vector: np.ndarray
    sentences: list[Sentence]
    sentence_vectors: np.ndarray


@dataclass(frozen=True)
class SentenceHit:
    """A sentence the sentence index ranked for a query: the chunk holding it, where it is, how close."""

    chunk_id: str
    article_id: str
    start: int
    end: int
    score: float


def lexical_doc(chunk_id: str, text: str, meta: dict) -> LexicalDoc:
    return LexicalDoc(chunk_id, text, meta["article_id"], int(meta.get("date_num") or 0))


def where_of(filters: Filters) -> dict | None:
    """The filters as a Chroma `where` over chunk and sentence metadata (both carry article_id and date_num)."""
    conditions: list[dict] = []
    if filters.article_ids:
        conditions.append({"article_id": {"$in": list(filters.article_ids)}})
    if filters.date_from:
        conditions.append({"date_num": {"$gte": date_number(filters.date_from)}})
    if filters.date_to:
        conditions += [{"date_num": {"$lte": date_number(filters.date_to)}}, {"date_num": {"$gt": 0}}]
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}
