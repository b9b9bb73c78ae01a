"""What a claim says about its facts, beyond the facts themselves: polarity, roles, who did
what, and which sentence each number comes from.

Each test returns the reason a claim fails it, or None. They catch what closeness in meaning
cannot: "…was connected to a specific number…" for "…was not connected…" (negation flipped),
"Ecuador's Army" for "Navy" (another role), "Noboa praised Rubio" for "Rubio praised Noboa"
(roles swapped), and "$6 million to help Ecuador improve security" citing the $13.5 million
sentence and the $6 million drone sentence together (facts merged across sentences).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.text.lexical import stem, terms, words
from index.text.nlp_data import stopwords
from index.text.quantities import quantities, states

NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without cannot n't nowhere".split()
)
# Opposites a paraphrase never swaps by accident (stems).
_OPPOSITES = (
    ("prais", "critic"), ("approv", "reject"), ("accept", "reject"), ("accept", "refus"),
    ("increas", "decreas"), ("rise", "fall"), ("rose", "fell"), ("win", "lose"),
    ("won", "lost"), ("allow", "ban"), ("allow", "forbid"), ("support", "oppos"),
    ("agre", "disagre"), ("confirm", "deni"), ("finish", "unfinish"), ("legal", "illeg"),
    ("before", "after"), ("more", "less"), ("more", "fewer"), ("higher", "lower"),
    ("earlier", "later"), ("first", "last"), ("larg", "small"), ("increas", "cut"),
)  # fmt: skip
# Roles and bodies: a claim may not move a fact to another one ("Army" for "Navy").
ROLES = frozenset(
    "army navy marines military police coast guard militia ministry minister president "
    "vice secretary ambassador senator governor mayor general judge prosecutor attorney "
    "spokesman spokeswoman spokesperson chairman ceo director king queen prince chancellor "
    "premier envoy commander officer congress senate parliament court".split()
)
_SAME_ROLE = {"spokeswoman": "spokesman", "spokesperson": "spokesman", "premier": "minister"}
_TITLES_BEFORE_NAMES = frozenset("president secretary minister senator governor mayor".split())
_SPEECH = "said|says|announced|told|praised|noted|added|stated|warned|claimed|acknowledged"
_SPEAKER_BEFORE = re.compile(rf"\b([\w’'.-]+)\s+(?:also\s+)?(?:{_SPEECH})\b", re.I)
_SPEAKER_AFTER = re.compile(rf"\b(?:{_SPEECH}|according to)\s+(?:the\s+)?([\w’'.-]+)", re.I)
_SAME_SPEAKER = {"source": "official", "officials": "official", "he": None, "she": None}
_SCOPE = 4  # content words after a negation that it governs
_CONTEXT = 4  # words either side of a number that say what it counts


def problems(claim: str, cited: Sequence[str]) -> str | None:
    """The first reason the claim misstates its cited sentences, or None."""
    for test in (polarity, opposites, roles, speaker, swapped_roles, merged_facts):
        reason = test(claim, cited)
        if reason:
            return reason
    return None


# -- negation -----------------------------------------------------------------------------


def negated_scopes(text: str) -> tuple[list[set[str]], set[str]]:
    """The content terms each negation governs, and the content terms outside every scope."""
    stop = stopwords() - NEGATIONS
    tokens = [w for w in re.findall(r"[\w’'%$.]+|[,;:!?“”\"]", text.lower().replace("n't", " n't"))]
    scopes: list[set[str]] = []
    outside: set[str] = set()
    current: set[str] | None = None
    left = 0
    for i, token in enumerate(tokens):
        word = token.strip(".")
        if word in NEGATIONS and not (word == "not" and _next(tokens, i) == "only"):
            current, left = set(), _SCOPE
            scopes.append(current)
            continue
        if token in ',;:!?“”"' or word in ("but", "although", "while", "whereas"):
            current = None
            continue
        if not word or word in stop:
            continue
        term = stem(word)
        if current is not None and left > 0:
            current.add(term)
            left -= 1
            if left == 0:
                current = None
        else:
            outside.add(term)
    return [s for s in scopes if s], outside


def _next(tokens: list[str], i: int) -> str:
    return tokens[i + 1] if i + 1 < len(tokens) else ""


def polarity(claim: str, cited: Sequence[str]) -> str | None:
    """A negation added to, or dropped from, what the cited sentences say."""
    claim_scopes, claim_plain = negated_scopes(claim)
    cited_scopes: list[set[str]] = []
    cited_plain: set[str] = set()
    for text in cited:
        scopes, plain = negated_scopes(text)
        cited_scopes += scopes
        cited_plain |= plain
    cited_negated = set().union(*cited_scopes) if cited_scopes else set()
    claim_negated = set().union(*claim_scopes) if claim_scopes else set()
    for scope in claim_scopes:
        if scope & cited_plain and not scope & cited_negated:
            return "it negates what the cited sentences state"
    for scope in cited_scopes:
        shared = scope & claim_plain
        if len(shared) >= min(2, len(scope)) and not scope & claim_negated:
            return "it drops a negation of the cited sentences"
    return None


def opposites(claim: str, cited: Sequence[str]) -> str | None:
    """A word the claim uses whose opposite the cited sentences use instead."""
    own = set(terms(claim))
    theirs = set(terms(" ".join(cited)))
    for a, b in _OPPOSITES:
        for x, y in ((a, b), (b, a)):
            if x in own and y in theirs and x not in theirs:
                return f"it says {x!r} where the cited sentences say {y!r}"
    return None


# -- roles and who did what ---------------------------------------------------------------------


def roles(claim: str, cited: Sequence[str]) -> str | None:
    """A role or body (army, minister, …) the cited sentences do not mention; a title right
    before a name the cited sentences give ("President Noboa") is allowed."""
    cited_words = set(words(" ".join(cited)))
    theirs = {_role(w) for w in cited_words}
    tokens = words(claim)
    for i, word in enumerate(tokens):
        role = _role(word)
        if role not in ROLES or role in theirs:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if role in _TITLES_BEFORE_NAMES and following in cited_words and following not in ROLES:
            continue
        return f"the cited sentences do not mention a {role}"
    return None


def _role(word: str) -> str:
    """A role word in its singular, synonyms folded ("spokeswomen" → "spokesman")."""
    if word.endswith("s") and word[:-1] in ROLES | set(_SAME_ROLE):
        word = word[:-1]
    return _SAME_ROLE.get(word, word)


def _speakers(text: str) -> set[str]:
    found = set()
    for pattern in (_SPEAKER_BEFORE, _SPEAKER_AFTER):
        for m in pattern.finditer(text):
            word = m.group(1).lower().strip(".’'")
            word = word[:-2] if word.endswith(("'s", "’s")) else word
            if word in stopwords() and word not in _SAME_SPEAKER:
                continue
            found.add(_SAME_SPEAKER.get(word, word) or "*")
    return found


def speaker(claim: str, cited: Sequence[str]) -> str | None:
    """The claim says someone said it, and the cited sentences name another speaker."""
    own = _speakers(claim) - {"*"}
    theirs = set().union(*(_speakers(t) for t in cited)) if cited else set()
    if not own or not theirs or "*" in theirs:
        return None
    if own & theirs:
        return None
    return f"the cited sentences attribute it to {', '.join(sorted(theirs))}"


def swapped_roles(claim: str, cited: Sequence[str]) -> str | None:
    """Two names on either side of the same verb, in the opposite order in the cited text."""
    for text in cited:
        for verb, before, after in _name_verb_name(claim):
            for verb2, before2, after2 in _name_verb_name(text):
                if verb == verb2 and (before, after) == (after2, before2) and before != after:
                    return f"it swaps who {verb}s whom"
    return None


def _name_verb_name(text: str) -> list[tuple[str, str, str]]:
    """(verb stem, name before, name after) for verbs standing between two capitalised names."""
    tokens = re.findall(r"[\w’'-]+", text)
    out = []
    names = [
        (i, t.lower().removesuffix("’s").removesuffix("'s"))
        for i, t in enumerate(tokens)
        if t[:1].isupper() and i > 0
    ]
    stop = stopwords()
    for i, token in enumerate(tokens):
        if token[:1].isupper() or token.lower() in stop or not token.isalpha():
            continue
        before = [n for j, n in names if i - 3 <= j < i]
        after = [n for j, n in names if i < j <= i + 4]
        if before and after:
            out.append((stem(token.lower()), before[-1], after[0]))
    return out


def merged_facts(claim: str, cited: Sequence[str]) -> str | None:
    """A number taken from one cited sentence and put into what another one says."""
    if len(cited) < 2:
        return None
    tokens = re.findall(r"\S+", claim)
    for q in quantities(claim):
        having = [t for t in cited if states(t, q)]
        lacking = [t for t in cited if not states(t, q)]
        if not having or not lacking:
            continue
        context = _context(tokens, q.text)
        if len(context) < 2:
            continue
        own = max(_share(context, t) for t in having)
        other = max(_share(context, t) for t in lacking)
        if own < 0.5 and other > own:
            return f"{q.text!r} comes from a cited sentence that does not say the rest"
    return None


def _context(tokens: list[str], written: str) -> set[str]:
    first = written.split()[0] if written.split() else written
    at = next((i for i, t in enumerate(tokens) if first in t), None)
    if at is None:
        return set()
    near = " ".join(tokens[max(0, at - _CONTEXT) : at + len(written.split()) + _CONTEXT])
    return {t for t in terms(near) if not any(ch.isdigit() for ch in t)} - {"million", "billion"}


def _share(context: set[str], text: str) -> float:
    return len(context & set(terms(text))) / len(context)
