"""Test helpers: settings, Slack payloads as Slack sends them, and signed HTTP requests to Bolt."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import ChatSettings, Secret, Settings, SlackSettings
from bot.slack._run import EVENTS_PATH
from tests.slack.fake_slack import APP_TOKEN, BOT_TOKEN, BOT_USER_ID, TEAM_ID, FakeSlack

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
_ids = itertools.count(1)


def make_settings(
    tmp_path: Path,
    *,
    allowed_channels: tuple[str, ...] = (),
    user_rate: int = 5,
    channel_rate: int = 20,
) -> Settings:
    """Settings for one test: its own data folder, test tokens, the given limits."""
    return Settings(
        data_dir=tmp_path,
        chat=ChatSettings(
            user_rate=user_rate,
            channel_rate=channel_rate,
            feedback_path=tmp_path / "feedback.jsonl",
        ),
        slack=SlackSettings(
            bot_token=Secret(BOT_TOKEN),
            app_token=Secret(APP_TOKEN),
            signing_secret=Secret(SIGNING_SECRET),
            allowed_channels=allowed_channels,
        ),
    )


def web_client(slack: FakeSlack) -> AsyncWebClient:
    """A Web API client that talks to the fake instead of slack.com."""
    return AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url, timeout=5)


# --- payloads --------------------------------------------------------------------------------
def event_callback(event: dict[str, Any]) -> dict[str, Any]:
    """The Events API wrapper around one event."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "A1",
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def mention(
    slack: FakeSlack,
    question: str,
    *,
    channel: str = "C1",
    user: str = "U1",
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """An `app_mention` event for `@storybot question`, also stored in the fake's channel."""
    text = f"<@{BOT_USER_ID}> {question}"
    extra = {"thread_ts": thread_ts} if thread_ts else {}
    message = slack.add_message(channel, user=user, text=text, **extra)
    return {**message, "type": "app_mention", "channel": channel, "event_ts": message["ts"]}


def direct_message(
    slack: FakeSlack, text: str, *, channel: str = "D1", user: str = "U1", **extra: Any
) -> dict[str, Any]:
    """A `message` event in a direct conversation with the bot, also stored in the fake."""
    message = slack.add_message(channel, user=user, text=text, **extra)
    return {**message, "channel": channel, "channel_type": "im", "event_ts": message["ts"]}


def thread_reply(
    slack: FakeSlack, text: str, *, thread_ts: str, channel: str = "C1", user: str = "U1"
) -> dict[str, Any]:
    """A `message` event (message.channels): a plain reply in a channel thread, also stored."""
    message = slack.add_message(channel, user=user, text=text, thread_ts=thread_ts)
    return {**message, "channel": channel, "channel_type": "channel", "event_ts": message["ts"]}


def command(
    slack: FakeSlack,
    name: str,
    text: str = "",
    *,
    channel: str = "C1",
    user: str = "U1",
    key: str = "r1",
) -> dict[str, str]:
    """The fields of a slash command invocation."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "storybot-test",
        "channel_id": channel,
        "channel_name": "news",
        "user_id": user,
        "user_name": "reader",
        "command": name,
        "text": text,
        "api_app_id": "A1",
        "response_url": slack.response_url(key),
        "trigger_id": f"{next(_ids)}.1.abc",
    }


def vote_click(
    slack: FakeSlack,
    message: dict[str, Any],
    *,
    up: bool = True,
    user: str = "U2",
    channel: str = "C1",
    key: str = "v1",
) -> dict[str, Any]:
    """A `block_actions` payload: `user` clicks 👍 (or 👎) under a message the bot posted."""
    actions = next(b for b in message["blocks"] if b["type"] == "actions")
    button = actions["elements"][0 if up else 1]
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "storybot-test"},
        "user": {"id": user, "username": "reader", "team_id": TEAM_ID},
        "api_app_id": "A1",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": message.get("ts"), "channel_id": channel},
        "trigger_id": f"{next(_ids)}.1.abc",
        "channel": {"id": channel, "name": "news"},
        "message": message,
        "response_url": slack.response_url(key),
        "actions": [
            {
                "type": "button",
                "block_id": actions.get("block_id", "b"),
                "action_id": button["action_id"],
                "value": button["value"],
                "text": button["text"],
                "action_ts": str(time.time()),
            }
        ],
    }


# --- HTTP mode -------------------------------------------------------------------------------
class BoltHttp:
    """Bolt's aiohttp server for `app` on 127.0.0.1, and requests signed as Slack signs them."""

    def __init__(self, app: AsyncApp, secret: str = SIGNING_SECRET) -> None:
        self.app = app
        self.secret = secret
        self.url = ""
        self._runner = web.AppRunner(app.web_app(path=EVENTS_PATH))
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> BoltHttp:
        """Listen on a free port of 127.0.0.1."""
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}{EVENTS_PATH}"
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
        return self

    async def stop(self) -> None:
        """Close the client session and the server."""
        if self._session:
            await self._session.close()
        await self._runner.cleanup()

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        secret: str | None = None,
        age_s: int = 0,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """POST `body` signed with `secret` (default: the app's) as of `age_s` seconds ago."""
        timestamp = str(int(time.time()) - age_s)
        signature = SignatureVerifier(secret or self.secret).generate_signature(
            timestamp=timestamp, body=body
        )
        assert signature is not None
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        assert self._session is not None
        async with self._session.post(self.url, data=body.encode(), headers=headers) as resp:
            return resp.status, await resp.text()

    async def event(self, event: dict[str, Any], **signing: Any) -> tuple[int, str]:
        """Deliver one event as the Events API does."""
        return await self.post(json.dumps(event_callback(event)), "application/json", **signing)

    async def redeliver(self, callback: dict[str, Any], retry: int) -> tuple[int, str]:
        """Deliver an event_callback again, as Slack retries one (same event_id)."""
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(json.dumps(callback), "application/json", headers=headers)

    async def command(self, fields: dict[str, str], **signing: Any) -> tuple[int, str]:
        """Deliver a slash command as Slack does (form-encoded)."""
        return await self.post(urlencode(fields), "application/x-www-form-urlencoded", **signing)

    async def interaction(self, payload: dict[str, Any], **signing: Any) -> tuple[int, str]:
        """Deliver a button click as Slack does (a form with one `payload` field)."""
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **signing)


def block_texts(blocks: list[dict[str, Any]] | None) -> list[str]:
    """Every text a person can read in these blocks, in order."""
    texts: list[str] = []
    for block in blocks or []:
        if "text" in block:
            texts.append(block["text"]["text"])
        for element in block.get("elements", []):
            texts.append(element["text"] if isinstance(element["text"], str) else "")
    return texts


def view_submission(view: dict[str, Any], reason: str, *, user: str = "U2") -> dict[str, Any]:
    """A `view_submission` payload: `user` sends the 👎 form with `reason` typed in."""
    state = {"values": {"why": {"reason": {"type": "plain_text_input", "value": reason}}}}
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "storybot-test"},
        "user": {"id": user, "username": "reader", "team_id": TEAM_ID},
        "api_app_id": "A1",
        "token": "legacy-verification-token",
        "trigger_id": f"{next(_ids)}.1.abc",
        "view": {**view, "id": "V1", "team_id": TEAM_ID, "state": state},
    }


def click(
    slack: FakeSlack,
    message: dict[str, Any],
    action_id: str,
    *,
    user: str = "U2",
    channel: str = "C1",
    key: str = "c1",
) -> dict[str, Any]:
    """A `block_actions` payload: `user` clicks the button `action_id` under `message`."""
    payload = vote_click(slack, message, user=user, channel=channel, key=key)
    actions = next(b for b in message["blocks"] if b["type"] == "actions")
    button = next(e for e in actions["elements"] if e["action_id"] == action_id)
    payload["actions"][0].update(
        action_id=button["action_id"], value=button.get("value", ""), text=button["text"]
    )
    return payload
