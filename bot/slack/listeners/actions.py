"""The buttons under answers: 👍/👎 (one vote per person, counts on the buttons, 👎 asks what
was wrong in a short form), Show context and Closest passages, and article links."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.feedback import Tally
from bot.slack import _texts
from bot.slack._bot import SlackBot
from bot.slack._buttons import (
    CLOSEST,
    CONTEXT,
    LINK,
    VOTE_DOWN,
    VOTE_UP,
    WHY_VIEW,
    why_submitted,
    why_view,
    with_counts,
)
from bot.slack._deliver import slack_error
from bot.slack._render import SlackMessage
from bot.slack._render_story import PAGE_NEXT, PAGE_PREV

log = logging.getLogger(__name__)


def register(app: AsyncApp, bot: SlackBot) -> None:
    """Votes, the 👎 form, context, and link clicks (only acked)."""

    async def on_vote(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Store one 👍/👎 with the answer it judges; update the counts; thank privately."""
        await ack()
        down = action["action_id"] == VOTE_DOWN
        user, channel = body["user"]["id"], _channel(body)
        message = body.get("message") or {}
        if down:  # the form must open within Slack's 3 s trigger window: first
            await _open_why(client, body, action.get("value", ""), channel)
        line, tally = await bot.vote(
            user,
            channel,
            action.get("value", ""),
            up=not down,
            message_text=message.get("text", ""),
        )
        if tally is not None:
            await _show_counts(bot, client, body, tally)
        if not down or tally is None:
            await _respond(bot, body, line)

    async def on_why(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        """The 👎 form: store what was wrong with the vote, and thank the voter."""
        await ack()
        meta, reason = why_submitted(view)
        user = body["user"]["id"]
        channel = meta.get("channel", "")
        if reason:
            line, _ = await bot.vote(user, channel, meta.get("answer_id", ""), False, reason=reason)
        else:
            line = SlackMessage(text=_texts.VOTE_THANKS["down"], is_notice=True)
        if channel:
            await bot.delivery.tell(line.text, channel=channel, user=user)

    async def on_look(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Show context / Closest passages, for the clicker only."""
        await ack()
        closest = action["action_id"] == CLOSEST
        user, channel = body["user"]["id"], _channel(body)
        message = await bot.reply(
            user, channel, lambda: bot.context(action.get("value", ""), closest=closest)
        )
        await _respond(bot, body, message)

    async def on_page(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        """◀ ▶: the same message, showing another page."""
        await ack()
        message = bot.page(action.get("value", ""))
        await bot.delivery.respond(
            body["response_url"],
            message,
            public=not message.is_notice,
            channel=_channel(body),
            user=body["user"]["id"],
            replace_original=not message.is_notice,
        )

    async def on_link(ack: AsyncAck) -> None:
        """A link button opens the article in the browser; Slack still reports the click."""
        await ack()

    app.action(VOTE_UP)(on_vote)
    app.action(VOTE_DOWN)(on_vote)
    app.view(WHY_VIEW)(on_why)
    app.action(CONTEXT)(on_look)
    app.action(CLOSEST)(on_look)
    app.action(re.compile(rf"^{LINK}_\d+$"))(on_link)
    app.action(PAGE_PREV)(on_page)
    app.action(PAGE_NEXT)(on_page)


def _channel(body: dict[str, Any]) -> str:
    return str(
        (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    )


async def _respond(bot: SlackBot, body: dict[str, Any], message: SlackMessage) -> None:
    await bot.delivery.respond(
        body["response_url"], message, public=False, channel=_channel(body), user=body["user"]["id"]
    )


async def _open_why(
    client: AsyncWebClient, body: dict[str, Any], answer_id: str, channel: str
) -> None:
    ts = (body.get("message") or {}).get("ts") or (body.get("container") or {}).get("message_ts")
    try:
        await client.views_open(
            trigger_id=body["trigger_id"], view=why_view(answer_id, channel, ts)
        )
    except SlackApiError as exc:  # the vote still counts; only the reason is lost
        log.warning("could not open the 👎 form: %s", slack_error(exc))


async def _show_counts(
    bot: SlackBot, client: AsyncWebClient, body: dict[str, Any], tally: Tally
) -> None:
    """The answer's blocks again with the new counts: an edit of the message, or (ephemeral
    answers) a replacement through the click's response_url. Cosmetic: failures are logged."""
    message = body.get("message") or {}
    blocks = with_counts(list(message.get("blocks") or []), tally)
    if not blocks:
        return
    container = body.get("container") or {}
    if container.get("is_ephemeral"):
        counted = SlackMessage(text=message.get("text", ""), blocks=tuple(blocks))
        await bot.delivery.respond(
            body["response_url"],
            counted,
            public=False,
            channel=_channel(body),
            user=body["user"]["id"],
            replace_original=True,
        )
        return
    ts, text = str(message.get("ts") or ""), message.get("text", "")
    try:
        await client.chat_update(channel=_channel(body), ts=ts, blocks=blocks, text=text)
    except SlackApiError as exc:
        log.info("could not show the vote counts: %s", slack_error(exc))
