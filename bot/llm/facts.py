"""The checkable facts of a sentence: numbers, money, percentages, dates and proper names.

A claim may only state facts its cited sentences state. Spellings that mean the same are
normalised first: "US$13.5 million", "$13.5 million" and "13.5 million dollars" are one amount;
"100%", "100 percent" and "100 per cent" one percentage; "Sept." and "September" one month;
"U.S." and "United States" one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from index.text.nlp_data import stopwords

Kind = Literal["number", "date", "name"]

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_WORD_NUMBERS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_WORD_NUMBERS |= {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0, "dozen": 12.0}
# "one" is too often a pronoun ("one of them") to be a claim's number; it still matches others.
_CLAIM_WORD_NUMBERS = frozenset(_WORD_NUMBERS) - {"zero", "one", "hundred"}
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"  # 13.5 / 1,200 / 2025
    r"(?:\s*(%|percent\b|per\s+cent\b|pct\b))?"
    r"(?:\s*-?\s*(thousand|million|billion|trillion|mn|bn|tn|[mkb])\b)?",
    re.I,
)
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b"
    r"(?:\s+(thousand|million|billion|trillion))?",
    re.I,
)
_MONTHS = {
    "jan": "jan", "january": "jan", "feb": "feb", "february": "feb", "mar": "mar", "march": "mar",
    "apr": "apr", "april": "apr", "may": "may", "jun": "jun", "june": "jun", "jul": "jul",
    "july": "jul", "aug": "aug", "august": "aug", "sep": "sep", "sept": "sep",
    "september": "sep", "oct": "oct", "october": "oct", "nov": "nov", "november": "nov",
    "dec": "dec", "december": "dec",
}  # fmt: skip
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]|[A-Za-z]")
# Names that mean the same place or body, each written one way before comparing.
_ALIASES = (
    (
        re.compile(
            r"\bU\.S\.(?:A\.)?|\bUnited States(?: of America)?\b|\bUSA\b|\bAmerica(?:ns?)?\b"
        ),
        "US",
    ),
    (re.compile(r"\bU\.K\.|\bUnited Kingdom\b|\b(?:Great )?Britain\b|\bBritish\b"), "UK"),
    (re.compile(r"\bU\.N\.|\bUnited Nations\b"), "UN"),
    (re.compile(r"\bEuropean Union\b"), "EU"),
)
# Capitalised words that start sentences without being names.
_NOT_NAMES = frozenset(
    "according also after although among another as at because before both but by despite "
    "during each earlier even every except first following for from further however if in "
    "including instead it its last later like many meanwhile more most much next no none not "
    "now of on once one only other others our over several since so some such than that the "
    "their then there these they this those though through to today tomorrow under unlike "
    "until up we what when where whether which while who why with within without yesterday "
    "yet you your i he she his her him mr mrs ms dr".split()
)
# Titles and institutions written with capitals: a claim may name them where its cited
# sentence does not ("President Noboa" for "Noboa"); the names beside them are still checked.
_TITLES = frozenset(
    "president vice secretary minister prime senator sen rep representative governor gov mayor "
    "chief director general judge justice officer officials official police department state "
    "states federal national government administration ministry court congress senate house "
    "parliament navy army force forces party council agency office committee commission "
    "university city county street north south east west northern southern eastern western "
    "new world international".split()
)


@dataclass(frozen=True)
class Fact:
    """One checkable fact as the claim writes it, and its normalised key."""

    kind: Kind
    text: str
    key: str


def facts(text: str) -> list[Fact]:
    """The numbers, dates and proper names a sentence states, normalised."""
    text = canonical(text)
    return [*_numbers(text), *_dates(text), *_names(text)]


def canonical(text: str) -> str:
    """The text with each place or body that has several names written one way ("U.S." → "US")."""
    for pattern, name in _ALIASES:
        text = pattern.sub(name, text)
    return text


def missing(claim: str, cited: str) -> list[Fact]:
    """The claim's facts that the cited text does not state (empty when all are there)."""
    cited = canonical(cited)
    have_numbers = {f.key for f in _numbers(cited, claim_side=False)}
    have_dates = {f.key for f in _dates(cited)}
    words = _word_set(cited)
    found = {
        "number": lambda f: f.key in have_numbers,
        "date": lambda f: f.key in have_dates,
        "name": lambda f: _name_found(f.key, words),
    }
    out = [fact for fact in facts(claim) if not found[fact.kind](fact)]
    return out


# -- numbers ----------------------------------------------------------------------------------


def _value_key(value: float) -> str:
    return f"{value:.6g}"


def _numbers(text: str, claim_side: bool = True) -> list[Fact]:
    out = []
    for m in _NUMBER.finditer(text):
        digits, scale = m.group(1), m.group(3)
        if scale and scale.lower() in ("m", "k", "b") and not _money_before(text, m.start()):
            scale = None  # "5 m" is metres unless it is money ("$5m")
        value = float(digits.replace(",", "")) * (_SCALES[scale.lower()] if scale else 1.0)
        # "100%" and "100" are one figure: the words around it say what it counts.
        out.append(Fact("number", m.group(0).strip(), _value_key(value)))
    words = _CLAIM_WORD_NUMBERS if claim_side else frozenset(_WORD_NUMBERS)
    for m in _WORD_NUMBER.finditer(text):
        word, scale = m.group(1).lower(), m.group(2)
        if word not in words:
            continue
        value = _WORD_NUMBERS[word] * (_SCALES[scale.lower()] if scale else 1.0)
        out.append(Fact("number", m.group(0), _value_key(value)))
    return out


def _money_before(text: str, start: int) -> bool:
    return bool(re.search(r"(\$|€|£|US\$|USD|EUR|GBP)\s*$", text[max(0, start - 4) : start]))


# -- dates ------------------------------------------------------------------------------------


def _dates(text: str) -> list[Fact]:
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0).rstrip(".").lower()
        if word in _DAYS:
            out.append(Fact("date", m.group(0), word))
        elif word in _MONTHS and (word != "may" or m.group(0)[0].isupper()):
            if word == "may" and _sentence_start(text, m.start()):
                continue  # "May I…" / "May the …": not the month
            out.append(Fact("date", m.group(0), _MONTHS[word]))
    return out


# -- names ------------------------------------------------------------------------------------


def _names(text: str) -> list[Fact]:
    """Capitalised words that are not ordinary words: people, places, organisations."""
    if not any(c.islower() for c in text):
        return []  # an all-caps text has no telling case
    stop = stopwords()
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0).strip(".'’-")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        lower = word.lower()
        if len(word) < 2 or not word[0].isupper():
            continue
        if lower in stop or lower in _NOT_NAMES or lower in _TITLES or lower in _MONTHS:
            continue
        if lower in _DAYS or lower in _WORD_NUMBERS:
            continue
        if _sentence_start(text, m.start()) and not _looks_like_name(word, text):
            continue
        out.append(Fact("name", word, lower))
    return out


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n•-–—"


def _looks_like_name(word: str, text: str) -> bool:
    """A sentence's first word is a name when the text capitalises it elsewhere too, or when it
    is an acronym or has inner capitals; "Officials said" is not, "Rubio said" is."""
    if sum(c.isupper() for c in word) > 1:
        return True
    later = re.search(rf"(?<=[\w,;] ){re.escape(word)}\b", text)
    return later is not None or not word.lower().endswith(("ly", "ed", "ing", "s"))


def _word_set(text: str) -> set[str]:
    words = set()
    for m in _WORD.finditer(text):
        word = m.group(0).lower().strip(".'’-")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        words.add(word)
        words.add(word.replace(".", ""))
    return words


def _name_found(name: str, words: set[str]) -> bool:
    if name in words or name.replace(".", "") in words:
        return True
    # Forms of one name: "Ecuadorian" ~ "Ecuador", "Ukraine's" ~ "Ukrainian".
    if len(name) > 5:
        stem = name[: max(5, len(name) - 3)]
        return any(w.startswith(stem) for w in words)
    return False
