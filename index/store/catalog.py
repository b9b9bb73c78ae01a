"""The in-memory view of a store: articles, every sentence with its vector, and a BM25 index.

Dense search goes to Chroma; everything that needs whole-article context (neighbours, BM25,
grouping of corroborating sentences, summaries) reads this catalog. It is rebuilt when the
store's revision changes (`index.store.catalog_cache.load_catalog`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from index.errors import NotFoundError
from index.records import Article, Sentence
from index.text.lexical import LexicalIndex, terms


@dataclass
class Catalog:
    """Committed articles and their sentences, in (article id, sentence number) order."""

    articles: dict[str, Article]
    sentences: list[Sentence]
    vectors: np.ndarray
    revision: int = 0
    # Given when loaded from a cache; otherwise built from the sentences in __post_init__.
    lexical: LexicalIndex = None  # type: ignore[assignment]
    _position: dict[tuple[str, int], int] = field(init=False, repr=False)
    _terms: dict[int, frozenset[str]] = field(init=False, repr=False)
    _ranges: dict[str, tuple[int, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._terms = {}
        if self.lexical is None:
            corpus = [terms(s.text) for s in self.sentences]
            self._terms = {i: frozenset(doc) for i, doc in enumerate(corpus)}
            self.lexical = LexicalIndex(corpus)
        self._position = {(s.article_id, s.n): i for i, s in enumerate(self.sentences)}
        self._ranges = {}
        for i, s in enumerate(self.sentences):
            first, _ = self._ranges.get(s.article_id, (i, i))
            self._ranges[s.article_id] = (first, i + 1)

    def __len__(self) -> int:
        return len(self.sentences)

    def is_live(self, article_id: str, version: str) -> bool:
        """True when this version of the article is the committed one."""
        article = self.articles.get(article_id)
        return article is not None and article.version == version

    def index_of(self, article_id: str, n: int) -> int | None:
        """Position of sentence `n` of an article in `sentences`, or None."""
        return self._position.get((article_id, n))

    def span(self, article_id: str) -> range:
        """Positions of an article's sentences in `sentences`."""
        first, end = self._ranges.get(article_id, (0, 0))
        return range(first, end)

    def article_sentences(self, article_id: str) -> list[Sentence]:
        """The sentences of one article, in order."""
        return [self.sentences[i] for i in self.span(article_id)]

    def require_article(self, article_id: str) -> Article:
        """The article with this id, or a NotFoundError that names the stored ones."""
        article = self.articles.get(article_id)
        if article is None:
            known = ", ".join(list(self.articles)[:5]) or "none"
            raise NotFoundError(
                f"No article {article_id!r} is stored (stored: {known})",
                "Run `storybot sources` to list the ids",
            )
        return article

    def neighbours(self, index: int, before: int = 1, after: int = 1) -> Iterator[int]:
        """Positions of the sentences around `index` within the same article."""
        span = self.span(self.sentences[index].article_id)
        lo, hi = max(span.start, index - before), min(span.stop, index + after + 1)
        return iter(range(lo, hi))

    def sentence_terms(self, index: int) -> frozenset[str]:
        """The content terms of one sentence (computed once, on first use)."""
        found = self._terms.get(index)
        if found is None:
            found = self._terms[index] = frozenset(terms(self.sentences[index].text))
        return found

    def vectors_of(self, indices: Sequence[int]) -> np.ndarray:
        """The stored vectors of some sentences."""
        return self.vectors[list(indices)]
