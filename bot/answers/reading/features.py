"""The evidence for and against each candidate sentence, as numbers a model can weigh.

One row per candidate: how close it is in meaning (embedder cosine, soft coverage of the key
words), how much of the question's wording it has (coverage, BM25), where retrieval ranked it,
whether it (or the sentence that completes it) holds the kind of answer asked for, and
question-level signs that the store does not cover the question at all (key terms the store
never uses).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.answers.reading.mentions import Mention, holds, mentions_of, quick_mentions
from bot.answers.reading.question import Asked
from bot.answers.reading.soft import content_words, soft_coverage, vectors
from index.store.catalog import Catalog
from index.store.retrieve import Candidate, Query
from index.text.lexical import stem

FEATURES = (
    "cosine", "coverage", "context", "soft", "bm25", "fused", "rank", "gap",
    "typed", "type_here", "type_next", "type_missing", "absent", "focus_absent", "focus_here",
)  # fmt: skip
# Nouns that name a slot, not a thing: "what role", "which branch" is no sign of absence.
GENERIC = frozenset(
    "role roles job position title name names thing things part parts kind type branch "
    "equipment item items piece detail details group groups people person way ways year years "
    "date day days month time minute hour exact".split()
)
# How many of the best candidates get NER (the others: patterns and capitalised words).
NER_TOP = 4
# Below this word-vector cosine, no word of the candidates means the question's word.
UNRELATED = 0.5
_NEGATION = re.compile(r"\b(?:not|no|never|nor|none|neither)\b|n[’']t\b", re.I)


@dataclass(frozen=True)
class Judged:
    """One candidate with its features and what the reading found in it."""

    candidate: Candidate
    features: np.ndarray
    found: tuple[Mention, ...]
    completes: int | None  # the next sentence, when it holds what this one lacks
    p: float = 0.0


def question_signals(
    question: str, asked: Asked, catalog: Catalog, texts: Sequence[str]
) -> tuple[float, float]:
    """Signs the store does not cover the question: (IDF share of its words that the store never
    uses and nothing among the candidates means, 1 if its focus noun is such a word)."""
    lexical = catalog.lexical
    asked_words = content_words(question)
    if lexical is None or not asked_words:
        return 0.0, 0.0
    unknown = [w for w in asked_words if lexical.df.get(stem(w), 0) == 0]
    head = focus_head(asked)
    if not unknown:
        return 0.0, 0.0
    nearby = list(dict.fromkeys(w for t in texts for w in content_words(t)))
    best = (vectors(unknown) @ vectors(nearby).T).max(axis=1) if nearby else [0.0] * len(unknown)
    missing = {w for w, b in zip(unknown, best, strict=True) if b < UNRELATED}
    weights = {w: lexical.idf(stem(w)) for w in asked_words}
    absent = sum(weights[w] for w in missing) / (sum(weights.values()) or 1.0)
    return absent, float(head in missing)


def focus_head(asked: Asked) -> str | None:
    """The noun the question asks about ("volunteers" in "how many volunteers …", "official" in
    "the name of the senior official"), unless it only names a slot ("role", "kind")."""
    words = content_words(asked.focus) if asked.focus else []
    if not words:
        return None
    head = words[0] if asked.kind in ("number", "amount") else words[-1]
    return None if head in GENERIC else head


def _focus_match(head: str | None, sentence_words: Sequence[str]) -> float:
    """How closely the sentence names the question's focus noun (1 when there is none)."""
    if head is None:
        return 1.0
    if not sentence_words:
        return 0.0
    if stem(head) in {stem(w) for w in sentence_words}:
        return 1.0
    return float(max(0.0, (vectors([head]) @ vectors(list(sentence_words)).T).max()))


def judge(
    question: str, query: Query, asked: Asked, candidates: Sequence[Candidate], catalog: Catalog
) -> list[Judged]:
    """Features of each candidate (in retrieval order)."""
    if not candidates:
        return []
    texts = [catalog.sentences[c.index].text for c in candidates]
    nexts = [_next(catalog, c.index) for c in candidates]
    typed = asked.typed
    # NER costs a few ms a sentence: only questions asking for a name, date or amount need it,
    # and only the best few candidates and the sentences after them get it (one batch).
    found_all = [quick_mentions(t) for t in texts]
    after_all: dict[int, tuple[Mention, ...]] = {}
    if typed:
        top = list(range(min(NER_TOP, len(texts))))
        following = [i for i in top if nexts[i] is not None]
        batch = mentions_of(
            [texts[i] for i in top] + [catalog.sentences[_at(nexts[i])].text for i in following]
        )
        for i, found in zip(top, batch, strict=False):
            found_all[i] = found
        after_all = dict(zip(following, batch[len(top) :], strict=True))
    absent, focus_absent = question_signals(question, asked, catalog, texts)
    asked_words = content_words(question)
    lexical = catalog.lexical
    weights = [lexical.idf(stem(w)) if lexical else 1.0 for w in asked_words]
    top_bm25 = max(c.bm25 for c in candidates) or 1.0
    top_score = candidates[0].score
    head = focus_head(asked)
    out = []
    for rank, (c, text, n) in enumerate(zip(candidates, texts, nexts, strict=True)):
        found = found_all[rank]
        here = typed and holds(found, asked.kind, question)
        after = after_all.get(rank, ())
        completes = n if typed and not here and holds(after, asked.kind, question) else None
        names_them = (
            n is not None
            and _COUNTED.search(text) is not None
            and _named(after or quick_mentions(catalog.sentences[n].text)) >= 2
        )
        row = [
            c.cosine,
            c.coverage,
            c.context_coverage,
            soft_coverage(asked_words, weights, words_here := content_words(text)),
            c.bm25 / top_bm25,
            c.fused * 60.0,
            1.0 / (1.0 + rank),
            c.score - top_score,
            float(typed),
            float(here),
            float(completes is not None),
            float(typed and not here and completes is None),
            absent,
            focus_absent,
            _focus_match(head, words_here),
        ]
        joined = completes if completes is not None else (n if names_them else None)
        out.append(Judged(c, np.array(row, dtype=np.float64), found, joined))
    return out


# "two Ecuadorian criminal groups": a count whose members the next sentence may name.
_COUNTED = re.compile(
    r"\b(?:two|three|four|five|six|several|both)\b(?:\s+[\w-]+){0,3}?\s+[\w-]+s\b", re.I
)


def _named(found: Sequence[Mention]) -> int:
    return sum(m.kind in ("person", "organisation", "place", "name") for m in found)


def _at(index: int | None) -> int:
    assert index is not None
    return index


def _next(catalog: Catalog, index: int) -> int | None:
    following = index + 1
    if following < len(catalog) and _same_article(catalog, index, following):
        return following
    return None


def _same_article(catalog: Catalog, i: int, j: int) -> bool:
    return catalog.sentences[i].article_id == catalog.sentences[j].article_id


def negated(text: str) -> bool:
    """True when the sentence says no (not, no, never, n't)."""
    return bool(_NEGATION.search(text))
