"""Extractive summaries an editor would sign off: the story's key facts first, each fact once,
every bullet a stored sentence quoted verbatim and cited in every version that reports it.

Lengths: a one-line **brief** (the lede), **bullets** (5–8, default `SUMMARY_BULLETS`), and a
longer **digest** (`DIGEST` bullets). A summary of `KEY_FACTS_FROM` bullets or more carries,
before anything else (`bot.summary.keyfacts`): the lede; what changed between versions, when
they word a fact differently enough to change it (flagged); every sum of money stated; the fact
that introduces the most names. The rest is chosen for salience and coverage
(`bot.summary.select`). Bullets come in story order; where the versions of a bullet's fact
differ in a way that may change its meaning, the bullet's note says how (as answers do), and so
does one of the summary's notes, which every renderer shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from bot.citations import CitationBook
from bot.compare import agreement_note, facts_of
from bot.records import Claim, Summary
from bot.summary.facts import story_facts
from bot.summary.keyfacts import KEY_FACTS_FROM, key_facts
from bot.summary.select import choose
from index.store.catalog import Catalog

Length = Literal["brief", "bullets", "digest"]
LENGTHS: tuple[Length, ...] = ("brief", "bullets", "digest")
DIGEST = 12

__all__ = ["DIGEST", "KEY_FACTS_FROM", "LENGTHS", "Length", "bullet_count", "summarise"]


def bullet_count(length: Length, default_bullets: int) -> int:
    """How many bullets a length means: 1, the configured default, or `DIGEST`."""
    return {"brief": 1, "bullets": default_bullets, "digest": DIGEST}[length]


def summarise(catalog: Catalog, articles: str | Sequence[str] | None, count: int) -> Summary:
    """`count` cited bullets for one article (an id), several (ids), or every stored one (None)."""
    ids = _article_ids(catalog, articles)
    facts = story_facts(catalog, ids, [facts_of(catalog, a) for a in ids])
    first = key_facts(catalog, facts, multi=len(ids) > 1) if count >= KEY_FACTS_FROM else []
    book = CitationBook(catalog)
    claims = []
    for position in choose(catalog, facts, count, first):
        fact = facts[position]
        group = [fact.lead, *(i for i in fact.members if i != fact.lead)]
        note = agreement_note(catalog, group) if len(group) > 1 else None
        text = catalog.sentences[fact.lead].text
        claims.append(Claim(text, tuple(book.cite(i) for i in group), note))
    article_id = articles if isinstance(articles, str) else None
    return Summary(article_id, tuple(claims), book.citations, notes=_differing(claims))


def _differing(claims: list[Claim]) -> tuple[str, ...]:
    """`[7][8] sources differ: …` for each bullet whose versions differ (every renderer shows a
    summary's notes; the per-bullet note is in the JSON too)."""
    marks = ["".join(f"[{n}]" for n in c.citations) for c in claims]
    return tuple(
        f"{m} {c.note}" for m, c in zip(marks, claims, strict=True) if c.note and "differ" in c.note
    )


def _article_ids(catalog: Catalog, articles: str | Sequence[str] | None) -> list[str]:
    if articles is None:
        return list(catalog.articles)
    return [articles] if isinstance(articles, str) else list(articles)
