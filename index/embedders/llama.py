"""Any storybot embedder as a llama-index `BaseEmbedding`, for `embed_model=` (made on demand).

The async methods run in a worker thread so that embedding (all of it CPU-bound native code)
never stalls a bot's event loop.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from llama_index.core.base.embeddings.base import BaseEmbedding, Embedding
from llama_index.core.bridge.pydantic import PrivateAttr

if TYPE_CHECKING:
    from index.embedders.base import Embedder


class LlamaIndexEmbedding(BaseEmbedding):
    """A llama-index embedding model that asks a storybot `Embedder` for its vectors."""

    _embedder: Any = PrivateAttr()

    def __init__(self, embedder: Embedder, **options: Any) -> None:
        super().__init__(
            model_name=embedder.model_name, embed_batch_size=embedder.embed_batch_size, **options
        )
        self._embedder = embedder

    @classmethod
    def class_name(cls) -> str:
        """The name llama-index serialises this component under."""
        return "storybot.LlamaIndexEmbedding"

    @property
    def embedder(self) -> Embedder:
        """The storybot embedder behind this one."""
        return self._embedder

    def _get_query_embedding(self, query: str) -> Embedding:
        return self._embedder.embed_query(query).tolist()

    def _get_text_embedding(self, text: str) -> Embedding:
        return self._embedder.embed_documents([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[Embedding]:
        return self._embedder.embed_documents(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> Embedding:
        return await asyncio.to_thread(self._get_query_embedding, query)

    async def _aget_text_embedding(self, text: str) -> Embedding:
        return await asyncio.to_thread(self._get_text_embedding, text)

    async def _aget_text_embeddings(self, texts: list[str]) -> list[Embedding]:
        return await asyncio.to_thread(self._get_text_embeddings, texts)
