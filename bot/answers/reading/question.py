"""What a question asks for: the kind of answer, its shape (yes/no, why, two parts), its focus.

Patterns over the question's words; the kinds match `mentions.KINDS` plus "agent" (who: a person
or an organisation), "reason" (why), "yesno" and "thing" (which X: something named X).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERSON_NOUNS = (
    r"official|person|man|woman|men|women|people|spokes(?:man|woman|person)|president|minister|"
    r"secretary|leader|author|writer|reporter|director|chief|ceo|chairman|head|founder|owner|"
    r"victim|suspect|husband|wife|son|daughter|father|mother|brother|sister|doctor|judge|lawyer|"
    r"player|coach|actor|actress|singer|officer|governor|mayor|senator|king|queen|manager|"
    r"captain|driver|pilot|teacher|student|boy|girl|child|friend|partner|killer|gunman|winner|"
    r"girlfriend|boyfriend|fianc[ée]e?|spouse|referee|trainer|agent|goalkeeper|striker|lawyers?"
)
_ORG_NOUNS = (
    r"company|companies|firm|organi[sz]ation|group|groups|gang|gangs|agency|party|team|club|"
    r"department|ministry|newspaper|network|airline|bank|university|school|band|government|"
    r"court|union|brand|manufacturer|maker"
)
_PLACE_NOUNS = r"country|countries|city|cities|town|state|region|place|capital|province|area"
_MONEY = r"cost|costs|pay|paid|worth|spend|spent|earn|earned|price|priced|fund|funding|aid|"
_MONEY += r"money|budget|salary|fine|fined|raise|raised|revenue|profit|sales|dollars|value"
_AUX = r"is|are|was|were|did|does|do|can|could|will|would|has|have|had|should|may|might|must"

_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("duration", re.compile(r"\bhow long\b|\bfor how many (?:days|weeks|months|years)\b", re.I)),
    ("amount", re.compile(rf"\bhow much\b(?=.*\b(?:{_MONEY})\b)|\bhow much (?:money|aid|funding)\b|\bat (?:list )?prices?\b|\bwhat (?:price|amount)\b|\bwhat (?:is|was|are|were)\b.*\b(?:worth|cost)\b", re.I)),
    ("number", re.compile(r"\bhow (?:much|many|large|big|old|far|high|tall|fast)\b|\bwhat (?:percentage|share|number|population|proportion)\b|\bpopulation\b", re.I)),
    ("date", re.compile(r"\bwhen\b|\bwhat (?:\w+ )?(?:year|date|day|month|time|decade|century|minute|hour)\b|\bin (?:which|what) (?:year|minute|month|season|round)\b|\bwhich (?:year|date|day|month|minute)\b|\bcuándo\b", re.I)),
    ("person", re.compile(rf"\bname (?:of )?(?:the |a |an |his |her |their )?(?:[\w'’]+ ){{0,4}}(?:{_PERSON_NOUNS})\b|\b(?:which|what) (?:\w+ )?(?:{_PERSON_NOUNS})\b|\bwho\b(?=.*\bname\b)", re.I)),
    ("organisation", re.compile(rf"\b(?:which|what) (?:\w+ )?(?:{_ORG_NOUNS})\b|\bname of the (?:\w+ )?(?:{_ORG_NOUNS})\b", re.I)),
    ("place", re.compile(rf"^\s*where\b|\bwhere (?:is|was|did|does|do|are|were|will)\b|\b(?:which|what|in which) (?:\w+ )?(?:{_PLACE_NOUNS})\b", re.I)),
    ("agent", re.compile(r"^\s*(?:who|whom|whose)\b|\bwho (?:is|was|are|were|did|does|said|says|leads|made|wrote)\b", re.I)),
    ("reason", re.compile(r"^\s*why\b|\bwhy (?:is|was|did|does|do|are|were|has|have|will)\b|\bwhat (?:is|was) the reason\b|\bfor what reason\b|\bpor qué\b", re.I)),
    ("thing", re.compile(r"^\s*(?:which|what) (?!is\b|are\b|was\b|were\b|did\b|does\b|do\b)(\w+)", re.I)),
)  # fmt: skip
_YESNO = re.compile(
    rf"^\s*(?:{_AUX}|isn't|aren't|wasn't|didn't|doesn't|don't|won't|hasn't)\b", re.I
)
_TWO_PARTS = re.compile(
    r"\b(?:in total|altogether|combined|all together|on top of|in addition to|besides|as well as|"
    r"and (?:how|what|who|when|where|why|which))\b|\btotal\b",
    re.I,
)
_PHRASE = r"((?:the |a |an |his |her |their |its )?(?:[\w'’$.-]+ ){0,5}?[\w'’$.-]+)"
_STOP_AT = r"(?= (?:is|was|are|were|did|does|do|has|have|had|got|get|gets|that|who|which|to|with|by|at|from|make|makes|made|for|in|on|of|about|into|per|each|work|works|worked)\b|\?|$)"
_FOCUS_RULES = (
    re.compile(rf"\bname (?:of )?{_PHRASE}\s*\??$", re.I),
    re.compile(rf"\b(?:which|what) (?!is\b|are\b|was\b|were\b|did\b|does\b|do\b){_PHRASE}{_STOP_AT}", re.I),
    re.compile(rf"\bwho (?:is|was|are|were) {_PHRASE}\s*\??$", re.I),
    re.compile(rf"\bwhen (?:was|were|is|will|did|does|do) {_PHRASE} \w+\s*\??$", re.I),
    re.compile(rf"\bhow (?:much|many) {_PHRASE}{_STOP_AT}", re.I),
)  # fmt: skip
# Misspelt question words, which no store's vocabulary corrects.
_TYPOS = {"wich": "which", "whcih": "which", "waht": "what", "wat": "what", "hwo": "who",
          "wher": "where", "whn": "when", "hw": "how", "whta": "what", "whos": "who's"}  # fmt: skip


def fix_question_words(question: str) -> str:
    """The question with misspelt question words corrected ("wich" → "which")."""
    return re.sub(
        r"\b[a-z]+\b",
        lambda m: _TYPOS.get(m.group(0).lower(), m.group(0)),
        question,
        flags=re.I,
    )


@dataclass(frozen=True)
class Asked:
    """What the question asks for."""

    kind: str | None
    yesno: bool
    why: bool
    parts: int
    focus: str | None

    @property
    def typed(self) -> bool:
        """True when the answer must be a mention of some kind (a name, date, amount …)."""
        return self.kind in ("person", "organisation", "place", "date", "amount", "number",
                             "duration", "agent")  # fmt: skip


def read_question(question: str) -> Asked:
    """The kind of answer, yes/no, why, how many parts and the focus noun of a question."""
    text = fix_question_words(question.strip())
    yesno = bool(_YESNO.match(text)) and " or " not in text.lower()
    kind = None
    if not yesno:
        kind = next((k for k, pattern in _KIND_RULES if pattern.search(text)), None)
    else:
        kind = "yesno"
    focus = _focus(text)
    if kind == "agent" and focus and re.search(rf"\b(?:{_PERSON_NOUNS})\b", focus, re.I):
        kind = "person"  # "who is the official?" asks for a name
    why = kind == "reason"
    parts = 2 if _TWO_PARTS.search(text) else 1
    return Asked(kind, yesno, why, parts, focus)


def _focus(text: str) -> str | None:
    for rule in _FOCUS_RULES:
        found = rule.search(text)
        if found:
            return found.group(1).strip()
    return None
