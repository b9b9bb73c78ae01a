"""The 👍/👎 buttons under answers and summaries."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack._bot import SlackBot
from bot.slack._render import VOTE_DOWN, VOTE_UP


def register(app: AsyncApp, bot: SlackBot) -> None:
    """Store votes and thank the voter privately."""

    async def on_vote(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Store one 👍/👎 with the answer it judges."""
        await ack()
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id", ""
        )
        message = await bot.vote(
            user_id=body["user"]["id"],
            channel_id=channel,
            answer_id=action.get("value", ""),
            up=action["action_id"] == VOTE_UP,
            message_text=(body.get("message") or {}).get("text", ""),
        )
        await bot.delivery.respond(
            body["response_url"], message, public=False, channel=channel, user=body["user"]["id"]
        )

    app.action(VOTE_UP)(on_vote)
    app.action(VOTE_DOWN)(on_vote)
