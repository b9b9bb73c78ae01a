"""The extractive answerer: the answer up front, then the sentences that hold it, verbatim.

No language model: the answer is made of stored sentences. The reading step (`bot/reading/`)
judges every candidate against the question — meaning, wording, whether it holds the kind of
answer asked for — and a model calibrated per embedder turns that into P(this sentence
answers). The best sentence leads; the sentence that completes it (the names after "two
groups"), the one an anaphoric "That is one reason…" points back to, or the second part of a
two-part question come with it. When no sentence is likely enough, the answer says what is
missing ("The articles don't name the official.") and offers the closest sentences instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from bot.answers.reading.direct import NOT_SAID, missing_message, short_answer
from bot.answers.reading.features import FEATURES, Judged, judge
from bot.answers.reading.model import CALIBRATION, ReaderModel
from bot.answers.reading.question import Asked, read_question
from bot.citations import CitationBook
from bot.compare import agreement_note
from bot.records import Answer, Claim
from index.store.catalog import Catalog
from index.store.retrieve import Candidate, Query
from index.text.corroboration import corroborating

__all__ = ["CALIBRATION", "NOT_IN_ARTICLES", "Answerability", "compose_answer"]

NOT_IN_ARTICLES = NOT_SAID
Answerability = ReaderModel  # the name the engine and older callers use
# How many of retrieval's candidates the reading step judges.
JUDGED = 8
# A sentence that only makes sense with the one before it.
_ANAPHORIC = re.compile(r"^\W*(?:that|this|these|those|it|such|there|he|she|they)\b", re.I)


def compose_answer(
    question: str,
    query: Query,
    candidates: Sequence[Candidate],
    catalog: Catalog,
    *,
    max_sentences: int = 2,
    answerability: ReaderModel | None = None,
    closest: int = 3,
) -> Answer:
    """An Answer from ranked candidates: cited sentences, or a refusal with the closest ones."""
    model = answerability or ReaderModel.default()
    asked = read_question(query.text)
    judged = judge(query.text, query, asked, candidates[:JUDGED], catalog)
    rows = np.array([j.features for j in judged])
    ranked = model.rank(rows)
    p_answer = model.answerable(rows, ranked)
    judged = [replace(j, p=float(p)) for j, p in zip(judged, ranked, strict=True)]
    judged.sort(key=lambda j: j.p, reverse=True)
    standalone = query.text if query.text != question else None
    book = CitationBook(catalog)
    if not judged or p_answer < model.threshold:
        return _refusal(question, asked, judged, book, closest, standalone)
    lead = judged[0]
    # The lead with the sentences it needs, in story order; then a second one for what it
    # leaves out.
    context = sorted(dict.fromkeys(_with_context(lead, asked, catalog)))
    extra = _second(lead, judged[1:], asked, catalog, model, max_sentences, context)
    claims, quoted, used = [], [], set()
    for index in [*context, *(i for i in extra if i not in context)]:
        if index in used:
            continue
        claim, group = _claim(index, catalog, book)
        claims.append(claim)
        used.update(group)
        j = next((j for j in judged if j.candidate.index == index), None)
        found = j.found if j else _mentions(catalog, index)
        quoted.append((catalog.sentences[index].text, found, claim.citations[0], _coverage(j)))
    return Answer(
        question=question,
        answerable=True,
        claims=tuple(claims),
        citations=book.citations,
        standalone_question=standalone,
        short_answer=short_answer(query.text, asked, _lead_first(quoted, lead, catalog)),
    )


def _coverage(j: Judged | None) -> float:
    return float(j.features[3]) if j is not None else 0.0  # soft coverage


def _mentions(catalog: Catalog, index: int):
    from bot.answers.reading.mentions import mentions

    return mentions(catalog.sentences[index].text)


def _with_context(lead: Judged, asked: Asked, catalog: Catalog) -> list[int]:
    """The lead, the sentence that completes it, and the one an anaphoric lead points back to."""
    index = lead.candidate.index
    picked = [index]
    if lead.completes is not None:
        picked.append(lead.completes)
    text = catalog.sentences[index].text
    if _ANAPHORIC.match(text) and index - 1 in catalog.span(catalog.sentences[index].article_id):
        picked.append(index - 1)
    elif asked.why and index - 1 in catalog.span(catalog.sentences[index].article_id):
        previous = catalog.sentences[index - 1].text
        if _ANAPHORIC.match(text) or re.search(r"\b(?:because|since|so that)\b", previous):
            picked.append(index - 1)
    return picked


def _second(
    lead: Judged,
    others: Sequence[Judged],
    asked: Asked,
    catalog: Catalog,
    model: ReaderModel,
    max_sentences: int,
    picked: list[int],
) -> list[int]:
    """Another sentence for what the lead leaves out: a second part, or near-certain evidence."""
    wanted = max(max_sentences, 2 if asked.parts > 1 else 1)
    covered = set(catalog.sentence_terms(lead.candidate.index))
    lead_article = catalog.sentences[lead.candidate.index].article_id
    out: list[int] = []
    for other in others[:5]:
        if 1 + len(out) >= wanted:
            break
        index = other.candidate.index
        if index in picked or index in corroborating(catalog, lead.candidate.index):
            continue
        adds = set(catalog.sentence_terms(index)) - covered
        follows = index - 1 in picked and catalog.sentences[index].article_id == lead_article
        bar = 0.5 if (follows or asked.parts > 1) else model.second
        if other.p >= bar and adds:
            out.append(index)
            covered |= adds
    return out


def _lead_first(quoted, lead: Judged, catalog: Catalog):
    text = catalog.sentences[lead.candidate.index].text
    return sorted(quoted, key=lambda q: q[0] != text)


def _claim(index: int, catalog: Catalog, book: CitationBook) -> tuple[Claim, list[int]]:
    """A sentence quoted verbatim, cited with every article that reports the same fact.

    Its note says whether the other articles corroborate it or word it differently.
    """
    group = [index, *corroborating(catalog, index)]
    cited = tuple(book.cite(j) for j in group)
    return Claim(catalog.sentences[index].text, cited, agreement_note(catalog, group)), group


def _refusal(
    question: str,
    asked: Asked,
    judged: Sequence[Judged],
    book: CitationBook,
    closest: int,
    standalone: str | None,
) -> Answer:
    seen: set[int] = set()
    for j in judged:  # distinct facts: not the same fact from another article
        index = j.candidate.index
        if index not in seen and len(book.citations) < closest:
            book.cite(index)
            seen.update([index, *corroborating(book.catalog, index)])
    # Say what is missing when the sentence that came closest lacks the kind asked for, or the
    # question's focus is a word the store never uses.
    type_missing = bool(judged) and judged[0].features[FEATURES.index("type_missing")] > 0
    focus_absent = bool(judged) and judged[0].features[FEATURES.index("focus_absent")] > 0
    message = missing_message(asked, focus_absent, type_missing) if judged else NOT_SAID
    return Answer(
        question=question,
        answerable=False,
        claims=(Claim(message, ()),),
        citations=(),
        closest=book.citations,
        standalone_question=standalone,
    )
