"""GatedLLM: bounded waiting for the model slot, released even when a stream is abandoned."""

import threading
import time

import pytest

from rag.errors import BusyError
from rag.llm import GatedLLM


class SlowLLM:
    """A stand-in model for this unit: each call holds the slot until `release` is set."""

    name = "slow"
    capable = False

    def __init__(self) -> None:
        self.release = threading.Event()

    def complete(self, messages):
        self.release.wait(10)
        return "done"

    def stream(self, messages):
        yield "a"
        self.release.wait(10)
        yield "b"


def test_gated_llm_gives_busy_after_the_timeout():
    llm = SlowLLM()
    gated = GatedLLM(llm, slots=1, timeout_s=0.3)
    holder = threading.Thread(target=gated.complete, args=([],))
    holder.start()
    time.sleep(0.1)
    t0 = time.monotonic()
    with pytest.raises(BusyError, match="busy"):
        gated.complete([])
    assert 0.25 < time.monotonic() - t0 < 2
    llm.release.set()
    holder.join()
    assert gated.complete([]) == "done"


def test_gated_llm_releases_the_slot_when_a_stream_is_abandoned():
    gated = GatedLLM(SlowLLM(), slots=1, timeout_s=0.3)
    stream = gated.stream([])
    assert next(stream) == "a"
    stream.close()  # the client went away mid-answer
    first = gated.stream([])
    assert next(first) == "a"  # the slot was free again
    first.close()


def test_fair_slots_serve_waiters_in_arrival_order():
    from rag.llm import FairSlots

    slots = FairSlots(1)
    assert slots.acquire(1)
    order: list[int] = []

    def wait(i: int) -> None:
        assert slots.acquire(5)
        order.append(i)
        slots.release()

    threads = []
    for i in range(5):
        threads.append(threading.Thread(target=wait, args=(i,)))
        threads[-1].start()
        time.sleep(0.05)  # arrive one after another
    slots.release()
    for t in threads:
        t.join()
    assert order == [0, 1, 2, 3, 4]
