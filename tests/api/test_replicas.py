"""Replicas that agree: two `newsrag serve` processes on one real `chroma run`, started by deploy/replicas.py."""

import json
import os
import signal
import threading
import time

import httpx
import pytest

from tests.conftest import serve

pytestmark = pytest.mark.server
# Short enough that a test waits out a killed writer's lease quickly; the defaults are 30 s and 10 s.
LEASE_S, WAIT_S = "3", "5"


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    from deploy.replicas import launched

    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_WRITE_LEASE_S=LEASE_S, RAG_WRITE_WAIT_S=WAIT_S)
    with launched(2, tmp_path_factory.mktemp("replicas"), env) as urls:
        yield {"chroma": urls["chroma"], "a": urls["replica-1"], "b": urls["replica-2"], "env": env}


def _upload(url: str, name: str, text: str) -> httpx.Response:
    return httpx.post(url + "/documents", files={"file": (name, text.encode())}, timeout=60)


def _bm25_top(url: str, question: str) -> str | None:
    """The article of the chunk the replica's keyword index ranks first for the question."""
    reply = httpx.post(url + "/search", json={"question": question, "top_k": 5}, timeout=30)
    reply.raise_for_status()
    firsts = [p["article_id"] for p in reply.json()["passages"] if p["bm25_rank"] == 1]
    return firsts[0] if firsts else None


def _eventually(check, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def _article(n: int, word: str) -> str:
    return (f"The {word} cooperative, report {n}\n"
            f"The {word} cooperative of village {n} opened a new grain store on May {n % 28 + 1}, 2025. "
            f"Farmers said the {word} store holds {n * 10} tonnes and will serve {n + 3} nearby villages. "
            "Officials expect the harvest to be larger than last year's after spring rain.\n")


def test_replicas_an_upload_on_a_is_found_by_bs_keyword_search_and_a_delete_is_gone(replicas):
    a, b = replicas["a"], replicas["b"]
    assert _upload(a, "quokka.txt", "Quokka summit\nThe quokka summit convened in Perth on March 2, 2025.").status_code == 201
    assert _eventually(lambda: _bm25_top(b, "quokka summit Perth") == "quokka")
    assert httpx.delete(a + "/documents/quokka").status_code == 204
    assert _eventually(lambda: _bm25_top(b, "quokka summit Perth") is None)
    assert httpx.get(b + "/documents/quokka").status_code == 404


def test_replicas_ingesting_different_folders_at_once_store_every_article_once(replicas):
    a, b = replicas["a"], replicas["b"]
    batches = {a: [(f"north-{n}.txt", _article(n, f"zorblat{n}")) for n in range(8)],
               b: [(f"south-{n}.txt", _article(n, f"quimbrel{n}")) for n in range(8)]}
    statuses = []

    def ingest(url):
        statuses.extend(_upload(url, name, text).status_code for name, text in batches[url])

    threads = [threading.Thread(target=ingest, args=(url,)) for url in batches]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert statuses == [201] * 16
    ids = [d["id"] for d in httpx.get(a + "/documents").json()]
    expected = {name.removesuffix(".txt") for files in batches.values() for name, _ in files}
    assert expected <= set(ids) and len(ids) == len(set(ids))
    for url in (a, b):
        for n in range(8):
            assert _eventually(lambda: _bm25_top(url, f"zorblat{n} cooperative") == f"north-{n}")
            assert _eventually(lambda: _bm25_top(url, f"quimbrel{n} cooperative") == f"south-{n}")


def test_replicas_a_write_waits_for_the_lease_and_then_gets_503(replicas, library_factory):
    from rag.changes import ChromaLease

    other = ChromaLease(library_factory(chroma_url=replicas["chroma"]).store.control, ttl_s=30, wait_s=0)
    with other.held(["someone-elses"]):
        busy = _upload(replicas["a"], "late.txt", "Late report\nThe late report arrived on June 1, 2025.")
    assert busy.status_code == 503 and busy.json()["error"]["code"] == "write_busy"
    assert busy.headers["Retry-After"] == "1"
    assert _upload(replicas["a"], "late.txt", "Late report\nThe late report arrived on June 1, 2025.").status_code == 201


def test_replicas_a_replica_killed_mid_write_blocks_the_others_only_until_its_lease_expires(
    replicas, library_factory, tmp_path
):
    """A third replica is killed (-9) while it holds the lease writing a long upload; B's next upload waits for
    the lease to expire, cleans the half-written chunks, and the long article, uploaded again, is stored once."""
    long_text = "The long cooperative report\n" + "".join(_article(n, f"vextrom{n}") for n in range(120))
    control = library_factory(chroma_url=replicas["chroma"]).store.control
    env = {k: v for k, v in replicas["env"].items() if k.startswith("RAG_")} | {"RAG_CHROMA_URL": replicas["chroma"]}
    with serve(tmp_path, **env) as (c, proc, _):
        threading.Thread(target=_upload_ignoring_errors, args=(c, "long.txt", long_text), daemon=True).start()
        caught = _eventually(lambda: _writing(control.read("lease"), proc.pid), 240)
        os.kill(proc.pid, signal.SIGKILL)
    assert caught, "the replica was not seen holding the lease for its write"

    t0 = time.monotonic()
    assert _upload(replicas["b"], "after.txt", "After the crash\nThe okapi census was published on July 4, 2025.").status_code == 201
    assert time.monotonic() - t0 < float(WAIT_S)
    assert _eventually(lambda: _bm25_top(replicas["a"], "okapi census") == "after")
    # Whatever the killed write left is either the whole article or nothing, on both replicas.
    stored = "long" in [d["id"] for d in httpx.get(replicas["a"] + "/documents").json()]
    for url in (replicas["a"], replicas["b"]):
        assert _eventually(lambda: _bm25_top(url, "vextrom7") == ("long" if stored else None))
    assert _upload(replicas["b"], "long.txt", long_text).status_code == 201
    ids = [d["id"] for d in httpx.get(replicas["b"] + "/documents").json()]
    assert ids.count("long") == 1 and len(ids) == len(set(ids))
    assert _eventually(lambda: _bm25_top(replicas["a"], "vextrom7") == "long")


def _upload_ignoring_errors(url: str, name: str, text: str) -> None:
    try:
        _upload(url, name, text)
    except httpx.HTTPError:
        pass  # the replica is killed mid-request


def _writing(lease: dict | None, pid: int) -> bool:
    return bool(lease) and f":{pid}:" in lease["holder"] and json.loads(lease["articles"]) != []


def test_replicas_a_restarted_replica_catches_up_from_the_change_feed(replicas, tmp_path):
    a = replicas["a"]
    assert _upload(a, "gone.txt", "Gone soon\nThe narwhal gala was cancelled on April 9, 2025.").status_code == 201
    env = dict(RAG_CHROMA_URL=replicas["chroma"])
    with serve(tmp_path, **env) as (c, _, _):
        assert _eventually(lambda: _bm25_top(c, "narwhal gala") == "gone")
    # While the third replica is down, A adds one article and deletes another.
    assert _upload(a, "new.txt", "New while away\nThe pangolin fair opened on August 2, 2025.").status_code == 201
    assert httpx.delete(a + "/documents/gone").status_code == 204
    with serve(tmp_path, **env) as (c, _, log):
        assert _bm25_top(c, "pangolin fair") == "new"
        assert _bm25_top(c, "narwhal gala") is None
    assert "rebuilding" not in log.read_text()  # caught up from its saved index and the feed, not rebuilt
