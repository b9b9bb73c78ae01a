"""The one embedder interface: a llama-index `BaseEmbedding` whose subclasses implement `_embed`.

Subclasses turn texts into raw vectors; this base class normalises them, batches, handles
empty input, and provides every method llama-index calls, so the same object serves our
engine (`embed_documents`, `embed_query`: NumPy, fast) and any llama-index component.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

Kind = Literal["query", "document"]


class Embedder(BaseEmbedding):
    """Normalised float32 embeddings from a model bundled in a Python package."""

    dim: int = 0
    batch_size: int = 256
    _model: Any = PrivateAttr(default=None)
    _load_lock: Any = PrivateAttr(default_factory=threading.Lock)

    # -- what a subclass provides --------------------------------------------------------------

    def _load(self) -> Any:
        """Load and return the model (called once, on first use)."""
        raise NotImplementedError

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        """Raw vectors (n, dim) for texts; `kind` lets models prefix queries and passages."""
        raise NotImplementedError

    # -- the fast paths our engine uses --------------------------------------------------------

    @property
    def model(self) -> Any:
        """The loaded model (loaded on first access, thread-safe)."""
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors (n, dim), L2-normalised float32, for passages to store."""
        return self._batched(list(texts), "document")

    def embed_query(self, text: str) -> np.ndarray:
        """One L2-normalised float32 vector (dim,) for a search query."""
        return self._batched([text], "query")[0]

    def _batched(self, texts: list[str], kind: Kind) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            np.asarray(self._embed(texts[i : i + self.batch_size], kind), dtype=np.float32)
            for i in range(0, len(texts), self.batch_size)
        ]
        vectors = np.vstack(parts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.clip(norms, 1e-12, None)

    # -- llama-index's interface ---------------------------------------------------------------

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.embed_query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed_documents([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)
