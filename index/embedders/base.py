"""The one embedder interface: backends fill in `_load` and `_embed`, this class does the rest.

A backend implements `_load` (return its model; called once, on first use, under a lock) and
`_embed` (a batch of texts to raw vectors). This class does the rest: batching, empty input,
L2-normalisation, float32. It imports nothing heavy, so a question from the command line does
not pay for llama-index; `as_llama_index()` wraps the same embedder as a llama-index
`BaseEmbedding` for any llama-index component (`embed_model=embedder.as_llama_index()`).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np

from index.errors import ConfigError

if TYPE_CHECKING:
    from index.embedders.llama import LlamaIndexEmbedding

Kind = Literal["query", "document"]

# Loading is rare and short; one lock for every embedder keeps instances picklable and copyable.
_LOAD_LOCK = threading.Lock()


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors of length `dim` (a `TextEmbedder`)."""

    #: Import names of the packages the backend needs (checked by `get_embedder`).
    requires: ClassVar[tuple[str, ...]] = ()
    #: The command that installs them, shown when one is missing.
    install: ClassVar[str] = "pip install storybot"

    #: The model's name, as llama-index and the logs show it.
    model_name: str
    #: The length of every vector.
    dim: int
    #: Texts given to `_embed` at once.
    embed_batch_size: int = 10

    def __init__(self) -> None:
        self._model: Any = None

    @classmethod
    def missing_packages(cls) -> list[str]:
        """The packages in `requires` that are not installed (found without importing them)."""
        return [name for name in cls.requires if importlib.util.find_spec(name) is None]

    @property
    def is_loaded(self) -> bool:
        """True once the model has been loaded."""
        return self._model is not None

    def load(self) -> Any:
        """Return the model, loading it on the first call (thread-safe)."""
        model = self._model
        if model is None:
            with _LOAD_LOCK:
                if self._model is None:
                    try:
                        self._model = self._load()
                    except (ImportError, OSError, RuntimeError) as exc:
                        raise ConfigError(
                            f"The {self.model_name} embedding model cannot be loaded ({exc})",
                            f"Reinstall it with: {self.install}",
                        ) from exc
                model = self._model
        return model

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts to search: (n, dim) float32 unit rows (zero for a text with no tokens)."""
        return self._embed_all(list(texts), "document")

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query: a (dim,) float32 vector of unit length."""
        return self._embed_all([text], "query")[0]

    @abstractmethod
    def _load(self) -> Any:
        """Load and return the model; called once, under a lock, never at construction."""

    @abstractmethod
    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        """Embed 1 to `embed_batch_size` texts (model from `self.load()`), not yet normalised."""

    def _embed_all(self, texts: list[str], kind: Kind) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if texts:
            self.load()  # so that `_embed` can take the model from `self.load()` at no cost
        step = self.embed_batch_size
        for start in range(0, len(texts), step):
            batch = texts[start : start + step]
            vectors = np.asarray(self._embed(batch, kind), dtype=np.float32)
            if vectors.shape != (len(batch), self.dim):
                raise ValueError(
                    f"{type(self).__name__}._embed returned shape {vectors.shape}, "
                    f"expected {(len(batch), self.dim)}"
                )
            out[start : start + len(batch)] = vectors
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def as_llama_index(self) -> LlamaIndexEmbedding:
        """This embedder as a llama-index `BaseEmbedding` (imports llama-index)."""
        from index.embedders.llama import LlamaIndexEmbedding

        return LlamaIndexEmbedding(self)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the loaded model (it reloads on first use), e.g. for worker processes."""
        return {**self.__dict__, "_model": None}
