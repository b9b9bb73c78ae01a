"""The 👍/👎 buttons under answers and summaries."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.slack._bot import SlackBot, respond_with
from bot.slack._render import VOTE_DOWN, VOTE_UP


def register(app: AsyncApp, bot: SlackBot) -> None:
    """Store votes and thank the voter privately."""

    async def on_vote(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
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
        await respond_with(respond, message)

    app.action(VOTE_UP)(on_vote)
    app.action(VOTE_DOWN)(on_vote)
