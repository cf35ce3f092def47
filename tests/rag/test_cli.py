"""The `newsrag` command as a user runs it: a real process, real store, real models."""

import os
import subprocess

from tests.conftest import ROOT, SEEDS, VENV_BIN


def run(args, tmp_path, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    full_env.update({"RAG_DATA_DIR": str(tmp_path / "data"), "RAG_SEEDS_DIR": str(SEEDS), **env})
    return subprocess.run(
        [str(VENV_BIN / "newsrag"), *args], cwd=tmp_path, env=full_env, capture_output=True, text=True, timeout=300
    )


def test_cli_ingest_then_search_shows_the_istanbul_passage(tmp_path):
    first = run(["ingest"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "added 5" in first.stdout
    second = run(["ingest"], tmp_path)
    assert "added 0 · updated 0 · unchanged 5" in second.stdout
    found = run(["search", "Where did the second round of talks take place?", "-k", "3"], tmp_path)
    assert found.returncode == 0, found.stderr
    assert "Istanbul" in found.stdout and "004_d06bf04a0b8af4c5" in found.stdout


def test_cli_missing_folder_is_a_message_and_nonzero_exit(tmp_path):
    result = run(["ingest", str(tmp_path / "nope")], tmp_path)
    assert result.returncode == 2
    assert "folder not found" in result.stderr and "Traceback" not in result.stderr


def test_cli_invalid_setting_is_one_line(tmp_path):
    result = run(["search", "talks"], tmp_path, RAG_TOP_K="-3")
    assert result.returncode == 2
    assert "RAG_TOP_K" in result.stderr and "Traceback" not in result.stderr


def test_cli_wrong_embedding_model_names_both_and_the_fix(tmp_path, embedder):
    assert run(["ingest"], tmp_path).returncode == 0
    from rag.backends.sbert import bundled_model_path

    result = run(["search", "talks"], tmp_path, RAG_EMBED_MODEL=str(bundled_model_path()))
    assert result.returncode == 2
    assert "all-MiniLM-L6-v2" in result.stderr and "--reembed" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_ask_prints_a_cited_answer_and_abstains_when_it_should(tmp_path):
    budget = run(["ask", "What share of Russia's budget goes to the military?"], tmp_path)
    assert budget.returncode == 0, budget.stderr
    assert "43%" in budget.stdout and "[1]" in budget.stdout and "003_eaa88dfa9da537e2" in budget.stdout
    troops = run(["ask", "How many troops did the UK pledge?"], tmp_path)
    assert troops.returncode == 0 and "The articles don't say" in troops.stdout


def test_cli_ask_json_has_the_answer_object(tmp_path):
    import json

    result = run(["ask", "--json", "Who leads Russia's Direct Investment Fund?"], tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"answer", "grounded", "citations", "passages", "model", "timings", "fallback"} <= set(data)
    assert data["grounded"] and data["citations"][0]["quote"]


def test_cli_serve_refuses_several_workers_on_the_embedded_store(tmp_path):
    result = run(["serve", "--workers", "2"], tmp_path)
    assert result.returncode != 0
    assert "RAG_CHROMA_URL" in result.stderr and "Traceback" not in result.stderr



def test_cli_ingests_urls_and_feeds_and_names_what_it_could_not_fetch(tmp_path):
    import functools
    import http.server
    import shutil
    import threading

    root = tmp_path / "site"
    shutil.copytree(ROOT.parent / "shared" / "html", root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    items = "".join(f"<item><link>{base}/{name}</link></item>" for name in ("vice.com.amazon.html", "gone.html"))
    (root / "feed.xml").write_text(f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>")
    try:
        one = run(["ingest", f"{base}/theverge.com.ios13.html"], tmp_path)
        assert one.returncode == 0, one.stderr
        assert "added" in one.stdout and "The Verge" in one.stdout and "2019-07-03" in one.stdout
        feed = run(["ingest", "--feed", f"{base}/feed.xml"], tmp_path)
        assert feed.returncode == 1  # one entry could not be fetched
        assert "added 1" in feed.stdout and "gone.html" in feed.stderr and "HTTP 404" in feed.stderr
        assert "Traceback" not in feed.stderr
        bad = run(["ingest", f"{base}/README.md"], tmp_path)
        assert bad.returncode == 2 and "content type" in bad.stderr and "Traceback" not in bad.stderr
    finally:
        server.shutdown()


def test_cli_serve_on_a_public_address_without_an_api_key_refuses_in_one_line(tmp_path):
    result = run(["serve", "--host", "0.0.0.0", "--port", "1"], tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "RAG_API_KEY" in result.stderr and "RAG_ALLOW_OPEN_WRITES" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_serve_on_a_public_address_starts_with_a_key_or_when_open_on_purpose(tmp_path):
    import httpx

    from tests.conftest import free_port, wait_http

    for env in ({"RAG_API_KEY": "s3cret-key-123"}, {"RAG_ALLOW_OPEN_WRITES": "true"}):
        work = tmp_path / next(iter(env))
        work.mkdir()
        port = free_port()
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
        full_env.update({"RAG_DATA_DIR": str(work / "data"), "RAG_SEEDS_DIR": str(SEEDS), **env})
        proc = subprocess.Popen([str(VENV_BIN / "newsrag"), "serve", "--host", "0.0.0.0", "--port", str(port)],
                                cwd=work, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_http(f"http://127.0.0.1:{port}/health", 60, proc)
            assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200
        finally:
            proc.terminate()
            proc.wait(20)
