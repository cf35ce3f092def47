import pytest

from rag.articles import load_folder
from rag.chunking import Chunker, count_tokens
from rag.settings import DEFAULT_CHUNK_OVERLAP_TOKENS, DEFAULT_CHUNK_TOKENS, MAX_CHUNK_TOKENS
from tests.conftest import SEEDS

ARTICLES = load_folder(SEEDS)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_chunk_offsets_are_exact_on_every_seed(article):
    chunks = Chunker().chunk(article)
    assert chunks
    for i, c in enumerate(chunks):
        assert article.text[c.start : c.end] == c.text
        assert c.chunk_index == i
        assert c.text.strip() == c.text and c.text


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_chunks_cover_the_article_in_order(article):
    chunks = Chunker().chunk(article)
    assert chunks[0].start == len(article.text) - len(article.text.lstrip())
    for prev, nxt in zip(chunks, chunks[1:]):
        assert prev.start < nxt.start <= prev.end + 3  # overlapping or adjacent, never a gap
    assert chunks[-1].end == len(article.text.rstrip())


@pytest.mark.parametrize("size", [64, DEFAULT_CHUNK_TOKENS, 200])
def test_chunk_token_sizes_stay_within_bounds(size):
    chunker = Chunker(size, min(DEFAULT_CHUNK_OVERLAP_TOKENS, size // 4))
    for article in ARTICLES:
        for c in chunker.chunk(article):
            assert count_tokens(c.text) <= size


def test_chunks_fit_the_embedder_window(embedder):
    """MiniLM truncates beyond 256 word pieces; even the largest allowed chunk size must fit."""
    chunker = Chunker(200, 40)
    worst = max(embedder.count_word_pieces(c.text) for a in ARTICLES for c in chunker.chunk(a))
    assert worst <= MAX_CHUNK_TOKENS


def test_chunk_ids_are_stable_and_content_derived():
    article = ARTICLES[0]
    first = [c.id for c in Chunker().chunk(article)]
    assert first == [c.id for c in Chunker().chunk(article)]
    from dataclasses import replace

    changed = replace(article, text=article.text + " More.", hash="other")
    assert set(first).isdisjoint(c.id for c in Chunker().chunk(changed))
