"""The date of each stored sentence: the time it names, or the one it inherits from its context.

News copy dates an event once and tells the rest of it in undated sentences: "Earlier Thursday,
Rubio announced …" and, three sentences on, "Rubio also announced the US would provide $13.5
million …". An undated sentence that reports an event (an action verb: announced, will provide,
arrested) takes the date

- of its **paragraph**: the nearest dated sentence before it in the same paragraph, else the
  first one after it there; or
- of the sentence it **continues**: one that says "also", "another", "in addition" takes the
  date of the nearest dated event before it in the article (at most `CONTINUES_WITHIN`
  sentences back), the source of an inherited date being itself possibly inherited.

Statements ("Rubio said the designations … allow the US to impose sanctions") and states
("threats are still rampant") inherit nothing: they are not events. An inherited date says so
(`inherited`), and which sentence states it (`source`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from index.store.catalog import Catalog
from index.text.dates import DateMention, find_dates, parse_date

CONTINUES_WITHIN = 4
Inheritance = Literal["paragraph", "continues"]

_EVENT_VERB = re.compile(
    r"\b(?:announc|designat|sign|launch|arrest|charg|attack|approv|vot|visit|pledg|provid"
    r"|unveil|agre|elect|resign|releas|raid|seiz|order|sentenc|convict|ban|impos|deploy|fund"
    r"|award|donat|contribut|declar|appoint|nominat|reject|accept|discover|publish|issu|captur"
    r"|rescu|evacuat|suspend|cancel|postpon|delay|introduc|propos|offer|promis|allocat|grant"
    r"|transfer|kill|sue|fir|clos|open|hold|meet|send|pass|strik|win)"
    r"(?:e|es|ed|d|s|ing|ting|ped|ned)?\b"
    r"|\b(?:met|held|sent|won|struck|died|fell|took|made|gave)\b",
    re.I,
)
_SAYING = re.compile(r"\b(?:said|says|told|added|noted|indicated|explained|stated)\b", re.I)
_CONTINUES = re.compile(
    r"\b(?:also|another|additionally|in addition|as well|further|moreover)\b", re.I
)


@dataclass(frozen=True)
class SentenceDate:
    """The expression that dates a sentence, the sentence stating it, and how it was found.

    `inherited` is None when the sentence names the time itself; `source` is then the
    sentence's own catalog index.
    """

    mention: DateMention
    source: int
    inherited: Inheritance | None = None

    @property
    def when(self) -> date | None:
        """The first day of the period meant, or None when the article's date is unknown."""
        return self.mention.when

    @property
    def label(self) -> str | None:
        """The date as a reader says it: "Thursday 4 September 2025", "August 2025"."""
        return self.mention.label


def article_anchor(catalog: Catalog, article_id: str) -> date | None:
    """The date relative expressions in an article are read against (its own date)."""
    return parse_date(catalog.articles[article_id].date)


def sentence_dates(catalog: Catalog, article_id: str) -> dict[int, list[SentenceDate]]:
    """Every dated sentence of an article (catalog index → its dates, own ones in order)."""
    anchor = article_anchor(catalog, article_id)
    span = catalog.span(article_id)
    dated: dict[int, list[SentenceDate]] = {}
    for i in span:
        found = find_dates(catalog.sentences[i].text, anchor)
        if found:
            dated[i] = [SentenceDate(m, i) for m in found]
    for i in span:
        if i in dated or not reports_event(catalog.sentences[i].text):
            continue
        inherited = _from_paragraph(catalog, dated, i) or _from_continued(catalog, dated, i)
        if inherited:
            dated[i] = [inherited]
    return dated


def reports_event(text: str) -> bool:
    """True when a sentence tells of an action, not only of what someone said or a state.

    An action verb inside reported speech ("Rubio said the designations … impose sanctions")
    does not count: only one before the verb of saying does.
    """
    said = _SAYING.search(text)
    verb = _EVENT_VERB.search(text)
    return verb is not None and (said is None or verb.start() < said.start())


def resolved_date(catalog: Catalog, index: int) -> SentenceDate | None:
    """The date of stored sentence `index`: the first time it names that can be resolved, else
    the one it inherits (paragraph, continued sentence), else None.

    For "when" answers: `resolved_date(catalog, i).label` is "Thursday 4 September 2025" for a
    sentence that says "on Thursday" in an article dated 2025-09-04. None when the sentence has
    no date to give, or only relative ones in an article whose own date is unknown.
    """
    dates = sentence_dates(catalog, catalog.sentences[index].article_id).get(index, [])
    return next((d for d in dates if d.when is not None), None)


def _from_paragraph(
    catalog: Catalog, dated: dict[int, list[SentenceDate]], i: int
) -> SentenceDate | None:
    paragraph = catalog.sentences[i].paragraph
    same = [j for j in catalog.span(catalog.sentences[i].article_id)]
    same = [j for j in same if catalog.sentences[j].paragraph == paragraph and j in dated]
    before = [j for j in same if j < i]
    source = before[-1] if before else next((j for j in same if j > i), None)
    return _inherit(dated, source, "paragraph")


def _from_continued(
    catalog: Catalog, dated: dict[int, list[SentenceDate]], i: int
) -> SentenceDate | None:
    if not _CONTINUES.search(catalog.sentences[i].text):
        return None
    start = catalog.span(catalog.sentences[i].article_id).start
    for j in range(i - 1, max(start, i - CONTINUES_WITHIN) - 1, -1):
        if j in dated and reports_event(catalog.sentences[j].text):
            return _inherit(dated, j, "continues")
    return None


def _inherit(
    dated: dict[int, list[SentenceDate]], source: int | None, how: Inheritance
) -> SentenceDate | None:
    if source is None:
        return None
    first = dated[source][0]
    return SentenceDate(first.mention, first.source, how)
