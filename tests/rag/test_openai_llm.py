"""The `openai` backend against a real OpenAI-compatible server: llama.cpp's own, on loopback."""

import time

import pytest

from rag.backends.openai_api import OpenAILLM
from rag.errors import LLMUnavailableError
from tests.conftest import free_port

pytestmark = pytest.mark.server


def test_openai_backend_gives_a_grounded_cited_answer(answerer_factory, llama_server, settings_factory):
    settings = settings_factory(llm_backend="openai", openai_base_url=llama_server, llm_model="smollm2")
    answerer = answerer_factory(llm=OpenAILLM.from_settings(settings), evidence_sentences=3)
    answerer.library.ingest_folder(answerer.library.settings.seeds_dir)
    answer = answerer.answer("What share of Russia's budget goes to the military?")
    assert answer.grounded and "43%" in answer.answer and answer.model == "smollm2"
    for c in answer.citations:
        assert answerer.library.store.get_article(c.article_id).text[c.start : c.end] == c.quote
    streamed = list(answerer.stream("Who leads Russia's Direct Investment Fund?"))
    assert isinstance(streamed[0], str) and "Dmitriev" in streamed[-1].answer


def test_openai_backend_down_is_a_clear_error_not_a_hang(settings_factory):
    settings = settings_factory(
        llm_backend="openai", openai_base_url=f"http://127.0.0.1:{free_port()}/v1", openai_timeout_s=2
    )
    llm = OpenAILLM.from_settings(settings)
    t0 = time.monotonic()
    with pytest.raises(LLMUnavailableError, match="cannot connect"):
        llm.complete([{"role": "user", "content": "hello"}])
    assert time.monotonic() - t0 < 15
