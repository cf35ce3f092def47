"""A sick LLM server never hangs or crashes a request: 503 or an extractive answer, as configured."""

import contextlib
import time

import pytest

from rag.backends.openai_api import OpenAILLM
from tests.conftest import free_port, sse_events
from tests.faults import faulty_server

TIMEOUT_S = 2.0
# Retrieval and evidence selection run before the model is asked.
SLACK_S = 5.0
# A statement question: a typed one ("Where ...?") is answered by its short answer span without the model.
QUESTION = "What did Kellogg demand of Russia in Munich?"
FAULTS = ["refused", "hang", "http500", "garbage_json"]


@pytest.fixture()
def client_with_broken_llm(client_factory, settings_factory):
    @contextlib.contextmanager
    def make(mode: str, on_failure: str):
        with contextlib.ExitStack() as stack:
            url = f"http://127.0.0.1:{free_port()}/v1" if mode == "refused" else stack.enter_context(faulty_server(mode))
            llm = OpenAILLM.from_settings(settings_factory(
                llm_backend="openai", openai_base_url=url, openai_timeout_s=TIMEOUT_S, llm_model="m"))
            yield client_factory(llm=llm, on_llm_failure=on_failure)

    return make


@pytest.mark.parametrize("mode", FAULTS)
def test_ask_with_a_failing_llm_is_a_503_within_the_timeout(client_with_broken_llm, mode):
    with client_with_broken_llm(mode, "error") as client:
        t0 = time.monotonic()
        r = client.post("/ask", json={"question": QUESTION})
        assert time.monotonic() - t0 < TIMEOUT_S + SLACK_S
        assert r.status_code == 503 and r.json()["error"]["code"] == "llm_unavailable"
        assert "answer generation" in r.json()["error"]["message"]
        s = client.post("/chat", json={"messages": [{"role": "user", "content": QUESTION}], "stream": True})
        kinds = [e for e, _ in sse_events(s.text)]
        assert kinds[-1] == "error" and "answer" not in kinds
        assert client.get("/health").status_code == 200
        # The worker is not stuck: a question that needs no model still answers.
        assert client.post("/ask", json={"question": "What colour is the moon's cheese?"}).status_code == 200


@pytest.mark.parametrize("mode", FAULTS)
def test_ask_with_a_failing_llm_falls_back_to_the_evidences_own_words(client_with_broken_llm, mode):
    with client_with_broken_llm(mode, "extractive") as client:
        t0 = time.monotonic()
        body = client.post("/ask", json={"question": QUESTION}).json()
        assert time.monotonic() - t0 < TIMEOUT_S + SLACK_S
        # Quoted, or shortened from the quote to what it asserts: either way made without the model.
        assert body["fallback"] in ("extractive", "composed") and body["llm_error"].startswith("answer generation:")
        assert body["grounded"] and body["citations"] and body["short_answer"]
        texts = {}
        for c in body["citations"]:
            texts[c["article_id"]] = client.get(f"/documents/{c['article_id']}").json()["text"]
            assert texts[c["article_id"]][c["start"] : c["end"]] == c["quote"]
        for short in body["short_answer"]:
            text = texts[short["article_id"]]
            for a, b in short["pieces"] or [(short["start"], short["end"])]:
                assert text[a:b].lower() in body["answer"].lower()
        s = client.post("/chat", json={"messages": [{"role": "user", "content": QUESTION}], "stream": True})
        streamed = sse_events(s.text)
        assert [e for e, _ in streamed][-2:] == ["answer", "done"]
        assert streamed[-2][1]["fallback"] == body["fallback"]
