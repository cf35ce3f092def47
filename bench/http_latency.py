"""Latency of a running server: /ask p50/p95 and /chat time-to-first-token, over the eval questions.

Usage: .venv/bin/python bench/http_latency.py [--url http://127.0.0.1:8000] [-n 20]
Requests go one at a time to the given (loopback) server; the run is bounded by -n.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("-n", type=int, default=20)
    args = ap.parse_args()
    questions = [json.loads(l)["question"] for l in (ROOT / "eval/questions.jsonl").read_text().splitlines() if l.strip()]
    questions = (questions * (args.n // len(questions) + 1))[: args.n]
    http = httpx.Client(base_url=args.url, timeout=120)
    http.post("/ask", json={"question": "warm-up question about the talks"})
    ask, ttft, stream_total = [], [], []
    for q in questions:
        t0 = time.perf_counter()
        r = http.post("/ask", json={"question": q})
        r.raise_for_status()
        ask.append((time.perf_counter() - t0) * 1000)
    for q in questions:
        t0 = time.perf_counter()
        first = None
        with http.stream("POST", "/chat", json={"messages": [{"role": "user", "content": q}], "stream": True}) as r:
            for line in r.iter_lines():
                if first is None and line.startswith("event: "):
                    # The first event is a token, or the answer itself when the service abstains.
                    first = (time.perf_counter() - t0) * 1000
        ttft.append(first)
        stream_total.append((time.perf_counter() - t0) * 1000)
    print(f"/ask over {len(ask)} requests: p50 {statistics.median(ask):.0f} ms, p95 {pct(ask, 95):.0f} ms")
    print(f"/chat stream time to first event: p50 {statistics.median(ttft):.0f} ms, p95 {pct(ttft, 95):.0f} ms")
    print(f"/chat stream total: p50 {statistics.median(stream_total):.0f} ms, p95 {pct(stream_total, 95):.0f} ms")


if __name__ == "__main__":
    main()
