"""The sentences offered to the model, numbered, and the check of its cited reply against them.

Numbers the model cites refer to `Offered`; a number outside it is dropped, a sentence that
cites nothing or is not supported by what it cites is dropped, and what survives becomes
claims citing the stored sentences (renumbered by a CitationBook, as extractive answers are).
Every drop is recorded with its reason for the JSON output's `dropped`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.citations import CitationBook
from bot.llm.parse import Cited
from bot.llm.verify import Checker, Verdict, coverage
from bot.records import Citation, Claim
from index.store.catalog import Catalog

MIN_KEPT = 0.5  # below this share of supported sentences the whole reply is replaced
RECITE_COVERAGE = 0.8  # share of a claim's content words a sentence it is re-cited to holds


@dataclass(frozen=True)
class Offered:
    """Catalog sentences shown to the model as [1], [2], …"""

    indices: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.indices)

    def index(self, n: int) -> int | None:
        """The catalog index of number n, or None when n was not offered."""
        return self.indices[n - 1] if 1 <= n <= len(self.indices) else None

    def block(self, catalog: Catalog) -> str:
        """The numbered sentences, one a line, for the prompt's <sources> fence.

        Angle brackets in article text are replaced so that no sentence can close the fence.
        """
        lines = []
        for n, index in enumerate(self.indices, start=1):
            sentence = catalog.sentences[index]
            label = catalog.articles[sentence.article_id].label
            lines.append(f"[{n}] ({_data(label)}) {_data(sentence.text)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Grounded:
    """What survived the check: claims, their citations, and what was dropped and why."""

    claims: tuple[Claim, ...]
    citations: tuple[Citation, ...]
    dropped: tuple[dict[str, Any], ...]
    total: int

    @property
    def removed(self) -> int:
        """Sentences of the reply that were removed."""
        return self.total - len(self.claims)

    @property
    def enough(self) -> bool:
        """True when enough of the reply is supported to show it."""
        return bool(self.claims) and len(self.claims) >= MIN_KEPT * self.total


def ground(
    replies: Sequence[Cited],
    offered: Offered,
    catalog: Catalog,
    checker: Checker,
    limit: int | None = None,
    *,
    question: str | None = None,
    also: Mapping[int, Sequence[int]] | None = None,
) -> Grounded:
    """Check each sentence of the reply against the offered sentences it cites (and, with a
    `question`, that it bears on it); `also` adds, per offered sentence, the sentences of other
    versions that state the same fact to a kept claim's citations."""
    dropped: list[dict[str, Any]] = []
    pairs, valid_numbers = [], []
    for reply in replies:
        valid = [n for n in reply.citations if offered.index(n) is not None]
        for n in reply.citations:
            if n not in valid:
                dropped.append(
                    {
                        "text": reply.text,
                        "citation": n,
                        "reason": f"cites [{n}], which was not offered (1 to {len(offered)})",
                    }
                )
        valid_numbers.append(valid)
        pairs.append((reply.text, cited_texts(reply, offered, catalog)))
    verdicts = checker.check_many(pairs, question=question)
    for i, (reply, verdict) in enumerate(zip(replies, verdicts, strict=True)):
        if verdict.supported:
            continue
        found = _recite(reply.text, offered, catalog, checker, question)
        if found is not None:  # a small model often cites nothing, or a neighbour's number
            n, verdicts[i] = found
            dropped.append(
                {"text": reply.text, "cited_instead": n, "was": list(valid_numbers[i]),
                 "reason": f"cited [{n}], the offered sentence that supports it"}
            )  # fmt: skip
            valid_numbers[i] = [n]
    book = CitationBook(catalog)
    claims: list[Claim] = []
    for reply, valid, verdict in zip(replies, valid_numbers, verdicts, strict=True):
        if verdict.supported and (limit is None or len(claims) < limit):
            indices = [i for i in (offered.index(n) for n in valid) if i is not None]
            indices += [j for i in indices for j in (also or {}).get(i, ())]
            cited = tuple(dict.fromkeys(book.cite(i) for i in indices))
            claims.append(Claim(reply.text, cited))
            continue
        reason = verdict.reason or f"more than the {limit} asked for"
        dropped.append(
            {
                "text": reply.text,
                "citations": valid,
                "cited": [_where(catalog, offered.index(n)) for n in valid],
                "reason": reason,
                "closeness": round(verdict.closeness, 3),
            }
        )
    total = len(replies) if limit is None else min(len(replies), limit)
    return Grounded(tuple(claims), book.citations, tuple(dropped), total)


def _recite(
    text: str, offered: Offered, catalog: Catalog, checker: Checker, question: str | None
) -> tuple[int, Verdict] | None:
    """The number of the one offered sentence that supports `text` best, with its verdict,
    when one does (every test of the checker applies, as for the model's own citations)."""
    numbers = range(1, len(offered) + 1)
    pairs = [(text, [catalog.sentences[offered.indices[n - 1]].text]) for n in numbers]
    verdicts = checker.check_many(pairs, question=question)
    # The model did not choose this sentence, so it must hold nearly all of the claim's words:
    # a claim that joins two sentences' content is not re-cited to one of them.
    passing = [
        (v.closeness, n, v)
        for (_, cited), n, v in zip(pairs, numbers, verdicts, strict=True)
        if v.supported and coverage(text, cited) >= RECITE_COVERAGE
    ]
    if not passing:
        return None
    _, n, verdict = max(passing)
    return n, verdict


def cited_texts(reply: Cited, offered: Offered, catalog: Catalog) -> list[str]:
    """The texts of the offered sentences a reply sentence cites (numbers not offered skipped)."""
    indices = [offered.index(n) for n in reply.citations]
    return [catalog.sentences[i].text for i in indices if i is not None]


def _where(catalog: Catalog, index: int | None) -> dict[str, Any]:
    sentence = catalog.sentences[index] if index is not None else None
    return {"article_id": sentence.article_id, "sentence": sentence.n} if sentence else {}


def _data(text: str) -> str:
    return " ".join(text.split()).replace("<", "‹").replace(">", "›")
