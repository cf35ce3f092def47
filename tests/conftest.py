"""Shared fixtures: real Chroma in temp dirs, the real bundled embedder loaded once."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deploy.replicas import free_port, wait_http  # noqa: F401  (shared by the tests and the deploy script)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
VENV_BIN = Path(sys.executable).parent


def sse_events(text: str) -> list[tuple[str, dict]]:
    """(event, data) pairs of a Server-Sent Events body."""
    import json

    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


@contextlib.contextmanager
def running(cmd: list[str], ready_url: str, timeout: float, **popen):
    """Start a server process, wait until ready_url answers, and always stop it afterwards."""
    popen.setdefault("stdout", subprocess.DEVNULL)
    popen.setdefault("stderr", subprocess.DEVNULL)
    proc = subprocess.Popen(cmd, **popen)
    try:
        wait_http(ready_url, timeout, proc)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def embedder():
    from rag.backends.sbert import LocalEmbedder
    from rag.settings import load_settings

    return LocalEmbedder.from_settings(load_settings())


@pytest.fixture()
def settings_factory(tmp_path, monkeypatch):
    from rag.settings import load_settings

    # A developer's .env must not leak into tests.
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith("RAG_"):
            monkeypatch.delenv(key)

    def make(**overrides):
        overrides.setdefault("data_dir", tmp_path / "data")
        overrides.setdefault("seeds_dir", SEEDS)
        return load_settings(**overrides)

    return make


@pytest.fixture()
def library_factory(settings_factory, embedder):
    from rag.library import Library

    def make(**overrides):
        return Library.from_settings(settings_factory(**overrides), embedder=embedder)

    return make


@pytest.fixture()
def seeded(library_factory):
    library = library_factory()
    library.ingest_folder(SEEDS)
    return library


@pytest.fixture()
def seeds_copy(tmp_path) -> Path:
    dst = tmp_path / "articles"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture()
def chroma_server(tmp_path):
    """A real `chroma run` server on 127.0.0.1, stopped after the test."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(VENV_BIN / "chroma"), "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, url + "/api/v2/heartbeat", 60):
        yield url


@pytest.fixture(scope="session")
def local_llm():
    from rag.backends.llama_local import LocalLLM
    from rag.settings import load_settings

    return LocalLLM.from_settings(load_settings())


@pytest.fixture()
def answerer_factory(library_factory, local_llm):
    from rag.answer import Answerer

    def make(llm=None, **overrides):
        library = library_factory(**overrides)
        return Answerer.from_settings(library.settings, library=library, llm=llm or local_llm)

    return make


@pytest.fixture()
def seeded_answerer(answerer_factory):
    answerer = answerer_factory()
    answerer.library.ingest_folder(SEEDS)
    return answerer


@pytest.fixture(scope="session")
def llama_server():
    """llama.cpp's own OpenAI-compatible server (llama-cpp-python[server]) with the bundled GGUF."""
    from rag.backends.llama_local import bundled_gguf

    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(bundled_gguf()), "--model_alias", "smollm2",
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"]
    with running(cmd, url + "/models", 120):
        yield url


@pytest.fixture()
def client_factory(answerer_factory):
    """A TestClient over the real app, with a real (seeded) store and the real local model."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    clients = []

    def make(llm=None, seed=True, **overrides):
        answerer = answerer_factory(llm=llm, **overrides)
        if seed:
            answerer.library.ingest_folder(SEEDS)
        client = TestClient(create_app(answerer.library.settings, answerer), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@contextlib.contextmanager
def serve(work: Path, timeout: float = 180, ready_path: str = "/ready", **env_overrides):
    """`newsrag serve` in a subprocess on a free port; yields (url, process, log file)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({"RAG_DATA_DIR": str(work / "data"), "RAG_SEEDS_DIR": str(SEEDS), **env_overrides})
    url = f"http://127.0.0.1:{port}"
    cmd = [str(VENV_BIN / "newsrag"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    log_path = work / "server.log"
    with open(log_path, "wb") as log, running(cmd, url + ready_path, timeout, cwd=work, env=env,
                                              stdout=log, stderr=subprocess.STDOUT) as proc:
        yield url, proc, log_path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """`newsrag serve` as a user starts it: a real uvicorn process on 127.0.0.1 with the embedded defaults."""
    with serve(tmp_path_factory.mktemp("server")) as (url, _, _):
        yield url
