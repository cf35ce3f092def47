"""Everything that talks to an OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp server)."""

from __future__ import annotations

import time

import httpx
import numpy as np
import openai

from rag.embeddings import EmbeddingSignature, normalise
from rag.errors import LLMUnavailableError
from rag.settings import Settings

# Local servers ignore the key, but the SDK refuses to start without one.
_PLACEHOLDER_KEY = "not-needed"


def make_client(settings: Settings) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key.get_secret_value() if settings.openai_api_key else _PLACEHOLDER_KEY,
        timeout=settings.openai_timeout_s,
        max_retries=settings.openai_max_retries,
    )


def upstream_error(exc: Exception, what: str) -> LLMUnavailableError:
    """One clear message for any failure of the remote server."""
    if isinstance(exc, openai.APITimeoutError):
        return LLMUnavailableError(f"{what}: the OpenAI-compatible server timed out")
    if isinstance(exc, openai.APIConnectionError):
        return LLMUnavailableError(f"{what}: cannot connect to the OpenAI-compatible server")
    if isinstance(exc, openai.APIStatusError):
        return LLMUnavailableError(f"{what}: the server answered HTTP {exc.status_code}")
    return LLMUnavailableError(f"{what}: unusable answer from the server ({type(exc).__name__})")


class OpenAIEmbedder:
    """Embeddings from any server that speaks POST /v1/embeddings."""

    def __init__(self, client: openai.OpenAI, model: str, batch_size: int = 64) -> None:
        self._client = client
        self._model = model
        self._batch_size = batch_size
        dim = self._request(["dimension probe"]).shape[1]
        self.signature = EmbeddingSignature("openai", model, dim)

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIEmbedder:
        return cls(make_client(settings), settings.embed_model_name, settings.embed_batch_size)

    def _request(self, texts: list[str]) -> np.ndarray:
        try:
            response = self._client.embeddings.create(model=self._model, input=texts)
            rows = sorted(response.data, key=lambda d: d.index)
            return normalise(np.array([r.embedding for r in rows], dtype=np.float32))
        except _FAILURES as exc:
            raise upstream_error(exc, "embedding") from exc

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.signature.dim), dtype=np.float32)
        parts = [self._request(texts[i : i + self._batch_size]) for i in range(0, len(texts), self._batch_size)]
        return np.vstack(parts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


class OpenAILLM:
    """Chat completions from OpenAI or any OpenAI-compatible server."""

    capable = True

    def __init__(self, client: openai.OpenAI, model: str, max_tokens: int, temperature: float, timeout_s: float) -> None:
        # One attempt per answer: a retry would double how long a user waits on a sick server.
        self._client = client.with_options(max_retries=0)
        self.name = model
        self._max_tokens = max_tokens
        self._temperature = temperature
        self._timeout_s = timeout_s

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAILLM:
        return cls(make_client(settings), settings.llm_model, settings.llm_max_tokens, settings.llm_temperature,
                   settings.openai_timeout_s)

    def complete(self, messages: list[dict[str, str]]) -> str:
        try:
            response = self._client.chat.completions.create(
                model=self.name, messages=messages, max_tokens=self._max_tokens, temperature=self._temperature
            )
            content = response.choices[0].message.content
        except _FAILURES as exc:
            raise upstream_error(exc, "answer generation") from exc
        if not isinstance(content, str):
            raise LLMUnavailableError("answer generation: the server returned no text")
        return content

    def stream(self, messages: list[dict[str, str]]):
        # httpx's timeout bounds each wait for bytes; the deadline also stops a server that trickles.
        deadline = time.monotonic() + self._timeout_s
        try:
            chunks = self._client.chat.completions.create(
                model=self.name, messages=messages, max_tokens=self._max_tokens,
                temperature=self._temperature, stream=True,
            )
            received = 0
            with chunks:
                for chunk in chunks:
                    received += 1
                    if time.monotonic() > deadline:
                        raise LLMUnavailableError(
                            f"answer generation: the server did not finish within {self._timeout_s:.0f} s")
                    if chunk.choices and chunk.choices[0].delta and chunk.choices[0].delta.content:
                        yield chunk.choices[0].delta.content
            if not received:
                raise LLMUnavailableError("answer generation: the server's stream held no completion events")
        except _FAILURES as exc:
            raise upstream_error(exc, "answer generation") from exc


# What a broken server can make the SDK raise: its own errors, transport errors while a stream is
# read, and malformed bodies (missing fields, invalid JSON in an event).
_FAILURES = (openai.OpenAIError, httpx.HTTPError, AttributeError, IndexError, KeyError, TypeError, ValueError)
