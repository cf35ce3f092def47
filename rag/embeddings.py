"""The embedder interface and the one place that picks its backend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from rag.settings import Settings


@dataclass(frozen=True)
class EmbeddingSignature:
    """What a store was embedded with; a store only accepts vectors of the same signature."""

    backend: str
    model: str
    dim: int

    def describe(self) -> str:
        return f"{self.backend}:{self.model} ({self.dim} dims)"


class Embedder(Protocol):
    signature: EmbeddingSignature

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...

    def embed_query(self, text: str) -> np.ndarray: ...


def embedder_from_settings(settings: Settings) -> Embedder:
    match settings.embed_backend:
        case "local":
            from rag.backends.sbert import LocalEmbedder

            return LocalEmbedder.from_settings(settings)
        case "openai":
            from rag.backends.openai_api import OpenAIEmbedder

            return OpenAIEmbedder.from_settings(settings)
    raise AssertionError(settings.embed_backend)


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
