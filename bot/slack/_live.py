"""An answer's message while a language model writes it: posted, updated, then made final.

The first partial text posts the message in the thread, later ones update it (ChatService
keeps updates to one a second), and `finish` updates it into the rendered, checked answer or
the error line, so nothing is left half-written. When no partial text came (no LLM), `finish`
posts the message. Whatever Slack refuses is handled by `Delivery`: shortened, or told to the
asker privately.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.slack._deliver import Delivery, slack_error
from bot.slack._render import SlackMessage, escape

log = logging.getLogger(__name__)
WRITING = "_Writing… each sentence is checked against the articles before the answer is final._"
CURSOR = " ▍"
PARTIAL_LIMIT = 3000


def partial_message(text: str) -> SlackMessage:
    """The unfinished answer as plain mrkdwn text, marked as not yet checked."""
    body = escape(text)
    if len(body) > PARTIAL_LIMIT:
        body = body[: PARTIAL_LIMIT - 1] + "…"
    return SlackMessage(text=f"{body}{CURSOR}\n{WRITING}")


class LiveMessage:
    """The answer for `user` in `channel` (in the thread `thread_ts`, when given)."""

    def __init__(
        self, delivery: Delivery, channel: str, thread_ts: str | None, user: str = ""
    ) -> None:
        self.delivery = delivery
        self.channel = channel
        self.thread_ts = thread_ts
        self.user = user
        self.ts: str | None = None

    async def show(self, text: str) -> None:
        """Post or update the unfinished answer (a refusal is logged; the final one tells)."""
        message = partial_message(text)
        client = self.delivery.client
        try:
            if self.ts is None:
                resp = await client.chat_postMessage(
                    channel=self.channel,
                    thread_ts=self.thread_ts,
                    unfurl_links=False,
                    unfurl_media=False,
                    **message.as_kwargs(),
                )
                self.ts = resp["ts"]
            else:
                await client.chat_update(channel=self.channel, ts=self.ts, **message.as_kwargs())
        except SlackApiError as exc:
            log.warning("showing a partial answer in %s failed: %s", self.channel, slack_error(exc))

    async def finish(self, message: SlackMessage) -> None:
        """The final message: the shown one updated into it, or posted when none was shown."""
        if self.ts is not None:
            where = {"channel": self.channel, "ts": self.ts, "user": self.user}
            if await self.delivery.update(message, **where):
                return
        await self.delivery.post(
            message, channel=self.channel, user=self.user, thread_ts=self.thread_ts
        )
