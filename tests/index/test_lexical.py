"""The BM25 index scores a query exactly as bm25s does, and survives the cache unchanged."""

from __future__ import annotations

import bm25s
import numpy as np
import pytest

from index.text.lexical import LexicalIndex, query_terms, terms

QUESTIONS = [
    "How much aid did Rubio announce?",
    "Which gangs were designated terrorist organizations?",
    "What will Ecuador's Navy get? Navy navy",
    "Who is the president of Ecuador?",
    "quantum chromodynamics",
]


@pytest.fixture(scope="module")
def corpus(story_dir) -> list[list[str]]:
    """The story's lines as term lists (a stand-in for its sentences)."""
    lines = [line for f in sorted(story_dir.glob("*.txt")) for line in f.read_text().splitlines()]
    return [terms(line) for line in lines if line.strip()]


@pytest.mark.parametrize("question", QUESTIONS)
def test_scores_are_those_of_bm25s(corpus, question):
    """Summing the query's columns gives bm25s's own get_scores, repeated terms included."""
    reference = bm25s.BM25()
    reference.index(corpus, show_progress=False)
    known = [t for t in query_terms(question) if t in reference.vocab_dict]
    expected = reference.get_scores(known) if known else np.zeros(len(corpus))
    assert np.allclose(LexicalIndex(corpus).scores(query_terms(question)), expected, atol=1e-6)


def test_a_saved_index_loads_with_the_same_scores_and_frequencies(corpus, tmp_path):
    """What the catalog cache writes is what it reads back."""
    index = LexicalIndex(corpus)
    index.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert loaded.size == index.size and loaded.df == index.df
    for question in QUESTIONS:
        q = query_terms(question)
        assert np.array_equal(loaded.scores(q), index.scores(q))


def test_an_empty_index_scores_nothing(tmp_path):
    """No sentences: zero scores, and it saves and loads."""
    index = LexicalIndex([])
    index.save(tmp_path / "empty")
    assert LexicalIndex.load(tmp_path / "empty").scores(["aid"]).shape == (0,)


def test_a_tampered_index_is_refused(corpus, tmp_path):
    """Weights that point past the sentences are an error (the cache is then rebuilt)."""
    LexicalIndex(corpus[:3]).save(tmp_path / "small")
    bigger = LexicalIndex(corpus)
    bigger.save(tmp_path / "big")
    (tmp_path / "small" / "weights.npz").write_bytes(
        (tmp_path / "big" / "weights.npz").read_bytes()
    )
    with pytest.raises(ValueError, match="does not fit"):
        LexicalIndex.load(tmp_path / "small")
