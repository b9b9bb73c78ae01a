"""The extractive answerer: lead with the sentence that answers, quoted verbatim and cited.

No language model: the answer is made of stored sentences. A second sentence is added only
when it covers part of the question the first does not. When the best sentence is too weak
evidence (a calibrated logistic score over its features), the answer says the articles don't
say, and offers the closest sentences instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields

from bot.answers.answer_types import expected_type, has_type
from bot.answers.calibration import calibration_path, read_numbers
from bot.citations import CitationBook
from bot.compare import agreement_note
from bot.records import Answer, Claim
from index.store.catalog import Catalog
from index.store.retrieve import Candidate, Query
from index.text.corroboration import corroborating

NOT_IN_ARTICLES = "The articles don't say."
CALIBRATION = calibration_path("calibration")  # where bench/calibrate_refusal.py writes it
# A second sentence must be near-certain evidence on its own: on SQuAD it otherwise adds
# more unrelated text than answers (see docs/benchmarks.md).
SECOND_SENTENCE = 0.9


@dataclass(frozen=True)
class Answerability:
    """P(the articles answer) from the best sentence's features; answer when p ≥ threshold."""

    bias: float = -4.0
    cosine: float = 3.0
    coverage: float = 4.0
    context: float = 1.5
    type_match: float = 1.5
    threshold: float = 0.5

    @classmethod
    def load(cls, name: str = "calibration") -> Answerability:
        """The parameters of the calibration `name` shipped with storybot (docs/benchmarks.md);
        ConfigError if it is missing, corrupt or lacks a parameter."""
        return cls(**read_numbers(name, [f.name for f in fields(cls)]))

    def probability(self, candidate: Candidate, type_ok: bool) -> float:
        """Probability that this candidate answers the question."""
        z = (
            self.bias
            + self.cosine * candidate.cosine
            + self.coverage * candidate.coverage
            + self.context * candidate.context_coverage
            + self.type_match * float(type_ok)
        )
        return 1.0 / (1.0 + math.exp(-z))


def compose_answer(
    question: str,
    query: Query,
    candidates: Sequence[Candidate],
    catalog: Catalog,
    *,
    max_sentences: int = 2,
    answerability: Answerability = Answerability(),
    closest: int = 3,
) -> Answer:
    """An Answer from ranked candidates: cited sentences, or a refusal with the closest ones."""
    kind = expected_type(query.text)
    book = CitationBook(catalog)
    if not candidates:
        return _refusal(question, query, [], book)
    lead = candidates[0]
    lead_text = catalog.sentences[lead.index].text
    lead_type = has_type(lead_text, kind)
    if answerability.probability(lead, lead_type) < answerability.threshold:
        return _refusal(question, query, candidates[: closest * 2], book, closest)
    claim, group = _claim(lead.index, catalog, book)
    claims, used = [claim], set(group)
    covered = set(catalog.sentence_terms(lead.index)) & set(query.terms)
    for other in candidates[1:6]:
        if len(claims) >= max_sentences:
            break
        if other.index in used:
            continue
        other_terms = set(catalog.sentence_terms(other.index)) & set(query.terms)
        adds_terms = bool(other_terms - covered)
        adds_type = not lead_type and has_type(catalog.sentences[other.index].text, kind)
        other_type = has_type(catalog.sentences[other.index].text, kind)
        p_other = answerability.probability(other, other_type)
        # The sentence right after the lead often finishes its thought ("… two groups."
        # then "The designations of the gangs, Los Lobos and Los Choneros, …").
        follows = other.index - 1 in used and _same_article(catalog, other.index, lead.index)
        strong = p_other >= SECOND_SENTENCE or (follows and p_other >= answerability.threshold)
        if strong and (adds_terms or adds_type):
            claim, group = _claim(other.index, catalog, book)
            claims.append(claim)
            used.update(group)
            covered |= other_terms
    return Answer(
        question=question,
        answerable=True,
        claims=tuple(claims),
        citations=book.citations,
        standalone_question=query.text if query.text != question else None,
    )


def _same_article(catalog: Catalog, i: int, j: int) -> bool:
    return catalog.sentences[i].article_id == catalog.sentences[j].article_id


def _claim(index: int, catalog: Catalog, book: CitationBook) -> tuple[Claim, list[int]]:
    """A sentence quoted verbatim, cited with every article that reports the same fact.

    Its note says whether the other articles corroborate it or word it differently.
    """
    group = [index, *corroborating(catalog, index)]
    cited = tuple(book.cite(j) for j in group)
    return Claim(catalog.sentences[index].text, cited, agreement_note(catalog, group)), group


def _refusal(
    question: str,
    query: Query,
    candidates: Sequence[Candidate],
    book: CitationBook,
    closest: int = 3,
) -> Answer:
    seen: set[int] = set()
    for candidate in candidates:  # distinct facts: not the same fact from another article
        if candidate.index not in seen and len(book.citations) < closest:
            book.cite(candidate.index)
            seen.update([candidate.index, *corroborating(book.catalog, candidate.index)])
    return Answer(
        question=question,
        answerable=False,
        claims=(Claim(NOT_IN_ARTICLES, ()),),
        citations=(),
        closest=book.citations,
        standalone_question=query.text if query.text != question else None,
    )
