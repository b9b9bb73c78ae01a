"""Slash commands: /ask, /summary, /sources, /quote, /compare, /timeline. Each acks at once, then
answers at the command's response_url (see Delivery.respond).

Answers are visible only to the asker unless the first or last word is `public`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.chat.cleaning import clean_question
from bot.slack._bot import SlackBot
from bot.slack._parsing import plain_text, split_public
from bot.slack._render import SlackMessage

Work = Callable[[], Awaitable[SlackMessage]]


def register(app: AsyncApp, bot: SlackBot) -> None:
    """Answer /ask, /summary, /sources, /quote, /compare and /timeline."""

    @app.command("/ask")
    async def ask(ack: AsyncAck, command: dict[str, Any]) -> None:
        """/ask [public] QUESTION: answer from the articles, citing their sentences."""
        await ack()
        raw, public = split_public(command.get("text") or "")
        question = clean_question(raw, plain_text(raw))
        await _answer(bot, command, public, lambda: bot.answer(question, show_question=True))

    @app.command("/summary")
    async def summary(ack: AsyncAck, command: dict[str, Any]) -> None:
        """/summary [ARTICLE] [public]: cited bullets for the whole story or one article."""
        await ack()
        article, public = _arguments(command)
        await _answer(bot, command, public, lambda: bot.summary(article or None))

    @app.command("/sources")
    async def sources(ack: AsyncAck, command: dict[str, Any]) -> None:
        """/sources [public]: the stored articles."""
        await ack()
        _, public = _arguments(command)
        await _answer(bot, command, public, bot.sources)

    @app.command("/quote")
    async def quote(ack: AsyncAck, command: dict[str, Any]) -> None:
        """/quote ARTICLE SENTENCE [CONTEXT] [public]: one sentence with its neighbours."""
        await ack()
        text, public = _arguments(command)
        await _answer(bot, command, public, lambda: bot.quote(text))

    @app.command("/compare")
    async def compare(ack: AsyncAck, command: dict[str, Any]) -> None:
        """/compare [ARTICLE ARTICLE] [public]: what both report, only one has, word differently."""
        await ack()
        articles, public = _arguments(command)
        await _answer(bot, command, public, lambda: bot.compare(articles.split()))

    @app.command("/timeline")
    async def timeline(ack: AsyncAck, command: dict[str, Any]) -> None:
        """/timeline [public]: the story's dated events in order, each cited."""
        await ack()
        _, public = _arguments(command)
        await _answer(bot, command, public, bot.timeline)


def _arguments(command: dict[str, Any]) -> tuple[str, bool]:
    return split_public(plain_text(command.get("text") or ""))


async def _answer(bot: SlackBot, command: dict[str, Any], public: bool, work: Work) -> None:
    """Do the work and reply at the command's response_url; a refusal is told another way."""
    user, channel = command["user_id"], command["channel_id"]
    with bot.answering():
        message = await bot.reply(user, channel, work)
        await bot.delivery.respond(
            command["response_url"], message, public=public, channel=channel, user=user
        )
