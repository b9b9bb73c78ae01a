"""The numbers a sentence states, with scale and unit normalised, for comparing two wordings.

"$13.5 million" and "US$13.5 million" are both 13,500,000 USD; "100%" and "100 percent" both
100 %; "two" and "2" both 2. "one" is not counted: it is more often a pronoun ("the one with El
Salvador") than a number.
"""

from __future__ import annotations

import re

Quantity = tuple[float, str | None, str]  # value, unit (None: unsaid), as written

_QUANTITY = re.compile(
    r"(?P<cur>US\$|USD ?|\$|€|£)?(?P<num>\d+(?:[.,]\d+)*)(?: ?(?P<scale>million|billion|"
    r"trillion|thousand|bn)\b)?(?: ?(?P<unit>%|percent|per cent|euros?|dollars?|pounds?)\b)?",
    re.I,
)
_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "two three four five six seven eight nine ten eleven twelve".split(), start=2
    )
} | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_UNITS = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "€": "EUR", "euro": "EUR"}
_UNITS |= {"£": "GBP", "pound": "GBP", "%": "%", "percent": "%", "per cent": "%"}


def quantities(text: str) -> list[Quantity]:
    """(value, unit, as written) for each number a sentence states; "two" counts, "one" not."""
    found = []
    for m in _QUANTITY.finditer(text):
        value = float(m.group("num").replace(",", "")) * _SCALES.get(
            (m.group("scale") or "").lower(), 1.0
        )
        unit = m.group("cur") or m.group("unit")
        unit = _UNITS.get(unit.strip().lower().rstrip("s"), None) if unit else None
        found.append((value, unit, m.group(0).strip()))
    for m in re.finditer(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", text, re.I):
        found.append((float(_NUMBER_WORDS[m.group(1).lower()]), None, m.group(0)))
    return found


def same_quantity(q: Quantity, r: Quantity) -> bool:
    """Equal values, and equal units where both say one."""
    return abs(q[0] - r[0]) <= 1e-9 * max(1.0, abs(q[0])) and (not q[1] or not r[1] or q[1] == r[1])
