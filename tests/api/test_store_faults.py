"""A Chroma server that goes away mid-session: requests get 503, and the service recovers by itself."""

import time

import httpx
import pytest

from tests.conftest import VENV_BIN, free_port, running, serve

pytestmark = pytest.mark.server
Q = "Where was the second round of talks held?"


def test_a_stopped_chroma_server_gives_503_and_the_service_recovers(tmp_path, client_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(VENV_BIN / "chroma"), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, url + "/api/v2/heartbeat", 60):
        client = client_factory(chroma_url=url)
        assert client.post("/ask", json={"question": Q}).json()["grounded"]
        docs = client.get("/documents").json()

    # The server is gone: every store-backed route says so, and nothing is half-done.
    for r in (
        client.post("/ask", json={"question": Q}),
        client.get("/ready"),
        client.get("/documents"),
        client.get(f"/documents/{docs[0]['id']}"),
        client.post("/documents", files={"file": ("n.txt", b"Note\nA note about talks in Riyadh.", "text/plain")}),
        client.delete(f"/documents/{docs[0]['id']}"),
    ):
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "store_unavailable" and "Chroma server" in r.json()["error"]["message"]
    s = client.post("/chat", json={"messages": [{"role": "user", "content": Q}], "stream": True})
    assert "event: error" in s.text and "store_unavailable" in s.text
    assert client.get("/health").status_code == 200

    # Back on the same port with the same data: the next requests succeed without a restart of ours.
    with running(cmd, url + "/api/v2/heartbeat", 60):
        assert client.get("/ready").status_code == 200
        assert client.get("/documents").json() == docs
        answer = client.post("/ask", json={"question": Q}).json()
        assert answer["grounded"] and "Istanbul" in answer["answer"]


def test_a_server_started_before_its_chroma_server_serves_once_the_store_is_up(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with serve(tmp_path, ready_path="/health", RAG_CHROMA_URL=url) as (api, proc, _):
        deadline = time.monotonic() + 120
        while (code := httpx.get(api + "/ready").json()["error"]["code"]) == "starting" and time.monotonic() < deadline:
            time.sleep(0.5)
        assert code == "store_unavailable" and proc.poll() is None  # models loaded, process still up
        cmd = [str(VENV_BIN / "chroma"), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(port)]
        with running(cmd, url + "/api/v2/heartbeat", 60):
            assert httpx.get(api + "/ready").status_code == 200
            assert httpx.get(api + "/documents").json() == []
