"""Metadata written in an article's own text: header lines, bylines, datelines, dates.

Every parser here is conservative: it returns None rather than guess, so a citation never shows a
byline, outlet or date the article did not state.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}})(?!\d)"
    rf"|(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})\b"
    rf"|(?P<dmy_d>\d{{1,2}})\s+(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>\d{{4}})\b)",
    re.I,
)
# Words a header line may carry besides its date and byline: labels, weekdays, times.
_HEADER_NOISE = re.compile(
    r"\b(?:date[ds]?|published|updated|posted|on|at"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
    r"|\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)(?=\W|$):?",
    re.I,
)
_SEGMENT = re.compile(r"\s+[|•·–—]\s+")
_BYLINE = re.compile(r"(?:^|(?<=\s))By\s+(?P<rest>.+)$")
_SEPARATORS = re.compile(r"\s*,\s*")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_NAME_PARTICLES = frozenset("de da di do dos van von der den del la le bin al".split())
_MAX_NAME_WORDS = 5
_OUTLET_WORDS = frozenset(
    "news times post press reuters associated journal network herald tribune guardian "
    "telegraph wire agency magazine radio tv television media daily bloomberg afp".split()
)
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]+?(?:,\s*[^()\n]{1,40}?)?\s+)?"
    r"\((?P<outlet>[A-Z][\w.&'’ -]{0,40}?)\)\s*(?:—|–|-{1,2})\s*(?=\S)"
)
_MAX_HEADER_CHARS = 200


class HeaderFields(NamedTuple):
    """What a metadata line of an article states; None where it states nothing."""

    date: str | None = None
    byline: str | None = None
    source: str | None = None


def parse_date(text: str) -> str | None:
    """The first real date in `text` (ISO, `September 4, 2025`, `4 Sept. 2025`) as YYYY-MM-DD."""
    for match in _DATE.finditer(text):
        iso = _iso(match)
        if iso:
            return iso
    return None


def normalize_date(value: str | None) -> str | None:
    """A date from metadata as YYYY-MM-DD when it parses; otherwise as given (never dropped)."""
    value = " ".join((value or "").split())
    return (parse_date(value) or value) if value else None


def _iso(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    if g["y"]:
        year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
    else:
        month_name = (g["mdy_m"] or g["dmy_m"]).lower()[:3]
        year, month = int(g["mdy_y"] or g["dmy_y"]), _MONTHS[month_name]
        day = int(g["mdy_d"] or g["dmy_d"])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_byline(text: str) -> tuple[str, str | None] | None:
    """Names and outlet of a byline: `By Jane Doe, CNN` -> ("Jane Doe", "CNN"); None if not one."""
    match = _BYLINE.search(text.strip())
    if not match:
        return None
    parts = [p for p in _SEPARATORS.split(match.group("rest").strip().rstrip(".")) if p]
    outlet = None
    if len(parts) > 1 and looks_like_outlet(parts[-1]):
        outlet = parts.pop()
    names = [n for p in parts for n in re.split(r"\s+and\s+|\s*&\s*", p)]
    if not names or not all(_is_name(n) for n in names):
        return None
    return ", ".join(parts), outlet


def _is_name(text: str) -> bool:
    """True for a person's name as bylines write it: `Jane Doe`, `José de la Cruz`, `J.D. Roe`."""
    words = text.split()
    return 0 < len(words) <= _MAX_NAME_WORDS and all(
        w in _NAME_PARTICLES or (w[0].isupper() and _NAME_WORD.match(w)) for w in words
    )


def looks_like_outlet(text: str) -> bool:
    """True for names like `CNN`, `Reuters`, `The Associated Press`, `CNN Business`."""
    words = text.split()
    if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    return any(
        (w.isupper() and len(w) >= 2) or w.lower().strip(".") in _OUTLET_WORDS for w in words
    )


def parse_header(line: str) -> HeaderFields | None:
    """Fields of a metadata line such as `date 2025-09-04 By Kylie Atwood, CNN`; None for prose."""
    if len(line) > _MAX_HEADER_CHARS:
        return None
    found = [_header_segment(segment) for segment in _SEGMENT.split(line.strip())]
    if any(f is None for f in found):
        return None
    fields = HeaderFields(
        *(next(filter(None, values), None) for values in zip(*found, strict=True))
    )
    return fields if fields.date or fields.byline else None


def _header_segment(segment: str) -> HeaderFields | None:
    """Fields of one part of a header line split at ` | `, ` · `, ` — `; None if it is prose."""
    if looks_like_outlet(segment) and not _BYLINE.search(segment) and not _DATE.search(segment):
        return HeaderFields(source=segment.strip())
    date = parse_date(segment)
    rest = _DATE.sub(" ", segment)
    byline = outlet = None
    match = _BYLINE.search(rest.rstrip(" \t,;"))
    if match:
        parsed = parse_byline(match.group(0))
        if parsed is None:
            return None
        byline, outlet = parsed
        rest = rest[: match.start()]
    if re.sub(r"[\W_]+", "", _HEADER_NOISE.sub(" ", rest)):
        return None
    return HeaderFields(date=date, byline=byline, source=outlet)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """The outlet of a leading dateline (`(CNN) — `, `LONDON, Sept 4 (Reuters) - `) and the rest."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    return match.group("outlet").strip(), paragraph[match.end() :]
