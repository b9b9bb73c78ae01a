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
    """BM25 over sentences, plus the document frequencies used to weigh query terms.

    bm25s computes each (term, sentence) weight when the index is built; scoring a query is
    then the sum of its terms' columns of that sparse matrix, done here with NumPy, so loading
    an index and answering from it needs no bm25s (which imports much of tqdm and asyncio).
    """

    def __init__(self, corpus: Sequence[Sequence[str]]) -> None:
        """Index sentences given as their `terms()` lists."""
        self.size = len(corpus)
        self.df: Counter[str] = Counter()
        for doc in corpus:
            self.df.update(set(doc))
        self._vocab: dict[str, int] = {}
        self._data = np.zeros(0, dtype=np.float32)
        self._indices = np.zeros(0, dtype=np.int32)
        self._indptr = np.zeros(1, dtype=np.int64)
        self._documents = 0
        if corpus:
            import bm25s

            logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets itself to DEBUG
            bm25 = bm25s.BM25()
            bm25.index([list(doc) for doc in corpus], show_progress=False)
            # A column per term (CSC): its sentences and weights ("lucene" BM25 adds nothing
            # for absent terms, so the columns are the whole score).
            assert bm25.nonoccurrence_array is None, "a BM25 variant that scores absent terms"
            self._vocab = {t: i for t, i in bm25.vocab_dict.items() if t}  # bm25s adds ""
            self._data = np.asarray(bm25.scores["data"], dtype=np.float32)
            self._indices = np.asarray(bm25.scores["indices"])
            self._indptr = np.asarray(bm25.scores["indptr"])
            self._documents = int(bm25.scores["num_docs"])

    def save(self, folder: Path) -> None:
        """Write the index into a folder: weights as NumPy arrays, vocabulary and frequencies."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "df.json").write_text(
            json.dumps(
                {
                    "size": self.size,
                    "documents": self._documents,
                    "df": self.df,
                    "vocab": self._vocab,
                }
            ),
            encoding="utf-8",
        )
        np.savez(
            folder / "weights.npz", data=self._data, indices=self._indices, indptr=self._indptr
        )

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """An index written by `save`."""
        data = json.loads((folder / "df.json").read_text(encoding="utf-8"))
        index = cls.__new__(cls)
        index.size = data["size"]
        index.df = Counter(data["df"])
        index._vocab = data["vocab"]
        index._documents = int(data["documents"])
        with np.load(folder / "weights.npz") as weights:
            index._data = weights["data"]
            index._indices = weights["indices"]
            index._indptr = weights["indptr"]
        columns = len(index._indptr) - 1
        if any(not 0 <= i < columns for i in index._vocab.values()) or (
            len(index._indices) and int(index._indices.max()) >= index.size
        ):
            raise ValueError(f"the lexical index in {folder} does not fit its vocabulary")
        return index

    @property
    def documents(self) -> int:
        """How many sentences the BM25 arrays themselves hold (equal to `size` unless damaged)."""
        return self._documents

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms get the highest weight."""
        return math.log(1.0 + (self.size + 1) / (self.df.get(term, 0) + 0.5))

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every sentence for the query terms (zeros when none is known)."""
        out = np.zeros(self.size, dtype=np.float32)
        for term in query_terms:
            column = self._vocab.get(term)
            if column is not None:
                start, end = self._indptr[column], self._indptr[column + 1]
                out[self._indices[start:end]] += self._data[start:end]
        return out
