"""Words for lexical matching: tokenising, stemming, stopwords, and a BM25 index over sentences."""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.text.nlp_data import stopwords

_WORD = re.compile(r"[a-z0-9]+(?:[.'’][a-z0-9]+)*")
_ABBREVIATION = re.compile(r"\b(?:[a-z]\.){2,}")
# Spellings that mean the same thing in news text.
_ALIASES = {"u.s": "us", "u.s.": "us", "percent": "%", "pct": "%", "usa": "us", "u.k": "uk"}


@functools.cache
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word (cached; the vocabulary is small)."""
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmer().stem(word, to_lowercase=False)


def words(text: str) -> list[str]:
    """Lower-case word tokens with abbreviations folded ("U.S." → "us") and '%' kept."""
    lowered = text.lower().replace("%", " % ")
    lowered = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), lowered)
    tokens = _WORD.findall(lowered) + ["%"] * lowered.count(" % ")
    out = []
    for token in tokens:
        token = token.replace("’", "'")
        if token.endswith("'s"):
            token = token[:-2]
        out.append(_ALIASES.get(token, token))
    return out


# Words that shape a question but are not what it is about ("how much", "what kind of").
_QUESTION_WORDS = frozenset(
    "much many kind kinds sort type types way ways happen happened say says said tell told "
    "mean means describe described think thought according exactly".split()
)


def query_terms(text: str) -> list[str]:
    """Content terms of a question: like `terms`, without the words that only frame it."""
    stop = stopwords()
    return [stem(w) for w in words(text) if w not in stop and w not in _QUESTION_WORDS]


def terms(text: str) -> list[str]:
    """Content terms: stemmed words without stopwords, in order (duplicates kept)."""
    stop = stopwords()
    return [stem(w) for w in words(text) if w not in stop]


class LexicalIndex:
    """BM25 (bm25s) over sentences, plus the document frequencies used to weigh query terms."""

    def __init__(self, corpus: Sequence[Sequence[str]]) -> None:
        """Index sentences given as their `terms()` lists."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets itself to DEBUG
        self.size = len(corpus)
        self.df: Counter[str] = Counter()
        for doc in corpus:
            self.df.update(set(doc))
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index([list(doc) for doc in corpus], show_progress=False)
        self._vocab = self._bm25.vocab_dict if corpus else {}

    def save(self, folder: Path) -> None:
        """Write the index into a folder (bm25s arrays and our document frequencies)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "df.json").write_text(
            json.dumps({"size": self.size, "df": self.df}), encoding="utf-8"
        )
        if self.size:
            self._bm25.save(str(folder / "bm25"), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """An index written by `save`."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        data = json.loads((folder / "df.json").read_text(encoding="utf-8"))
        index = cls.__new__(cls)
        index.size = data["size"]
        index.df = Counter(data["df"])
        index._bm25 = (
            bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
            if index.size
            else bm25s.BM25()
        )
        index._vocab = index._bm25.vocab_dict if index.size else {}
        return index

    @property
    def documents(self) -> int:
        """How many sentences the BM25 arrays themselves hold (equal to `size` unless damaged)."""
        return int(self._bm25.scores["num_docs"]) if self.size else 0

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms get the highest weight."""
        return math.log(1.0 + (self.size + 1) / (self.df.get(term, 0) + 0.5))

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every sentence for the query terms (zeros when none is known)."""
        known = [t for t in query_terms if t in self._vocab]
        if not known or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return self._bm25.get_scores(known)
