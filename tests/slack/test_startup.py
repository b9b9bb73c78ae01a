"""Starting up: which mode `storybot slack` picks, and one clear line when a setting is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Secret, Settings, SlackSettings, load_settings
from bot.slack import choose_mode, create_app, run
from index.errors import ConfigError, PlatformError
from tests.fake_engine import FakeEngine
from tests.slack.fake_slack import APP_TOKEN, BOT_TOKEN


def slack_settings(bot="", app="", secret="", port=None) -> SlackSettings:
    """SlackSettings from plain values."""
    return SlackSettings(Secret(bot), Secret(app), Secret(secret), port)


@pytest.mark.parametrize(
    ("values", "mode"),
    [
        ({"bot": BOT_TOKEN, "app": APP_TOKEN}, "socket"),
        ({"bot": BOT_TOKEN, "secret": "s", "port": 3000}, "http"),
        ({"bot": BOT_TOKEN, "app": APP_TOKEN, "secret": "s", "port": 3000}, "http"),
        ({"bot": BOT_TOKEN, "app": APP_TOKEN, "secret": "s"}, "socket"),
    ],
    ids=["tokens", "secret and port", "both: http wins", "secret without port"],
)
def test_choose_mode(values: dict, mode: str):
    """Socket Mode by default; HTTP when a signing secret and a port are set."""
    assert choose_mode(slack_settings(**values)) == mode


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "SLACK_BOT_TOKEN is not set."),
        ({"bot": "xoxp-user-token", "app": APP_TOKEN}, "SLACK_BOT_TOKEN is not a bot token"),
        ({"bot": BOT_TOKEN}, "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET"),
        ({"bot": BOT_TOKEN, "port": 3000}, "Slack needs SLACK_APP_TOKEN"),
        ({"bot": BOT_TOKEN, "app": BOT_TOKEN}, "SLACK_APP_TOKEN is not an app-level token"),
    ],
    ids=["nothing", "user token", "no app token", "port without secret", "bot token as app"],
)
def test_missing_or_wrong_tokens_are_one_line(values: dict, message: str):
    """Each mistake names the setting and how to fix it."""
    with pytest.raises(ConfigError) as caught:
        choose_mode(slack_settings(**values))
    assert caught.value.message.startswith(message)
    assert "\n" not in caught.value.message


def test_create_app_needs_a_bot_token(tmp_path: Path):
    """Without a token or a client there is nothing to talk to Slack with."""
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN is not set"):
        create_app(Settings(data_dir=tmp_path), engine=FakeEngine())


def test_create_app_reads_settings_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Settings loaded as main loads them (.env, here the environment) reach the app."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path))
    app = create_app(load_settings(), engine=FakeEngine())
    assert isinstance(app, AsyncApp)
    assert app.client.token == BOT_TOKEN


def test_run_says_when_slack_cannot_be_reached(settings: Settings):
    """`storybot slack` with no route to Slack ends with one line, not a retry loop."""
    unreachable = AsyncWebClient(token=BOT_TOKEN, base_url="http://127.0.0.1:9/api/", timeout=2)
    with pytest.raises(PlatformError, match=r"Could not reach Slack \(\w+\)"):
        run(settings, client=unreachable, engine=FakeEngine())
