"""Deterministic synthetic articles recombined from the seed sentences (for scale benchmarks)."""

from __future__ import annotations

import random
from pathlib import Path

from rag.articles import Article, content_hash, load_folder
from rag.text import sentence_spans

DEFAULT_SEED = 20250218


def seed_sentences(seeds: Path) -> list[str]:
    out = []
    for a in load_folder(seeds):
        out += [a.text[s:e] for s, e in sentence_spans(a.text) if len(a.text[s:e].split()) >= 6]
    return out


def synthetic_articles(seeds: Path, count: int, sentences_per_article: int = 24, seed: int = DEFAULT_SEED) -> list[Article]:
    """`count` articles of shuffled seed sentences in paragraphs of four; same inputs, same articles."""
    rng = random.Random(seed)
    pool = seed_sentences(seeds)
    articles = []
    for i in range(count):
        picked = rng.sample(pool, min(sentences_per_article, len(pool)))
        paragraphs = [" ".join(picked[j : j + 4]) for j in range(0, len(picked), 4)]
        text = f"Synthetic report {i}\n" + "\n".join(paragraphs)
        articles.append(Article(id=f"syn-{i:06d}", title=f"Synthetic report {i}", date=None,
                                source=f"syn-{i:06d}.txt", text=text, hash=content_hash(text)))
    return articles
