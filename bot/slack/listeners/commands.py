"""Slash commands: /ask, /summary, /sources, /compare, /timeline. Each acks at once, then answers
via respond().

Answers are visible only to the asker unless the first or last word is `public`.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.chat.cleaning import clean_question
from bot.slack._bot import SlackBot, respond_with
from bot.slack._parsing import plain_text, split_public


def register(app: AsyncApp, bot: SlackBot) -> None:
    """Answer /ask, /summary, /sources, /compare and /timeline."""

    @app.command("/ask")
    async def ask(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """/ask [public] QUESTION: answer from the articles, citing their sentences."""
        await ack()
        raw, public = split_public(command.get("text") or "")
        question = clean_question(raw, plain_text(raw))
        message = await bot.reply(
            command["user_id"],
            command["channel_id"],
            lambda: bot.answer(question, show_question=True),
        )
        await respond_with(respond, message, public)

    @app.command("/summary")
    async def summary(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """/summary [ARTICLE] [public]: cited bullets for the whole story or one article."""
        await ack()
        article, public = _arguments(command)
        message = await bot.reply(
            command["user_id"], command["channel_id"], lambda: bot.summary(article or None)
        )
        await respond_with(respond, message, public)

    @app.command("/sources")
    async def sources(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """/sources [public]: the stored articles."""
        await ack()
        _, public = _arguments(command)
        message = await bot.reply(command["user_id"], command["channel_id"], bot.sources)
        await respond_with(respond, message, public)

    @app.command("/compare")
    async def compare(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """/compare [ARTICLE ARTICLE] [public]: what both report, only one has, word differently."""
        await ack()
        articles, public = _arguments(command)
        message = await bot.reply(
            command["user_id"], command["channel_id"], lambda: bot.compare(articles.split())
        )
        await respond_with(respond, message, public)

    @app.command("/timeline")
    async def timeline(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """/timeline [public]: the story's dated events in order, each cited."""
        await ack()
        _, public = _arguments(command)
        message = await bot.reply(command["user_id"], command["channel_id"], bot.timeline)
        await respond_with(respond, message, public)


def _arguments(command: dict[str, Any]) -> tuple[str, bool]:
    return split_public(plain_text(command.get("text") or ""))
