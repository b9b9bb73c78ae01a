"""The app manifest in docs/slack.md matches what the app listens for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, command

DOC = Path(__file__).resolve().parents[2] / "docs" / "slack.md"
FENCE = re.search(r"```json\n(.*?)```", DOC.read_text(), re.S)
assert FENCE, f"no JSON manifest in {DOC}"
MANIFEST = json.loads(FENCE.group(1))
COMMANDS = [c["command"] for c in MANIFEST["features"]["slash_commands"]]


def test_the_manifest_asks_for_what_the_app_uses():
    """Socket Mode, buttons, the two events, and the scopes that reading threads needs."""
    settings = MANIFEST["settings"]
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["event_subscriptions"]["bot_events"] == [
        "app_mention",
        "message.channels",
        "message.groups",
        "message.im",
        "message.mpim",
        "app_uninstalled",
        "tokens_revoked",
    ]
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read",
        "chat:write",
        "commands",
        "channels:history",
        "groups:history",
        "im:history",
        "im:write",
        "mpim:history",
    }
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"] is True
    assert COMMANDS == ["/ask", "/summary", "/sources", "/quote", "/compare", "/timeline"]


@pytest.mark.parametrize("name", COMMANDS)
async def test_every_command_in_the_manifest_is_answered(
    http: BoltHttp, slack: FakeSlack, name: str
):
    """Slack would show `dispatch_failed` for a declared command the app does not handle."""
    assert await http.command(command(slack, name, "How much aid?")) == (200, "")
    reply = await slack.wait_response()
    assert reply.ok, reply.problems
