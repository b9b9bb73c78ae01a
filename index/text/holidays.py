"""Named days of the calendar that news text dates things by ("Black Friday", "Christmas Eve").

Pure: a holiday's name → its date in a given year. US holidays follow their federal rules
(Thanksgiving is the fourth Thursday of November, Black Friday the day after); Easter is the
Western (Gregorian) one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday 0) of a month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month = (h + weekday - 7 * m + 90) // 25
    return date(year, month, (h + weekday - 7 * m + 33 * month + 19) % 32)


def _thanksgiving(year: int) -> date:
    return _nth_weekday(year, 11, 3, 4)


# Keyed by the name without a trailing "Day" or "Sunday" ("Christmas Day" is "christmas").
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "black friday": lambda y: _thanksgiving(y) + timedelta(days=1),
    "cyber monday": lambda y: _thanksgiving(y) + timedelta(days=4),
    "thanksgiving": _thanksgiving,
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "boxing": lambda y: date(y, 12, 26),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's": lambda y: date(y, 1, 1),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's": lambda y: date(y, 2, 14),
    "independence": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4),
    "memorial": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor": lambda y: _nth_weekday(y, 9, 0, 1),
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "easter": _easter,
}
PATTERN = (
    r"(?P<holiday>Black Friday|Cyber Monday|Thanksgiving(?: Day)?|Christmas(?: Eve| Day)?"
    r"|Boxing Day|New Year[’']s (?:Eve|Day)|Halloween|Valentine[’']s Day|Independence Day"
    r"|Fourth of July|Memorial Day|Labor Day|Good Friday|Easter(?: Sunday)?)"
)


def holiday_date(name: str, year: int) -> date:
    """The date of a named holiday (as `PATTERN` matches it) in a year."""
    key = name.lower().replace("’", "'")
    return HOLIDAYS[re.sub(r" (?:day|sunday)$", "", key)](year)
