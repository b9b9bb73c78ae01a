"""The index's hand-offs, as Protocols: what the engine, the catalog and retrieval rely on.

`Store` is implemented by `index.store.chroma.ChromaStore`; `TextEmbedder` by every backend in
`index/embedders/` (through `index.embedders.base.Embedder`). A new store or embedder
implements one of these; nothing else needs to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from index.records import Article, Hit, ParsedArticle, Sentence, StoreMark


class Store(Protocol):
    """Articles, sentences and chunks with their vectors, each article stored whole."""

    @property
    def name(self) -> str:
        """Names this store's collections (one set per embedder); caches are kept under it."""
        ...

    @property
    def store_id(self) -> str:
        """Identifies the store's contents across processes (with `revision`, for caches)."""
        ...

    @property
    def dim(self) -> int:
        """The length of the stored vectors."""
        ...

    def marked(self) -> StoreMark | None:
        """What the store's writers last recorded (revision key, listing digest), known
        without opening the store; None when unknown (then ask the store)."""
        ...

    def revision(self) -> int:
        """A counter bumped by every write, so readers can tell when to reload."""
        ...

    def list_articles(self) -> list[Article]:
        """Every committed article, in id order."""
        ...

    def article_versions(self) -> dict[str, tuple[str, int]]:
        """Each committed article's version and sentence count (what caches are checked against)."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """One committed article, or None."""
        ...

    def load_sentences(self, articles: Sequence[Article]) -> tuple[list[Sentence], np.ndarray]:
        """All sentences of the given committed articles, in (article, n) order, with vectors."""
        ...

    def query_chunks(self, vector: np.ndarray, k: int) -> list[Hit]:
        """The k nearest chunks, each with its sentence range; callers filter versions."""
        ...

    def write_many(self, items: Sequence[tuple[ParsedArticle, np.ndarray, np.ndarray]]) -> None:
        """Store several articles (with sentence and chunk vectors), each whole or not at all."""
        ...

    def delete(self, article_id: str) -> None:
        """Remove an article and everything stored for it."""
        ...

    def close(self) -> None:
        """Let go of the store (its lock, if any)."""
        ...


class TextEmbedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of length `dim`."""

    model_name: str
    dim: int

    def load(self) -> Any:
        """Load the model now, if not yet loaded (it otherwise loads on first use)."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts to search: an (n, dim) array of unit rows."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query: a (dim,) unit vector."""
        ...
