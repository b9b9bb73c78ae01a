"""Misspelt question words corrected against the store's own words ("terorist" → "terrorist"),
so that a typo neither misses the sentence nor looks like a term the articles never use."""

from __future__ import annotations

import re
from collections import Counter

from bot.answers.reading.question import fix_question_words
from index.store.catalog import Catalog
from index.text.lexical import stem, words
from index.text.nlp_data import stopwords

# Shorter words are too often real words the store happens not to use ("pact", "tied").
_WORD = re.compile(r"[A-Za-z]{6,}")
_CACHE: dict[int, tuple[object, dict[str, list[tuple[str, int]]]]] = {}


def correct_spelling(text: str, catalog: Catalog) -> str:
    """The text with each word the store never uses replaced by one it uses a typo away."""
    lexical = catalog.lexical
    if lexical is None or not len(catalog):
        return text
    stop = stopwords()

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in stop or stem(low) in lexical.df:
            return word
        found = _closest(low, catalog)
        if found is None:
            return word
        return found.capitalize() if word[0].isupper() else found

    return _WORD.sub(fix, fix_question_words(text))


def _closest(word: str, catalog: Catalog) -> str | None:
    """The most frequent stored word within one edit (two for words of 8 letters or more)."""
    limit = 2 if len(word) >= 8 else 1
    best: tuple[int, int, str] | None = None
    for known, count in _vocabulary(catalog).get(word[0], ()):
        if abs(len(known) - len(word)) > limit:
            continue
        d = _distance(word, known, limit)
        if d <= limit and (best is None or (d, -count, known) < best):
            best = (d, -count, known)
    return best[2] if best else None


def _vocabulary(catalog: Catalog) -> dict[str, list[tuple[str, int]]]:
    """The store's words of 4 letters or more by first letter, with their counts."""
    cached = _CACHE.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    counts: Counter[str] = Counter()
    for s in catalog.sentences:
        counts.update(w for w in words(s.text) if len(w) >= 4 and w.isalpha())
    found: dict[str, list[tuple[str, int]]] = {}
    for word, count in counts.items():
        found.setdefault(word[0], []).append((word, count))
    _CACHE.clear()  # one catalog at a time: the engine's current one
    _CACHE[id(catalog)] = (catalog, found)
    return found


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), stopping past `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
