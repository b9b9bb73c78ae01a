"""Serve the app: Socket Mode by default, HTTP mode when a signing secret and a port are set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from typing import Any, Literal

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.util.utils import get_boot_message
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.shutdown import Stop
from bot.protocols import StoryEngine
from bot.settings import Settings, SlackSettings
from bot.slack._app import create_app, engine_from_settings, storybot_of
from index.errors import ConfigError, PlatformError

EVENTS_PATH = "/slack/events"  # events, slash commands and button clicks all arrive here
Mode = Literal["socket", "http"]


def choose_mode(slack: SlackSettings) -> Mode:
    """HTTP when SLACK_SIGNING_SECRET and SLACK_PORT are set, else Socket Mode.

    Raises ConfigError, one line, when a token that mode needs is missing or of the wrong kind.
    """
    if not slack.bot_token:
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set",
            "Copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into .env",
        )
    if not slack.bot_token.startswith("xoxb-"):
        raise ConfigError(
            "SLACK_BOT_TOKEN is not a bot token (they start with xoxb-)",
            "Copy the Bot User OAuth Token from OAuth & Permissions into .env",
        )
    if slack.signing_secret and slack.port:
        return "http"
    if not slack.app_token:
        raise ConfigError(
            "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET and SLACK_PORT "
            "(HTTP mode)",
            "See docs/slack.md",
        )
    if not slack.app_token.startswith("xapp-"):
        raise ConfigError(
            "SLACK_APP_TOKEN is not an app-level token (they start with xapp-)",
            "Create one under Basic Information → App-Level Tokens "
            "with the connections:write scope",
        )
    return "socket"


def run(
    settings: Settings,
    *,
    client: AsyncWebClient | None = None,
    engine: StoryEngine | None = None,
) -> None:
    """Serve Slack until interrupted (blocking); a startup problem raises one StorybotError."""
    mode = choose_mode(settings.slack)
    if engine is None:
        # Built now: a missing or unreachable store is reported at once, not on the first question.
        engine = engine_from_settings(settings)
    app = create_app(settings, client, engine=engine)
    if mode == "http":
        asyncio.run(check_tokens(app.client))
        app.start(port=settings.slack.port or 3000, path=EVENTS_PATH)
        return
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_socket_mode(app, str(settings.slack.app_token), signals=True))


async def serve_socket_mode(
    app: AsyncApp, app_token: str, *, stop: Stop | None = None, signals: bool = False
) -> None:
    """Check the tokens, then answer over Socket Mode until stopped (SIGTERM or SIGINT when
    `signals`), cancelled, or Slack takes the app's access away (ConfigError, one line).

    On a stop the socket is closed to new events first; answers in flight get
    CHAT_SHUTDOWN_GRACE_S to finish, and their askers are told to ask again if they don't."""
    await check_tokens(app.client, app_token)
    bot = storybot_of(app)
    stop = stop or Stop()
    if signals:
        stop.install()
    handler = AsyncSocketModeHandler(app, app_token)
    try:
        await handler.connect_async()
        if app.logger.level > logging.INFO:  # as Bolt's own start_async says it
            print(get_boot_message(), flush=True)
        else:
            app.logger.info(get_boot_message())
        await _first(stop.wait(), bot.revoked.wait())
        await handler.disconnect_async()
        if stop.requested.is_set():
            await bot.wind_down()
    finally:
        if signals:
            stop.uninstall()
        await handler.close_async()
    if bot.revoked.is_set():
        raise ConfigError(
            "Slack took storybot's access away (the app was uninstalled or its tokens revoked)",
            "Reinstall the app as docs/slack.md shows and put the new tokens in .env",
        )


async def _first(*waits: Any) -> None:
    """Return when the first of these finishes; cancel the others."""
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()


async def check_tokens(client: AsyncWebClient, app_token: str | None = None) -> None:
    """Ask Slack whether it accepts the bot token (and the app token); ConfigError if not.

    Without this a wrong app token makes the Socket Mode client retry forever.
    """
    with _slack_errors("SLACK_BOT_TOKEN", "Copy the Bot User OAuth Token again into .env"):
        await client.auth_test()
    if app_token:
        with _slack_errors(
            "SLACK_APP_TOKEN",
            "Create an app-level token with connections:write and turn Socket Mode on",
        ):
            await client.apps_connections_open(app_token=app_token)


@contextlib.contextmanager
def _slack_errors(setting: str, fix: str) -> Iterator[None]:
    try:
        yield
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown error")
        raise ConfigError(f"Slack rejected {setting} ({error})", fix) from None
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        raise PlatformError(
            f"Could not reach Slack ({exc.__class__.__name__})",
            "Check the network connection and try again",
        ) from None
