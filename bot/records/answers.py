"""Records of answers, summaries, quotes, sources and ingests, with their stable JSON shapes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from index.records import source_label

# "llm": written by the language model and checked; "extractive": quoted, no model configured;
# "fallback": quoted because the model failed or its reply did not hold up (`fallback_reason`).
Mode = Literal["extractive", "llm", "fallback"]


@dataclass(frozen=True)
class Citation:
    """A numbered reference to one stored sentence, quoted exactly as stored.

    `sentence` is the 1-based sentence number in the article; 0 means the article's own
    metadata line (byline and date), used when a question is about the article itself.
    """

    n: int
    article_id: str
    title: str | None
    source: str | None
    byline: str | None
    date: str | None
    sentence: int
    text: str
    name: str | None = None  # the article's readable name (Article.name), for its label
    url: str | None = None  # where the article can be read, when known

    @property
    def label(self) -> str:
        """Outlet · byline · date where known, else the article's readable name (its id only
        for records made without one)."""
        return source_label(self.source, self.byline, self.date, self.name or self.article_id)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of a citation (display-only `name` and `url` left out)."""
        data = asdict(self)
        del data["name"], data["url"]
        return data


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer or summary and the numbers of the citations that support it."""

    text: str
    citations: tuple[int, ...]
    note: str | None = None

    def render(self) -> str:
        """The claim followed by its [n] markers."""
        marks = "".join(f"[{n}]" for n in self.citations)
        return f"{self.text} {marks}".rstrip() if marks else self.text

    def to_dict(self) -> dict[str, Any]:
        """`{"text", "citations", "note"}`: the note says e.g. "reported by both sources"."""
        return {"text": self.text, "citations": list(self.citations), "note": self.note}


@dataclass(frozen=True)
class Answer:
    """An answer to one question: claims with citations, or a refusal with the closest sentences."""

    question: str
    answerable: bool
    claims: tuple[Claim, ...]
    citations: tuple[Citation, ...]
    closest: tuple[Citation, ...] = ()
    standalone_question: str | None = None
    mode: Mode = "extractive"
    notes: tuple[str, ...] = ()
    dropped: tuple[dict[str, Any], ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    fallback_reason: str | None = None
    # The asked-for thing up front ("$13.5 million [1]; also $6 million [2]", "No [1]"): plain
    # text with [n] markers; None when the question asks for no such thing or it is unclear.
    short_answer: str | None = None

    @property
    def text(self) -> str:
        """The answer as one string with [n] markers."""
        return " ".join(c.render() for c in self.claims)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `storybot ask --json`."""
        return {
            "question": self.question,
            "answer": self.text,
            "answerable": self.answerable,
            "short_answer": self.short_answer,
            "citations": [c.to_dict() for c in self.citations],
            "claims": [c.to_dict() for c in self.claims],
            "closest": [c.to_dict() for c in self.closest],
            "standalone_question": self.standalone_question,
            "mode": self.mode,
            "fallback_reason": self.fallback_reason,
            "notes": list(self.notes),
            "dropped": list(self.dropped),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass(frozen=True)
class Summary:
    """A cited summary of the whole story (`article_id` None) or of one article.

    `length`: "brief", "bullets" or "digest"; a claim's `note` says whether the versions it
    cites agree ("reported by both sources") or how they differ.
    """

    article_id: str | None
    claims: tuple[Claim, ...]
    citations: tuple[Citation, ...]
    mode: Mode = "extractive"
    notes: tuple[str, ...] = ()
    dropped: tuple[dict[str, Any], ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    fallback_reason: str | None = None
    length: str = "bullets"

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `storybot summary --json`."""
        return {
            "article_id": self.article_id,
            "length": self.length,
            "bullets": [c.to_dict() for c in self.claims],
            "citations": [c.to_dict() for c in self.citations],
            "mode": self.mode,
            "fallback_reason": self.fallback_reason,
            "notes": list(self.notes),
            "dropped": list(self.dropped),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass(frozen=True)
class SourceInfo:
    """One stored article as `sources` lists it."""

    id: str
    title: str | None
    source: str | None
    byline: str | None
    date: str | None
    url: str | None
    origin: str
    sentences: int

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of one entry of `storybot sources --json`."""
        return asdict(self)


@dataclass(frozen=True)
class IngestedArticle:
    """What happened to one article during ingest."""

    id: str
    origin: str
    status: Literal["added", "replaced", "unchanged", "failed"]
    sentences: int = 0
    chunks: int = 0
    error: str | None = None


@dataclass(frozen=True)
class IngestReport:
    """The outcome of one ingest: per-article status and totals."""

    articles: tuple[IngestedArticle, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def stored(self) -> tuple[IngestedArticle, ...]:
        """Articles written by this ingest (added or replaced)."""
        return tuple(a for a in self.articles if a.status in ("added", "replaced"))

    @property
    def failed(self) -> tuple[IngestedArticle, ...]:
        """Articles that could not be read or stored; nothing of them was written."""
        return tuple(a for a in self.articles if a.status == "failed")

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `storybot ingest --json`."""
        return {
            "articles": [asdict(a) for a in self.articles],
            "stored": len(self.stored),
            "sentences": sum(a.sentences for a in self.stored),
            "chunks": sum(a.chunks for a in self.stored),
            "failed": len(self.failed),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass(frozen=True)
class Quote:
    """One sentence with its neighbours, for `/quote`."""

    citation: Citation
    before: tuple[Citation, ...]
    after: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `storybot quote --json`."""
        return {
            "quote": self.citation.to_dict(),
            "before": [c.to_dict() for c in self.before],
            "after": [c.to_dict() for c in self.after],
        }


@dataclass(frozen=True)
class Turn:
    """One earlier message of a conversation: who said it and what."""

    role: Literal["user", "bot"]
    text: str
    # The sentences a bot turn cited, verbatim: follow-ups resolve against these, never
    # against the bot's own wording.
    cited: tuple[str, ...] = ()
