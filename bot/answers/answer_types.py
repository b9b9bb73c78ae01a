"""What kind of answer a question expects, and whether a sentence contains one."""

from __future__ import annotations

import re

_QUESTION_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("duration", re.compile(r"\bhow long\b", re.I)),
    ("number", re.compile(r"\bhow (much|many|large|big|old|far)\b|\bwhat (percentage|share|amount|number|population)\b|\bpopulation\b", re.I)),
    ("date", re.compile(r"\bwhen\b|\bwhat (year|date|day|month|time)\b", re.I)),
    ("person", re.compile(r"^\s*(who|whom|whose)\b", re.I)),
    ("place", re.compile(r"^\s*where\b", re.I)),
)  # fmt: skip

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|half|several|many"
)
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow"
_TYPE_PATTERNS = {
    "number": re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.I),
    "date": re.compile(rf"\b(1[5-9]\d\d|20\d\d|{_MONTHS}|{_DAYS}|century|decade|week|year)s?\b", re.I),
    "duration": re.compile(r"\b(\d+|a|an|one|two|three|several|few|many)\s+(second|minute|hour|day|week|month|year|decade)s?\b|\b(until|through|permanent|temporar)", re.I),
    # A capitalised word that is not the sentence's first word: a name, roughly.
    "person": re.compile(r"(?<=[\w,;:] )[A-Z][a-z]+|\b(official|minister|president|secretary|spokes\w+|source|he|she|they)\b"),
    "place": re.compile(r"(?<=[\w,;:] )[A-Z][a-z]+|\b(country|city|capital|region|state)\b"),
}  # fmt: skip


def expected_type(question: str) -> str | None:
    """The kind of answer a question asks for ("number", "date", …), or None for any."""
    for kind, pattern in _QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return None


def has_type(text: str, kind: str | None) -> bool:
    """True when the text contains an answer of the expected kind (always True for None)."""
    return kind is None or bool(_TYPE_PATTERNS[kind].search(text))
