"""The facts a summary chooses from: one per sentence of an article, or per group of sentences
that state the same thing in several versions of a story (aligned as `compare` aligns them).

Each fact carries what the choice reads: its place in the story (`rank`: how many readable facts
come before it), whether it reads well as a bullet on its own, the amounts of money it states
outside direct quotes (the story's "how much") and the names it introduces (its "who").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.store.catalog import Catalog
from index.text.alignment import align_groups
from index.text.quantities import quantities

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_MONEY = frozenset({"USD", "EUR", "GBP"})
# A name: capitalised words (with "of", "de", "la" between them), not at the start of the
# sentence or of a quotation, and not a word that only starts a clause.
_NAME = re.compile(
    r"(?<![.!?“\"‘]\s)(?<![“\"‘])(?<!^)\b[A-Z][\w’'.-]*(?:\s+(?:of|de|del|la|los|las)?\s*[A-Z][\w’'.-]*)*"
)
_NOT_NAMES = frozenset(
    "The A An He She It They We I But And In On At This That These Those His Her Its Their "
    "There When While As If So Mr Mrs Ms Dr President Secretary Minister Prime Chief".split()
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
_CONNECTORS = frozenset("of de del la los las".split())
MIN_WORDS = 8
_LEANS_BACK = re.compile(
    r"^[“\"‘']?(?:it|this|that|these|those|he|she|they|the (?:topic|issue|matter|move|plan))\b"
    r"|\b(?:said|says) (?:this|that|it) (?:is|was|are|were)\b",
    re.I,
)


@dataclass(frozen=True)
class StoryFact:
    """One fact: the catalog sentences that state it (`lead` quoted first) and what it offers."""

    lead: int
    members: tuple[int, ...]
    rank: int
    readable: bool
    amounts: frozenset[tuple[float, str]]
    names: frozenset[str]


def story_facts(
    catalog: Catalog, article_ids: Sequence[str], sentences: Sequence[Sequence[int]]
) -> list[StoryFact]:
    """The facts of the given articles (`sentences`: per article, the catalog sentences to use)."""
    if not article_ids:
        return []
    groups = (
        align_groups(catalog, sentences) if len(article_ids) > 1 else [(i,) for i in sentences[0]]
    )
    place = {i: _relative(catalog, i) for group in groups for i in group}
    ordered = sorted(groups, key=lambda g: min(place[i] for i in g))
    facts, readable_before = [], 0
    for group in ordered:
        lead = min(group, key=lambda j: _metadata_rank(catalog, j))
        text = catalog.sentences[lead].text
        readable = reads_alone(text)
        facts.append(
            StoryFact(
                lead, tuple(sorted(group)), readable_before, readable, amounts(text), names(text)
            )
        )
        readable_before += readable
    return facts


def amounts(text: str) -> frozenset[tuple[float, str]]:
    """The sums of money a sentence states outside direct quotes ($13.5 million: (13.5e6, USD))."""
    bare = _QUOTED.sub(" ", text)
    return frozenset((q[0], q[1]) for q in quantities(bare) if q[1] in _MONEY)


def names(text: str) -> frozenset[str]:
    """The names a sentence mentions ("los lobos", "daniel noboa"), lower case, without days,
    months, titles and possessive endings."""
    found = set()
    for m in _NAME.finditer(text):
        words = [w.rstrip(".,;:").removesuffix("’s").removesuffix("'s") for w in m.group(0).split()]
        words = [w for w in words if w not in _NOT_NAMES and w.lower() not in _CALENDAR]
        while words and words[0] in _CONNECTORS:
            words.pop(0)
        if words:
            found.add(" ".join(words).lower())
    return frozenset(found)


def new_names(these: frozenset[str], known: set[str]) -> set[str]:
    """The names in `these` that none in `known` already covers: not the same, not part of one
    ("state department" in "us state department"), not a form of one (Ecuador, Ecuadorian)."""
    return {name for name in these if not any(_same_name(name, k) for k in known)}


def _same_name(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return short in long or (len(short) >= 5 and long.startswith(short[:5]) and " " not in short)


def reads_alone(text: str) -> bool:
    """A bullet on its own: a statement of some length on one line (not a caption block), that
    does not lean on the sentence before it ("It is …", "The topic was …", "said this is …")."""
    if len(text.split()) < MIN_WORDS or "\n" in text or text.rstrip().endswith("?"):
        return False
    return not _LEANS_BACK.search(text)


def _relative(catalog: Catalog, index: int) -> float:
    span = catalog.span(catalog.sentences[index].article_id)
    return (index - span.start) / max(1, len(span))


def _metadata_rank(catalog: Catalog, index: int) -> tuple[int, int]:
    """Prefer quoting the version whose outlet and date are known, then the first stored."""
    article = catalog.articles[catalog.sentences[index].article_id]
    return (-sum(bool(v) for v in (article.source, article.date, article.byline)), index)
