"""Comparing the articles of a story: what they all report, what only one has, what they word
differently in a way that may change the meaning. Every line quotes stored sentences, cited.

With two articles this is a one-to-one alignment of their sentences. With more, the first
article is the reference: the others are aligned progressively against the groups found so
far (`index.text.alignment.align_groups`), so a fact several articles report is one line, and each
group's wording is compared between its first sentence and every other one. The articles
compared come in the order given (by default all stored articles in id order).

"Reported by both" and "worded differently" together hold every aligned fact: a fact goes to
the second list when its versions differ in numbers, names, dates, qualifiers or quotes
(`index.text.differences`), ranked by how much that may change the meaning, most first.

Metadata is never a fact: an article's byline-and-date line is not one of its sentences, and a
body sentence that only states a date and a byline (`index.reading.metadata.parse_header`) is
left out of all three parts. Who wrote each version and when is in the comparison's header.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.citations import CitationBook
from bot.records import Comparison, Contrast, Fact, Rewording
from index.errors import InputError
from index.reading.metadata import parse_header
from index.store.catalog import Catalog
from index.text.alignment import align_groups
from index.text.differences import Difference, differences, severity

MAX_COMPARED = 10  # articles in one comparison; more would be a wall of text, and slow


def choose_articles(
    catalog: Catalog,
    article_ids: Sequence[str] | None,
    *,
    at_least: int,
    at_most: int | None = MAX_COMPARED,
) -> list[str]:
    """The articles named (each must be stored, duplicates dropped), or all stored ones."""
    ids = list(dict.fromkeys(article_ids)) if article_ids else list(catalog.articles)
    for article_id in ids:
        catalog.require_article(article_id)
    if len(ids) < at_least:
        raise InputError(
            "Comparing needs two or more articles" + ("" if article_ids else "; one is stored"),
            "Name two article ids (see `storybot sources`)"
            if article_ids
            else "Store another version of the story with `storybot ingest`",
        )
    if at_most is not None and len(ids) > at_most:
        raise InputError(
            f"{len(ids)} articles are too many to compare at once (at most {at_most})",
            "Name the articles to compare (see `storybot sources`)",
        )
    return ids


def compare(catalog: Catalog, article_ids: Sequence[str]) -> Comparison:
    """Align the articles' sentences and sort every fact into the three parts."""
    groups = align_groups(catalog, [facts_of(catalog, a) for a in article_ids])
    book = CitationBook(catalog)
    shared_groups, reworded = [], []
    for group in groups:
        if len(group) < 2:
            continue
        found = [differences(_text(catalog, group[0]), _text(catalog, j)) for j in group[1:]]
        if any(found):
            reworded.append((group, found))
        else:
            shared_groups.append(group)
    shared = tuple(_fact(catalog, book, group) for group in shared_groups)
    reworded.sort(key=lambda item: -sum(severity(diffs) for diffs in item[1]))
    worded = tuple(_rewording(catalog, book, group, found) for group, found in reworded)
    only = [_fact(catalog, book, group) for group in groups if len(group) == 1]
    return Comparison(tuple(article_ids), shared, worded, tuple(only), book.citations)


def facts_of(catalog: Catalog, article_id: str) -> list[int]:
    """The sentences of an article that state something: all but metadata lines."""
    return [i for i in catalog.span(article_id) if parse_header(_text(catalog, i)) is None]


def agreement_note(catalog: Catalog, group: Sequence[int]) -> str | None:
    """For a claim cited in several articles: "reported by both sources", or how they differ.

    Only differences that may change the meaning count (severity 2 or more: numbers, names,
    dates, qualifiers, quotes in other words); "$13.5 million" and "US$13.5 million" agree.
    """
    if len(group) < 2:
        return None
    lead = _text(catalog, group[0])
    found = [d for j in group[1:] for d in differences(lead, _text(catalog, j)) if d.severity >= 2]
    if found:
        top = max(found, key=lambda d: d.severity)
        return f"sources differ: {_shown(top, top.left)} vs {_shown(top, top.right)}"
    return "reported by both sources" if len(group) == 2 else f"reported by {len(group)} sources"


def _shown(d: Difference, text: str, limit: int = 80) -> str:
    """A side of a difference for a note: numbers as written, words in quotation marks."""
    if not text:
        return "—"
    text = text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text if d.kind == "number" else f"“{text}”"


def _text(catalog: Catalog, index: int) -> str:
    return catalog.sentences[index].text


def _fact(catalog: Catalog, book: CitationBook, group: Sequence[int]) -> Fact:
    articles = tuple(catalog.sentences[i].article_id for i in group)
    return Fact(_text(catalog, group[0]), tuple(book.cite(i) for i in group), articles)


def _rewording(
    catalog: Catalog,
    book: CitationBook,
    group: Sequence[int],
    found: list[tuple[Difference, ...]],
) -> Rewording:
    versions = tuple(_fact(catalog, book, [i]) for i in group)
    lead = versions[0].citations[0]
    contrasts = []
    for diffs, version in zip(found, versions[1:], strict=True):
        between = (lead, version.citations[0])
        contrasts += [
            Contrast(d.kind, d.severity, d.detail, d.left, d.right, between) for d in diffs
        ]
    contrasts.sort(key=lambda c: -c.severity)
    return Rewording(versions, tuple(contrasts), sum(c.severity for c in contrasts))
