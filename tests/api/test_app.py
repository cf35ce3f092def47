"""Every endpoint through FastAPI's TestClient, on the real store and the real local model."""

from pathlib import Path

import pytest

from tests.conftest import sse_events

ISTANBUL = "004_d06bf04a0b8af4c5"


@pytest.fixture()
def client(client_factory):
    return client_factory()


def test_health_and_ready(client):
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready").json()
    assert ready["status"] == "ready" and ready["chunks"] > 0 and "MiniLM" in ready["embedder"]


def test_ask_cites_the_istanbul_passage_with_exact_offsets(client):
    r = client.post("/ask", json={"question": "Where was the second round of talks held?"})
    assert r.status_code == 200
    body = r.json()
    assert body["grounded"] and "Istanbul" in body["answer"]
    assert {"answer", "grounded", "citations", "passages", "model", "timings", "fallback"} <= set(body)
    cited = [c for c in body["citations"] if c["article_id"] == ISTANBUL]
    assert cited
    text = client.get(f"/documents/{ISTANBUL}").json()["text"]
    for c in cited:
        assert text[c["start"] : c["end"]] == c["quote"] and "Istanbul" in c["quote"]


def test_ask_applies_filters(client):
    r = client.post("/ask", json={"question": "What happened at the talks?", "filters": {"article_ids": ["000_543b3317419460aa"]}})
    assert r.status_code == 200
    assert {p["article_id"] for p in r.json()["passages"]} == {"000_543b3317419460aa"}


def test_chat_answers_with_history(client):
    r = client.post("/chat", json={"messages": [
        {"role": "user", "content": "Where was the second round of talks held?"},
        {"role": "assistant", "content": "In Istanbul [1]."},
        {"role": "user", "content": "And on what date?"},
    ]})
    assert r.status_code == 200
    body = r.json()
    assert "second round" in body["standalone_question"]
    assert any(c["article_id"] == ISTANBUL for c in body["citations"])


def test_ask_returns_the_short_answer_span_and_what_was_checked(client):
    body = client.post("/ask", json={"question": "Who leads Russia's Direct Investment Fund?"}).json()
    [short] = body["short_answer"]
    assert "Dmitriev" in short["text"] and body["answer"].startswith(short["text"]) and body["verified"]
    cited = body["citations"][short["citation"] - 1]
    assert cited["start"] <= short["start"] < short["end"] <= cited["end"] and short["text"] in cited["quote"]
    assert body["answer_type"] == ["agent"] and body["checks"]


def test_chat_stream_sends_tokens_then_one_answer_then_done(client):
    r = client.post("/chat", json={"messages": [{"role": "user", "content": "What did Kellogg demand of Russia in Munich?"}], "stream": True})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    kinds = [e for e, _ in events]
    assert kinds[0] == "token" and kinds[-2:] == ["answer", "done"] and kinds.count("answer") == 1
    answer = events[-2][1]
    assert answer["grounded"] and "concessions" in answer["answer"] and answer["citations"]
    assert answer["draft"] == "".join(d["text"] for e, d in events if e == "token")


def test_chat_requires_the_last_message_to_be_the_users(client):
    r = client.post("/chat", json={"messages": [{"role": "assistant", "content": "hi"}]})
    assert r.status_code == 400


def test_documents_list_and_get(client):
    docs = client.get("/documents").json()
    assert len(docs) == 5 and {"id", "title", "date", "source", "chunk_count", "hash"} <= set(docs[0])
    doc = client.get(f"/documents/{ISTANBUL}").json()
    assert doc["date"] == "2025-02-27" and doc["text"].startswith("On February 27, 2025")
    missing = client.get("/documents/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_documents_upload_is_idempotent_and_searchable(client):
    data = b"Talks resume in Geneva\nNegotiators met in Geneva on March 3, 2025 to discuss a prisoner exchange."
    first = client.post("/documents", files={"file": ("geneva.txt", data, "text/plain")})
    assert first.status_code == 201 and first.json()["status"] == "added"
    assert first.json()["document"]["date"] == "2025-03-03"
    again = client.post("/documents", files={"file": ("geneva.txt", data, "text/plain")})
    assert again.json()["status"] == "unchanged"
    answer = client.post("/ask", json={"question": "Where did negotiators meet about a prisoner exchange?"}).json()
    assert any(c["article_id"] == "geneva" for c in answer["citations"])


def test_an_uploaded_web_page_shows_its_site_authors_date_and_url(client):
    page = (Path(__file__).resolve().parents[3] / "shared" / "html" / "vice.com.amazon.html").read_bytes()
    r = client.post("/documents", files={"file": ("amazon.html", page, "text/html")})
    assert r.status_code == 201
    doc = client.get("/documents/amazon").json()
    assert (doc["site"], doc["authors"], doc["date"], doc["language"]) == ("Vice", ["Madeleine Gregory"], "2019-08-21", "en")
    assert doc["url"].startswith("https://www.vice.com/en_uk/article/d3avvm/")
    assert "Tagged:" not in doc["text"] and doc["text"].startswith("This article originally appeared on VICE US.")
    # Plain text files state none of it.
    plain = client.get(f"/documents/{ISTANBUL}").json()
    assert (plain["site"], plain["authors"], plain["url"]) == (None, [], None)


def test_documents_delete_removes_chunks_everywhere(client):
    r = client.delete(f"/documents/{ISTANBUL}")
    assert r.status_code == 204
    assert client.get(f"/documents/{ISTANBUL}").status_code == 404
    assert client.delete(f"/documents/{ISTANBUL}").status_code == 404
    answer = client.post("/ask", json={"question": "Where was the second round of talks held?"}).json()
    assert all(p["article_id"] != ISTANBUL for p in answer["passages"])


def test_writes_need_the_api_key_when_set(client_factory):
    client = client_factory(api_key="s3cret-key-123")
    upload = {"file": ("k.txt", b"Key test\nA sentence about talks in Vienna.", "text/plain")}
    assert client.post("/documents", files=upload).status_code == 401
    assert client.post("/documents", files=upload, headers={"Authorization": "Bearer wrong-key-000"}).status_code == 401
    assert client.delete(f"/documents/{ISTANBUL}").status_code == 401
    ok = client.post("/documents", files=upload, headers={"Authorization": "Bearer s3cret-key-123"})
    assert ok.status_code == 201
    assert client.get("/documents").status_code == 200  # reads stay open by default


def test_reads_can_be_protected_too(client_factory):
    client = client_factory(api_key="s3cret-key-123", protect_reads=True)
    assert client.post("/ask", json={"question": "Where were the talks?"}).status_code == 401
    assert client.get("/documents", headers={"Authorization": "Bearer s3cret-key-123"}).status_code == 200
    assert client.get("/health").status_code == 200


def test_openai_compatible_endpoints(client):
    models = client.get("/v1/models").json()
    assert models["data"][0]["id"] == "newsrag"
    r = client.post("/v1/chat/completions", json={"model": "newsrag", "messages": [
        {"role": "user", "content": "What share of Russia's budget goes to the military?"}]})
    body = r.json()
    assert body["object"] == "chat.completion" and "43%" in body["choices"][0]["message"]["content"]
    assert body["citations"] and "Sources:" in body["choices"][0]["message"]["content"]


def test_page_and_docs_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "newsrag" in page.text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/docs").status_code == 200
    assert "/ask" in client.get("/openapi.json").json()["paths"]


@pytest.fixture()
def pages_server():
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(Path(__file__).resolve().parents[3] / "shared" / "html"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_documents_url_refuses_private_addresses_by_default(client, pages_server):
    before = client.get("/documents").json()
    r = client.post("/documents/url", json={"url": f"{pages_server}/vice.com.amazon.html"})
    assert r.status_code == 400 and "RAG_ALLOW_PRIVATE_URLS" in r.json()["error"]["message"]
    bad = client.post("/documents/url", json={"url": "ftp://example.com/story.html"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_input"
    assert client.get("/documents").json() == before


def test_documents_url_ingests_a_page_once_when_private_urls_are_allowed(client_factory, pages_server):
    client = client_factory(allow_private_urls=True, max_upload_bytes=100_000)
    first = client.post("/documents/url", json={"url": f"{pages_server}/threatpost.com.android.html"})
    assert first.status_code == 201 and first.json()["status"] == "added"
    doc = first.json()["document"]
    assert (doc["site"], doc["authors"], doc["date"]) == ("Threatpost", ["Lindsey O'Donnell"], "2019-07-30")
    assert client.post("/documents/url", json={"url": f"{pages_server}/threatpost.com.android.html"}).json()["status"] \
        == "unchanged"
    stored = client.get("/documents").json()
    wrong_type = client.post("/documents/url", json={"url": f"{pages_server}/README.md"})
    assert wrong_type.status_code == 415 and wrong_type.json()["error"]["code"] == "unsupported_type"
    too_large = client.post("/documents/url", json={"url": f"{pages_server}/vice.com.amazon.html"})  # 227 kB
    assert too_large.status_code == 413 and too_large.json()["error"]["code"] == "too_large"
    unreachable = client.post("/documents/url", json={"url": "http://127.0.0.1:9/story.html"})
    assert unreachable.status_code == 400 and "cannot fetch" in unreachable.json()["error"]["message"]
    assert client.get("/documents").json() == stored


def test_ask_filters_by_site_name(client):
    page = (Path(__file__).resolve().parents[3] / "shared" / "html" / "vice.com.amazon.html").read_bytes()
    assert client.post("/documents", files={"file": ("amazon.html", page, "text/html")}).status_code == 201
    r = client.post("/ask", json={"question": "Which city's sky went dark?", "filters": {"sites": ["Vice"]}})
    assert r.status_code == 200
    assert r.json()["passages"] and {p["article_id"] for p in r.json()["passages"]} == {"amazon"}
    bad = client.post("/ask", json={"question": "Which city?", "filters": {"sites": []}})
    assert bad.status_code in (400, 422)
