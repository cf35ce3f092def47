"""Start newsrag as a scaled-out deployment on loopback, for tests and demos: one `chroma run` server and
N `newsrag serve` replicas on it, each with its own data dir. Put any HTTP load balancer in front
(README, "Scale-out"); this script starts none.

    .venv/bin/python deploy/replicas.py --replicas 2 --dir /tmp/newsrag-replicas

Prints one line per process ("chroma http://127.0.0.1:8000", "replica-1 http://127.0.0.1:8001", ...), then
"ready", and keeps running until interrupted (Ctrl-C or SIGTERM), when it stops them all.
Extra RAG_* settings in the environment (RAG_API_KEY, RAG_LLM_BACKEND, ...) reach every replica.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
# Loading the embedder and the local model takes a few seconds; seeding an empty store up to a minute.
DEFAULT_READY_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_run(count: int, attempts: int = 50) -> int:
    """The first of `count` consecutive free ports: replica i listens on first + i - 1, and a port the
    system handed to another process beside a free one made a replica exit before it was ready."""
    for _ in range(attempts):
        first = free_port()
        try:
            with contextlib.ExitStack() as held:
                for port in range(first, first + count):
                    s = held.enter_context(socket.socket())
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports on 127.0.0.1")


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Until `url` answers below 500; RuntimeError when `proc` exits first or the time runs out."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


@contextmanager
def launched(replicas: int, work: Path, env: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """This script as a child process on free ports: yields {"chroma": url, "replica-1": url, ...} once all
    are ready, and stops them all afterwards (for tests and benchmarks)."""
    env = env if env is not None else {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    cmd = [sys.executable, __file__, "--replicas", str(replicas), "--dir", str(work),
           "--chroma-port", str(free_port()), "--first-port", str(free_run(replicas))]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True, start_new_session=True)
    urls: dict[str, str] = {}
    try:
        for line in proc.stdout:
            if line.strip() == "ready":
                break
            name, url = line.split()
            urls[name] = url
        if len(urls) != replicas + 1:
            raise RuntimeError(f"deploy/replicas.py stopped before it was ready; it said {urls}")
        yield urls
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=Path("data/replicas"), help="where the store and data dirs go")
    ap.add_argument("--chroma-port", type=int, default=8000)
    ap.add_argument("--first-port", type=int, default=8001, help="replica i listens on first-port + i - 1")
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "seeds")
    args = ap.parse_args()
    if args.replicas < 1:
        ap.error("--replicas must be at least 1")

    procs: list[subprocess.Popen] = []

    def stop(*_, code: int = 0):
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        sys.exit(code)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    args.dir.mkdir(parents=True, exist_ok=True)
    chroma_url = f"http://127.0.0.1:{args.chroma_port}"
    log = open(args.dir / "chroma.log", "ab")
    procs.append(subprocess.Popen([str(BIN / "chroma"), "run", "--path", str(args.dir / "chroma"), "--host",
                                   "127.0.0.1", "--port", str(args.chroma_port)], stdout=log, stderr=log))
    try:
        wait_http(chroma_url + "/api/v2/heartbeat", 60, procs[0])
        print(f"chroma {chroma_url}", flush=True)
        urls = []
        for i in range(1, args.replicas + 1):
            work = args.dir / f"replica-{i}"
            work.mkdir(exist_ok=True)
            env = {**os.environ, "RAG_CHROMA_URL": chroma_url, "RAG_DATA_DIR": str(work / "data"),
                   "RAG_SEEDS_DIR": str(args.seeds)}
            port = args.first_port + i - 1
            log = open(work / "server.log", "ab")
            procs.append(subprocess.Popen([str(BIN / "newsrag"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                          env=env, stdout=log, stderr=log))
            urls.append((f"http://127.0.0.1:{port}", procs[-1]))
        for n, (url, proc) in enumerate(urls, 1):
            wait_http(url + "/ready", DEFAULT_READY_TIMEOUT_S, proc)
            print(f"replica-{n} {url}", flush=True)
        print("ready", flush=True)
        while all(p.poll() is None for p in procs):
            time.sleep(1)
        dead = next(p for p in procs if p.poll() is not None)
        print(f"{' '.join(dead.args[:2])} exited with {dead.returncode}; stopping the rest", file=sys.stderr)
        stop(code=1)
    except RuntimeError as exc:  # a process did not come up
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        raise SystemExit(str(exc)) from None
    except SystemExit:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        raise


if __name__ == "__main__":
    main()
