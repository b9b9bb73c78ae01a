"""An engine that is built on first use, so creating a chat adapter touches no store."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from bot.records import Answer, Comparison, IngestReport, Quote, SourceInfo, Summary, Timeline, Turn


class LazyEngine:
    """Calls `factory()` once, on the first engine call (in ChatService's worker thread)."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """True once the real engine has been built."""
        return self._engine is not None

    def load(self) -> Any:
        """Build the engine now (if not yet built) and return it; errors propagate."""
        with self._lock:
            if self._engine is None:
                self._engine = self._factory()
            return self._engine

    # The methods are spelled out (not __getattr__) so that ChatService, which looks
    # them up on the event loop, never builds the engine there.

    def ingest(self, sources: Sequence[str], progress: Any = None) -> IngestReport:
        """See Engine.ingest."""
        return self.load().ingest(sources, progress)

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """See Engine.ingest_bytes."""
        return self.load().ingest_bytes(name, data)

    def forget(self, article_id: str) -> SourceInfo:
        """See Engine.forget."""
        return self.load().forget(article_id)

    def sources(self) -> list[SourceInfo]:
        """See Engine.sources."""
        return self.load().sources()

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """See Engine.ask."""
        return self.load().ask(question, history=history)

    def ask_stream(
        self, question: str, history: Sequence[Turn] = (), on_partial: Any = None
    ) -> Answer:
        """See Engine.ask_stream (engines that cannot stream just answer)."""
        engine = self.load()
        stream = getattr(engine, "ask_stream", None)
        if stream is None:
            return engine.ask(question, history=history)
        return stream(question, history, on_partial)

    def summary(self, article_id: str | None = None, bullets: int | None = None) -> Summary:
        """See Engine.summary."""
        return self.load().summary(article_id, bullets)

    def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """See Engine.quote."""
        return self.load().quote(article_id, sentence, context)

    def compare(self, article_ids: Sequence[str] | None = None) -> Comparison:
        """See Engine.compare."""
        return self.load().compare(article_ids)

    def timeline(self, article_ids: Sequence[str] | None = None) -> Timeline:
        """See Engine.timeline."""
        return self.load().timeline(article_ids)
