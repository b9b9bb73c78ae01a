"""The answer up front: the asked-for thing from the cited sentences, a yes/no verdict where the
sentence's polarity is clear, and what exactly is missing when the articles don't say."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answers.reading.features import negated
from bot.answers.reading.mentions import Mention, fits
from bot.answers.reading.question import Asked

# Words that make a plain "yes" unsafe: the sentence may say it is under way, not done.
_ASPECT = re.compile(
    r"\b(?:already|yet|still|finished|finali[sz]ed|done|complete[d]?|over)\b", re.I
)
_MISSING = {
    "person": ("The articles don't name {}.", "The articles don't say who."),
    "agent": ("The articles don't say who {}.", "The articles don't say who."),
    "organisation": ("The articles don't name {}.", "The articles don't say which one."),
    "place": ("The articles don't say where {}.", "The articles don't say where."),
    "date": ("The articles give no date for {}.", "The articles don't say when."),
    "duration": ("The articles don't say how long {}.", "The articles don't say how long."),
    "amount": ("The articles give no figure for {}.", "The articles don't give the amount."),
    "number": ("The articles give no figure for {}.", "The articles don't give that number."),
    "thing": ("The articles don't say which {}.", "The articles don't say."),
}
NOT_SAID = "The articles don't say."


def short_answer(
    question: str, asked: Asked, claims: Sequence[tuple[str, tuple[Mention, ...], int, float]]
) -> str | None:
    """The direct answer, with [n] markers, from (sentence, its mentions, citation, coverage)."""
    if not claims:
        return None
    if asked.yesno:
        return _verdict(question, claims[0])
    if not asked.typed:
        return None
    parts: list[str] = []
    seen: set[str] = set()
    asked_text = question.lower()
    for _text, found, n, _coverage in claims:
        picked = [
            m.text for m in found if fits(m, asked.kind or "") and m.text.lower() not in asked_text
        ]
        picked = [p for p in dict.fromkeys(picked) if p.lower() not in seen][:3]
        if picked:
            seen.update(p.lower() for p in picked)
            parts.append(f"{_join(picked)} [{n}]")
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else f"{parts[0]}; also {'; '.join(parts[1:])}"


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _verdict(question: str, claim: tuple[str, tuple[Mention, ...], int, float]) -> str | None:
    """ "No [n]" when the sentence negates what is asked, "Yes [n]" when it plainly states it."""
    text, _found, n, coverage = claim
    if negated(question):
        return None  # "Isn't it …?": a verdict would be ambiguous
    if negated(text):
        return f"No, or not yet [{n}]" if _ASPECT.search(question) else f"No [{n}]"
    if coverage >= 0.75 and not _ASPECT.search(question):
        return f"Yes [{n}]"
    return None


def missing_message(asked: Asked, focus_absent: bool, type_missing: bool) -> str:
    """ "The articles don't name the official." — what the question asks for that is absent."""
    kind = asked.kind if asked.kind in _MISSING else None
    if focus_absent and asked.focus:
        return f"The articles don't mention {_with_article(asked.focus)}."
    if kind is None or not (type_missing or kind == "thing"):
        return NOT_SAID
    with_focus, bare = _MISSING[kind]
    focus = asked.focus
    if focus and kind in ("person", "organisation", "date", "amount", "number", "thing"):
        if kind == "thing" and focus.lower().startswith(("the ", "a ", "an ")):
            focus = focus.split(" ", 1)[1]
        elif kind != "thing":
            focus = _with_article(focus)
        return with_focus.format(focus)
    return bare


def _with_article(phrase: str) -> str:
    lowered = phrase.lower()
    if lowered.startswith(("the ", "a ", "an ", "his ", "her ", "their ", "its ")):
        return phrase
    if phrase[:1].isupper():
        return phrase
    return f"the {phrase}"
