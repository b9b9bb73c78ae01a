"""Build the Bolt app: settings → client, engine, chat service, listeners."""

from __future__ import annotations

import logging
from weakref import WeakKeyDictionary

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.feedback import FeedbackStore
from bot.chat.lazy import LazyEngine
from bot.chat.service import ChatService
from bot.protocols import StoryEngine
from bot.settings import Settings
from bot.slack._bot import SlackBot
from bot.slack._deliver import Delivery, with_retries
from bot.slack._once import Once
from bot.slack.listeners import register_listeners
from index.errors import ConfigError


def create_app(
    settings: Settings,
    client: AsyncWebClient | None = None,
    *,
    engine: StoryEngine | None = None,
) -> AsyncApp:
    """The storybot Slack app, not yet connected; `client` and `engine` replace the defaults.

    The default engine is built on the first question, so creating the app touches no store
    (`run` builds it up front).
    """
    token = client.token if client is not None else str(settings.slack.bot_token)
    if not token:
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set",
            "Create the Slack app as docs/slack.md shows and put its bot token (xoxb-…) in .env",
        )
    client = with_retries(client or AsyncWebClient(token=token))
    if engine is None:
        engine = LazyEngine(lambda: engine_from_settings(settings))
    service = ChatService(engine, settings.chat, FeedbackStore(settings.feedback_path))
    app = AsyncApp(
        client=client,
        signing_secret=str(settings.slack.signing_secret),
        name="storybot",
        logger=logging.getLogger("bot.slack.bolt"),
    )
    app.use(Once())
    bot = SlackBot(service, Delivery(client), settings.slack.allowed_channels, settings.chat)
    register_listeners(app, bot)
    _BOTS[app] = bot
    return app


_BOTS: WeakKeyDictionary[AsyncApp, SlackBot] = WeakKeyDictionary()


def storybot_of(app: AsyncApp) -> SlackBot:
    """The SlackBot behind an app made by `create_app`."""
    return _BOTS[app]


def engine_from_settings(settings: Settings) -> StoryEngine:
    """The real engine; imported on use, as it loads models and opens the store."""
    from bot.engine import Engine

    return Engine.from_settings(settings, command="storybot slack")
