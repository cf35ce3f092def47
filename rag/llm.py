"""The LLM interface and the one place that picks its backend."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from rag.settings import Settings

Message = dict[str, str]


class LLM(Protocol):
    name: str
    # A small local model needs a few exact sentences; a capable one may take whole passages.
    capable: bool

    def complete(self, messages: list[Message]) -> str: ...

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Text deltas as the model produces them."""
        ...


def llm_from_settings(settings: Settings) -> LLM:
    match settings.llm_backend:
        case "local":
            from rag.backends.llama_local import LocalLLM

            return LocalLLM.from_settings(settings)
        case "openai":
            from rag.backends.openai_api import OpenAILLM

            return OpenAILLM.from_settings(settings)
    raise AssertionError(settings.llm_backend)
