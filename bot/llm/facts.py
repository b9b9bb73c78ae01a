"""The checkable facts of a sentence: numbers, money, percentages, dates and proper names.

A claim may only state facts its cited sentences state. Spellings that mean the same are
normalised first: numbers and amounts by `index.quantities` (the rule compare uses too:
"US$13.5 million" = "$13.5m" = "13,5 millones de dólares"); "Sept." and "September" one month;
"U.S." and "United States" one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from index.text.nlp_data import stopwords
from index.text.quantities import quantities, same_quantity

Kind = Literal["number", "date", "name"]

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
    claim, cited = canonical(claim), canonical(cited)
    have = quantities(cited, with_pronouns=True)
    have_dates = {f.key for f in _dates(cited)}
    words = _word_set(cited)
    out = [
        Fact("number", q.text, f"{q.value:.6g}")
        for q in quantities(claim)
        if not any(same_quantity(q, r) for r in have)
    ]
    out += [f for f in _dates(claim) if f.key not in have_dates]
    return out + [f for f in _names(claim) if not _name_found(f.key, words)]


# -- numbers ----------------------------------------------------------------------------------


def _numbers(text: str) -> list[Fact]:
    """The quantities of `index.quantities` (the one rule for numbers), as facts."""
    return [Fact("number", q.text, f"{q.value:.6g}") for q in quantities(text)]


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
        if lower in _DAYS or quantities(lower, with_pronouns=True):
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
