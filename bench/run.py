"""newsrag benchmarks: one command, prints a table, writes bench/results/latest.{json,md}.

    .venv/bin/python bench/run.py            # default run (about 10-15 minutes on 2 cores)
    .venv/bin/python bench/run.py --full     # 200 requests per concurrency level, 100k chunks

All traffic goes to a server this script starts on 127.0.0.1; every loop is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import synthetic_articles  # noqa: E402
from bench.replicas import bench_bm25_update, bench_replica_visibility  # noqa: E402
from rag.embeddings import normalise  # noqa: E402
from rag.settings import load_settings  # noqa: E402

SEEDS = ROOT / "seeds"
RESULTS = ROOT / "bench" / "results"
QUESTIONS = [json.loads(l)["question"] for l in (ROOT / "eval/questions.jsonl").read_text().splitlines() if l.strip()]


def pct(values, q):
    return float(np.percentile(values, q)) if values else None


def rss_mb(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    kb = lambda k: int(fields[k].split()[0]) / 1024  # noqa: E731
    return {"rss_mb": round(kb("VmRSS"), 1), "peak_rss_mb": round(kb("VmHWM"), 1)}


class RandomVectors:
    """Stands in for the embedder when building large stores: unit vectors of the right size, marked as random."""

    def __init__(self, real, seed: int = 7) -> None:
        self.signature = real.signature
        self._rng = np.random.default_rng(seed)

    def embed(self, texts):
        return normalise(self._rng.standard_normal((len(texts), self.signature.dim)).astype(np.float32))

    def embed_query(self, text):
        return self.embed([text])[0]


def library_at(data_dir: Path, embedder):
    from rag.library import Library

    settings = load_settings(data_dir=data_dir, seeds_dir=SEEDS)
    return Library.from_settings(settings, embedder=embedder)


def bench_embedder(embedder, chunk_texts, batch_sizes):
    from sentence_transformers import SentenceTransformer  # noqa: F401  (already loaded by the embedder)

    texts = (chunk_texts * (256 // max(1, len(chunk_texts)) + 1))[:256]
    out = {}
    for bs in batch_sizes:
        embedder._batch_size = bs
        embedder.embed(texts[:bs])  # warm
        t0 = time.perf_counter()
        embedder.embed(texts)
        out[bs] = len(texts) / (time.perf_counter() - t0)
    return out


def bench_ingest(embedder, tmp: Path, articles_n: int):
    import rag.ingest
    from rag.chunking import Chunker

    articles = synthetic_articles(SEEDS, articles_n)
    chunks = [c.text for a in articles for c in Chunker().chunk(a)]
    embedder._batch_size = load_settings().embed_batch_size
    t0 = time.perf_counter()
    embedder.embed(chunks)
    raw = len(chunks) / (time.perf_counter() - t0)
    # The same ingest without the sentence index (what ingest did before it), then with it, into fresh stores.
    with_index = rag.ingest.sentences_of
    rag.ingest.sentences_of = lambda chunks, article_hash: []
    try:
        t0 = time.perf_counter()
        library_at(tmp / "ingest-chunks-only", embedder).ingestor.ingest(articles)
        chunks_only_s = time.perf_counter() - t0
    finally:
        rag.ingest.sentences_of = with_index
    lib = library_at(tmp / "ingest", embedder)
    t0 = time.perf_counter()
    report = lib.ingestor.ingest(articles)
    secs = time.perf_counter() - t0
    return {"articles": len(articles), "chunks": report.chunks, "seconds": round(secs, 2),
            "chunks_per_s": report.chunks / secs, "raw_embed_chunks_per_s": raw,
            "overhead_pct": 100 * (1 - (report.chunks / secs) / raw),
            "ms_per_article": 1000 * secs / len(articles), "ms_per_article_without_sentences": 1000 * chunks_only_s / len(articles),
            "sentence_index_ratio": secs / chunks_only_s}


def bench_extraction(rounds: int = 5):
    """Pages per second through trafilatura and newsrag's page rules (no embedding), over the shared real pages."""
    from rag.articles import parse_article

    pages = sorted((ROOT.parent / "shared" / "html").glob("*.html"))
    if not pages:
        return None
    raw = [(p.read_bytes(), p.name) for p in pages]
    parse_article(*raw[0])  # warm: imports and trafilatura's caches
    t0 = time.perf_counter()
    for _ in range(rounds):
        for data, name in raw:
            parse_article(data, name)
    secs = time.perf_counter() - t0
    return {"pages": len(raw) * rounds, "pages_per_s": len(raw) * rounds / secs,
            "mean_kb": sum(len(d) for d, _ in raw) / len(raw) / 1024}


def bench_retrieval(lib, queries, n):
    lib.search("warm up", 5)
    parts = {"embed_ms": [], "dense_ms": [], "sentence_ms": [], "bm25_ms": [], "total_ms": []}
    for q in (queries * (n // len(queries) + 1))[:n]:
        t0 = time.perf_counter()
        r = lib.search(q, 5)
        parts["total_ms"].append((time.perf_counter() - t0) * 1000)
        for k in ("embed_ms", "dense_ms", "sentence_ms", "bm25_ms"):
            parts[k].append(r.timings_ms[k])
    return {k: {"p50": pct(v, 50), "p95": pct(v, 95)} for k, v in parts.items()}


def build_scaled(embedder, tmp: Path, chunks_wanted: int):
    lib = library_at(tmp / f"scale-{chunks_wanted}", RandomVectors(embedder))
    per_article = 8
    articles = synthetic_articles(SEEDS, chunks_wanted // per_article + 1)
    t0 = time.perf_counter()
    lib.ingestor.ingest(articles)
    build_s = time.perf_counter() - t0
    # Queries are embedded by the real model; stored vectors are random (marked in the results).
    lib.retriever.embedder = embedder
    lib.embedder = embedder
    return lib, build_s


class Server:
    def __init__(self, tmp: Path) -> None:
        from tests.conftest import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
        env.update({"RAG_DATA_DIR": str(tmp / "server-data"), "RAG_SEEDS_DIR": str(SEEDS)})
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen([str(Path(sys.executable).parent / "newsrag"), "serve", "--port", str(self.port)],
                                     cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.health_s = self._wait("/health")
        self.ready_s = self._wait("/ready")

    def _wait(self, path: str) -> float:
        deadline = time.perf_counter() + 300
        while time.perf_counter() < deadline:
            try:
                if httpx.get(self.url + path, timeout=2).status_code == 200:
                    return time.perf_counter() - self.t0
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer {path}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(20)


def bench_end_to_end(url: str, n: int):
    http = httpx.Client(base_url=url, timeout=180)
    qs = (QUESTIONS * (n // len(QUESTIONS) + 1))[:n]
    ask, ttft = [], []
    for q in qs:
        t0 = time.perf_counter()
        http.post("/ask", json={"question": q}).raise_for_status()
        ask.append((time.perf_counter() - t0) * 1000)
    for q in qs:
        t0 = time.perf_counter()
        with http.stream("POST", "/chat", json={"messages": [{"role": "user", "content": q}], "stream": True}) as r:
            for line in r.iter_lines():
                if line.startswith("event: "):
                    ttft.append((time.perf_counter() - t0) * 1000)
                    break
    return {"ask_ms": {"p50": pct(ask, 50), "p95": pct(ask, 95)}, "ttft_ms": {"p50": pct(ttft, 50), "p95": pct(ttft, 95)}, "requests": n}


def bench_concurrency(url: str, clients: int, total: int):
    lat, errors = [], []
    lock = threading.Lock()
    qs = (QUESTIONS * (total // len(QUESTIONS) + 1))[:total]

    def one(q):
        t0 = time.perf_counter()
        try:
            r = httpx.post(url + "/ask", json={"question": q}, timeout=300)
            ok = r.status_code == 200
        except httpx.HTTPError as exc:
            ok, r = False, exc
        with lock:
            (lat.append((time.perf_counter() - t0) * 1000) if ok else errors.append(str(r)[:100]))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, qs))
    wall = time.perf_counter() - t0
    return {"clients": clients, "requests": total, "throughput_rps": total / wall, "p50_ms": pct(lat, 50),
            "p95_ms": pct(lat, 95), "errors": len(errors)}


def bench_naive(n: int):
    from rag.answer import Answerer
    from rag.evaluation.naive import NaiveLlamaIndex
    from rag.evaluation.systems import OursInProcess

    tmp = Path(tempfile.mkdtemp(prefix="newsrag-naive-"))
    try:
        answerer = Answerer.from_settings(load_settings(data_dir=tmp, seeds_dir=SEEDS))
        answerer.library.seed_if_empty()
        ours, naive = OursInProcess(answerer), NaiveLlamaIndex(answerer.library, answerer.llm)
        qs = QUESTIONS[:n]
        out = {}
        for system in (ours, naive):
            system.ask(qs[0])
            times = [system.ask(q).timings["total_ms"] for q in qs]
            out[system.name] = {"p50": pct(times, 50), "p95": pct(times, 95)}
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", action="store_true", help="200 requests per concurrency level and a 100k-chunk store")
    args = ap.parse_args()
    results: dict = {"machine": f"{os.cpu_count()} cores, no GPU", "full": args.full}
    tmp = Path(tempfile.mkdtemp(prefix="newsrag-bench-"))
    from rag.backends.sbert import LocalEmbedder

    try:
        t0 = time.perf_counter()
        embedder = LocalEmbedder.from_settings(load_settings())
        results["embedder_load_s"] = round(time.perf_counter() - t0, 2)
        seeds_lib = library_at(tmp / "seeds", embedder)
        seeds_lib.ingest_folder(SEEDS)
        seed_chunks = [d.text for d in seeds_lib.store.lexical_docs()]
        print("embedder batch sweep ...", flush=True)
        results["embedder_passages_per_s"] = bench_embedder(embedder, seed_chunks, [8, 16, 32, 64])
        print("ingest ...", flush=True)
        results["ingest"] = bench_ingest(embedder, tmp, 115)
        print("page extraction ...", flush=True)
        results["extraction"] = bench_extraction()
        print("retrieval at scale ...", flush=True)
        scale = {"seeds": bench_retrieval(seeds_lib, QUESTIONS, 100) | {"chunks": len(seeds_lib.bm25), "vectors": "real"}}
        for n in ([10_000, 100_000] if args.full else [10_000]):
            lib, build_s = build_scaled(embedder, tmp, n)
            scale[str(n)] = bench_retrieval(lib, QUESTIONS, 100) | {"chunks": len(lib.bm25), "build_s": round(build_s, 1),
                                                                      "vectors": "random unit vectors"}
            del lib
        results["retrieval"] = scale
        print("keyword index update at 100k chunks ...", flush=True)
        results["bm25_update"] = bench_bm25_update(100_000)
        print("two replicas on one Chroma server ...", flush=True)
        results["replicas"] = bench_replica_visibility(20)
        print("server ...", flush=True)
        server = Server(tmp)
        try:
            results["startup"] = {"health_s": round(server.health_s, 2), "ready_s": round(server.ready_s, 2)}
            results["memory_loaded"] = rss_mb(server.proc.pid)
            results["end_to_end"] = bench_end_to_end(server.url, 20)
            total = 200 if args.full else 40
            results["concurrency"] = [bench_concurrency(server.url, c, total) for c in (1, 4, 16)]
            results["memory_after_load"] = rss_mb(server.proc.pid)
        finally:
            server.stop()
        print("naive pipeline ...", flush=True)
        results["naive_vs_ours_ms"] = bench_naive(20)
        # The seeds suite's report (latest.json holds every suite; each suite's file its systems).
        eval_file = ROOT / "eval/results/seeds.json"
        if eval_file.exists():
            systems = json.loads(eval_file.read_text())["systems"]
            results["eval_headline"] = {name: {k: s["aggregate"].get(k) for k in
                                               ("fact_recall", "cited_article_precision", "refusal_recall", "over_refusal")}
                                        for name, s in systems.items()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    md = to_markdown(results)
    (RESULTS / "latest.md").write_text(md)
    print(md)


def f(v, nd=1):
    return "–" if v is None else f"{v:.{nd}f}"


def to_markdown(r: dict) -> str:
    L = [f"# newsrag benchmarks ({r['machine']})", "", "| what | number | target |", "| --- | --- | --- |"]
    for bs, v in r["embedder_passages_per_s"].items():
        L.append(f"| embedder, batch {bs} | {f(v)} passages/s | ceiling |")
    ing = r["ingest"]
    L.append(f"| ingest of {ing['chunks']} generated chunks | {f(ing['chunks_per_s'])} chunks/s ({ing['seconds']} s) | |")
    L.append(f"| raw embedder on the same chunks | {f(ing['raw_embed_chunks_per_s'])} chunks/s | |")
    L.append(f"| ingest overhead over the raw embedder | {f(ing['overhead_pct'])}% | ≤ 15% |")
    L.append(f"| ingest per article ({ing['articles']} articles), with the sentence index vs without | "
             f"{f(ing['ms_per_article'])} vs {f(ing['ms_per_article_without_sentences'])} ms: "
             f"{f(ing['sentence_index_ratio'], 2)}× | ≤ 1.3× |")
    if r.get("extraction"):
        x = r["extraction"]
        L.append(f"| web page extraction (trafilatura + page rules, no embedding), {x['pages']} real pages of "
                 f"{f(x['mean_kb'], 0)} KB on average | {f(x['pages_per_s'])} pages/s | reported |")
    for name, s in r["retrieval"].items():
        tgt = "p50 ≤ 40 ms" if name == "seeds" else ("p50 ≤ 80 ms" if name == "100000" else "")
        L.append(f"| hybrid retrieval, {s['chunks']} chunks ({s['vectors']}) | p50 {f(s['total_ms']['p50'])} / p95 {f(s['total_ms']['p95'])} ms "
                 f"(embed {f(s['embed_ms']['p50'])}, chunk-dense {f(s['dense_ms']['p50'])}, sentence-dense "
                 f"{f(s['sentence_ms']['p50'])}, bm25 {f(s['bm25_ms']['p50'])}) | {tgt} |")
    if r.get("bm25_update"):
        u = r["bm25_update"]
        L.append(f"| keyword index, one article ({u['chunks_per_article']} chunks) replaced at {u['chunks']} chunks vs a full "
                 f"rebuild | p50 {f(u['update_ms']['p50'])} / p95 {f(u['update_ms']['p95'])} ms vs {f(u['full_build_s'])} s "
                 f"(compaction + save {f(u['compact_and_save_s'])} s, every 2000 chunks written) | ≤ 200 ms |")
    if r.get("replicas"):
        v = r["replicas"]
        L.append(f"| replica B's keyword search finds an upload to replica A, {v['writes']} writes | p50 "
                 f"{f(v['visible_on_b_ms']['p50'], 0)} / p95 {f(v['visible_on_b_ms']['p95'], 0)} ms after A's 201 (upload "
                 f"p50 {f(v['upload_on_a_ms']['p50'], 0)} ms) | p95 ≤ 2000 ms |")
    e = r["end_to_end"]
    L.append(f"| `/ask` over {e['requests']} eval questions | p50 {f(e['ask_ms']['p50'], 0)} / p95 {f(e['ask_ms']['p95'], 0)} ms | p50 ≤ 1500 ms |")
    L.append(f"| `/chat` time to first token | p50 {f(e['ttft_ms']['p50'], 0)} / p95 {f(e['ttft_ms']['p95'], 0)} ms | ≤ 600 ms |")
    for c in r["concurrency"]:
        L.append(f"| {c['clients']} concurrent clients, {c['requests']} requests | {f(c['throughput_rps'], 2)} req/s, p95 {f(c['p95_ms'], 0)} ms, "
                 f"{c['errors']} errors | 0 errors |")
    L.append(f"| server start → /health, → /ready | {r['startup']['health_s']} s, {r['startup']['ready_s']} s | |")
    L.append(f"| server RSS with models loaded (peak) | {r['memory_loaded']['rss_mb']} MB ({r['memory_loaded']['peak_rss_mb']} MB) | ≤ 1500 MB |")
    L.append(f"| server RSS after the concurrency run (peak) | {r['memory_after_load']['rss_mb']} MB ({r['memory_after_load']['peak_rss_mb']} MB) | ≤ 1500 MB |")
    nv = r["naive_vs_ours_ms"]
    ours, naive = nv.get("newsrag", {}), nv.get("naive LlamaIndex", {})
    if ours and naive:
        L.append(f"| answer latency p50: newsrag vs naive LlamaIndex | {f(ours['p50'], 0)} vs {f(naive['p50'], 0)} ms "
                 f"(naive/ours = {naive['p50'] / ours['p50']:.2f}×) | |")
    for name, h in r.get("eval_headline", {}).items():
        L.append(f"| eval headline, {name} | fact recall {f(h['fact_recall'], 3)}, cited precision {f(h['cited_article_precision'], 3)}, "
                 f"refusal recall {f(h['refusal_recall'], 3)}, over-refusal {f(h['over_refusal'], 3)} | |")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
