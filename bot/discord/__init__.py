"""storybot on Discord: a thin adapter over the story engine (see docs/discord.md).

`create_bot(settings)` builds the bot without connecting; `run(settings)` connects and
answers until interrupted (the `storybot discord` command).
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from bot.chat.feedback import FeedbackStore
from bot.chat.lazy import LazyEngine
from bot.chat.service import ChatService
from bot.discord._bot import StoryBot
from bot.protocols import StoryEngine
from bot.settings import Settings
from index.errors import ConfigError, PlatformError

__all__ = ["StoryBot", "create_bot", "run"]


def _engine_factory(settings: Settings) -> StoryEngine:
    from bot.engine import Engine  # imported on first use: the engine loads models and a store

    return Engine.from_settings(settings)


def create_bot(settings: Settings, *, engine: StoryEngine | None = None) -> StoryBot:
    """A bot built from settings, not yet connected.

    Its engine reads the store at CHROMA_PATH (or the configured Chroma server); it is
    built on the first question, so creating the bot touches no store. Tests pass `engine`.
    """
    if engine is None:
        engine = LazyEngine(lambda: _engine_factory(settings))
    service = ChatService(engine, settings.chat, FeedbackStore(settings.feedback_path))
    return StoryBot(settings, service)


def run(settings: Settings, *, engine: StoryEngine | None = None) -> None:
    """Connect to Discord and answer until interrupted; startup problems raise one StorybotError.

    The engine is built (and its store opened) before connecting, so a broken store is
    reported at once. Tests pass `engine`.
    """
    token = str(settings.discord.token)
    if not token:
        raise ConfigError(
            "DISCORD_TOKEN is not set",
            "Create a bot application as docs/discord.md explains and put its token in .env",
        )
    if not logging.getLogger().handlers:
        discord.utils.setup_logging(level=getattr(logging, settings.log_level, logging.WARNING))
    if engine is None:
        engine = _engine_factory(settings)  # a broken store is reported now, not when asked
    bot = create_bot(settings, engine=engine)
    try:
        asyncio.run(_serve(bot, token))
    except KeyboardInterrupt:
        pass
    except discord.LoginFailure:
        raise ConfigError(
            "Discord rejected DISCORD_TOKEN",
            "Copy the bot's token again (Developer Portal → Bot → Reset Token) into .env",
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(
            "The Message Content intent is not enabled for this bot",
            "Turn it on in the Developer Portal under Bot → Privileged Gateway Intents",
        ) from None
    except (aiohttp.ClientError, OSError) as exc:
        raise PlatformError(
            f"Could not reach Discord ({exc.__class__.__name__})",
            "Check the network connection and try again",
        ) from None


async def _serve(bot: StoryBot, token: str) -> None:
    async with bot:
        await bot.start(token)
