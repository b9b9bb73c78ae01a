"""The engine as chat adapters use it: async, concurrent, rate limited, errors as one line.

Engine calls run in a pool of `CHAT_WORKERS` threads of their own, never on the event loop, so
many questions are answered at once (the engine is safe for concurrent readers; writes take its
write lock) and the loop keeps the gateway alive while they run. A full pool queues the rest.
Every call in progress is counted, so a shutdown can wait for the answers still being written.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

from bot.chat.cleaning import Question, clean_question
from bot.chat.feedback import FeedbackStore, Tally, Vote, VoteBook
from bot.chat.ratelimit import ChatLimits
from bot.chat.stream import EDIT_INTERVAL_S, PartialRelay
from bot.protocols import StoryEngine
from bot.records import Answer, Comparison, IngestReport, Quote, SourceInfo, Summary, Timeline, Turn
from bot.settings import ChatSettings
from index.errors import StorybotError

log = logging.getLogger(__name__)
T = TypeVar("T")


class ChatService:
    """Runs engine calls in a bounded thread pool and words every failure for users."""

    def __init__(
        self,
        engine: StoryEngine,
        settings: ChatSettings,
        feedback: FeedbackStore,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.feedback = feedback
        self.votes = VoteBook(feedback)
        self.limits = ChatLimits(
            settings.user_rate, settings.channel_rate, settings.rate_window_s, clock
        )
        self.workers = max(1, settings.workers)
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="storybot-engine")
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        with self.tracked():
            return await loop.run_in_executor(self._pool, lambda: fn(*args, **kwargs))

    @contextlib.contextmanager
    def tracked(self) -> Any:
        """Count one piece of work in progress (an engine call, or an adapter's whole reply)."""
        self._in_flight += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()

    @property
    def in_flight(self) -> int:
        """Engine calls and tracked replies not finished yet."""
        return self._in_flight

    async def drain(self, timeout_s: float) -> bool:
        """Wait until nothing is in flight (True), or `timeout_s` passed (False)."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout_s)
        except TimeoutError:
            return False
        return True

    def close(self) -> None:
        """Stop the pool: queued calls are dropped, running ones finish in their threads."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def check_rate(self, user_id: str, channel_id: str) -> None:
        """Raise RateLimited (a StorybotError) if this user or channel must wait."""
        self.limits.check(str(user_id), str(channel_id))

    async def ask(self, question: str | Question, history: Sequence[Turn] = ()) -> Answer:
        """Answer a question (chat noise taken out), using earlier turns to resolve follow-ups.

        The answer's `question` is the one as the asker wrote it (`Question.shown`)."""
        q = as_question(question)
        answer = await self._run(self.engine.ask, q.text, history=tuple(history))
        return shown_as_asked(answer, q)

    async def ask_stream(
        self,
        question: str | Question,
        history: Sequence[Turn],
        show: Callable[[str], Awaitable[None]],
        interval_s: float = EDIT_INTERVAL_S,
    ) -> Answer:
        """Like `ask`; while a language model writes the answer, its text so far is passed to
        `show` (at most once per `interval_s`, never after this returns). Without an LLM,
        `show` is never called."""
        q = as_question(question)
        async with PartialRelay(show, interval_s) as relay:
            answer = await self._run(self.engine.ask_stream, q.text, tuple(history), relay.push)
        return shown_as_asked(answer, q)

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

    async def record_vote(self, vote: Vote) -> Tally:
        """Store a 👍/👎 vote (a person's later vote on the same answer replaces theirs) and
        return the answer's tally."""
        return await asyncio.to_thread(self.votes.cast, vote)

    async def tally(self, answer_id: str) -> Tally:
        """The votes on one answer so far."""
        return await asyncio.to_thread(self.votes.tally, answer_id)

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


def as_question(question: str | Question) -> Question:
    """A Question as is; a string is cleaned of chat noise first."""
    return question if isinstance(question, Question) else clean_question(question)


def shown_as_asked(answer: Answer, question: Question) -> Answer:
    """The answer under the question as written; "understood as" only for a real rewrite."""
    standalone = answer.standalone_question
    if standalone and standalone.strip().casefold() == question.text.strip().casefold():
        standalone = None
    return replace(
        answer, question=question.shown or answer.question, standalone_question=standalone
    )
