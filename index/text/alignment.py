"""One-to-one alignment of sentences across articles: which sentence of B says what A's says.

The score mixes meaning and words (answers and summaries group corroborating sentences with
it too, see `index.text.corroboration`); its lexical half is an overlap coefficient (shared
content terms over the smaller sentence's, +1 smoothing) rather than Dice: a condensed rewrite or a
highlight keeps a subset of its source's words, and Dice punishes the length difference.
Pairs are taken greedily, best score first, each sentence at most once, down to
`ALIGN_THRESHOLD`.

The threshold was calibrated on the dev half of CNN/DailyMail highlights against their
articles (`python -m bench.alignment`, docs/benchmarks.md): 0.50 is within 0.01 F1 of the best
there while leaving fewer sentences wrongly paired when their real counterpart is missing; on
the story every hand-checked pair scores 0.74 or more (tests/index/story_pairs.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.store.catalog import Catalog

ALIGN_THRESHOLD = 0.5


@dataclass(frozen=True)
class AlignedPair:
    """Catalog sentence `left` (of the first article) and `right` state the same thing."""

    left: int
    right: int
    score: float


@dataclass(frozen=True)
class Alignment:
    """Two articles aligned: the pairs in the first article's order, and what stayed alone."""

    left_id: str
    right_id: str
    pairs: tuple[AlignedPair, ...]
    left_only: tuple[int, ...]
    right_only: tuple[int, ...]


def alignment_scores(catalog: Catalog, left: Sequence[int], right: Sequence[int]) -> np.ndarray:
    """The score of every (left, right) pair: 0.5·cosine + 0.5·smoothed overlap coefficient."""
    left, right = list(left), list(right)
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    cosines = catalog.vectors_of(left) @ catalog.vectors_of(right).T
    overlap = np.zeros_like(cosines)
    right_terms = [catalog.sentence_terms(j) for j in right]
    for a, i in enumerate(left):
        terms = catalog.sentence_terms(i)
        for b, other in enumerate(right_terms):
            shared = len(terms & other)
            if shared:
                overlap[a, b] = shared / (min(len(terms), len(other)) + 1)
    return (0.5 * cosines + 0.5 * overlap).astype(np.float32)


def one_to_one(scores: np.ndarray, threshold: float = ALIGN_THRESHOLD) -> list[AlignedPair]:
    """Greedy one-to-one pairs of row and column positions, best first, scores ≥ threshold.

    Ties go to the earlier row, then the earlier column, so the result is deterministic.
    """
    if scores.size == 0:
        return []
    rows, cols = np.nonzero(scores >= threshold)
    order = sorted(zip(rows.tolist(), cols.tolist(), strict=True), key=lambda p: -scores[p])
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    pairs = []
    for r, c in order:
        if r in used_rows or c in used_cols:
            continue
        used_rows.add(r)
        used_cols.add(c)
        pairs.append(AlignedPair(r, c, float(scores[r, c])))
    return sorted(pairs, key=lambda p: p.left)


def align(
    catalog: Catalog, left_id: str, right_id: str, threshold: float = ALIGN_THRESHOLD
) -> Alignment:
    """Align the sentences of two stored articles, one to one."""
    left, right = list(catalog.span(left_id)), list(catalog.span(right_id))
    found = one_to_one(alignment_scores(catalog, left, right), threshold)
    pairs = tuple(AlignedPair(left[p.left], right[p.right], p.score) for p in found)
    paired_left = {p.left for p in pairs}
    paired_right = {p.right for p in pairs}
    return Alignment(
        left_id,
        right_id,
        pairs,
        tuple(i for i in left if i not in paired_left),
        tuple(j for j in right if j not in paired_right),
    )


def align_groups(
    catalog: Catalog, articles: Sequence[Sequence[int]], threshold: float = ALIGN_THRESHOLD
) -> list[tuple[int, ...]]:
    """Groups of sentences that state the same thing, at most one from each article.

    `articles` holds, per article, the catalog sentences to align (all of an article's, or a
    subset). Progressive: the first article's sentences start one group each; every later
    article is aligned one to one against the groups so far (a group scores its best member),
    and its unpaired sentences start new groups. Groups come in the first article's order, then
    the new groups of each later article in its order; members in article order.
    """
    groups: list[list[int]] = []
    for sentences in articles:
        sentences = list(sentences)
        joined: dict[int, int] = {}
        if groups and sentences:
            members = [i for group in groups for i in group]
            by_member = alignment_scores(catalog, members, sentences)
            scores = np.zeros((len(groups), len(sentences)), dtype=np.float32)
            row = 0
            for g, group in enumerate(groups):
                scores[g] = by_member[row : row + len(group)].max(axis=0)
                row += len(group)
            joined = {p.right: p.left for p in one_to_one(scores, threshold)}
        for position, index in enumerate(sentences):
            if position in joined:
                groups[joined[position]].append(index)
            else:
                groups.append([index])
    return [tuple(group) for group in groups]
