"""The sentences offered to the model, numbered, and the check of its cited reply against them.

Numbers the model cites refer to `Offered`; a number outside it is dropped, a sentence that
cites nothing or is not supported by what it cites is dropped, and what survives becomes
claims citing the stored sentences (renumbered by a CitationBook, as extractive answers are).
Every drop is recorded with its reason for the JSON output's `dropped`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.citations import CitationBook
from bot.llm.parse import Cited
from bot.llm.verify import Checker
from bot.records import Citation, Claim
from index.store.catalog import Catalog

MIN_KEPT = 0.5  # below this share of supported sentences the whole reply is replaced


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
) -> Grounded:
    """Check each sentence of the reply against the offered sentences it cites."""
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
        pairs.append((reply.text, [catalog.sentences[offered.indices[n - 1]].text for n in valid]))
    verdicts = checker.check_many(pairs)
    book = CitationBook(catalog)
    claims: list[Claim] = []
    for reply, valid, verdict in zip(replies, valid_numbers, verdicts, strict=True):
        if verdict.supported and (limit is None or len(claims) < limit):
            claims.append(
                Claim(reply.text, tuple(book.cite(offered.indices[n - 1]) for n in valid))
            )
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


def _where(catalog: Catalog, index: int | None) -> dict[str, Any]:
    sentence = catalog.sentences[index] if index is not None else None
    return {"article_id": sentence.article_id, "sentence": sentence.n} if sentence else {}


def _data(text: str) -> str:
    return " ".join(text.split()).replace("<", "‹").replace(">", "›")
