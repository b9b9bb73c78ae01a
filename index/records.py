"""Typed records that flow through the index: documents read, articles, sentences, chunks, hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath


@dataclass(frozen=True)
class Document:
    """Text as read from a file or URL, before cleaning, with any metadata its format carried."""

    id: str
    origin: str
    text: str
    format: str
    title: str | None = None
    source: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """One article after cleaning: its citable body and the metadata a reader sees in a citation.

    `text` is the cleaned body; sentence spans index into it. `header` is the verbatim metadata
    line of the source (for example `date 2025-09-04 By Kylie Atwood, CNN`), cited as sentence 0
    when a question is about the article itself. Fields the source does not give are None.
    """

    id: str
    origin: str
    text: str
    version: str
    title: str | None = None
    source: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None
    header: str | None = None

    @property
    def name(self) -> str:
        """A readable name, never a hash: the first words of the headline, else of the article
        itself (an untitled article's lead serves as its headline), else the file name."""
        for text in (self.title, self.text):
            if text and text.strip():
                return first_words(text)
        return PurePath(self.origin).name or self.id

    @property
    def label(self) -> str:
        """How a citation names this article: outlet, byline and date where known, else its
        readable name."""
        return source_label(self.source, self.byline, self.date, self.name)


NAME_WORDS = 8
NAME_CHARS = 60


def first_words(text: str, words: int = NAME_WORDS, chars: int = NAME_CHARS) -> str:
    """The first line's first `words` words (at most `chars` characters), with … when cut."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    taken: list[str] = []
    for word in line.split():
        if len(taken) == words or len(" ".join([*taken, word])) > chars:
            return " ".join(taken).rstrip(",;:") + "…"
        taken.append(word)
    return " ".join(taken)


def source_label(source: str | None, byline: str | None, date: str | None, fallback: str) -> str:
    """`outlet · byline · date` from what is known, or `fallback` (the article's readable name)
    if nothing is."""
    parts = [p for p in (source, byline, date) if p]
    return " · ".join(parts) if parts else fallback


@dataclass(frozen=True)
class Sentence:
    """One citable sentence; `n` counts from 1, `start`:`end` slices `Article.text`."""

    article_id: str
    n: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A window of consecutive sentences, `first` to `last` inclusive (1-based)."""

    article_id: str
    n: int
    first: int
    last: int
    text: str


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its sentences and chunks, ready to be stored whole."""

    article: Article
    sentences: tuple[Sentence, ...]
    chunks: tuple[Chunk, ...] = field(default=())


@dataclass(frozen=True)
class Hit:
    """A stored sentence or chunk found by vector search, with its cosine similarity."""

    article_id: str
    version: str
    n: int
    cosine: float
    first: int = 0
    last: int = 0


@dataclass(frozen=True)
class StoreMark:
    """What a store's writers last recorded: `<store id>-<revision>` and a digest of the
    articles it then held (ids, versions, sentence counts), for checking caches."""

    key: str
    listing: str
