"""Turn a follow-up ("how much did he give?", "and the Navy?") into a standalone question.

Without a language model we do what a careful reader does, using what the *user* said and the
sentences the bot cited — never the bot's own wording: a pronoun takes the most recent thing
of its kind (he/she: a person; they: a group; it: a thing) from the earlier questions, then
from the cited sentences; a fragment ("and the Navy?") takes the place of the matching part
of the previous question; what cannot be resolved carries the previous question along in
brackets. Discord, Slack and `storybot chat` use this same function; the result is shown as
"understood as …".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answers.reading.mentions import mentions
from bot.records import Turn
from index.text.lexical import terms

_CONTINUATION = re.compile(
    r"^\s*(?:and|but|also|so|then|ok(?:ay)?|what about|how about|and what about|and how about)\b[\s,]*",
    re.I,
)
_REFERENCE = re.compile(
    r"\b(he|she|him|her|his|hers|they|them|their|it|its|this|that|those|these|there)\b", re.I
)
_VERB = re.compile(
    r"\b(is|are|was|were|did|does|do|has|have|had|will|would|can|could|should|said|say|says|"
    r"give|gave|get|got|go|goes|make|made|want|wants|lead|leads|work|works)\b",
    re.I,
)
_VERBS = _VERB.pattern.removeprefix(r"\b(").removesuffix(r")\b")
_PHRASE_AFTER = re.compile(
    rf"\b(?:which|what|any|the|a|an)\s+((?:(?!(?:{_VERBS}|for|of|to|with|in|on|by|from|about|"
    rf"up|going|being|been|sent|used|designated|finishing|involved)\b)[\w'’-]+\s*){{1,3}})",
    re.I,
)
_WH_PHRASE = re.compile(
    _PHRASE_AFTER.pattern.replace("which|what|any|the|a|an", "which|what|any"), re.I
)
_OTHER_VERSION = re.compile(r"\bother (?:version|article|report|story|source|one)\b", re.I)
_NAMED_VERSION = re.compile(
    r"\b(?:in|according to) the \w+ (?:version|article|report|story)\b,?\s*", re.I
)
_WHO_IS = re.compile(r"^\s*who\s+(?:is|was|are|were)\s+(.+?)\s*\??$", re.I)
_WHO_DID = re.compile(
    r"^\s*who\s+((?:said|says|wrote|made|announced|leads|led|gave)\b.+?)\s*\??$", re.I
)
_NOT_THINGS = frozenset("much many kind sort type way ways reason one ones".split())


@dataclass(frozen=True)
class Antecedent:
    """Something a pronoun may stand for: its wording and its kind (person, group, thing)."""

    text: str
    kind: str


def resolve_followup(question: str, history: Sequence[Turn]) -> str:
    """The question made standalone using earlier turns (unchanged when it already is)."""
    asked = [t.text.strip() for t in history if t.role == "user" and t.text.strip()]
    if not asked:
        return question
    previous = asked[-1]
    continuation = _CONTINUATION.match(question)
    body = question[continuation.end() :] if continuation else question
    fragment = _is_fragment(body)
    refers = bool(_REFERENCE.search(question))
    if not (continuation or fragment or refers):
        return question
    if continuation and not fragment and not refers and len(terms(body)) >= 2:
        return body[:1].upper() + body[1:]  # "and which department …?": a question of its own
    if _OTHER_VERSION.search(body):
        rest = _NAMED_VERSION.sub("", previous).strip()
        return f"{rest[:1].upper()}{rest[1:]} (in the other version)"
    if fragment:
        return _merge(previous, body)
    found = antecedents(history)
    resolved = _substitute(question, found)
    if resolved == question or _REFERENCE.search(_strip_resolved(resolved, found)):
        resolved = f"{resolved.rstrip()} ({previous})"
    return resolved


def _is_fragment(body: str) -> bool:
    """ "the Navy?", "the other version?", "what kind of operations?": no verb of its own."""
    words = re.findall(r"[\w'’-]+", body)
    return 0 < len(words) <= 6 and not _VERB.search(body) and not _REFERENCE.search(body)


def _merge(previous: str, fragment: str) -> str:
    """The previous question with its last name or focus replaced by the fragment."""
    piece = fragment.strip().rstrip("?").strip()
    kind_of = re.match(r"^(?:what|which)\s+(?:kind|sort|type)s?\s+of\s+(.+)$", piece, re.I)
    if kind_of:
        return f"What kind of {kind_of.group(1)}? ({previous})"
    kinds = {m.kind for m in mentions(piece)} or {"organisation"}
    person = "person" in kinds
    names = [
        m
        for m in mentions(previous)
        if (m.kind == "person") == person and m.kind in ("person", "organisation", "place")
    ]
    if names and names[-1].text not in piece:
        last = names[-1]
        return previous[: last.start] + piece + previous[last.start + len(last.text) :]
    return f"{previous.rstrip().rstrip('?')}, and {piece}?"


def antecedents(history: Sequence[Turn]) -> list[Antecedent]:
    """What pronouns may refer to, newest first: the user's questions, then cited sentences."""
    found: list[Antecedent] = []
    for turn in reversed(history):
        if turn.role == "user":
            found += _from_question(turn.text)
        else:
            found += _from_sentences(turn.cited or ())
    return found


def _from_question(text: str) -> list[Antecedent]:
    out: list[Antecedent] = []
    who = _WHO_IS.match(text)
    if who:
        out.append(Antecedent(who.group(1), "person"))
    did = _WHO_DID.match(text)
    if did:
        out.append(Antecedent(f"the one who {did.group(1)}", "person"))
    names = list(reversed(mentions(text)))
    out += [Antecedent(m.text, "person") for m in names if m.kind == "person"]
    phrases = _PHRASE_AFTER.findall(text)
    wh = [p for p in _WH_PHRASE.findall(text)]
    for phrase in [*wh, *(p for p in reversed(phrases) if p not in wh)]:
        words = [w for w in phrase.split() if w.lower() not in _NOT_THINGS]
        if not words:
            continue
        noun = " ".join(words).strip()
        plural = words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")
        out.append(Antecedent(f"the {noun}", "group" if plural else "thing"))
    out += [Antecedent(m.text, "name") for m in names if m.kind in ("organisation", "place")]
    return out


def _from_sentences(sentences: Sequence[str]) -> list[Antecedent]:
    return [
        Antecedent(m.text, "person")
        for text in sentences
        for m in mentions(text)
        if m.kind == "person"
    ]


def _first(found: Sequence[Antecedent], *kinds: str) -> str | None:
    return next((a.text for a in found if a.kind in kinds), None)


_PRONOUNS = re.compile(
    r"\b(?:(his|her|their|its)\s+([\w'’-]+)|(he|she|him|her|they|them|it)\b(?!['’]s\b)|(it)(?=['’]s\b))",
    re.I,
)
_KIND = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
_KIND |= {"they": "plural", "them": "plural", "their": "plural", "it": "thing", "its": "thing"}


def _substitute(question: str, found: Sequence[Antecedent]) -> str:
    """Every pronoun replaced, in one pass, by the newest antecedent of its kind."""
    person = _first(found, "person")
    choices = {
        "person": person,
        "plural": _first(found, "group") or person,
        "thing": _first(found, "thing") or _first(found, "name"),
    }

    def put(m: re.Match[str]) -> str:
        if m.group(1):  # a possessive and its noun: "their name"
            target = choices[_KIND[m.group(1).lower()]]
            if not target:
                return m.group(0)
            noun = m.group(2)
            if len(target.split()) > 3:
                return f"the {noun} of {target}"
            return f"{target}'s {noun}"
        word = (m.group(3) or m.group(4)).lower()
        return choices[_KIND[word]] or m.group(0)

    return _PRONOUNS.sub(put, question)


def _strip_resolved(text: str, found: Sequence[Antecedent]) -> str:
    """The text without the antecedents put in, to see whether references remain."""
    for a in found:
        text = text.replace(a.text, "")
    return re.sub(r"\b(this|that|those|these|there)\b", "", text, flags=re.I)
