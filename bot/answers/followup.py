"""Turn a follow-up ("how much did he give?", "and the Navy?") into a standalone question.

Without a language model we do what a careful reader does: replace personal pronouns with the
last name mentioned in the conversation, and when the question is elliptical, carry over the
previous question it continues. Discord and Slack threads use this same function.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.records import Turn
from index.text.lexical import terms

_CONTINUATION = re.compile(
    r"^\s*(and|but|also|so|then|what about|how about|and what about)\b", re.I
)
_PRONOUN = re.compile(r"\b(he|she|him|they|them)\b", re.I)
_POSSESSIVE = re.compile(r"\b(his|their)\b", re.I)
_REFERENCE = re.compile(
    r"\b(he|she|him|her|his|hers|they|them|their|it|its|this|that|those|these|there)\b", re.I
)
_NAME = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|de|del|la|los|van|von))*)"
)
_NOT_NAMES = frozenset(
    "The A An This That These Those It He She They What Who When Where Why How Which And But "
    "Also So Then Is Are Was Were Did Does Do Can Could Would Should Will".split()
)


def resolve_followup(question: str, history: Sequence[Turn]) -> str:
    """The question made standalone using earlier turns (unchanged when it already is)."""
    asked = [t.text.strip() for t in history if t.role == "user" and t.text.strip()]
    if not asked:
        return question
    previous = asked[-1]
    elliptical = bool(_CONTINUATION.match(question)) or not terms(question)
    refers = bool(_REFERENCE.search(question))
    if not (elliptical or refers):
        return question
    resolved = question
    name = _last_name([t.text for t in history])
    if name:
        resolved = _PRONOUN.sub(name, resolved)
        resolved = _POSSESSIVE.sub(f"{name}'s", resolved)
    if elliptical or resolved == question:
        resolved = f"{resolved.rstrip()} ({previous})"
    return resolved


def _last_name(texts: Sequence[str]) -> str | None:
    """The last capitalised name (one or more words) mentioned, newest text first."""
    for text in reversed(texts):
        names = [
            m.group(1)
            for m in _NAME.finditer(text)
            if m.group(1).split()[0] not in _NOT_NAMES and not _at_sentence_start(text, m.start())
        ]
        if names:
            return names[-1]
    return None


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in '.!?"“'
