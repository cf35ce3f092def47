"""Bad input of every kind gets a 4xx with a clear JSON message and leaves the store as it was."""

import pytest

ISTANBUL = "004_d06bf04a0b8af4c5"
Q = "Where were the talks?"


@pytest.fixture(scope="module")
def client(tmp_path_factory, embedder, local_llm):
    """One seeded app for the whole battery; each test checks that the store is unchanged after it."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from rag.answer import Answerer
    from rag.library import Library
    from rag.settings import load_settings
    from tests.conftest import SEEDS

    settings = load_settings(data_dir=tmp_path_factory.mktemp("bad-input") / "data", seeds_dir=SEEDS)
    library = Library.from_settings(settings, embedder=embedder)
    library.ingest_folder(SEEDS)
    answerer = Answerer.from_settings(settings, library=library, llm=local_llm)
    with TestClient(create_app(settings, answerer), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def unchanged(client):
    def snapshot():
        return client.get("/documents").json(), client.get("/ready").json()["chunks"]

    before = snapshot()
    yield
    assert snapshot() == before


def assert_clear_error(r, status, code=None):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert err["message"] and "Traceback" not in err["message"]
    if code:
        assert err["code"] == code


@pytest.mark.parametrize(
    "payload,status,code",
    [
        ({"question": ""}, 422, "validation_error"),
        ({"question": " \t\n "}, 422, "validation_error"),
        ({"question": "x" * 100_000}, 413, "too_large"),
        ({"question": 42}, 422, "validation_error"),
        ({"question": ["a", "list"]}, 422, "validation_error"),
        ({"question": None}, 422, "validation_error"),
        ({"question": Q, "unknown": 1}, 422, "validation_error"),
        ({"question": Q, "top_k": 0}, 422, "validation_error"),
        ({"question": Q, "top_k": -4}, 422, "validation_error"),
        ({"question": Q, "top_k": 10**9}, 422, "validation_error"),
        ({"question": Q, "top_k": "five"}, 422, "validation_error"),
        ({"question": Q, "top_k": "5"}, 422, "validation_error"),
        ({"question": Q, "top_k": 5.0}, 422, "validation_error"),
        ({"question": Q, "filters": {"date_to": 1740000000}}, 422, "validation_error"),
        ({"question": Q, "filters": {"date_to": -6.0e-27}}, 422, "validation_error"),
        ({"question": Q, "filters": {"date_from": "2025-13-45"}}, 422, "validation_error"),
        ({"question": Q, "filters": {"date_from": "last week"}}, 422, "validation_error"),
        ({"question": Q, "filters": {"date_from": "2025-03-01", "date_to": "2025-02-01"}}, 400, "bad_input"),
        ({"question": Q, "filters": {"article_ids": []}}, 422, "validation_error"),
        ({"question": Q, "filters": {"colour": "red"}}, 422, "validation_error"),
        ({}, 422, "validation_error"),
    ],
)
def test_ask_bad_json_is_a_4xx(client, unchanged, payload, status, code):
    assert_clear_error(client.post("/ask", json=payload), status, code)


@pytest.mark.parametrize(
    "body,ctype,status",
    [
        (b"not json", "application/json", 422),
        (b'{"question": "\xff\xfe broken utf-8"}', "application/json", 400),
        (b"\xff\xfe\xfd", "application/json", 400),
        (b'{"question": "Where?"', "application/json", 422),
        (b"question=Where", "application/x-www-form-urlencoded", 422),
        (b"", "application/json", 422),
        (b"[1, 2, 3]", "application/json", 422),
    ],
)
def test_ask_malformed_body_is_a_4xx(client, unchanged, body, ctype, status):
    assert_clear_error(client.post("/ask", content=body, headers={"content-type": ctype}), status)


def test_oversized_json_body_is_refused_before_parsing(client, unchanged):
    r = client.post("/ask", content=b'{"question": "' + b"a" * (2 * 1024 * 1024) + b'"}',
                    headers={"content-type": "application/json"})
    assert_clear_error(r, 413, "too_large")


@pytest.mark.parametrize(
    "messages,status",
    [
        ([], 422),
        ([{"role": "assistant", "content": "hi"}], 400),
        ([{"role": "wizard", "content": "hi"}], 422),
        ([{"role": "user"}], 422),
        ([{"role": "user", "content": "   "}], 400),
        ([{"role": "user", "content": "q"}] * 101, 422),
        ([{"role": "user", "content": [1, 2]}], 422),
    ],
)
def test_chat_bad_messages_are_a_4xx(client, unchanged, messages, status):
    assert_clear_error(client.post("/chat", json={"messages": messages}), status)


def test_chat_stream_flag_must_be_a_boolean(client, unchanged):
    r = client.post("/chat", json={"messages": [{"role": "user", "content": Q}], "stream": "yes"})
    assert_clear_error(r, 422, "validation_error")


@pytest.mark.parametrize(
    "name,data,status",
    [
        ("empty.txt", b"", 400),
        ("blank.txt", b"   \n\t  ", 400),
        ("blob.txt", b"\x00\x01\x02\x03\xff" * 100, 400),
        ("latin.txt", "Caf\u00e9 talks".encode("utf-16"), 400),
        ("notes.pdf", b"%PDF-1.4 ...", 415),
        ("noext", b"Some text about talks.", 415),
        ("../../etc/passwd", b"root:x:0:0", 400),
        ("..\\..\\secrets.txt", b"A sentence about talks.", 400),
        (".hidden.txt", b"A sentence about talks.", 400),
        ("n" * 300 + ".txt", b"A sentence about talks.", 400),
        ("big.txt", b"a " * (3 * 1024 * 1024), 413),
    ],
)
def test_upload_of_a_bad_file_is_a_4xx(client, unchanged, name, data, status):
    assert_clear_error(client.post("/documents", files={"file": (name, data, "text/plain")}), status)


def test_upload_of_50_mb_is_refused(client, unchanged):
    data = b"word " * (10 * 1024 * 1024)  # 50 MiB
    assert_clear_error(client.post("/documents", files={"file": ("huge.txt", data, "text/plain")}), 413, "too_large")


def test_upload_without_a_file_is_a_4xx(client, unchanged):
    assert_clear_error(client.post("/documents", data={"note": "no file"}), 422)
    assert_clear_error(client.post("/documents", json={"file": "x"}), 422)


@pytest.mark.parametrize("doc_id", ["nope", "..%2F..%2Fetc%2Fpasswd", "x" * 500, ISTANBUL + "-missing"])
def test_unknown_documents_are_404(client, unchanged, doc_id):
    assert_clear_error(client.get(f"/documents/{doc_id}"), 404, "not_found")
    assert_clear_error(client.delete(f"/documents/{doc_id}"), 404, "not_found")


def test_unknown_routes_and_methods_are_json_errors(client, unchanged):
    assert_clear_error(client.get("/nowhere"), 404, "not_found")
    assert_clear_error(client.put("/ask", json={"question": Q}), 405, "method_not_allowed")
