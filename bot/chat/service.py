"""The engine as chat adapters use it: async, serialised, rate limited, errors as one line."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from bot.chat.feedback import FeedbackStore, Vote
from bot.chat.ratelimit import ChatLimits
from bot.chat.stream import EDIT_INTERVAL_S, PartialRelay
from bot.protocols import StoryEngine
from bot.records import Answer, Comparison, IngestReport, Quote, SourceInfo, Summary, Timeline, Turn
from bot.settings import ChatSettings
from index.errors import StorybotError

log = logging.getLogger(__name__)
T = TypeVar("T")


class ChatService:
    """Runs engine calls off the event loop one at a time and words every failure for users."""

    def __init__(
        self,
        engine: StoryEngine,
        settings: ChatSettings,
        feedback: FeedbackStore,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.feedback = feedback
        self.limits = ChatLimits(
            settings.user_rate, settings.channel_rate, settings.rate_window_s, clock
        )
        self._lock = asyncio.Lock()

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        async with self._lock:
            return await asyncio.to_thread(fn, *args, **kwargs)

    def check_rate(self, user_id: str, channel_id: str) -> None:
        """Raise RateLimited (a StorybotError) if this user or channel must wait."""
        self.limits.check(str(user_id), str(channel_id))

    async def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer a question, using earlier turns of the thread to resolve follow-ups."""
        return await self._run(self.engine.ask, question, history=tuple(history))

    async def ask_stream(
        self,
        question: str,
        history: Sequence[Turn],
        show: Callable[[str], Awaitable[None]],
        interval_s: float = EDIT_INTERVAL_S,
    ) -> Answer:
        """Like `ask`; while a language model writes the answer, its text so far is passed to
        `show` (at most once per `interval_s`, never after this returns). Without an LLM,
        `show` is never called."""
        async with PartialRelay(show, interval_s) as relay:
            return await self._run(self.engine.ask_stream, question, tuple(history), relay.push)

    async def summary(self, article_id: str | None = None) -> Summary:
        """Summarise the whole story, or one article."""
        return await self._run(self.engine.summary, article_id)

    async def sources(self) -> list[SourceInfo]:
        """The stored articles."""
        return await self._run(self.engine.sources)

    async def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """One sentence with its neighbours."""
        return await self._run(self.engine.quote, article_id, sentence, context)

    async def compare(self, article_ids: Sequence[str] | None = None) -> Comparison:
        """What the articles all report, what only one has, what they word differently."""
        return await self._run(self.engine.compare, list(article_ids) if article_ids else None)

    async def timeline(self) -> Timeline:
        """The story's dated events in order."""
        return await self._run(self.engine.timeline)

    async def ingest(self, sources: Sequence[str]) -> IngestReport:
        """Read and store articles from paths or URLs."""
        return await self._run(self.engine.ingest, list(sources))

    async def ingest_text(self, name: str, data: bytes) -> IngestReport:
        """Store one uploaded file (its name decides the format)."""
        return await self._run(self.engine.ingest_bytes, name, data)

    async def forget(self, article_id: str) -> SourceInfo:
        """Remove one article."""
        return await self._run(self.engine.forget, article_id)

    async def record_vote(self, vote: Vote) -> None:
        """Store a 👍/👎 vote."""
        await asyncio.to_thread(self.feedback.add, vote)

    def describe_error(self, exc: BaseException) -> str:
        """One line for the user: our own errors verbatim, anything else as an error id we log."""
        if isinstance(exc, StorybotError):
            return exc.message
        error_id = uuid.uuid4().hex[:8]
        log.error("unexpected error %s", error_id, exc_info=exc)
        return (
            f"Something went wrong on our side (error id {error_id}). "
            "Please try again later; an admin can find the details in the bot's log."
        )
