"""The default embedder: WordLlama l2_supercat, 256-d averaged static token vectors, no torch."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from index.embedders.base import Embedder, Kind

if TYPE_CHECKING:
    from wordllama import WordLlamaInference

# Texts go to WordLlama sorted by length, in sub-batches padded to their longest text: 32 was
# the fastest sub-batch on 2 cores (about 2x the package's own unsorted batches of 64).
_SUB_BATCH = 32


@contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Undo what the block does to the root logger's level and handlers."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


class WordLlamaEmbedder(Embedder):
    """WordLlama 0.4 (l2_supercat, 256 dimensions): thousands of sentences a second on a CPU."""

    requires: ClassVar[tuple[str, ...]] = ("wordllama",)
    install: ClassVar[str] = "pip install 'wordllama==0.4.0.post1'"

    model_name: str = "wordllama-l2_supercat-256"
    dim: int = 256
    embed_batch_size: int = 1024

    def _load(self) -> WordLlamaInference:
        # Importing wordllama calls logging.basicConfig(level=INFO): keep the app's logging.
        with _root_logging_kept():
            import wordllama

        # WordLlama looks for its tokenizer in `tokenizer/` but ships it in `tokenizers/`, which
        # is where a cache_dir is searched: pointed at its own folder it never needs the network.
        package = Path(wordllama.__file__).parent
        return wordllama.WordLlama.load(cache_dir=package, disable_download=True)

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        model = self.load()
        order = np.argsort([len(text) for text in texts], kind="stable")
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        vectors[order] = model.embed([texts[i] for i in order], batch_size=_SUB_BATCH)
        return vectors
