"""Socket Mode: Bolt's AsyncSocketModeHandler connected to the fake's websocket."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Settings
from bot.slack import create_app
from bot.slack._run import serve_socket_mode
from index.errors import ConfigError
from tests.fake_engine import CNN_AID, FakeEngine
from tests.slack.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.slack.support import command, event_callback, mention, web_client


@pytest.fixture
async def socket_mode(
    slack: FakeSlack, engine: FakeEngine, settings: Settings
) -> AsyncIterator[None]:
    """The app connected over Socket Mode (AsyncSocketModeHandler), as `storybot slack` runs it."""
    app = create_app(settings, web_client(slack), engine=engine)
    serving = asyncio.create_task(serve_socket_mode(app, APP_TOKEN))
    await slack.wait_connected()
    try:
        yield
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving


async def test_startup_checks_both_tokens_then_connects(socket_mode, slack: FakeSlack):
    """auth.test (bot token), then apps.connections.open (xapp- token) hands out the socket."""
    assert [c.method for c in slack.calls] == [
        "auth.test",
        "apps.connections.open",
        "apps.connections.open",
    ]
    assert all(c.ok for c in slack.calls)


@pytest.mark.parametrize(
    ("bot_token", "app_token", "message"),
    [
        ("xoxb-wrong", APP_TOKEN, "Slack rejected SLACK_BOT_TOKEN (invalid_auth)."),
        (BOT_TOKEN, "xapp-1-wrong", "Slack rejected SLACK_APP_TOKEN (invalid_auth)."),
    ],
    ids=["bot token", "app token"],
)
async def test_rejected_tokens_stop_startup_with_one_line(
    slack: FakeSlack, settings: Settings, bot_token: str, app_token: str, message: str
):
    """Instead of retrying forever, a token Slack refuses ends startup with a clear line."""
    client = AsyncWebClient(token=bot_token, base_url=slack.api_url)
    app = create_app(settings, client, engine=FakeEngine())
    with pytest.raises(ConfigError) as caught:
        await serve_socket_mode(app, app_token)
    assert caught.value.message.startswith(message)


async def test_an_events_api_envelope_is_acked_then_answered(socket_mode, slack: FakeSlack):
    """The envelope is acked over the websocket, then the answer is posted in the thread."""
    event = mention(slack, "How much aid did Rubio announce?")
    envelope = {
        "envelope_id": "env-event-1",
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": 0,
        "retry_reason": "",
        "payload": event_callback(event),
    }
    ack = await slack.send_envelope(envelope)
    assert ack == {"envelope_id": "env-event-1"}
    call = await slack.wait_call("chat.postMessage")
    assert call.ok, call.problems
    assert call.args["thread_ts"] == event["ts"]
    assert CNN_AID.replace("&", "&amp;") in str(call.args["blocks"])


async def test_a_slash_commands_envelope_is_acked_then_answered(
    socket_mode, slack: FakeSlack, engine: FakeEngine
):
    """/summary over the websocket: an empty ack, then the summary at the response_url."""
    envelope = {
        "envelope_id": "env-command-1",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": command(slack, "/summary", "000_b4c534ddc7fcb3f0"),
    }
    ack = await slack.send_envelope(envelope)
    assert ack == {"envelope_id": "env-command-1"}
    reply = await slack.wait_response()
    assert reply.ok, reply.problems
    assert reply.args["response_type"] == "ephemeral"
    assert engine.calls_of("summary") == [("000_b4c534ddc7fcb3f0", None)]
