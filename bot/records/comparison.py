"""What `compare` returns: what all articles report, what they word differently, what one has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.records.answers import Citation


@dataclass(frozen=True)
class Fact:
    """One line: a stored sentence quoted verbatim, cited in every article that reports it."""

    text: str
    citations: tuple[int, ...]
    articles: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """`{"text", "citations", "articles"}`."""
        return {
            "text": self.text,
            "citations": list(self.citations),
            "articles": list(self.articles),
        }


@dataclass(frozen=True)
class Contrast:
    """One difference between two versions of a fact, and the two citations it is between."""

    kind: str
    severity: int
    detail: str
    left: str
    right: str
    citations: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        """`{"kind", "severity", "detail", "left", "right", "citations"}`."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "detail": self.detail,
            "left": self.left,
            "right": self.right,
            "citations": list(self.citations),
        }


@dataclass(frozen=True)
class Rewording:
    """A fact the articles word differently: each version (one citation each) and what differs."""

    versions: tuple[Fact, ...]
    contrasts: tuple[Contrast, ...]
    severity: int

    def to_dict(self) -> dict[str, Any]:
        """`{"severity", "versions": [Fact…], "differences": [Contrast…]}`."""
        return {
            "severity": self.severity,
            "versions": [v.to_dict() for v in self.versions],
            "differences": [c.to_dict() for c in self.contrasts],
        }


@dataclass(frozen=True)
class Comparison:
    """The articles compared, in three parts, with the citations every line refers to."""

    articles: tuple[str, ...]
    shared: tuple[Fact, ...]
    worded_differently: tuple[Rewording, ...]
    only_in_one: tuple[Fact, ...]
    citations: tuple[Citation, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def shared_heading(self) -> str:
        """The first part's heading: "Reported by both", or by several for three or more."""
        return "Reported by both" if len(self.articles) == 2 else "Reported by several"

    def shown_citations(self) -> frozenset[int]:
        """Citations whose sentence is already quoted in a line (footnotes need not repeat it)."""
        shown = {f.citations[0] for f in (*self.shared, *self.only_in_one)}
        shown |= {v.citations[0] for r in self.worded_differently for v in r.versions}
        return frozenset(shown)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `storybot compare --json` (see the README)."""
        return {
            "articles": list(self.articles),
            "shared": [f.to_dict() for f in self.shared],
            "worded_differently": [r.to_dict() for r in self.worded_differently],
            "only_in_one": [f.to_dict() for f in self.only_in_one],
            "citations": [c.to_dict() for c in self.citations],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
