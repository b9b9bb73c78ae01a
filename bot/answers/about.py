"""Questions about the articles themselves: who wrote them, when, for which outlet.

These are answered from article metadata, citing the article's own byline/date line
(sentence 0) where the source had one.
"""

from __future__ import annotations

import re

from bot.citations import CitationBook
from bot.records import Answer, Claim
from index.records import Article
from index.store.catalog import Catalog

_FIELDS = (
    ("byline", re.compile(r"\bwho (wrote|authored|reported|is the (author|reporter))\b|\b(author|byline|reporter|journalist)s?\b|\bwritten by\b", re.I)),
    ("date", re.compile(r"\bwhen (was|were) .*\b(published|written|dated|posted|released)\b|\bpublication date\b|\bwhat date (was|is) the (article|report|story)\b", re.I)),
    ("source", re.compile(r"\b(which|what) (outlet|publication|newspaper|news organi[sz]ation|news outlet|network)\b|\bwho published\b", re.I)),
)  # fmt: skip
_WORDING = {"byline": "is by {}", "date": "is dated {}", "source": "was published by {}"}
_MISSING = {"byline": "who wrote", "date": "when they were published", "source": "who published"}


def answer_about_articles(question: str, catalog: Catalog) -> Answer | None:
    """An answer from article metadata when the question is about the articles, else None."""
    field = next((name for name, pattern in _FIELDS if pattern.search(question)), None)
    if field is None or not catalog.articles:
        return None
    articles = _mentioned(question, catalog) or list(catalog.articles.values())
    book = CitationBook(catalog)
    claims = []
    for article in articles:
        value = getattr(article, field)
        if not value:
            continue
        text = f"The {_name(article)} article {_WORDING[field].format(value)}."
        if article.header and value in article.header:
            claims.append(Claim(text, (book.cite_header(article.id),)))
        else:
            claims.append(Claim(text, (), note="from the page's metadata"))
    if not claims:
        return Answer(
            question=question,
            answerable=False,
            claims=(Claim(f"The articles don't say {_MISSING[field]} them.", ()),),
            citations=(),
        )
    return Answer(
        question=question, answerable=True, claims=tuple(claims), citations=book.citations
    )


def _mentioned(question: str, catalog: Catalog) -> list[Article]:
    """Articles whose outlet, title or id the question names (as whole words)."""
    padded = f" {' '.join(re.findall(r'[a-z0-9_.-]+', question.lower()))} "

    def named(value: str | None) -> bool:
        if not value:
            return False
        return f" {' '.join(re.findall(r'[a-z0-9_.-]+', value.lower()))} " in padded

    return [
        a for a in catalog.articles.values() if named(a.source) or named(a.id) or named(a.title)
    ]


def _name(article: Article) -> str:
    return article.source or article.title or article.id
