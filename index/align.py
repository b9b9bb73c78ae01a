"""Which sentences of different articles say the same thing.

Two versions of one report word the same fact differently, so similarity mixes meaning (the
embedder's cosine) with shared content words and shared numbers. Used to group corroborating
sentences in answers and summaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from index.catalog import Catalog

SAME_FACT = 0.55
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> frozenset[str]:
    """The numbers a sentence states, normalised ("13.5", "100", "2025")."""
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


def pair_similarity(catalog: Catalog, i: int, j: int) -> float:
    """How likely sentences i and j state the same fact: 0 (unrelated) to 1 (same)."""
    cosine = float(catalog.vectors[i] @ catalog.vectors[j])
    a, b = catalog.sentence_terms(i), catalog.sentence_terms(j)
    dice = 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0
    return 0.5 * cosine + 0.5 * dice


def similarities(catalog: Catalog, i: int, others: Iterable[int]) -> np.ndarray:
    """pair_similarity of sentence i against many others, vectorised on the cosine part."""
    others = list(others)
    if not others:
        return np.zeros(0, dtype=np.float32)
    cosines = catalog.vectors_of(others) @ catalog.vectors[i]
    a = catalog.sentence_terms(i)
    dice = np.array(
        [2 * len(a & (b := catalog.sentence_terms(j))) / ((len(a) + len(b)) or 1) for j in others],
        dtype=np.float32,
    )
    return 0.5 * cosines + 0.5 * dice


def corroborating(
    catalog: Catalog, i: int, threshold: float = SAME_FACT, shortlist: int = 24
) -> list[int]:
    """For each other article, its sentence that states the same fact as sentence i, if any.

    A cosine shortlist over the whole catalog keeps this fast on large stores; the lexical
    part of the similarity is computed only for the shortlist.
    """
    own = catalog.span(catalog.sentences[i].article_id)
    cosines = catalog.vectors @ catalog.vectors[i]
    cosines[own.start : own.stop] = -np.inf
    size = min(shortlist, len(cosines) - len(own))
    if size <= 0:
        return []
    top = np.argpartition(-cosines, size - 1)[:size]
    scores = similarities(catalog, i, top.tolist())
    best: dict[str, tuple[float, int]] = {}
    for j, score in zip(top.tolist(), scores.tolist(), strict=True):
        article_id = catalog.sentences[j].article_id
        if score >= threshold and score > best.get(article_id, (-1.0, -1))[0]:
            best[article_id] = (score, j)
    return sorted(j for _, j in best.values())
