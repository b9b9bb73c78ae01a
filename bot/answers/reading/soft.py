"""Soft coverage: each key word of the question matched to its closest word of a sentence by
meaning, so "pilotless aircraft" meets "unmanned aerial vehicles".

Word vectors are WordLlama's (its static token vectors, averaged per word), whatever embedder
the store uses: it always ships with storybot, and a word is embedded once per process.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence

import numpy as np

from index.text.lexical import stem, words
from index.text.nlp_data import stopwords

_VECTORS: dict[str, np.ndarray] = {}
_LOCK = threading.Lock()


@functools.cache
def _model():
    from index.embedders.wordllama import WordLlamaEmbedder

    return WordLlamaEmbedder().load()


# Words that frame a question about the story rather than say what it is about.
_FRAMING = frozenset(
    "story stories article articles report reports piece version versions news according "
    "say says said tell told mention mentioned much many kind sort exactly".split()
)


def content_words(text: str) -> list[str]:
    """Lower-case words of a text without stopwords or framing words, in order, each once."""
    stop = stopwords()
    return list(
        dict.fromkeys(w for w in words(text) if w not in stop and w not in _FRAMING and len(w) > 1)
    )


def vectors(items: Sequence[str]) -> np.ndarray:
    """Unit vectors of words (cached per word)."""
    missing = [w for w in dict.fromkeys(items) if w not in _VECTORS]
    if missing:
        found = _model().embed(missing, norm=True)
        with _LOCK:
            if len(_VECTORS) > 200_000:
                _VECTORS.clear()
            _VECTORS.update(zip(missing, np.asarray(found, dtype=np.float32), strict=True))
    dim = next(iter(_VECTORS.values())).shape[0] if _VECTORS else 256
    return np.array([_VECTORS[w] for w in items]).reshape(len(items), dim)


def soft_coverage(asked: Sequence[str], weights: Sequence[float], sentence: Sequence[str]) -> float:
    """Weighted mean over the asked words of their best match in the sentence (1 when equal)."""
    if not asked or not sentence or not sum(weights):
        return 0.0
    stems = {stem(w) for w in sentence}
    q, s = vectors(asked), vectors(sentence)
    best = np.clip((q @ s.T).max(axis=1), 0.0, 1.0)
    exact = np.array([stem(w) in stems for w in asked])
    best = np.where(exact, 1.0, best)
    w = np.asarray(weights, dtype=np.float32)
    return float((best * w).sum() / w.sum())
