"""The fake refuses what Slack refuses, so the other tests' `call.ok` means something."""

from __future__ import annotations

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.slack.fake_slack import FakeSlack
from tests.slack.support import web_client


def section(text: str) -> dict:
    """A mrkdwn section block."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(n: int) -> dict:
    """A context block with `n` elements."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * n}


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ({"text": "a" * 40_000}, None),
        ({"text": "a" * 40_001}, "msg_too_long"),
        ({"text": ""}, "no_text"),
        ({"text": "t", "blocks": [section("a" * 3000)] * 4 + [section("a" * 1000)]}, None),
        ({"text": "t", "blocks": [section("a" * 3000)] * 5}, "msg_blocks_too_long"),
        ({"text": "t", "blocks": [section("a")] * 51}, "invalid_blocks"),
        ({"text": "t", "blocks": [section("a" * 3001)]}, "invalid_blocks"),
        ({"text": "t", "blocks": [section("")]}, "invalid_blocks"),
        ({"text": "t", "blocks": [context(10)]}, None),
        ({"text": "t", "blocks": [context(11)]}, "invalid_blocks"),
    ],
    ids=[
        "40,000 characters",
        "40,001 characters",
        "empty",
        "13,000 characters of blocks",
        "15,000 characters of blocks",
        "51 blocks",
        "3,001-character section",
        "empty section",
        "10 context elements",
        "11 context elements",
    ],
)
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
async def test_the_fake_enforces_slack_message_limits(slack: FakeSlack, message: dict, error):
    """chat.postMessage answers like Slack: ok, or the error Slack would give."""
    client = web_client(slack)
    if error is None:
        assert (await client.chat_postMessage(channel="C1", **message))["ok"]
        return
    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel="C1", **message)
    assert caught.value.response["error"] == error


async def test_the_fake_checks_the_token(slack: FakeSlack):
    """A token Slack does not know is refused."""
    client = AsyncWebClient(token="xoxb-unknown", base_url=slack.api_url)
    with pytest.raises(SlackApiError, match="invalid_auth"):
        await client.auth_test()


async def test_the_fake_response_url_refuses_invalid_blocks(slack: FakeSlack):
    """A response_url post with too many blocks gets an error status, as Slack's does."""
    async with aiohttp.ClientSession() as session:
        body = {"text": "t", "blocks": [section("a")] * 51}
        async with session.post(slack.response_url(), json=body) as resp:
            assert (resp.status, await resp.text()) == (400, "invalid_blocks")
