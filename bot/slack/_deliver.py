"""Getting a message to the person who asked, whatever Slack refuses on the way.

Every Web API client retries what slack_sdk knows how to retry (429s after their
`Retry-After`, dropped connections, 5xx). After that, a message Slack still refuses is
shortened to plain text when it was too big, and otherwise the asker is told privately —
ephemeral in the channel, or a direct message when the channel itself is the problem — with an
error id that is also logged. Only a dead token (revoked, uninstalled) leaves nobody to tell;
that is logged as an error with what to do.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.slack import _texts
from bot.slack._render import SlackMessage, can_shorten, plain_fallback

log = logging.getLogger(__name__)
RETRIES = 2  # per handler: a 429 is retried twice after its Retry-After, then told
TOO_BIG = {"msg_too_long", "msg_blocks_too_long", "invalid_blocks", "too_many_blocks"}
DEAD_TOKEN = {
    "token_revoked",
    "invalid_auth",
    "account_inactive",
    "not_authed",
    "app_uninstalled",
    "team_disabled",
}
# The channel itself is the problem: an ephemeral there would fail the same way.
NO_CHANNEL = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


def retry_handlers() -> list[Any]:
    """What every storybot Slack client retries: rate limits, lost connections, 5xx."""
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RETRIES),
        AsyncConnectionErrorRetryHandler(max_retry_count=RETRIES),
        AsyncServerErrorRetryHandler(max_retry_count=RETRIES),
    ]


def with_retries(client: AsyncWebClient) -> AsyncWebClient:
    """The client with storybot's retry handlers in place of any of the same kinds."""
    ours = retry_handlers()
    kinds = {type(h) for h in ours}
    client.retry_handlers = [h for h in client.retry_handlers if type(h) not in kinds] + ours
    return client


def slack_error(exc: SlackApiError) -> str:
    """The error code of a refused call (`ratelimited` for a 429)."""
    if getattr(exc.response, "status_code", 200) == 429:
        return "ratelimited"
    return str(exc.response.get("error") or "unknown_error")


class Delivery:
    """Posts, updates and response_url replies that end with the asker told, never silence."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(
        self,
        message: SlackMessage,
        *,
        channel: str,
        user: str,
        thread_ts: str | None = None,
    ) -> str | None:
        """Post in a channel or thread; the message's ts, or None when only a notice got out."""
        try:
            resp = await self.client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **message.as_kwargs(),
            )
            return resp.get("ts")
        except SlackApiError as exc:
            error = slack_error(exc)
        if error in TOO_BIG and can_shorten(message):
            log.warning("chat.postMessage in %s refused it (%s): plain text", channel, error)
            shorter = plain_fallback(message)
            return await self.post(shorter, channel=channel, user=user, thread_ts=thread_ts)
        await self.failed("chat.postMessage", error, channel=channel, user=user)
        return None

    async def update(self, message: SlackMessage, *, channel: str, ts: str, user: str) -> bool:
        """Edit a posted message; False (nothing told yet) if Slack refuses, so it can be posted."""
        try:
            await self.client.chat_update(channel=channel, ts=ts, **message.as_kwargs())
            return True
        except SlackApiError as exc:
            error = slack_error(exc)
        if error in TOO_BIG and can_shorten(message):
            return await self.update(plain_fallback(message), channel=channel, ts=ts, user=user)
        log.warning("chat.update in %s failed: %s", channel, error)
        return False

    async def respond(
        self,
        response_url: str,
        message: SlackMessage,
        *,
        public: bool,
        channel: str,
        user: str,
        replace_original: bool = False,
    ) -> None:
        """Answer a slash command or click through its response_url; notices stay private."""
        visible = "in_channel" if public and not message.is_notice else "ephemeral"
        webhook = AsyncWebhookClient(response_url, retry_handlers=retry_handlers())
        try:
            resp = await webhook.send_dict(
                {
                    "response_type": visible,
                    "replace_original": replace_original,
                    "unfurl_links": False,
                    "unfurl_media": False,
                    **message.as_kwargs(),
                }
            )
            status, error = resp.status_code, (resp.body or "").strip()
        except Exception as exc:  # the connection itself failed, after the retries
            status, error = 0, type(exc).__name__
        if status == 200:
            return
        if status == 400 and can_shorten(message):
            log.warning("response_url refused the blocks (%s); plain text", error)
            await self.respond(
                response_url,
                plain_fallback(message),
                public=public,
                channel=channel,
                user=user,
                replace_original=replace_original,
            )
            return
        await self.failed("response_url", error or f"HTTP {status}", channel=channel, user=user)

    async def failed(self, what: str, error: str, *, channel: str, user: str) -> None:
        """Log a refused call with an error id, and tell the asker privately where Slack lets us."""
        error_id = uuid.uuid4().hex[:8]
        if error in DEAD_TOKEN:
            log.error(
                "%s failed: %s (error id %s). Slack no longer accepts storybot's token: reinstall "
                "the app and put the new SLACK_BOT_TOKEN in .env (docs/slack.md)",
                what,
                error,
                error_id,
            )
            return
        log.error("%s in %s failed: %s (error id %s)", what, channel, error, error_id)
        line = _texts.failure_line(error, channel, error_id)
        await self.tell(line, channel=channel, user=user, in_channel=error not in NO_CHANNEL)

    async def tell(
        self,
        text: str,
        *,
        channel: str,
        user: str,
        thread_ts: str | None = None,
        in_channel: bool = True,
    ) -> bool:
        """One line to one person: ephemeral where they asked, else a direct message."""
        if not user:
            return False
        if in_channel and not _is_dm(channel):
            try:
                await self.client.chat_postEphemeral(
                    channel=channel, user=user, text=text, thread_ts=thread_ts
                )
                return True
            except SlackApiError as exc:
                log.warning("could not tell %s in %s: %s", user, channel, slack_error(exc))
        try:
            opened = await self.client.conversations_open(users=user)
            await self.client.chat_postMessage(channel=opened["channel"]["id"], text=text)
            return True
        except SlackApiError as exc:
            log.error("could not tell %s %r: %s", user, text, slack_error(exc))
        return False


def _is_dm(channel: str) -> bool:
    return channel.startswith("D")
