"""Shifts of meaning between two wordings that keep every number and name: why, who, how much.

Pure text → `Difference` records, for `index.text.differences`. Four signals, severity 2 each
(they may change the meaning, they do not change a stated fact):

- **cause**: a causal link given as one reason among others in one version ("That is one
  reason the US …") and as the whole reason in the other ("That is why …"), or stated in only
  one of them ("because", "as a result").
- **agent**: who acts changes class: a pronoun for a person in one version where the other has
  one for a thing or a country ("its extradition treaty" / "his extradition treaty"). The names
  or pronouns around it that changed are shown with it. A name in one and a pronoun of a
  fitting class in the other ("Rubio" / "he") is not a shift.
- **attribution**: the words are put in the mouth of someone described differently ("the
  official said" / "the source said"). A pronoun for the speaker ("he said") is not a shift.
- **intensity**: both versions grade how strong or how far along something is, on different
  scales: a settled level ("still rampant"), growth ("continue to proliferate",
  "intensifying"), a beginning ("just getting ramped up"), or decline.
"""

from __future__ import annotations

import re

from index.text.wording import Difference, Token, changed_region, counterpart, opcodes, span

_PARTIAL = re.compile(
    r"\b(?:one|a|another|an important|a major|a key) reason\b|\bone of the reasons\b"
    r"|\bamong the reasons\b|\b(?:partly|in part|partially)\b|\bcontributed to\b",
    re.I,
)
_FULL = re.compile(
    r"\b(?:why|because|therefore|thus|hence|consequently)\b|\bthe (?:main |only )?reason\b"
    r"|\bas a result\b|\bdue to\b|\bled to\b|\bso that\b",
    re.I,
)
# Pronouns that say who acts or owns (subject and possessive forms); "with it" / "with them"
# after a preposition only refer back to a thing, and are left out.
_PRONOUNS = {
    **dict.fromkeys("he his she her".split(), "a person"),
    **dict.fromkeys("it its".split(), "a thing or a country"),
    **dict.fromkeys("they their".split(), "several"),
}
_PREPOSITIONS = frozenset("with to for of on in at by from about into over under".split())
_SPEAKER = (
    r"(official|officials|source|sources|spokesman|spokeswoman|spokesperson|aide|aides"
    r"|diplomat|diplomats|analyst|analysts|expert|experts|witness|witnesses|adviser|advisers"
    r"|advisor|advisors|insider|insiders|prosecutor|prosecutors|lawyer|lawyers|representative)"
)
_SAYS = r"(?:said|says|told|added|noted|explained|stated|indicated|believes|confirmed|warned)"
_DET = r"(?:the|a|an|one|another|two|three|several)\s+(?:[\w.’'-]+\s+){0,3}?"
_ATTRIBUTION = re.compile(
    rf"\b{_DET}{_SPEAKER}\b(?=,?\s+{_SAYS}\b)|\baccording to {_DET}{_SPEAKER}\b"
    rf"|\b{_SAYS} {_DET}{_SPEAKER}\b",
    re.I,
)
_SCALES = {
    "a settled level": "rampant rife widespread pervasive endemic entrenched",
    "growth": "proliferate proliferates proliferating proliferated proliferation spread "
    "spreads spreading grow grows growing grew increase increases increasing increased rise "
    "rises rising rose surge surges surging surged soar soars soaring soared escalate "
    "escalates escalating escalated escalation intensify intensifies intensifying "
    "intensified mounting worsen worsens worsening worsened accelerate accelerating",
    "a beginning": "ramp ramps ramping ramped beginning starting emerging nascent",
    "decline": "decline declines declining declined wane wanes waning waned subside "
    "subsiding subsided shrink shrinking shrank diminish diminishing diminished fade fading "
    "faded plunge plunging plunged",
}
_SCALE_OF = {word: scale for scale, words in _SCALES.items() for word in words.split()}


def shifts(left: str, right: str, a: list[Token], b: list[Token]) -> list[Difference]:
    """The cause, agent, attribution and intensity shifts between two tokenised sentences."""
    found = [*_cause(left, right), *_agent(left, right, a, b), *_attribution(left, right)]
    return found + _intensity(left, right, a, b)


def _intensity(left: str, right: str, a: list[Token], b: list[Token]) -> list[Difference]:
    """Both versions grade something, on different scales ("rampant" / "proliferate")."""
    scales_a, scales_b = _scales(a), _scales(b)
    if not scales_a or not scales_b or set(scales_a) == set(scales_b):
        return []
    i = next(p for s, p in scales_a.items() if s not in scales_b)
    j = next((p for s, p in scales_b.items() if s not in scales_a), min(scales_b.values()))
    lo, hi = changed_region(a, b, i)
    j1, j2 = counterpart(a, b, lo, hi)
    if not j1 <= j < j2:
        j1, j2 = changed_region(b, a, j)
    shown = (span(left, a, lo, hi), span(right, b, j1, j2))
    detail = f"graded as {_SCALE_OF[a[i].word]} in one, {_SCALE_OF[b[j].word]} in the other"
    return [Difference("intensity", *shown, detail, 2)]


def _scales(words: list[Token]) -> dict[str, int]:
    """Each scale a sentence grades on, and the position of its first word."""
    found: dict[str, int] = {}
    for i, t in enumerate(words):
        if t.word in _SCALE_OF:
            found.setdefault(_SCALE_OF[t.word], i)
    return found


def _cause(left: str, right: str) -> list[Difference]:
    kinds = [_causal(text) for text in (left, right)]
    if kinds[0][0] == kinds[1][0]:
        return []
    (kind_a, said_a), (kind_b, said_b) = kinds
    if kind_a and kind_b:
        detail = "one reason among others in one version, the whole reason in the other"
    else:
        detail = "only one version says one thing causes the other"
    return [Difference("cause", said_a, said_b, detail, 2)]


def _causal(text: str) -> tuple[str | None, str]:
    """("partial" | "full" | None, the words that say it)."""
    partial, full = _PARTIAL.search(text), _FULL.search(text)
    if partial:
        return "partial", partial.group(0)
    return ("full", full.group(0)) if full else (None, "")


def _agent(left: str, right: str, a: list[Token], b: list[Token]) -> list[Difference]:
    blocks = [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in opcodes(a, b) if op == "replace"]
    clash = False
    shown_a, shown_b = [], []
    for i1, i2, j1, j2 in blocks:
        ours = {_PRONOUNS[a[i].word] for i in range(i1, i2) if _actor_pronoun(a, i)}
        theirs = {_PRONOUNS[b[j].word] for j in range(j1, j2) if _actor_pronoun(b, j)}
        clash |= bool(ours and theirs and not ours & theirs)
        actors_a = [t for t in a[i1:i2] if t.word in _PRONOUNS or t.name]
        actors_b = [t for t in b[j1:j2] if t.word in _PRONOUNS or t.name]
        if actors_a and actors_b and (ours or theirs):
            shown_a += [left[t.start : t.end] for t in actors_a]
            shown_b += [right[t.start : t.end] for t in actors_b]
    if not clash:
        return []
    detail = "who acts differs (a pronoun of another kind: a person, a thing, several)"
    return [Difference("agent", " … ".join(shown_a), " … ".join(shown_b), detail, 2)]


def _actor_pronoun(words: list[Token], i: int) -> bool:
    return words[i].word in _PRONOUNS and not (i and words[i - 1].word in _PREPOSITIONS)


def _attribution(left: str, right: str) -> list[Difference]:
    found = [[m for m in _ATTRIBUTION.finditer(text)] for text in (left, right)]
    speakers = [{next(g for g in m.groups() if g).lower() for m in ms} for ms in found]
    if not speakers[0] or not speakers[1] or speakers[0] == speakers[1]:
        return []
    shown = found[0][0].group(0), found[1][0].group(0)
    detail = "the words are attributed to someone described differently"
    return [Difference("attribution", *shown, detail, 2)]
