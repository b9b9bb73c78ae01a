"""Which sentences of other articles say the same thing as a given one (corroboration).

Answers and summaries cite every version of a fact. "Same fact" is decided exactly as
`storybot compare` decides it: `index.text.alignment.alignment_scores` (meaning and shared words)
at its calibrated `ALIGN_THRESHOLD`, so an answer's "reported by both sources" and the
comparison's "reported by both" always agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from index.store.catalog import Catalog
from index.text.alignment import ALIGN_THRESHOLD, alignment_scores


def similarities(catalog: Catalog, i: int, others: Iterable[int]) -> np.ndarray:
    """How likely sentence i states the same fact as each of the others (0 to about 1)."""
    return alignment_scores(catalog, [i], list(others))[0]


def corroborating(
    catalog: Catalog, i: int, threshold: float = ALIGN_THRESHOLD, shortlist: int = 24
) -> list[int]:
    """For each other article, its sentence that states the same fact as sentence i, if any.

    A cosine shortlist over the whole catalog keeps this fast on large stores; the lexical
    part of the score is computed only for the shortlist.
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
