"""Numbering cited sentences and building their Citation records from the catalog."""

from __future__ import annotations

from bot.records import Citation
from index.records import Article
from index.store.catalog import Catalog


def make_citation(n: int, article: Article, sentence: int, text: str) -> Citation:
    """A Citation carrying the article's display metadata."""
    return Citation(
        n=n,
        article_id=article.id,
        title=article.title,
        source=article.source,
        byline=article.byline,
        date=article.date,
        sentence=sentence,
        text=text,
        name=article.name,
        url=article.url,
    )


class CitationBook:
    """Gives each cited sentence one number, in order of first citation."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._numbers: dict[tuple[str, int], int] = {}
        self._citations: list[Citation] = []

    def cite(self, index: int) -> int:
        """The number of catalog sentence `index`, assigned on first use."""
        sentence = self.catalog.sentences[index]
        article = self.catalog.articles[sentence.article_id]
        return self._add(article, sentence.n, sentence.text)

    def cite_header(self, article_id: str) -> int:
        """The number of an article's metadata line (sentence 0); it must have one."""
        article = self.catalog.articles[article_id]
        assert article.header, "only articles with a header line can cite it"
        return self._add(article, 0, article.header)

    def _add(self, article: Article, sentence: int, text: str) -> int:
        key = (article.id, sentence)
        if key not in self._numbers:
            number = len(self._citations) + 1
            self._numbers[key] = number
            self._citations.append(make_citation(number, article, sentence, text))
        return self._numbers[key]

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation so far, numbered from 1."""
        return tuple(self._citations)
