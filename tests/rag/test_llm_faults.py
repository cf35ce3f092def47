"""The `openai` LLM backend against servers that refuse, hang, fail or answer garbage."""

import contextlib
import time

import pytest

from rag.backends.openai_api import OpenAILLM
from rag.errors import LLMUnavailableError
from tests.conftest import free_port
from tests.faults import faulty_server

TIMEOUT_S = 2.0
# Connection set-up plus scheduling noise on a busy 2-core machine.
SLACK_S = 3.0
FAULTS = ["refused", "hang", "http500", "garbage_text", "garbage_json", "garbage_stream"]


@pytest.fixture()
def broken_llm(settings_factory):
    @contextlib.contextmanager
    def make(mode: str):
        with contextlib.ExitStack() as stack:
            url = f"http://127.0.0.1:{free_port()}/v1" if mode == "refused" else stack.enter_context(faulty_server(mode))
            yield OpenAILLM.from_settings(settings_factory(
                llm_backend="openai", openai_base_url=url, openai_timeout_s=TIMEOUT_S, llm_model="m"))

    return make


@pytest.mark.parametrize("mode", FAULTS)
def test_openai_llm_complete_fails_clearly_within_the_timeout(broken_llm, mode):
    with broken_llm(mode) as llm:
        t0 = time.monotonic()
        with pytest.raises(LLMUnavailableError, match="^answer generation: "):
            llm.complete([{"role": "user", "content": "hello"}])
        assert time.monotonic() - t0 < TIMEOUT_S + SLACK_S


# "trickle" sends a valid token every second forever: each read is quick, only a total deadline stops it.
@pytest.mark.parametrize("mode", FAULTS + ["trickle"])
def test_openai_llm_stream_fails_clearly_within_the_timeout(broken_llm, mode):
    with broken_llm(mode) as llm:
        t0 = time.monotonic()
        with pytest.raises(LLMUnavailableError, match="^answer generation: "):
            for _ in llm.stream([{"role": "user", "content": "hello"}]):
                pass
        assert time.monotonic() - t0 < TIMEOUT_S + SLACK_S
