"""What a claim says about its facts, beyond the facts themselves: polarity, roles, who did
what, and which sentence each number comes from.

Each test returns the reason a claim fails it, or None. They catch what closeness in meaning
cannot: "…was connected to a specific number…" for "…was not connected…" (negation flipped),
"Ecuador's Army" for "Navy" (another role), "Noboa praised Rubio" for "Rubio praised Noboa"
(roles swapped), and "$6 million to help Ecuador improve security" citing the $13.5 million
sentence and the $6 million drone sentence together (facts merged across sentences).
"""

from __future__ import annotations

import itertools
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
_SAID = "said|says|told|noted|added|stated|warned|claimed|acknowledged"
_SPEAKER_BEFORE = re.compile(rf"\b([\w’'.-]+)\s+(?:also\s+)?(?:{_SAID})\b", re.I)
_SPEAKER_AFTER = re.compile(r"\b(?:said|says|according to)\s+(?:the\s+)?([\w’'.-]+)", re.I)
_SAME_SPEAKER = {"source": "official", "officials": "official", "he": None, "she": None}
_SCOPE = 4  # content words after a negation that it governs
_CONTEXT = 3  # words either side of a number that say what it counts


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
    tokens = re.findall(r"[\w’'%$.]+|[,;:!?]", text.lower().replace("n't", " n't"))
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
    """A negation added to, or dropped from, what the cited sentence it restates says."""
    best = _closest(claim, cited)
    claim_scopes, claim_plain = negated_scopes(claim)
    cited_scopes, cited_plain = negated_scopes(best)
    cited_negated = set().union(*cited_scopes) if cited_scopes else set()
    claim_negated = set().union(*claim_scopes) if claim_scopes else set()
    for scope in claim_scopes:
        if len(scope & cited_plain) > len(scope & cited_negated):
            return "it negates what the cited sentences state"
    for scope in cited_scopes:
        shared = scope & claim_plain
        if len(shared) >= min(2, len(scope)) and len(shared) > len(scope & claim_negated):
            return "it drops a negation of the cited sentences"
    return None


def _closest(claim: str, cited: Sequence[str]) -> str:
    """The cited sentence that contains most of the claim's content words."""
    own = set(terms(claim))
    return max(cited, key=lambda t: len(own & set(terms(t)))) if cited else ""


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
    """A role or body (army, minister, …) the cited sentences do not give it: one they do not
    mention, or another one before the same name ("finance president Mardas" for "finance
    minister Mardas"). A title right before a name they give ("President Noboa") is allowed."""
    joined = " ".join(cited)
    theirs = {_role(w) for w in words(joined)}
    before_name = _roles_before_names(joined)
    tokens = re.findall(r"[\w’'-]+", claim)
    for i, token in enumerate(tokens):
        role = _role(token.lower())
        if role not in ROLES:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        named = following[:1].isupper() and _role(following.lower()) not in ROLES
        other = before_name.get(following.lower()) if named else None
        if other and other != role:
            return f"the cited sentences call {following} a {other}, not a {role}"
        if role in theirs:
            continue
        if role in _TITLES_BEFORE_NAMES and named and following.lower() in words(joined):
            continue
        return f"the cited sentences do not mention a {role}"
    return None


def _roles_before_names(text: str) -> dict[str, str]:
    """Each capitalised name that a role word directly precedes: name → role."""
    tokens = re.findall(r"[\w’'-]+", text)
    out = {}
    for a, b in itertools.pairwise(tokens):
        role = _role(a.lower())
        if role in ROLES and b[:1].isupper() and _role(b.lower()) not in ROLES:
            out[b.lower()] = role
    return out


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
    theirs = _speakers(_closest(claim, cited))
    if not own or not theirs or "*" in theirs:
        return None
    if own & theirs:
        return None
    return f"the cited sentences attribute it to {', '.join(sorted(theirs))}"


def swapped_roles(claim: str, cited: Sequence[str]) -> str | None:
    """Names on the two sides of a verb, the other way round in the cited text ("Noboa
    praised Rubio" for "Rubio praised … Noboa")."""
    own = _sides(claim)
    for text in cited:
        for verb, (before, after) in _sides(text).items():
            if verb not in own:
                continue
            mine_before, mine_after = own[verb]
            if mine_before & after and mine_after & before and not mine_before & before:
                return "it swaps who did what to whom"
    return None


def _sides(text: str) -> dict[str, tuple[set[str], set[str]]]:
    """For each verb-like word: the capitalised names shortly before it and shortly after it."""
    tokens = re.findall(r"[\w’'-]+", text)
    stop = stopwords()
    names = [
        (i, t.lower().removesuffix("’s").removesuffix("'s"))
        for i, t in enumerate(tokens)
        if t[:1].isupper() and t.lower() not in stop and _role(t.lower()) not in ROLES
    ]
    out: dict[str, tuple[set[str], set[str]]] = {}
    for i, token in enumerate(tokens):
        if token[:1].isupper() or token.lower() in stop or not token.isalpha():
            continue
        before = {n for j, n in names if i - 3 <= j < i}
        after = {n for j, n in names if i < j <= i + 5}
        if before and after:
            out.setdefault(stem(token.lower()), (before, after))
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
    rest = {t for t in terms(claim) if not any(ch.isdigit() for ch in t) and not quantities(t)}
    for text in cited:
        # The claim restates this sentence with one of its numbers replaced by another's.
        replaced = [r for r in quantities(text) if not states(claim, r)]
        foreign = [q for q in quantities(claim) if not states(text, q)]
        if rest and replaced and foreign and _share(rest, text) >= 0.8:
            return f"it gives another number than {replaced[0].text!r} for what it restates"
    return None


def _context(tokens: list[str], written: str) -> set[str]:
    first = written.split()[0] if written.split() else written
    at = next((i for i, t in enumerate(tokens) if first in t), None)
    if at is None:
        return set()
    near = " ".join(tokens[max(0, at - _CONTEXT) : at + len(written.split()) + _CONTEXT])
    return {t for t in terms(near) if not any(ch.isdigit() for ch in t) and not quantities(t)}


def _share(context: set[str], text: str) -> float:
    return len(context & set(terms(text))) / len(context)
