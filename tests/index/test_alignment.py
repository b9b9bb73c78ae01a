"""One-to-one sentence alignment: the story against hand-checked pairs, and the pairing rules."""

from __future__ import annotations

import numpy as np
import pytest

from index.text.alignment import ALIGN_THRESHOLD, align, align_groups, one_to_one
from tests.index.story_pairs import CNN, REWORDED, STORY_PAIRS


def found_pairs(engine) -> set[tuple[int, int]]:
    """The story's pairs as (sentence of 000, sentence of 001)."""
    catalog = engine.catalog
    alignment = align(catalog, CNN, REWORDED)
    return {(catalog.sentences[p.left].n, catalog.sentences[p.right].n) for p in alignment.pairs}


def test_the_story_aligns_exactly_as_checked_by_hand(real_story_engine):
    """Precision and recall of the pairs found are both 1.0 on the story."""
    found = found_pairs(real_story_engine)
    precision = len(found & STORY_PAIRS) / len(found)
    recall = len(found & STORY_PAIRS) / len(STORY_PAIRS)
    assert (precision, recall) == (1.0, 1.0), sorted(found ^ STORY_PAIRS)


def test_every_story_pair_clears_the_threshold_with_room(real_story_engine):
    """The weakest true pair scores well above the threshold; nothing is left unpaired."""
    alignment = align(real_story_engine.catalog, CNN, REWORDED)
    assert min(p.score for p in alignment.pairs) >= ALIGN_THRESHOLD + 0.15
    assert alignment.left_only == alignment.right_only == ()


def test_the_alignment_is_the_same_in_both_directions(real_story_engine):
    """Aligning 001 against 000 finds the mirror image of the pairs."""
    catalog = real_story_engine.catalog
    backwards = align(catalog, REWORDED, CNN)
    mirrored = {
        (catalog.sentences[p.right].n, catalog.sentences[p.left].n) for p in backwards.pairs
    }
    assert mirrored == STORY_PAIRS


@pytest.mark.parametrize(
    ("scores", "pairs"),
    [
        ([[0.9, 0.8], [0.85, 0.6]], [(0, 0), (1, 1)]),  # greedy: 0.9 first, then what is left
        ([[0.9, 0.8], [0.85, 0.2]], [(0, 0)]),  # greedy, not the best sum: 0.2 stays unpaired
        ([[0.9, 0.1], [0.1, 0.3]], [(0, 0)]),  # 0.3 is below the threshold: left unpaired
        ([[0.6, 0.6], [0.6, 0.6]], [(0, 0), (1, 1)]),  # ties: earlier row, then earlier column
        ([[0.7], [0.8], [0.9]], [(2, 0)]),  # one to one: a column is used once
        (np.zeros((0, 3)), []),
    ],
)
def test_one_to_one_takes_the_best_pairs_first(scores, pairs):
    """Best score first, each row and column at most once, nothing under the threshold."""
    found = one_to_one(np.asarray(scores, dtype=np.float32), threshold=0.5)
    assert [(p.left, p.right) for p in found] == pairs


def test_groups_hold_one_sentence_per_article(real_story_engine):
    """Three lists (the third a repeat of 001's first five) still give one member per list."""
    catalog = real_story_engine.catalog
    cnn, reworded = list(catalog.span(CNN)), list(catalog.span(REWORDED))
    groups = align_groups(catalog, [cnn, reworded, reworded[:5]])
    assert sorted(i for g in groups for i in g) == sorted(cnn + reworded + reworded[:5])
    assert [len(g) for g in groups] == [3] * 5 + [2] * 13
    assert all(g[0] in cnn for g in groups)
