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
from bot.chat.shutdown import Stop
from bot.discord._bot import StoryBot
from bot.protocols import StoryEngine
from bot.settings import Settings
from index.errors import ConfigError, PlatformError, StorybotError

__all__ = ["StoryBot", "create_bot", "run", "serve"]


def _engine_factory(settings: Settings) -> StoryEngine:
    from bot.engine import Engine  # imported on first use: the engine loads models and a store

    return Engine.from_settings(settings, command="storybot discord")


def create_bot(
    settings: Settings, *, engine: StoryEngine | None = None, force_sync: bool = False
) -> StoryBot:
    """A bot built from settings, not yet connected.

    Its engine reads the store at CHROMA_PATH (or the configured Chroma server); it is
    built on the first question, so creating the bot touches no store. Tests pass `engine`.
    """
    if engine is None:
        engine = LazyEngine(lambda: _engine_factory(settings))
    service = ChatService(engine, settings.chat, FeedbackStore(settings.feedback_path))
    return StoryBot(settings, service, force_sync=force_sync)


def run(settings: Settings, *, engine: StoryEngine | None = None, sync: bool = False) -> None:
    """Connect to Discord and answer until SIGTERM or SIGINT; startup problems raise one
    StorybotError.

    The engine is built (and its store opened) before connecting, so a broken store is
    reported at once. `sync`: register the slash commands even if unchanged. Tests pass `engine`.
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
    bot = create_bot(settings, engine=engine, force_sync=sync)
    try:
        asyncio.run(serve(bot, token, signals=True))
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
    except discord.ConnectionClosed as exc:
        raise _closed(exc.code) from None
    except (aiohttp.ClientError, OSError) as exc:
        raise PlatformError(
            f"Could not reach Discord ({exc.__class__.__name__})",
            "Check the network connection and try again",
        ) from None


async def serve(
    bot: StoryBot, token: str, *, stop: Stop | None = None, signals: bool = False
) -> None:
    """Log in and answer until `stop` (SIGTERM/SIGINT when `signals`), then shut down cleanly:
    the answers in flight finish within CHAT_SHUTDOWN_GRACE_S (or their askers are told to ask
    again), and the gateway is closed with a normal close."""
    stop = stop or Stop()
    if signals:
        stop.install()
    try:
        async with bot:
            await bot.login(token)
            connection = asyncio.create_task(bot.connect())
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({connection, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not connection.done():
                await bot.wind_down()
                await bot.close()
            await connection  # raises what ended the connection, if it was not our close
    finally:
        if signals:
            stop.uninstall()


def _closed(code: int | None) -> StorybotError:
    """The one line for a gateway connection Discord closed and will not let us resume."""
    if code == 4011:
        return ConfigError(
            "Discord requires more shards for this bot (gateway close code 4011: sharding "
            "required)",
            "Leave DISCORD_SHARD_COUNT empty so storybot asks Discord how many it needs, "
            "or raise it",
        )
    return PlatformError(
        f"Discord closed the connection (gateway close code {code})",
        "See https://discord.com/developers/docs/topics/opcodes-and-status-codes for the code",
    )
