"""The story's dated events in order, each quoting and citing the sentence that dates it.

Every sentence with a time expression ("Thursday", "Earlier Thursday", "last week", "on
Sept. 4") is an event, dated by `index.text.dates` against its article's date; so is an undated
sentence reporting an action that inherits the date of its paragraph or of the sentence it
continues (`index.text.dating`: "Rubio also announced … $13.5 million" takes the "Earlier
Thursday" of the announcement it continues), marked as inherited. Sentences of
different articles that state the same thing (aligned as in `compare`) and name the same time
are one event citing all of them; it takes its date from whichever version can be dated, so an
undated reworded copy is cited beside the dated original. An event no article can date keeps
its wording, says so, and comes after the dated ones, in story order.

Order: date, then the part of the day ("Earlier Thursday" before "Thursday" before "Thursday
night"), then story order. A week, month or year sorts by its first day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.citations import CitationBook
from bot.records import Event, Timeline
from index.store.catalog import Catalog
from index.text.alignment import align_groups
from index.text.dates import DateMention
from index.text.dating import SentenceDate, article_anchor, sentence_dates


@dataclass
class _Draft:
    """An event being gathered: the version that dates it best, and every version citing it."""

    lead: int
    dated: SentenceDate
    members: list[int]
    position: int

    @property
    def mention(self) -> DateMention:
        """The expression that dates the event (in the lead or the sentence it inherits from)."""
        return self.dated.mention


def build_timeline(catalog: Catalog, article_ids: Sequence[str]) -> Timeline:
    """Find, date, merge and order the events of the given articles."""
    anchors = {a: article_anchor(catalog, a) for a in article_ids}
    mentions: dict[int, list[SentenceDate]] = {}
    for article_id in article_ids:
        mentions |= sentence_dates(catalog, article_id)
    per_article = [[i for i in catalog.span(a) if i in mentions] for a in article_ids]
    drafts: list[_Draft] = []
    for position, group in enumerate(align_groups(catalog, per_article)):
        drafts += _merge(group, mentions, position)
    drafts.sort(key=_order)
    book = CitationBook(catalog)
    events = tuple(_event(catalog, book, d, anchors) for d in drafts)
    return Timeline(tuple(article_ids), events, book.citations)


def _merge(group: Sequence[int], mentions: dict[int, list[SentenceDate]], position: int):
    """One draft per time named in the group; versions naming the same time join it, and the
    version dated best leads (a resolved date first, then one the sentence states itself)."""
    drafts: list[_Draft] = []
    for index in group:
        for dated in mentions[index]:
            same = next((d for d in drafts if _same_time(d.mention, dated.mention)), None)
            if same is None:
                drafts.append(_Draft(index, dated, [index], position))
                continue
            if index not in same.members:
                same.members.append(index)
            if _rank(dated) < _rank(same.dated):
                same.lead, same.dated = index, dated
    return drafts


def _rank(dated: SentenceDate) -> tuple[bool, bool]:
    return (dated.when is None, dated.inherited is not None)


def _same_time(a: DateMention, b: DateMention) -> bool:
    if a.when is not None and b.when is not None:
        return (a.when, a.precision) == (b.when, b.precision)
    return _wording(a) == _wording(b)


def _wording(m: DateMention) -> str:
    """The time named, without words that only place it within a day ("Earlier on")."""
    skip = {"earlier", "later", "early", "late", "on", "in", "morning", "afternoon", "evening"}
    return " ".join(w for w in m.text.lower().replace(".", "").split() if w not in skip)


def _order(d: _Draft) -> tuple:
    if d.mention.when is None:
        return (1, date.max, 0, d.position, d.mention.start)
    return (0, d.mention.when, d.mention.part, d.position, d.mention.start)


def _event(
    catalog: Catalog, book: CitationBook, draft: _Draft, anchors: dict[str, date | None]
) -> Event:
    m = draft.mention
    lead = catalog.sentences[draft.lead]
    anchor = anchors[lead.article_id]
    if m.when is None:
        note = f"the article gives no date, so “{m.text}” is left as written"
    elif m.relative:
        note = f"“{m.text}” read against the article's date, {anchor.isoformat() if anchor else ''}"
    else:
        note = "a date stated in the text"
    members = sorted(draft.members, key=lambda i: (i != draft.lead, i))
    citations = tuple(book.cite(i) for i in members)
    dated_by = None
    if draft.dated.inherited:
        source = catalog.sentences[draft.dated.source]
        dated_by = book.cite(draft.dated.source)
        how = {"paragraph": "its paragraph", "continues": "the sentence it continues"}
        note = (
            f"no date of its own: dated by {how[draft.dated.inherited]}, sentence "
            f"{source.n} [{dated_by}]; {note}"
        )
    return Event(
        when=m.text,
        date=m.when.isoformat() if m.when else None,
        precision=m.precision,
        resolved=m.label,
        note=note,
        text=lead.text,
        citations=citations,
        articles=tuple(catalog.sentences[i].article_id for i in members),
        inherited=draft.dated.inherited,
        dated_by=dated_by,
    )
