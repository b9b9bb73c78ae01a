"""Fixtures for the Slack app: a fake Slack on loopback, a scripted engine, the app over HTTP."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.slack import create_app
from tests.fake_engine import FakeEngine
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, make_settings, web_client

_PROXIES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}


@pytest.fixture(autouse=True)
def _no_slack_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither real SLACK_* values nor a proxy may leak into a test."""
    for key in list(os.environ):
        if key.startswith("SLACK_") or key.lower() in _PROXIES:
            monkeypatch.delenv(key)


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    """A fake Slack listening on 127.0.0.1."""
    fake = await FakeSlack().start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def engine() -> FakeEngine:
    """A scripted engine answering from the story's sentences."""
    return FakeEngine()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default test settings: no allow-list, generous rate limits."""
    return make_settings(tmp_path)


@pytest.fixture
async def serve(
    slack: FakeSlack, engine: FakeEngine
) -> AsyncIterator[Callable[[Settings], Awaitable[BoltHttp]]]:
    """Start the app (over Bolt's aiohttp adapter) with the given settings."""
    servers: list[BoltHttp] = []

    async def start(settings: Settings) -> BoltHttp:
        app = create_app(settings, web_client(slack), engine=engine)
        servers.append(await BoltHttp(app).start())
        return servers[-1]

    try:
        yield start
    finally:
        for server in servers:
            await server.stop()


@pytest.fixture
async def http(serve: Callable[[Settings], Awaitable[BoltHttp]], settings: Settings) -> BoltHttp:
    """The app with default settings, served over HTTP on 127.0.0.1."""
    return await serve(settings)
