"""What every Slack listener shares: the allow-list, rate limits, errors as one line, sending.

Errors are translated here and nowhere else: our own errors verbatim, anything else as an
error id (see `ChatService.describe_error`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Literal

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.answers import AnswerLog, AnswerRecord, new_answer_id
from bot.chat.service import ChatService
from bot.records import Turn
from bot.slack._parsing import is_dm, plain_text
from bot.slack._render import (
    SlackMessage,
    answer_part,
    render_answer,
    render_notice,
    render_sources,
    render_summary,
)
from bot.slack._render_story import render_comparison, render_timeline
from index.errors import InputError

log = logging.getLogger(__name__)

NOT_ALLOWED = (
    "I'm not enabled in this channel. Ask an admin to add it to SLACK_ALLOWED_CHANNELS, "
    "or send me a direct message."
)
EMPTY_QUESTION = (
    "There is no question to answer",
    "Mention me with a question, e.g. “@storybot How much aid did Rubio announce?”, "
    "or use /ask, /summary or /sources",
)
THANKS = {"up": "Thanks! Your 👍 was recorded.", "down": "Thanks! Your 👎 was recorded."}


class SlackBot:
    """The chat service as Slack listeners use it: guarded, rendered, never silent."""

    def __init__(self, service: ChatService, allowed_channels: Iterable[str] = ()) -> None:
        self.service = service
        self.allowed_channels = frozenset(allowed_channels)
        self.answers = AnswerLog()

    def is_allowed(self, channel_id: str) -> bool:
        """Direct messages always; channels when no allow-list is set or they are on it."""
        return not self.allowed_channels or channel_id in self.allowed_channels or is_dm(channel_id)

    async def reply(
        self, user_id: str, channel_id: str, work: Callable[[], Awaitable[SlackMessage]]
    ) -> SlackMessage:
        """Check the allow-list and the rate limits, do `work`, and word any failure as one line."""
        if not self.is_allowed(channel_id):
            return render_notice(NOT_ALLOWED)
        try:
            self.service.check_rate(user_id, channel_id)
            return await work()
        except Exception as exc:  # the one place errors become user messages
            return render_notice(self.service.describe_error(exc))

    async def answer(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        show_question: bool = False,
        on_partial: Callable[[str], Awaitable[None]] | None = None,
    ) -> SlackMessage:
        """Ask the engine and render its answer with feedback buttons; `on_partial` is shown
        the answer's text while a language model writes it (see LiveMessage)."""
        if not question:
            raise InputError(*EMPTY_QUESTION)
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

    async def sources(self) -> SlackMessage:
        """List the stored articles."""
        return render_sources(await self.service.sources())

    async def compare(self, article_ids: Sequence[str]) -> SlackMessage:
        """Compare the named articles (all when none is named)."""
        return render_comparison(await self.service.compare(list(article_ids) or None))

    async def timeline(self) -> SlackMessage:
        """The story's dated events in order."""
        return render_timeline(await self.service.timeline())

    async def vote(
        self, user_id: str, channel_id: str, answer_id: str, up: bool, message_text: str = ""
    ) -> SlackMessage:
        """Store a 👍/👎; after a restart the answer is taken from the message itself."""
        record = self.answers.get(answer_id) or AnswerRecord(
            answer_id, question="", answer=plain_text(answer_part(message_text))
        )
        kind: Literal["up", "down"] = "up" if up else "down"
        try:
            await self.service.record_vote(record.vote("slack", user_id, channel_id, kind))
        except Exception as exc:
            return render_notice(self.service.describe_error(exc))
        return render_notice(THANKS[kind])


async def post(
    client: AsyncWebClient, channel: str, message: SlackMessage, thread_ts: str | None = None
) -> None:
    """Post in a channel or thread; if Slack refuses the blocks, post the plain text instead."""
    try:
        await client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **message.as_kwargs(),
        )
    except SlackApiError as exc:
        log.warning("chat.postMessage in %s failed: %s", channel, exc.response.get("error"))
        if message.blocks:
            await post(client, channel, SlackMessage(text=message.text), thread_ts)


async def respond_with(respond: Any, message: SlackMessage, public: bool = False) -> None:
    """Answer a slash command or button through its response_url; notices stay private."""
    visible = "in_channel" if public and not message.is_notice else "ephemeral"
    resp = await respond(
        response_type=visible,
        replace_original=False,
        unfurl_links=False,
        unfurl_media=False,
        **message.as_kwargs(),
    )
    if resp.status_code != 200:
        log.warning("response_url refused the reply: %s %s", resp.status_code, resp.body)
        if message.blocks:
            await respond_with(respond, SlackMessage(text=message.text), public)
