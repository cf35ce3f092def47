"""The change feed and the write lease, on a real (embedded) Chroma store."""

import json
import subprocess
import sys
import time

import pytest

from rag.changes import LEASE_KEY, ChangeFeed, ChromaLease, Writes
from rag.errors import StoreUnavailableError, WriteBusyError
from rag.writelock import WriteLock


@pytest.fixture()
def store(library_factory):
    return library_factory().store


def test_change_feed_numbers_changes_in_order_and_keeps_recent_history(store):
    feed = ChangeFeed(store.control, history=150)
    versions = [feed.record([f"article-{n}"]) for n in range(1, 206)]
    assert versions == list(range(1, 206))
    # Trimmed at version 200 down to the last 150: a reader at 10 sees the gap and rebuilds.
    kept = feed.after(10)
    assert kept[0].version == 51 and kept[-1] == feed.after(204)[0]
    assert feed.after(204)[0].article_ids == ("article-205",)
    other = ChangeFeed(store.control)
    assert other.latest() == 205 and other.epoch() == feed.epoch()


def test_change_feed_gets_a_new_epoch_when_the_store_is_reset(store):
    feed = ChangeFeed(store.control)
    before = feed.epoch()
    feed.record(["a"])
    store.reset()
    assert feed.epoch() != before and ChangeFeed(store.control).latest() == 0


def test_lease_keeps_a_second_writer_out_until_released(store):
    first = ChromaLease(store.control, ttl_s=30, wait_s=0.3)
    second = ChromaLease(store.control, ttl_s=30, wait_s=0.3)
    with first.held(["a"]):
        t0 = time.monotonic()
        with pytest.raises(WriteBusyError, match="holds the write lease"):
            with second.held(["b"]):
                pass
        assert time.monotonic() - t0 >= 0.3
    with second.held(["b"]) as hold:
        assert hold.inherited == set()
    assert store.control.read(LEASE_KEY) is None


def test_lease_is_renewed_while_its_holder_lives(store):
    slow = ChromaLease(store.control, ttl_s=0.6, wait_s=0)
    other = ChromaLease(store.control, ttl_s=30, wait_s=0)
    with slow.held(["big"]):
        time.sleep(1.5)  # well past the lease's lifetime: the holder's renewals keep it
        with pytest.raises(WriteBusyError):
            with other.held(["b"]):
                pass
    with other.held(["b"]) as hold:
        assert hold.inherited == set()  # released normally, not taken over


def test_lease_of_a_crashed_writer_expires_and_its_articles_are_inherited(store):
    crashed = ChromaLease(store.control, ttl_s=1.0, wait_s=0)
    crashed._acquire(json.dumps(["half-written"]))  # taken and never released, as by a killed process
    waiter = ChromaLease(store.control, ttl_s=30, wait_s=5)
    t0 = time.monotonic()
    writes = Writes(waiter, ChangeFeed(store.control))
    with writes.step(["mine"]) as touched:
        assert touched == {"mine", "half-written"}
    assert 0.5 <= time.monotonic() - t0 < 5
    assert ChangeFeed(store.control).after(0)[-1].article_ids == ("half-written", "mine")


def test_writes_step_records_a_failed_write_and_keeps_the_lock_note_when_the_feed_is_down(store, tmp_path):
    lock = WriteLock(tmp_path / "write.lock")
    feed = ChangeFeed(store.control)
    with pytest.raises(RuntimeError):
        with Writes(lock, feed).step(["x"]):
            raise RuntimeError("the write failed half way")
    assert feed.after(0)[-1].article_ids == ("x",)  # a partial write is still announced

    class DownFeed:
        def record(self, ids):
            raise StoreUnavailableError("cannot write to the change feed")

    with pytest.raises(StoreUnavailableError):
        with Writes(lock, DownFeed()).step(["y"]):
            pass
    with lock.held() as hold:
        assert hold.inherited == {"y"}  # the next writer records it


def test_file_lock_note_of_a_killed_writer_is_inherited(tmp_path):
    path = tmp_path / "write.lock"
    code = ("import sys, time; from pathlib import Path; from rag.writelock import WriteLock\n"
            f"with WriteLock(Path({str(path)!r})).held(['a1', 'a2']):\n"
            "    print('held', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
    finally:
        proc.kill()
        proc.wait()
    with WriteLock(path).held(["b"]) as hold:
        assert hold.inherited == {"a1", "a2"}
    with WriteLock(path).held() as hold:
        assert hold.inherited == set()
