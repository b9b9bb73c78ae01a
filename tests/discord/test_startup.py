"""Building and starting the bot: `create_bot` from settings, `run` and its one-line failures."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import discord
import pytest

from bot.chat.lazy import LazyEngine
from bot.discord import StoryBot, create_bot, run
from bot.settings import Secret, load_settings
from index.errors import ConfigError, StoreError
from tests.discord.fake_discord import FakeDiscord
from tests.discord.support import make_settings, point_discord_py_at
from tests.fake_engine import FakeEngine


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No DISCORD_*/CHROMA_* values from the machine; the working directory is tmp_path."""
    for key in list(os.environ):
        if key.startswith(("DISCORD_", "CHROMA_", "STORYBOT_", "RATE_LIMIT_", "FEEDBACK_")):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_create_bot_reads_env_and_dotenv_and_touches_nothing(clean_env, monkeypatch):
    """Settings from .env and the environment (as main loads them); nothing opened or connected."""
    store = clean_env / "store"
    (clean_env / ".env").write_text(
        f"DISCORD_TOKEN=abc.def\nDISCORD_ALLOWED_CHANNELS=1,2\nCHROMA_PATH={store}\n"
    )
    monkeypatch.setenv("DISCORD_AUTO_CHANNELS", "3")
    bot = create_bot(load_settings())
    assert isinstance(bot, StoryBot) and isinstance(bot, discord.ext.commands.AutoShardedBot)
    assert str(bot.settings.discord.token) == "abc.def"
    assert bot.settings.store.path == store
    assert (bot.access.allowed_channels, bot.access.auto_channels) == ({1, 2}, {3})
    assert bot.intents.message_content and not bot.intents.members
    assert bot.allowed_mentions.to_dict() == {"parse": []}
    assert bot.user is None and not bot.is_ready()
    assert isinstance(bot.service.engine, LazyEngine) and not bot.service.engine.loaded
    assert not store.exists()


def test_create_bot_accepts_an_engine(tmp_path):
    """Tests (and other front ends) inject the engine."""
    engine = FakeEngine()
    bot = create_bot(make_settings(tmp_path), engine=engine)
    assert bot.service.engine is engine


async def test_the_lazy_engine_is_built_once_off_the_event_loop():
    """The engine is built on the first call, in the worker thread, and reused."""
    built: list[str] = []

    def factory() -> FakeEngine:
        built.append(threading.current_thread().name)
        return FakeEngine()

    lazy = LazyEngine(factory)
    first = await asyncio.to_thread(lazy.ask, "How much aid did Rubio announce?")
    await asyncio.to_thread(lazy.sources)
    assert first.answerable
    assert len(built) == 1 and built[0] != threading.main_thread().name


def test_a_lazy_engine_that_cannot_be_built_raises_on_use():
    """A broken store surfaces as its own error when first needed, and again later."""

    def broken() -> FakeEngine:
        raise StoreError("Chroma at 127.0.0.1:8000 is not answering", "Start it")

    lazy = LazyEngine(broken)
    for _ in range(2):
        with pytest.raises(StoreError):
            lazy.sources()


def test_run_without_a_token_says_how_to_get_one(tmp_path):
    """No DISCORD_TOKEN: one ConfigError (exit code 4) pointing at the docs."""
    with pytest.raises(ConfigError) as err:
        run(make_settings(tmp_path), engine=FakeEngine())
    assert err.value.message.startswith("DISCORD_TOKEN is not set.")
    assert "docs/discord.md" in err.value.message
    assert err.value.exit_code == 4


@contextmanager
def fake_discord_in_a_thread(fake: FakeDiscord, monkeypatch) -> Iterator[FakeDiscord]:
    """Serve the fake from its own thread, so the blocking `run` can be called here."""
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def serve() -> None:
        loop.run_until_complete(fake.start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(5)
    point_discord_py_at(fake, monkeypatch)
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


@pytest.mark.parametrize(
    ("fake", "message"),
    [
        (FakeDiscord(reject_token=True), "Discord rejected DISCORD_TOKEN."),
        (
            FakeDiscord(close_code=4014),
            "The Message Content intent is not enabled for this bot. Turn it on in the "
            "Developer Portal under Bot → Privileged Gateway Intents.",
        ),
        (
            FakeDiscord(close_code=4011),
            "Discord requires more shards for this bot (gateway close code 4011: sharding "
            "required). Leave DISCORD_SHARD_COUNT empty",
        ),
    ],
    ids=["wrong token", "message content intent off", "sharding required (4011)"],
)
def test_run_turns_startup_failures_into_one_line(tmp_path, monkeypatch, fake, message):
    """The usual setup mistakes end `storybot discord` with one clear line."""
    settings = make_settings(tmp_path, token=Secret("fake-token"))
    with fake_discord_in_a_thread(fake, monkeypatch), pytest.raises(ConfigError) as err:
        run(settings, engine=FakeEngine())
    assert err.value.message.startswith(message)
