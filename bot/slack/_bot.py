"""What every Slack listener shares: the allow-list, rate limits, errors as one line, sending.

Errors are translated here and nowhere else: our own errors verbatim, anything else as an
error id (see `ChatService.describe_error`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Literal

from bot.chat.answers import AnswerLog, AnswerRecord, new_answer_id
from bot.chat.cleaning import Question
from bot.chat.feedback import Tally
from bot.chat.pages import PageLog
from bot.chat.service import ChatService
from bot.chat.shutdown import InFlight
from bot.records import Turn
from bot.settings import ChatSettings
from bot.slack import _texts
from bot.slack._deliver import Delivery
from bot.slack._parsing import is_dm, plain_text
from bot.slack._render import (
    SlackMessage,
    answer_part,
    render_answer,
    render_context,
    render_notice,
    render_quote,
    render_sources,
    render_summary,
)
from bot.slack._render_story import (
    NO_EVENTS,
    render_comparison,
    render_timeline,
    with_navigation,
)
from index.errors import InputError

log = logging.getLogger(__name__)


class SlackBot:
    """The chat service as Slack listeners use it: guarded, rendered, never silent."""

    def __init__(
        self,
        service: ChatService,
        delivery: Delivery,
        allowed_channels: Iterable[str] = (),
        chat: ChatSettings | None = None,
    ) -> None:
        self.service = service
        self.delivery = delivery
        self.allowed_channels = frozenset(allowed_channels)
        self.chat = chat or ChatSettings()
        self.answers = AnswerLog()
        self.pages = PageLog()
        self.revoked = asyncio.Event()  # set by tokens_revoked / app_uninstalled
        self.in_flight = InFlight(service, self.chat.shutdown_grace_s)
        self.answering = self.in_flight.answering
        self.wind_down = self.in_flight.wind_down

    @property
    def stopping(self) -> bool:
        """True once a stop was requested: new questions are told to ask again later."""
        return self.in_flight.stopping

    def is_allowed(self, channel_id: str) -> bool:
        """Direct messages always; channels when no allow-list is set or they are on it."""
        return not self.allowed_channels or channel_id in self.allowed_channels or is_dm(channel_id)

    async def reply(
        self, user_id: str, channel_id: str, work: Callable[[], Awaitable[SlackMessage]]
    ) -> SlackMessage:
        """Check the allow-list and the rate limits, do `work`, and word any failure as one line."""
        if not self.is_allowed(channel_id):
            return render_notice(_texts.NOT_ALLOWED)
        if self.stopping:
            return render_notice(_texts.RESTARTING)
        try:
            self.service.check_rate(user_id, channel_id)
            return await work()
        except asyncio.CancelledError:
            if self.stopping:  # cut by a shutdown: the asker is told, not left waiting
                return render_notice(_texts.RESTARTING)
            raise
        except Exception as exc:  # the one place errors become user messages
            return render_notice(self.service.describe_error(exc))

    async def answer(
        self,
        question: Question,
        history: Sequence[Turn] = (),
        *,
        show_question: bool = False,
        on_partial: Callable[[str], Awaitable[None]] | None = None,
    ) -> SlackMessage:
        """Ask the engine and render its answer with feedback buttons; `on_partial` is shown
        the answer's text while a language model writes it (see LiveMessage)."""
        if question.is_chatter:
            return render_notice(_texts.YOU_ARE_WELCOME)
        if not question.text:
            raise InputError(*_texts.EMPTY_QUESTION)
        if on_partial is None:
            answer = await self.service.ask(question, history)
        else:
            answer = await self.service.ask_stream(question, history, on_partial)
        record = self.answers.add(AnswerRecord.of(answer))
        return render_answer(answer, answer_id=record.answer_id, show_question=show_question)

    async def summary(self, article_id: str | None) -> SlackMessage:
        """Summarise the story or one article, with feedback buttons."""
        summary = await self.service.summary(article_id)
        record = AnswerRecord(
            answer_id=new_answer_id(),
            question=f"/summary {article_id or ''}".strip(),
            answer="\n".join(c.render() for c in summary.claims),
            citations=tuple(c.to_dict() for c in summary.citations),
        )
        self.answers.add(record)
        return render_summary(summary, answer_id=record.answer_id)

    async def quote(self, text: str) -> SlackMessage:
        """`ARTICLE SENTENCE [CONTEXT]`: that sentence with its neighbours."""
        words = text.split()
        if len(words) not in (2, 3) or not all(w.isdigit() for w in words[1:]):
            raise InputError(_texts.QUOTE_USAGE)
        article, sentence = words[0], int(words[1])
        context = int(words[2]) if len(words) == 3 else 1
        if not 1 <= sentence <= 100_000 or not 0 <= context <= 5:
            raise InputError(_texts.QUOTE_USAGE)
        return render_quote(await self.service.quote(article, sentence, context))

    async def sources(self) -> SlackMessage:
        """List the stored articles."""
        return render_sources(await self.service.sources())

    def paged(self, pages: Sequence[SlackMessage], empty: str = "") -> SlackMessage:
        """The first page, with ◀ ▶ buttons when there are more (kept in the page log)."""
        if not pages:
            return render_notice(empty)
        if len(pages) == 1:
            return pages[0]
        view_id = self.pages.add(pages)
        return with_navigation(pages[0], view_id, 0, len(pages))

    def page(self, value: str) -> SlackMessage:
        """The page a ◀ ▶ button points to (`VIEW_ID:INDEX`)."""
        view_id, _, index = value.partition(":")
        pages = self.pages.get(view_id)
        if pages is None or not index.isdigit() or int(index) >= len(pages):
            return render_notice(_texts.PAGES_FORGOTTEN)
        return with_navigation(pages[int(index)], view_id, int(index), len(pages))

    async def compare(self, article_ids: Sequence[str]) -> SlackMessage:
        """Compare the named articles (all when none is named)."""
        comparison = await self.service.compare(list(article_ids) or None)
        return self.paged(render_comparison(comparison))

    async def timeline(self) -> SlackMessage:
        """The story's dated events in order."""
        return self.paged(render_timeline(await self.service.timeline()), NO_EVENTS)

    async def vote(
        self,
        user_id: str,
        channel_id: str,
        answer_id: str,
        up: bool,
        message_text: str = "",
        reason: str | None = None,
    ) -> tuple[SlackMessage, Tally | None]:
        """Store a 👍/👎 (replacing the voter's earlier one; after a restart the answer is taken
        from the message itself): the line for the voter, and the answer's new tally."""
        record = self.answers.get(answer_id) or AnswerRecord(
            answer_id, question="", answer=plain_text(answer_part(message_text))
        )
        kind: Literal["up", "down"] = "up" if up else "down"
        try:
            vote = record.vote("slack", user_id, channel_id, kind, reason)
            tally = await self.service.record_vote(vote)
        except Exception as exc:
            return render_notice(self.service.describe_error(exc)), None
        line = _texts.VOTE_THANKS[kind] if tally.changed else _texts.VOTED
        return render_notice(line), tally

    async def context(self, answer_id: str, closest: bool = False) -> SlackMessage:
        """The answer's cited sentences (or a refusal's closest ones) with their neighbours."""
        record = self.answers.get(answer_id)
        if record is None:
            return render_notice(_texts.CONTEXT_FORGOTTEN)
        cited = record.closest if closest else record.citations
        targets = [(c["article_id"], c["sentence"]) for c in cited if c["sentence"] > 0][:3]
        if not targets:
            return render_notice(_texts.NO_CONTEXT)
        quotes = [await self.service.quote(article, n, 1) for article, n in targets]
        return render_context(quotes, closest=closest)
