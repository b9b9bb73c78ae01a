"""Time expressions in news sentences, resolved against the article's date where it is known.

Pure text → records. News style dates events relative to publication: "Thursday" in a story
dated Thursday 4 September 2025 is that day; "last week" is the week before. The rules:

- Tense is read where the expression stands: in its own clause first ("…, it said on
  Tuesday" is past even when the sentence also says "will"), then in the whole sentence.
  Future: "will", "is expected to", "plans to"; past: "said", "was", a verb in -ed.
- A bare weekday ("Thursday", "on Thursday", "Earlier Thursday") is the nearest such day on or
  before the article's date, or on or after it in the future tense. "last Friday" is strictly
  before, "next Friday" strictly after, "this Friday" in the same Monday-to-Sunday week.
- Holidays ("Black Friday", "Thanksgiving", "Christmas Eve", "Easter"; `index.text.holidays`)
  are days, never weekdays: the latest on or before the article's date, or the next one in the
  future tense; a stated year ("Christmas 2024") wins.
- "today", "yesterday", "tomorrow", "tonight"; "last/this/next week|month|year"; "earlier
  this week"; "N days/weeks/months/years ago" (approximate for months and years).
- Calendar dates: "Sept. 4", "4 September", "September 4, 2025", "2025-09-04"; without a year,
  the latest on or before the article's date in the past tense ("arrested … for the March 21
  call"), the next on or after it in the future tense, else the nearest. "in March 2024", "in
  2019"; "in March" alone is the latest March on or before (or the next, for the future);
  "last April", "next March", "this June" as a reader of that day understands them.

An expression whose meaning depends on an unknown article date keeps its wording and resolves
to None. Words like "earlier", "morning" or "late" only order events within one day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from index.text.holidays import PATTERN as _HOLIDAY
from index.text.holidays import holiday_date

Precision = Literal["day", "week", "month", "year"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12, "January": 1, "February": 2, "March": 3,
    "April": 4, "June": 6, "July": 7, "August": 8, "September": 9, "October": 10,
    "November": 11, "December": 12,
}  # fmt: skip
_FULL = [m for m in _MONTHS if len(m) > 4 or m in ("May", "June", "July")]
_SHORT = sorted((m for m in _MONTHS if m not in _FULL), key=len, reverse=True)
# A full month name, or an abbreviation with its optional period ("Sept. 4", not "March.").
_MONTH = rf"(?:(?P<month>{'|'.join(_FULL)})\b|(?P<abbr>{'|'.join(_SHORT)})\b\.?)"
_DAY = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("holiday", re.compile(rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_HOLIDAY}\b(?:,?\s+(?P<y>\d{{4}})\b)?")),
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?")),
    ("day_month", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+(?P<y>\d{{4}})\b)?")),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?P<y>\d{{4}})\b")),
    ("weekday", re.compile(rf"\b(?:(?P<mod>[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his)\s+(?:on\s+)?)?(?P<wd>{_DAY})\b{_PART}")),
    ("day_word", re.compile(r"\b(?P<w>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)\b" + _PART)),
    ("period", re.compile(r"\b(?P<early>[Ee]arlier\s+)?(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<unit>week|month|year)\b")),
    ("ago", re.compile(r"\b(?P<n>\d+|an?|one|two|three|four|five|six)\s+(?P<unit>day|week|month|year)s?\s+ago\b")),
    ("in_month", re.compile(rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?)\s*{_MONTH}(?!\s*\d)")),
    ("in_year", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil)\s+(?P<y>(?:19|20)\d{2})\b")),
)  # fmt: skip
_FUTURE = re.compile(
    r"\b(will|shall|won't|won’t|'ll|’ll|(is|are) (set|due|expected|scheduled|slated) to|"
    r"plans? to|intends? to|upcoming|(expected|scheduled|planned|slated|due) (to|for|on))\b",
    re.I,
)
_REPORTING = r"said|told|added|noted|announced|wrote"
# A participle after "be" ("will be held") takes the tense of the verb before it.
_PAST = re.compile(
    rf"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b({_REPORTING}|was|were|had|did|met|took|held|made|gave|went|came|began|left|won|lost|"
    r"saw|spoke|rose|fell|sent|led|paid|sold|brought|found|got|became|ran|struck|ago|"
    r"(?!(?:united|hundred|indeed|need|speed|seed|feed|shed|red|bed|wed|limited|related|based|"
    r"detailed|expected|scheduled|planned|slated)\b)\w{2,}ed)\b",
    re.I,
)
_REPORTED = re.compile(rf"\b(?:{_REPORTING})\b", re.I)
# Where a clause ends: the tense of the words around an expression is read inside these.
_CLAUSE = re.compile(r"[,;:()“”\"]|\s[—–-]\s")
Tense = Literal["past", "future"] | None
_PART_RANK = {"early": 0, "earlier": 0, "morning": 0, "afternoon": 2, "evening": 3, "night": 3}
_PART_RANK |= {"late": 3, "later": 3, "tonight": 3}


@dataclass(frozen=True)
class DateMention:
    """A time expression as written, and the date it stands for (None when unknown).

    `when` is the first day of the period (a week starts on Monday), `precision` its length;
    `part` orders events within one day (0 early … 3 late, 1 when unsaid). `relative` is
    True when the meaning depends on the article's date.
    """

    text: str
    start: int
    end: int
    when: date | None
    precision: Precision
    part: int
    relative: bool

    @property
    def label(self) -> str | None:
        """How a reader says the resolved date: "Thursday 4 September 2025", "August 2025"."""
        if self.when is None:
            return None
        d = self.when
        return {
            "day": f"{WEEKDAYS[d.weekday()]} {d.day} {d:%B %Y}",
            "week": f"the week of Monday {d.day} {d:%B %Y}",
            "month": f"{d:%B %Y}",
            "year": f"{d.year}",
        }[self.precision]

    @property
    def key(self) -> str:
        """What the expression names, for matching two versions of one event ("thursday")."""
        if self.when is not None:
            return f"{self.precision}:{self.when.isoformat()}"
        words = re.sub(r"\b(earlier|later|early|late|on|morning|afternoon|evening|night)\b", "",
                       self.text.lower())  # fmt: skip
        return " ".join(words.split())


def parse_date(value: str | None) -> date | None:
    """The first YYYY-MM-DD date in an article's date field, or None."""
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """Every time expression in a sentence, in order, resolved against `anchor` where known."""
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and m.end() > start for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(_resolve(kind, m, anchor, tense(text, m.start(), m.end())))
    return sorted(found, key=lambda x: x.start)


def tense(text: str, start: int, end: int) -> Tense:
    """The tense an expression at text[start:end] is read in.

    The nearest tense word before it in its clause ("announced on Thursday that talks will
    resume on Friday": past, then future), else the first after it there; else the sentence's,
    leaving out verbs of saying, which date the statement rather than the event.
    """
    before = [m.end() for m in _CLAUSE.finditer(text, 0, start)]
    after = _CLAUSE.search(text, end)
    lo, hi = (before[-1] if before else 0), (after.start() if after else len(text))
    marks = [(m.start(), "future") for m in _FUTURE.finditer(text, lo, hi)]
    marks += [(m.start(), "past") for m in _PAST.finditer(text, lo, hi)]
    earlier = [mark for mark in marks if mark[0] < start]
    later = [mark for mark in marks if mark[0] >= end]
    if earlier or later:
        return max(earlier)[1] if earlier else min(later)[1]  # type: ignore[return-value]
    if _FUTURE.search(text):
        return "future"
    past = [m for m in _PAST.finditer(text) if not _REPORTED.fullmatch(m.group(0))]
    return "past" if past else None


def _resolve(kind: str, m: re.Match[str], anchor: date | None, read_in: Tense) -> DateMention:
    groups = m.groupdict()
    part = _PART_RANK.get((groups.get("part") or groups.get("mod") or "").lower(), 1)
    if kind == "day_word" and groups["w"].lower() == "tonight":
        part = 3
    elif kind == "period" and groups.get("early"):
        part = 0
    when, precision, relative = _when(kind, groups, anchor, read_in)
    return DateMention(m.group(0), m.start(), m.end(), when, precision, part, relative)


def _when(
    kind: str, groups: dict[str, Any], anchor: date | None, read_in: Tense
) -> tuple[date | None, Precision, bool]:
    """The date an expression stands for, its precision, and whether it is relative."""
    year = int(groups["y"]) if groups.get("y") else None
    name = groups.get("month") or groups.get("abbr")
    month = _MONTHS[name] if name else 1
    if kind == "iso":
        return _safe_date(year, int(groups["m"]), int(groups["d"])), "day", False
    if kind in ("month_day", "day_month"):
        if year is not None:
            return _safe_date(year, month, int(groups["d"])), "day", False
        day = int(groups["d"])
        return _in_year_near(anchor, read_in, lambda y: _safe_date(y, month, day)), "day", True
    if kind == "holiday":
        name, modifier = groups["holiday"] or "", (groups.get("mod") or "").lower()
        if year is not None:
            return holiday_date(name, year), "day", False
        shifted: Tense = {"last": "past", "next": "future"}.get(modifier, read_in)  # type: ignore[assignment]
        strict = modifier in ("last", "next")
        return _in_year_near(anchor, shifted, lambda y: holiday_date(name, y), strict), "day", True
    if kind == "month_year":
        return _safe_date(year, month, 1), "month", False
    if kind == "in_year":
        return date(int(groups["y"]), 1, 1), "year", False
    unit: Precision = groups.get("unit") or ("month" if kind == "in_month" else "day")
    if anchor is None:
        return None, unit, True
    if kind == "weekday":
        wanted = WEEKDAYS.index(groups["wd"])
        return _weekday(anchor, wanted, groups.get("mod"), read_in == "future"), "day", True
    if kind == "day_word":
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[groups["w"].lower()]
        return anchor + timedelta(days=shift), "day", True
    if kind == "period":
        return _period(anchor, groups["mod"].lower(), unit), unit, True
    if kind == "ago":
        n = int(groups["n"]) if groups["n"].isdigit() else _NUMBERS[groups["n"].lower()]
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return anchor - timedelta(days=days), unit, True
    # in_month: the latest such month on or before the article's month (the next, for the
    # future); "last April" / "next April" exclude the article's own month, "this April" is
    # the one of the article's year.
    modifier = (groups.get("mod") or "").lower()
    if modifier == "this":
        return date(anchor.year, month, 1), "month", True
    future = modifier == "next" or (modifier != "last" and read_in == "future")
    strict = modifier in ("last", "next")
    this_month = date(anchor.year, anchor.month, 1)
    options = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if future:
        after = [d for d in options if d > this_month or (d == this_month and not strict)]
        return after[0], "month", True
    before = [d for d in options if d < this_month or (d == this_month and not strict)]
    return before[-1], "month", True


def _weekday(anchor: date, wanted: int, modifier: str | None, future: bool) -> date:
    modifier = (modifier or "").lower()
    back = (anchor.weekday() - wanted) % 7
    ahead = (wanted - anchor.weekday()) % 7
    if modifier == "last":
        return anchor - timedelta(days=back or 7)
    if modifier == "next":
        return anchor + timedelta(days=ahead or 7)
    if modifier == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=wanted)
    return anchor + timedelta(days=ahead) if future else anchor - timedelta(days=back)


def _period(anchor: date, modifier: str, unit: str) -> date:
    step = {"last": -1, "this": 0, "next": 1}[modifier]
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday + timedelta(weeks=step)
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return date(index // 12, index % 12 + 1, 1)
    return date(anchor.year + step, 1, 1)


def _in_year_near(
    anchor: date | None, read_in: Tense, in_year: Callable[[int], date | None], strict=False
) -> date | None:
    """A day that recurs each year, in the year the tense points to.

    Past: the latest on or before the article's date (a day of slack for time zones); future:
    the next on or after it; unknown tense: the nearest. `strict` excludes the article's day.
    """
    if anchor is None:
        return None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    options = [d for d in (in_year(y) for y in years) if d is not None]
    slack = timedelta(days=0 if strict else 1)
    if read_in == "past" or (strict and read_in != "future"):
        before = [d for d in options if d <= anchor + slack and not (strict and d == anchor)]
        return before[-1] if before else None
    if read_in == "future":
        after = [d for d in options if d >= anchor - slack and not (strict and d == anchor)]
        return after[0] if after else None
    return min(options, key=lambda d: abs((d - anchor).days), default=None)


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
