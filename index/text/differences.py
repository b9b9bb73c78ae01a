"""What differs between two sentences that state the same fact, where it may change the meaning.

Pure text → records. Four signals, each with a severity (1 minor, 2 may change the meaning,
3 changes a fact):

- **number** (3, or 2 when only one version states a number): a quantity in one that the
  other does not state. Values are compared with their scale and unit normalised
  (`index.text.quantities`), so "$13.5 million" = "US$13.5 million" and "100%" = "100 percent"; a
  different currency is a difference.
- **name** (3): a name replaced by another (capitalised words, compared case-insensitively,
  "US" = "U.S." = "United States", "Ecuador" ≈ "Ecuadorian"). A name that one version spells
  out and the other calls "the country" or "he" is not a difference. Weekdays and months count
  as names and are reported as kind **date**.
- **qualifier** (2, negation 3): a hedge ("alleged", "may"), a limiter ("just", "only"), a
  quantifier ("all", "many"), an aspect word ("still", "continues") or a negation present in
  one and with no word of its kind in the other.
- **quote** (1–2): a direct quotation rendered differently: quoted with other words in each
  (2), or quoted in one and paraphrased in the other (2 when the paraphrase drops most of the
  quoted words, 1 when it keeps them).

- **cause**, **agent**, **attribution**, **intensity** (2): why, who acts, who said it, and how
  strong or how far along, worded so the meaning shifts (`index.text.shifts`).

Light rewordings (synonyms, word order, "on Thursday" / "Thursday") raise none of these.
"""

from __future__ import annotations

import re

from index.text.lexical import terms
from index.text.quantities import quantities, same_quantity
from index.text.shifts import shifts
from index.text.wording import (
    Difference,
    Kind,
    Token,
    changed_region,
    counterpart,
    opcodes,
    span,
    tokens,
)

_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|(?<![\w])‘([^’]+)’(?![\w])")
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec".split()
)
# Qualifier classes: one side using a word of a class the other lacks entirely is a signal.
QUALIFIERS: dict[str, frozenset[str]] = {
    "negation": frozenset("not no never none nobody nothing neither nor without".split()),
    "hedge": frozenset(
        "alleged allegedly suspected reportedly apparently possibly potentially probably "
        "likely unlikely may might could perhaps seemingly purportedly".split()
    ),
    "limiter": frozenset("just only merely barely hardly almost nearly scarcely solely".split()),
    "quantifier": frozenset("all every many most some several few whole lot numerous".split()),
    "aspect": frozenset("still already yet continue continues continued continuing remain "
                        "remains remained anymore".split()),
}  # fmt: skip
_IDIOMS = {("all", "in"), ("all", "along"), ("after", "all"), ("at", "all"), ("above", "all")}
_SEVERITY = {"negation": 3, "hedge": 2, "limiter": 2, "quantifier": 2, "aspect": 2}


def differences(left: str, right: str) -> tuple[Difference, ...]:
    """Every meaning-relevant difference between two sentences, most severe first."""
    a, b = tokens(left), tokens(right)
    found = [*_numbers(left, right), *_names(left, right, a, b)]
    found += _qualifiers(left, right, a, b)
    found += _quotes(left, right, a, b)
    found += shifts(left, right, a, b)
    return tuple(sorted(found, key=lambda d: -d.severity))


def severity(found: tuple[Difference, ...]) -> int:
    """How much a pair's differences may change the meaning: the sum of their severities."""
    return sum(d.severity for d in found)


# -- numbers ----------------------------------------------------------------------------------


def _numbers(left: str, right: str) -> list[Difference]:
    a, b = quantities(left), quantities(right)
    only_a = [q for q in a if not any(same_quantity(q, r) for r in b)]
    only_b = [q for q in b if not any(same_quantity(q, r) for r in a)]
    if not only_a and not only_b:
        return []
    shown_a = ", ".join(q[2] for q in only_a)
    shown_b = ", ".join(q[2] for q in only_b)
    detail = "the numbers differ" if only_a and only_b else "only one version states it"
    return [Difference("number", shown_a, shown_b, detail, 3 if only_a and only_b else 2)]


# -- names ------------------------------------------------------------------------------------


def _names(left: str, right: str, a: list[Token], b: list[Token]) -> list[Difference]:
    only_a = [t for t in a if t.name and not _mentioned(t, b)]
    only_b = [t for t in b if t.name and not _mentioned(t, a)]
    if not only_a or not only_b:
        return []  # spelt out in one, "the country" or "he" in the other: not a difference
    calendar = all(t.word in _CALENDAR for t in (*only_a, *only_b))
    shown_a = ", ".join(left[t.start : t.end] for t in only_a)
    shown_b = ", ".join(right[t.start : t.end] for t in only_b)
    kind: Kind = "date" if calendar else "name"
    detail = "the dates differ" if calendar else "the names differ"
    return [Difference(kind, shown_a, shown_b, detail, 3)]


def _mentioned(token: Token, others: list[Token]) -> bool:
    for other in others:
        if other.key == token.key or other.word == token.word:
            return True
        short, long = sorted((token.word, other.word), key=len)
        if len(short) >= 5 and long.startswith(short):  # Ecuador / Ecuadorian
            return True
    return False


# -- qualifiers -------------------------------------------------------------------------------


def _qualifiers(left: str, right: str, a: list[Token], b: list[Token]) -> list[Difference]:
    found = []
    for kind, words in QUALIFIERS.items():
        in_a = [i for i, t in enumerate(a) if t.word in words and not _idiom(a, i)]
        in_b = [i for i, t in enumerate(b) if t.word in words and not _idiom(b, i)]
        if bool(in_a) == bool(in_b):
            continue
        side, other, text, other_text, positions = (
            (a, b, left, right, in_a) if in_a else (b, a, right, left, in_b)
        )
        lo, hi = changed_region(side, other, positions[0])
        j1, j2 = counterpart(side, other, lo, hi)
        mine, theirs = span(text, side, lo, hi), span(other_text, other, j1, j2)
        detail = f"“{side[positions[0]].word}” ({kind}) in one version only"
        pair = (mine, theirs) if in_a else (theirs, mine)
        found.append(Difference("qualifier", *pair, detail, _SEVERITY[kind]))
    return found


def _idiom(words: list[Token], i: int) -> bool:
    """A qualifier word inside a set phrase that does not qualify ("all in", "at all")."""
    before = words[i - 1].word if i else ""
    after = words[i + 1].word if i + 1 < len(words) else ""
    return (words[i].word, after) in _IDIOMS or (before, words[i].word) in _IDIOMS


# -- quotes -----------------------------------------------------------------------------------


def _quotes(left: str, right: str, a: list[Token], b: list[Token]) -> list[Difference]:
    qa, qb = _quoted(left), _quoted(right)
    found = []
    for quotes, others, other_text, side, other, first in (
        (qa, qb, right, a, b, True),
        (qb, qa, left, b, a, False),
    ):
        for quote, start, end in quotes:
            words = set(terms(quote))
            match = max(others, key=lambda q: _dice(words, set(terms(q[0]))), default=None)
            if match and _dice(words, set(terms(match[0]))) > 0.3:
                if not first or _dice(words, set(terms(match[0]))) == 1.0:
                    continue  # reported once, from the left; identical wording is no signal
                dice = _dice(words, set(terms(match[0])))
                pair = _changed(quote, match[0])
                detail = "both quote it, in other words"
                found.append(Difference("quote", *pair, detail, 2 if dice < 0.8 else 1))
                continue
            kept = len(words & set(terms(other_text))) / max(1, len(words))
            lo, hi = _token_range(side, start, end)
            j1, j2 = counterpart(side, other, lo, hi)
            theirs = span(other_text, other, j1, j2)
            how = "keeps most of its words" if kept >= 0.6 else "words it differently"
            detail = f"quoted in one version, paraphrased in the other, which {how}"
            pair = (quote, theirs) if first else (theirs, quote)
            found.append(Difference("quote", *pair, detail, 1 if kept >= 0.6 else 2))
    return found


def _changed(left: str, right: str, gap: int = 2, most: int = 4) -> tuple[str, str]:
    """Only the stretches where two wordings differ, joined by " … " (the shared words left out).

    Stretches fewer than `gap` shared words apart are shown as one; at most `most` of them.
    """
    a, b = tokens(left), tokens(right)
    blocks: list[list[int]] = []
    for op, i1, i2, j1, j2 in opcodes(a, b):
        if op == "equal":
            continue
        if blocks and i1 - blocks[-1][1] <= gap and j1 - blocks[-1][3] <= gap:
            blocks[-1][1], blocks[-1][3] = i2, j2
        else:
            blocks.append([i1, i2, j1, j2])
    if not blocks:
        return left, right
    blocks = blocks[:most]
    shown_a = " … ".join(span(left, a, i1, i2) or "—" for i1, i2, _, _ in blocks)
    shown_b = " … ".join(span(right, b, j1, j2) or "—" for _, _, j1, j2 in blocks)
    return shown_a, shown_b


def _quoted(text: str) -> list[tuple[str, int, int]]:
    """Each quotation in the text (without its marks) and its character span."""
    out = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in range(1, 4) if m.group(g) is not None)
        out.append((m.group(group).strip(" ,.;"), m.start(group), m.end(group)))
    return [q for q in out if q[0]]


def _token_range(words: list[Token], start: int, end: int) -> tuple[int, int]:
    inside = [i for i, t in enumerate(words) if t.start >= start and t.end <= end]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0
