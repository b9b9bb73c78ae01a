"""An answer's message while a language model writes it: posted, updated, then made final.

The first partial text posts the message in the thread, later ones update it (ChatService
keeps updates to one a second), and `finish` updates it into the rendered, checked answer or
the error line, so nothing is left half-written. When no partial text came (no LLM),
`finish` posts the message exactly as before streaming existed.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack._bot import post
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
    """The answer in `channel` (in the thread `thread_ts`, when given)."""

    def __init__(self, client: AsyncWebClient, channel: str, thread_ts: str | None) -> None:
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self.ts: str | None = None

    async def show(self, text: str) -> None:
        """Post or update the unfinished answer."""
        message = partial_message(text)
        if self.ts is None:
            resp = await self.client.chat_postMessage(
                channel=self.channel,
                thread_ts=self.thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **message.as_kwargs(),
            )
            self.ts = resp["ts"]
        else:
            await self.client.chat_update(channel=self.channel, ts=self.ts, **message.as_kwargs())

    async def finish(self, message: SlackMessage) -> None:
        """The final message: the shown one updated into it, or posted when none was shown."""
        if self.ts is None:
            await post(self.client, self.channel, message, self.thread_ts)
            return
        try:
            await self.client.chat_update(
                channel=self.channel, ts=self.ts, blocks=list(message.blocks), text=message.text
            )
        except SlackApiError as exc:
            log.warning("chat.update in %s failed: %s", self.channel, exc.response.get("error"))
            if message.blocks:  # as post() does: the plain text when blocks are refused
                await self.finish(SlackMessage(text=message.text))
            else:
                self.ts = None
                await self.finish(message)
