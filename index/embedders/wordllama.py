"""WordLlama (static 256-d token embeddings, no torch): the fast default.

Two traps, both seen here: WordLlama looks for its tokenizer in `tokenizer/` but ships it in
`tokenizers/`, so a plain `WordLlama.load()` tries the network — we load from the package
folder with downloads disabled; and importing wordllama calls `logging.basicConfig(INFO)`, so we
restore the root logger around the import.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

import numpy as np

from index.embedders.base import Embedder, Kind


def import_quietly(module: str) -> Any:
    """Import a module without letting it reconfigure the root logger."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        return importlib.import_module(module)
    finally:
        root.setLevel(level)
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)


class WordLlamaEmbedder(Embedder):
    """wordllama 0.4 `l2_supercat` at 256 dimensions, loaded from its own package folder."""

    model_name: str = "wordllama-l2-supercat-256"
    dim: int = 256
    batch_size: int = 2048

    def _load(self) -> Any:
        wordllama = import_quietly("wordllama")
        folder = Path(wordllama.__file__).parent
        return wordllama.WordLlama.load(dim=self.dim, cache_dir=folder, disable_download=True)

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        return self.model.embed(texts, norm=False, batch_size=self.batch_size)
