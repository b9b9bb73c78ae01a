"""The extractive answerer: lead with the sentence that answers, quoted verbatim and cited.

No language model: the answer is made of stored sentences. A second sentence is added only
when it covers part of the question the first does not. When the best sentence is too weak
evidence (a calibrated logistic score over its features), the answer says the articles don't
say, and offers the closest sentences instead.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from bot.answer_types import expected_type, has_type
from bot.citations import CitationBook
from bot.records import Answer, Claim
from index.align import corroborating
from index.catalog import Catalog
from index.retrieve import Candidate, Query

NOT_IN_ARTICLES = "The articles don't say."
CALIBRATION = Path(__file__).with_name("calibration.json")


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
    def load(cls, path: Path = CALIBRATION) -> Answerability:
        """The calibrated parameters (see docs/benchmarks.md), or the defaults."""
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        names = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in data.items() if k in names})

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
        return _refusal(question, query, candidates[:closest], book)
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
        strong = answerability.probability(other, True) >= answerability.threshold
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


def _claim(index: int, catalog: Catalog, book: CitationBook) -> tuple[Claim, list[int]]:
    """A sentence quoted verbatim, cited with every article that reports the same fact."""
    group = [index, *corroborating(catalog, index)]
    return Claim(catalog.sentences[index].text, tuple(book.cite(j) for j in group)), group


def _refusal(
    question: str, query: Query, candidates: Sequence[Candidate], book: CitationBook
) -> Answer:
    for candidate in candidates:
        book.cite(candidate.index)
    return Answer(
        question=question,
        answerable=False,
        claims=(Claim(NOT_IN_ARTICLES, ()),),
        citations=(),
        closest=book.citations,
        standalone_question=query.text if query.text != question else None,
    )
