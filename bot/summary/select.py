"""Choosing a summary's facts: the key facts first (when given), then the most salient.

Greedy, one fact at a time, the one adding most to

    PRIOR · e^(−DECAY · rank)  +  COVER · (how much more of the story it covers)

where coverage is facility location over `alignment_scores` (meaning and shared words, the
score `compare` aligns with): each fact of the story counts as covered as far as the most
similar chosen fact resembles it. A fact sharing a run of three words with a chosen one is
skipped (it would repeat it), and so is one that does not read on its own (`StoryFact.readable`)
unless nothing else is left. The weights were set on the tuning half of CNN/DailyMail
(`python -m bench summaries`, docs/benchmarks.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bot.summary.facts import StoryFact
from index.store.catalog import Catalog
from index.text.alignment import alignment_scores

PRIOR, DECAY = 1.0, 1.0
COVER = 1.0


def choose(
    catalog: Catalog, facts: Sequence[StoryFact], count: int, first: Sequence[int] = ()
) -> list[int]:
    """Positions in `facts` of the `count` chosen, in story order; `first` are taken first."""
    n = len(facts)
    if not n:
        return []
    leads = [f.lead for f in facts]
    similar = np.clip(alignment_scores(catalog, leads, leads), 0.0, None)
    np.fill_diagonal(similar, 1.0)
    prior = np.array([math.exp(-DECAY * f.rank) if f.readable else -1.0 for f in facts])
    grams = [_trigrams(catalog.sentences[f.lead].text) for f in facts]
    chosen: list[int] = []
    covered = np.zeros(n)
    seen: set = set()
    while len(chosen) < min(count, n):
        forced = [i for i in first if i not in chosen][:1]
        best, value = None, -math.inf
        for strict in (True, False):  # what repeats or does not read alone: only if need be
            for i in forced or range(n):
                if i in chosen or (strict and not forced and _weak(facts[i], grams[i], seen)):
                    continue
                gain = float(np.maximum(covered, similar[i]).sum() - covered.sum()) / n
                v = PRIOR * prior[i] + COVER * gain
                if v > value:
                    best, value = i, v
            if best is not None:
                break
        if best is None:
            break
        chosen.append(best)
        covered = np.maximum(covered, similar[best])
        seen |= grams[best]
    return sorted(chosen, key=lambda i: facts[i].rank)


def _weak(fact: StoryFact, grams: set, seen: set) -> bool:
    return not fact.readable or bool(grams & seen)


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[k : k + 3]) for k in range(len(words) - 2)}
