"""Word tokens of a sentence, and the word-level diff of two wordings of one fact.

Shared by `index.text.differences` and `index.text.shifts`: each token keeps its stemmed key
(what a diff compares), its lower-case word, its character span and whether it is a name
(capitalised, not sentence-initial, not a title).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from index.text.lexical import stem

_TOKEN = re.compile(r"[\w$€£%]+(?:[.,'’][\w%]+)*\.?")
_TITLES = frozenset(
    "president secretary minister prime chief mr mrs ms dr gov sen rep gen king queen pope "
    "official spokesman spokeswoman director".split()
)
_ALIASES = {"u.s": "us", "u.s.": "us", "usa": "us", "u.k": "uk", "u.k.": "uk", "percent": "%"}
_PHRASES = {("united", "states"): "us", ("united", "kingdom"): "uk", ("per", "cent"): "%"}


Kind = Literal[
    "number", "name", "date", "qualifier", "quote", "cause", "agent", "attribution", "intensity"
]


@dataclass(frozen=True)
class Difference:
    """One way two sentences differ: what the first says (`left`) and the second (`right`)."""

    kind: Kind
    left: str
    right: str
    detail: str
    severity: int


@dataclass(frozen=True)
class Token:
    """One word of a sentence: `key` normalised and stemmed, `word` lower case, unstemmed."""

    key: str
    word: str
    start: int
    end: int
    name: bool


def tokens(text: str) -> list[Token]:
    """The words of a sentence, contractions and spellings of one name folded together."""
    raw = list(_TOKEN.finditer(text))
    out: list[Token] = []
    for i, m in enumerate(raw):
        word = m.group(0).rstrip(".").replace("’", "'").lower()
        if word.endswith("n't"):
            word = "not"  # "isn't", "won't": keep the negation, drop the verb
        elif re.fullmatch(r"\w+'(s|re|ve|ll|d|m)", word):
            word = word.split("'")[0]  # "it's" → "it": possessives and the rest alike
        word = _ALIASES.get(word, word)
        previous = text[raw[i - 1].end() : m.start()] if i else ""
        initial = i == 0 or bool(re.search(r"[.!?:“\"‘]\s*$", previous))
        is_name = m.group(0)[0].isupper() and not initial and word not in _TITLES
        out.append(Token(stem(word), word, m.start(), m.end(), is_name and word != "i"))
    merged: list[Token] = []
    for token in out:
        if merged and (merged[-1].word, token.word) in _PHRASES:
            alias = _PHRASES[(merged[-1].word, token.word)]
            merged[-1] = Token(alias, alias, merged[-1].start, token.end, merged[-1].name)
        else:
            merged.append(token)
    return merged


def opcodes(a: list[Token], b: list[Token]) -> Sequence[tuple[str, int, int, int, int]]:
    """The word-level diff of two token lists (difflib's opcodes over the stemmed keys)."""
    matcher = difflib.SequenceMatcher(None, [t.key for t in a], [t.key for t in b], False)
    return [(str(op), i1, i2, j1, j2) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def span(text: str, words: list[Token], lo: int, hi: int) -> str:
    """The text of tokens lo..hi-1, quotation marks at its edges removed."""
    if lo >= hi:
        return ""
    snippet = text[words[lo].start : words[hi - 1].end].replace("“", "").replace("”", "")
    return snippet.replace('"', "").strip("‘’ ,;.")


def counterpart(a: list[Token], b: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """The token range of `b` that corresponds to a[lo:hi] in a word-level diff."""
    js: list[int] = []
    for op, i1, i2, j1, j2 in opcodes(a, b):
        overlaps = i1 < hi and i2 > lo if op != "insert" else lo < i1 < hi
        if not overlaps:
            continue
        if op == "equal":
            js += [j1 + (i - i1) for i in range(max(i1, lo), min(i2, hi))]
        else:
            js += list(range(j1, j2))
    return (min(js), max(js) + 1) if js else (0, 0)


def changed_region(a: list[Token], b: list[Token], position: int) -> tuple[int, int]:
    """The changed stretch of `a` (a replace/delete block of the diff) holding `position`."""
    for op, i1, i2, _, _ in opcodes(a, b):
        if op != "equal" and i1 <= position < i2:
            return i1, min(i2, i1 + 8)
    return position, position + 1
