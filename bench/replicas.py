"""Scale-out benchmarks: how soon one replica sees another's write, and what one article's keyword-index
update costs at 100k chunks against rebuilding the whole index (what every write did before the change feed)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _pcts(values: list[float]) -> dict:
    return {"p50": float(np.percentile(values, 50)), "p95": float(np.percentile(values, 95)), "max": max(values)}


def bench_bm25_update(chunks_wanted: int, updates: int = 20) -> dict:
    """BM25 alone (no store): a full build of `chunks_wanted` synthetic chunks, then single-article replacements."""
    from bench.corpus import synthetic_articles
    from rag.bm25 import BM25Index, LexicalDoc
    from rag.chunking import Chunker
    from rag.settings import load_settings

    chunker = Chunker.from_settings(load_settings())
    docs, per_article = [], []
    n = 0
    while len(docs) < chunks_wanted:
        batch = synthetic_articles(ROOT / "seeds", 500, seed=n)
        for a in batch:
            a_docs = [LexicalDoc(f"{a.id}-{n}:{c.chunk_index}", c.text, f"{a.id}-{n}", 0) for c in chunker.chunk(a)]
            docs += a_docs
            per_article.append(a_docs)
        n += 1
    with tempfile.TemporaryDirectory() as tmp:
        index = BM25Index(Path(tmp) / "bm25")
        t0 = time.perf_counter()
        index.build(docs)
        build_s = time.perf_counter() - t0
        times = []
        for i in range(updates):
            article = per_article[(i * 7919) % len(per_article)]
            # The article's new version: its chunks' text changed, so every posting of it is replaced.
            changed = [LexicalDoc(d.id, d.text + f" revision {i}", d.article_id, d.date_num) for d in article]
            t0 = time.perf_counter()
            index.replace_articles([article[0].article_id], changed)
            times.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        index.save()  # compacts first
        compact_s = time.perf_counter() - t0
    return {"chunks": len(docs), "full_build_s": round(build_s, 2), "update_ms": _pcts(times),
            "chunks_per_article": round(len(docs) / len(per_article), 1), "compact_and_save_s": round(compact_s, 2)}


def bench_replica_visibility(writes: int = 20) -> dict:
    """Two replicas from deploy/replicas.py: upload on A, then time until B's keyword index ranks it first."""
    from deploy.replicas import launched

    with tempfile.TemporaryDirectory(prefix="newsrag-replicas-") as work, launched(2, Path(work)) as urls:
        a, b = urls["replica-1"], urls["replica-2"]
        seen, upload = [], []
        for i in range(writes):
            word = f"benchword{i}x"
            text = f"Bench note {i}\nThe {word} festival opened on May {i % 28 + 1}, 2025, in a small town."
            t0 = time.perf_counter()
            httpx.post(a + "/documents", files={"file": (f"bench-{i}.txt", text.encode())}, timeout=60).raise_for_status()
            written = time.perf_counter()
            upload.append((written - t0) * 1000)
            deadline = written + 30
            while time.perf_counter() < deadline:
                got = httpx.post(b + "/search", json={"question": f"{word} festival", "top_k": 3}, timeout=30).json()
                if any(p["article_id"] == f"bench-{i}" and p["bm25_rank"] == 1 for p in got["passages"]):
                    break
                time.sleep(0.02)
            seen.append((time.perf_counter() - written) * 1000)
        return {"writes": writes, "visible_on_b_ms": _pcts(seen), "upload_on_a_ms": _pcts(upload)}
