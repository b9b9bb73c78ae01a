"""The previous summariser, kept as a named baseline for `bench.summaries` (commit f18c288):
centrality to the text's centroid × a mild lead preference × a length factor × a factor for
sentences stating numbers, redundancy removed with MMR, in story order."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from bot.citations import CitationBook
from bot.records import Claim, Summary
from index.store.catalog import Catalog
from index.text.corroboration import corroborating, similarities

LAMBDA, NUMBER_WEIGHT = 0.7, 1.3
_DIGIT = re.compile(r"\d")


def previous_summary(catalog: Catalog, article_ids: Sequence[str], count: int) -> Summary:
    """`count` bullets of the given articles, as the previous summariser chose them."""
    pool = [i for a in article_ids for i in catalog.span(a)]
    chosen = _mmr(catalog, pool, _salience(catalog, pool), count)
    book = CitationBook(catalog)
    claims = []
    for index in sorted(chosen, key=lambda i: _relative(catalog, i)):
        group = sorted([index, *corroborating(catalog, index)]) if len(article_ids) > 1 else [index]
        claims.append(Claim(catalog.sentences[group[0]].text, tuple(book.cite(j) for j in group)))
    return Summary(None, tuple(claims), book.citations)


def _salience(catalog: Catalog, pool: list[int]) -> np.ndarray:
    vectors = catalog.vectors_of(pool)
    centroid = vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    lead = np.array([1.0 - 0.3 * _relative(catalog, i) for i in pool])
    length = np.array([_length(catalog.sentences[i].text) for i in pool])
    facts = np.array(
        [NUMBER_WEIGHT if _DIGIT.search(catalog.sentences[i].text) else 1.0 for i in pool]
    )
    return (vectors @ centroid) * lead * length * facts


def _length(text: str) -> float:
    words = len(text.split())
    if text.rstrip().endswith("?") or words < 6:
        return 0.3
    return 1.0 if words <= 45 else 0.7


def _relative(catalog: Catalog, index: int) -> float:
    span = catalog.span(catalog.sentences[index].article_id)
    return (index - span.start) / max(1, len(span))


def _mmr(catalog: Catalog, pool: list[int], scores: np.ndarray, count: int) -> list[int]:
    chosen: list[int] = []
    redundancy = np.zeros(len(pool), dtype=np.float32)
    available = np.ones(len(pool), dtype=bool)
    while len(chosen) < min(count, len(pool)):
        value = np.where(available, LAMBDA * scores - (1 - LAMBDA) * redundancy, -np.inf)
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            break
        chosen.append(pool[best])
        available[best] = False
        redundancy = np.maximum(redundancy, similarities(catalog, pool[best], pool))
    return chosen
