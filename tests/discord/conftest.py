"""Fixtures for the Discord bot: a scripted engine, settings, and the bot inside simcord."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import simcord

from bot.discord import StoryBot, create_bot
from bot.settings import Settings
from tests.discord.support import make_settings
from tests.fake_engine import FakeEngine


@pytest.fixture
def engine() -> FakeEngine:
    """A scripted engine answering from the story's sentences."""
    return FakeEngine()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings: every channel allowed, generous rate limits, votes in tmp_path."""
    return make_settings(tmp_path)


@pytest.fixture
def simcord_bot(settings: Settings, engine: FakeEngine) -> StoryBot:
    """The bot simcord runs: built by `create_bot` exactly as `storybot discord` builds it."""
    return create_bot(settings, engine=engine)


@dataclass
class World:
    """A server with a #news channel, two members and the running bot."""

    env: simcord.Env
    guild: simcord.GuildHandle
    news: simcord.ChannelHandle
    alice: simcord.MemberActor
    bob: simcord.MemberActor

    @property
    def bot(self) -> StoryBot:
        """The bot under test (a new one after `restart`)."""
        return self.env.bot  # type: ignore[return-value]

    @property
    def me(self) -> str:
        """How a user mentions the bot."""
        assert self.bot.user is not None
        return self.bot.user.mention


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    """The usual scene: a server, #news, alice and bob."""
    guild = simcord_env.create_guild("Newsroom")
    news = guild.create_text_channel("news")
    alice = guild.add_member(simcord_env.create_user("alice"))
    bob = guild.add_member(simcord_env.create_user("bob"))
    return World(simcord_env, guild, news, alice, bob)


@pytest.fixture
def restart(world: World, engine: FakeEngine, tmp_path: Path) -> Callable[..., Awaitable[StoryBot]]:
    """Restart the bot with settings naming channels and roles made in the test."""

    async def start(*, force_sync: bool = False, **options: Any) -> StoryBot:
        bot = create_bot(make_settings(tmp_path, **options), engine=engine, force_sync=force_sync)
        await world.env.restart_bot(bot)
        return bot

    return start
