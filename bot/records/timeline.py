"""What `timeline` returns: the story's dated events in order, each citing its sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.records.answers import Citation


@dataclass(frozen=True)
class Event:
    """One dated (or datable-only-relatively) event and the sentences that report it.

    `inherited` is None when the event's own sentence names its time; "paragraph" or
    "continues" when it takes the date of its paragraph or of the sentence it continues, which
    is then cited as `dated_by`.
    """

    when: str
    date: str | None
    precision: str
    resolved: str | None
    note: str
    text: str
    citations: tuple[int, ...]
    articles: tuple[str, ...]
    inherited: str | None = None
    dated_by: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """`{"when", "date", "precision", "resolved", "note", "text", "citations", "articles",
        "inherited", "dated_by"}`."""
        return {
            "when": self.when,
            "date": self.date,
            "precision": self.precision,
            "resolved": self.resolved,
            "note": self.note,
            "text": self.text,
            "citations": list(self.citations),
            "articles": list(self.articles),
            "inherited": self.inherited,
            "dated_by": self.dated_by,
        }


@dataclass(frozen=True)
class Timeline:
    """The events of the articles, dated ones first in date order, then the undatable ones."""

    articles: tuple[str, ...]
    events: tuple[Event, ...]
    citations: tuple[Citation, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)

    def shown_citations(self) -> frozenset[int]:
        """Citations whose sentence an event already quotes (footnotes need not repeat it)."""
        return frozenset(e.citations[0] for e in self.events)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `storybot timeline --json` (see the README)."""
        return {
            "articles": list(self.articles),
            "events": [e.to_dict() for e in self.events],
            "citations": [c.to_dict() for c in self.citations],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
