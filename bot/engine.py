"""The story engine: the one facade every adapter (CLI, Discord, Slack) calls.

UNDER CONSTRUCTION: signatures are final, bodies land with the core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.records import Answer, IngestReport, Quote, SourceInfo, Summary, Turn

Progress = Callable[[str, int, int], None]


class Engine:
    """Ingest, ask, summarise, list and quote over one store."""

    def ingest(self, sources: Sequence[str], progress: Progress | None = None) -> IngestReport:
        """Read files, folders or URLs and store each article whole (or not at all)."""
        raise NotImplementedError

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """Store one uploaded file; `name`'s extension (.txt, .md, .html) decides the format."""
        raise NotImplementedError

    def forget(self, article_id: str) -> SourceInfo:
        """Remove one article and everything stored for it; NotFoundError if unknown."""
        raise NotImplementedError

    def sources(self) -> list[SourceInfo]:
        """The stored articles, in id order."""
        raise NotImplementedError

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer from the articles with cited sentences, or refuse with the closest ones."""
        raise NotImplementedError

    def summary(self, article_id: str | None = None, bullets: int | None = None) -> Summary:
        """Cited bullets in story order for the whole story, or one article."""
        raise NotImplementedError

    def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """One sentence with `context` neighbours each side; NotFoundError if out of range."""
        raise NotImplementedError
