"""Hybrid retrieval of sentences: dense and BM25, fused, with features for answering.

Both retrievers rank sentences, not just chunks. Dense search is exact cosine over the
catalog's vectors, which are in memory anyway (for neighbours, corroboration, summaries): a
question needs no round trip to Chroma, and a cold `storybot ask` does not import it. The
chunk collection in Chroma can add a smaller vote
for sentences whose neighbourhood matches (off by default, see `Weights.chunk`). Each candidate
carries the features the answerer uses to decide whether the articles answer at all (cosine,
term coverage, coverage with neighbours).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from index.protocols import Store, TextEmbedder
from index.store.catalog import Catalog
from index.text.lexical import query_terms

RRF_K = 60.0


@dataclass(frozen=True)
class Query:
    """A question ready for search: its text, content terms and vector."""

    text: str
    terms: tuple[str, ...]
    vector: np.ndarray


@dataclass(frozen=True)
class Candidate:
    """One sentence found for a query, with the evidence for and against it."""

    index: int
    score: float
    cosine: float
    bm25: float
    coverage: float
    context_coverage: float
    fused: float


@dataclass(frozen=True)
class Weights:
    """How fused rank, meaning and term coverage combine into one ranking score."""

    dense: float = 1.0
    lexical: float = 1.0
    # Chunk hits as a third vote measured no gain (SQuAD recall@1 0.713 with 0.5, 0.720
    # without) for 5 ms a question, so they are off by default; chunks stay searchable.
    chunk: float = 0.0
    fused: float = 30.0
    cosine: float = 1.0
    coverage: float = 1.0
    context: float = 0.3


def make_query(text: str, embedder: TextEmbedder) -> Query:
    """Embed and tokenise a question once, for every search that follows."""
    return Query(text, tuple(dict.fromkeys(query_terms(text))), embedder.embed_query(text))


def retrieve(
    query: Query,
    catalog: Catalog,
    store: Store,
    *,
    k: int = 10,
    pool: int = 40,
    articles: Iterable[str] | None = None,
    weights: Weights = Weights(),
) -> list[Candidate]:
    """The k best sentences for the query, best first, optionally within some articles."""
    if not len(catalog):
        return []
    allowed = None if articles is None else set(articles)
    votes: dict[int, float] = {}

    def vote(ranked: Iterable[int], weight: float) -> None:
        for rank, index in enumerate(ranked):
            votes[index] = votes.get(index, 0.0) + weight / (RRF_K + rank)

    dense = _dense(query, catalog, pool, allowed)
    vote(dense, weights.dense)
    bm25 = catalog.lexical.scores(query.terms)
    vote(_top_lexical(bm25, pool, catalog, allowed), weights.lexical)
    if weights.chunk:
        vote(_chunk_sentences(query, catalog, store, pool // 4, allowed), weights.chunk)
    if not votes:
        return []
    indices = list(votes)
    cosines = catalog.vectors_of(indices) @ query.vector
    weighting = _term_weights(query, catalog)
    candidates = []
    for index, cosine in zip(indices, cosines, strict=True):
        coverage = _coverage(weighting, catalog, [index])
        context = _coverage(weighting, catalog, list(catalog.neighbours(index)))
        fused = votes[index]
        score = (
            weights.fused * fused
            + weights.cosine * float(cosine)
            + weights.coverage * coverage
            + weights.context * context
        )
        candidates.append(
            Candidate(index, score, float(cosine), float(bm25[index]), coverage, context, fused)
        )
    candidates.sort(key=lambda c: c.score, reverse=True)
    return candidates[:k]


def _dense(query: Query, catalog: Catalog, pool: int, allowed: set[str] | None) -> list[int]:
    """The `pool` sentences nearest the query by cosine (vectors are unit length)."""
    return _top(catalog.vectors @ query.vector, pool, catalog, allowed, above=-np.inf)


def _top_lexical(
    scores: np.ndarray, pool: int, catalog: Catalog, allowed: set[str] | None
) -> list[int]:
    """The `pool` sentences with the best BM25 scores, those that match at all."""
    return _top(scores, pool, catalog, allowed, above=0.0)


def _top(
    scores: np.ndarray, pool: int, catalog: Catalog, allowed: set[str] | None, above: float
) -> list[int]:
    """Positions of the best `pool` scores above `above`, best first, within `allowed`."""
    if allowed is not None:
        masked = np.full_like(scores, -np.inf)
        for article_id in allowed:
            span = catalog.span(article_id)
            masked[span.start : span.stop] = scores[span.start : span.stop]
        scores = masked
    pool = min(pool, len(scores))
    if pool <= 0:
        return []
    top = np.argpartition(-scores, pool - 1)[:pool]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [int(i) for i in top if scores[i] > above]


def _chunk_sentences(
    query: Query, catalog: Catalog, store: Store, k: int, allowed: set[str] | None
) -> list[int]:
    out: list[int] = []
    for hit in store.query_chunks(query.vector, max(1, k)):
        if not catalog.is_live(hit.article_id, hit.version):
            continue
        if allowed is not None and hit.article_id not in allowed:
            continue
        for n in range(hit.first, hit.last + 1):
            index = catalog.index_of(hit.article_id, n)
            if index is not None and index not in out:
                out.append(index)
    return out


def _term_weights(query: Query, catalog: Catalog) -> dict[str, float]:
    return {t: catalog.lexical.idf(t) for t in query.terms}


def _coverage(weighting: dict[str, float], catalog: Catalog, indices: list[int]) -> float:
    """The IDF-weighted share of the query's terms found in these sentences."""
    total = sum(weighting.values())
    if not total:
        return 0.0
    present: set[str] = set()
    for i in indices:
        present.update(catalog.sentence_terms(i))
    return sum(w for t, w in weighting.items() if t in present) / total
