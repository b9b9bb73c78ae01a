"""Mentions in channels (answered in the message's thread), plain follow-ups in threads storybot
answered in (THREAD_FOLLOWUPS), and direct messages."""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.cleaning import clean_question, looks_like_question
from bot.records import Turn
from bot.slack._bot import SlackBot
from bot.slack._deliver import slack_error
from bot.slack._live import LiveMessage
from bot.slack._parsing import (
    MAX_TURNS,
    is_dm,
    is_ours,
    mentions_bot,
    mentions_others,
    plain_text,
    thread_turns,
)
from bot.slack._render import SlackMessage

log = logging.getLogger(__name__)

THREAD_FETCH = 200  # messages of a thread read for context
DM_CONTEXT_S = 30 * 60  # earlier direct messages older than this are not context


def register(app: AsyncApp, bot: SlackBot) -> None:
    """Answer `@storybot …` in channels and any message in a direct conversation."""

    @app.event("app_mention")
    async def on_mention(
        event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        """Answer in the message's thread, with the thread so far as context."""
        if is_dm(event["channel"]):
            return  # the message.im listener answers direct messages
        await _answer(bot, client, context, event, reply_ts=event.get("thread_ts") or event["ts"])

    @app.event("message")
    async def on_message(
        event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        """A direct message, answered where it was written (in the conversation or its
        thread); or a plain reply in a thread storybot answered in, as a follow-up."""
        if event.get("subtype") or event.get("bot_id"):
            return
        if event.get("channel_type") == "im":
            await _answer(bot, client, context, event, reply_ts=event.get("thread_ts"))
        elif event.get("thread_ts") and bot.chat.thread_followups:
            await _follow_up(bot, client, context, event)

    @app.event("tokens_revoked")
    @app.event("app_uninstalled")
    async def on_revoked(event: dict[str, Any]) -> None:
        """The workspace took storybot's access away: say so in the log and stop serving."""
        log.error(
            "Slack says storybot's %s (%s): it can no longer read or post. Reinstall the app "
            "(docs/slack.md) and put the new SLACK_BOT_TOKEN in .env",
            "app was uninstalled"
            if event.get("type") == "app_uninstalled"
            else "tokens were revoked",
            event.get("type"),
        )
        bot.revoked.set()


async def _follow_up(
    bot: SlackBot, client: AsyncWebClient, context: AsyncBoltContext, event: dict[str, Any]
) -> None:
    """Answer a reply in a thread without a mention, when storybot answered in that thread, it
    asks something, and it is not addressed to someone else."""
    raw = event.get("text", "")
    me = context.bot_user_id
    if mentions_bot(raw, me) or mentions_others(raw, me):
        return  # app_mention answers the first; the second is for someone else
    if not looks_like_question(clean_question(raw).text):
        return
    thread = await _thread(client, event["channel"], event["thread_ts"])
    if not any(is_ours(m, me, context.bot_id) for m in thread):
        return  # someone else's thread
    await _answer(bot, client, context, event, reply_ts=event["thread_ts"], thread=thread)


async def _thread(client: AsyncWebClient, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    """The messages of a thread; [] if Slack will not say."""
    try:
        resp = await client.conversations_replies(channel=channel, ts=thread_ts, limit=THREAD_FETCH)
    except SlackApiError as exc:
        log.warning("cannot read the thread %s in %s: %s", thread_ts, channel, slack_error(exc))
        return []
    return list(resp.get("messages", []))


async def _answer(
    bot: SlackBot,
    client: AsyncWebClient,
    context: AsyncBoltContext,
    event: dict[str, Any],
    reply_ts: str | None,
    thread: list[dict[str, Any]] | None = None,
) -> None:
    channel = event["channel"]
    raw = event.get("text", "")
    question = clean_question(raw, plain_text(raw, context.bot_user_id))
    user = event.get("user", "")
    live = LiveMessage(bot.delivery, channel, reply_ts, user)  # shown while an LLM writes it

    async def work() -> SlackMessage:
        history = await _history(client, context, event, thread) if question.text else ()
        return await bot.answer(question, history, on_partial=live.show)

    if bot.revoked.is_set():
        return  # nothing can be posted with a revoked token
    with bot.answering():
        message = await bot.reply(user, channel, work)
        if message.is_notice and not is_dm(channel) and live.ts is None:
            # a limit, a usage hint or an error: for the asker's eyes, where they asked
            told = await bot.delivery.tell(
                message.text, channel=channel, user=user, thread_ts=reply_ts
            )
            if told:
                return
        await live.finish(message)


async def _history(
    client: AsyncWebClient,
    context: AsyncBoltContext,
    event: dict[str, Any],
    thread: list[dict[str, Any]] | None = None,
) -> tuple[Turn, ...]:
    """The thread so far (`thread` when already read), or in a direct conversation the last
    half hour; () if unreadable."""
    channel, ts = event["channel"], event["ts"]
    messages: list[dict[str, Any]] = thread or []
    try:
        if thread is None and event.get("thread_ts"):
            resp = await client.conversations_replies(
                channel=channel, ts=event["thread_ts"], limit=THREAD_FETCH
            )
            messages = resp.get("messages", [])
        elif thread is None and is_dm(channel):
            oldest = f"{time.time() - DM_CONTEXT_S:.6f}"
            resp = await client.conversations_history(
                channel=channel, latest=ts, oldest=oldest, limit=MAX_TURNS
            )
            messages = resp.get("messages", [])
    except SlackApiError as exc:
        log.warning("cannot read the history of %s: %s", channel, exc.response.get("error"))
        return ()
    return thread_turns(
        messages,
        before_ts=ts,
        bot_user_id=context.bot_user_id,
        bot_id=context.bot_id,
    )
