"""Wire level: the real discord.py client against a fake Discord gateway and REST on loopback."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import time
from collections.abc import AsyncIterator

import discord
import pytest

from bot.chat.shutdown import Stop
from bot.discord import create_bot, serve
from bot.settings import ChatSettings, Settings
from tests.discord.fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord, mention_message
from tests.discord.support import make_settings, point_discord_py_at
from tests.fake_engine import CNN_SENTENCES, WIRE_AID, FakeEngine

QUESTION_ID = 900_000_000_000_000_500


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """The fake, with discord.py pointed at it instead of discord.com."""
    fake = await FakeDiscord().start()
    point_discord_py_at(fake, monkeypatch)
    try:
        yield fake
    finally:
        await fake.stop()


async def test_a_mention_over_the_wire_is_answered_with_citations_and_no_pings(
    fake_discord: FakeDiscord, settings: Settings, engine: FakeEngine
) -> None:
    """HELLO, READY, GUILD_CREATE, a mention: the reply POST carries citations, pings nobody."""
    bot = create_bot(settings, engine=engine)
    bot._connection.guild_ready_timeout = 0.05
    connection: asyncio.Task[None] | None = None
    try:
        await bot.login("fake-token")
        connection = asyncio.create_task(bot.connect(reconnect=False))
        await asyncio.wait_for(bot.wait_until_ready(), 5)
        content = f"<@{BOT_ID}> How much aid did Rubio announce? @everyone"
        await fake_discord.send_event("MESSAGE_CREATE", mention_message(QUESTION_ID, content))
        await asyncio.wait_for(fake_discord.message_posted.wait(), 5)
    finally:
        await bot.close()
        if connection is not None:
            await asyncio.wait_for(connection, 5)

    (thread,) = fake_discord.posted(f"/channels/{CHANNEL_ID}/messages/{QUESTION_ID}/threads")
    assert thread.json["name"] == "How much aid did Rubio announce? @everyone"
    (reply,) = fake_discord.posted(f"/channels/{QUESTION_ID}/messages")
    assert reply.json["allowed_mentions"] == {"parse": []}
    description = reply.json["embeds"][0]["description"]
    assert CNN_SENTENCES[17] in description
    assert WIRE_AID in description
    assert "**[1]** CNN · Kylie Atwood · 2025-09-04 · sentence 17" in description
    assert engine.calls_of("ask") == [("How much aid did Rubio announce?", ())]  # no @everyone


class SlowEngine(FakeEngine):
    """The fake engine, `delay_s` slower to answer (an answer is in flight meanwhile)."""

    def __init__(self, delay_s: float) -> None:
        super().__init__()
        self.delay_s = delay_s

    def ask(self, question, history=()):
        time.sleep(self.delay_s)
        return super().ask(question, history)


async def _serving(
    bot, stop: Stop | None = None, signals: bool = False, ready_s: float = 5
) -> asyncio.Task[None]:
    bot._connection.guild_ready_timeout = 0.05
    task = asyncio.create_task(serve(bot, "fake-token", stop=stop, signals=signals))
    await asyncio.wait_for(bot.wait_until_ready(), ready_s)
    return task


async def test_sigterm_during_an_answer_finishes_it_then_closes_the_gateway_cleanly(
    fake_discord: FakeDiscord, settings: Settings
) -> None:
    """A real SIGTERM while the engine is answering: the answer is still posted, then the
    gateway is closed with 1000 (a normal close) and serving returns."""
    bot = create_bot(settings, engine=SlowEngine(0.8))
    serving = await _serving(bot, signals=True)
    content = f"<@{BOT_ID}> How much aid did Rubio announce?"
    await fake_discord.send_event("MESSAGE_CREATE", mention_message(QUESTION_ID, content))
    await asyncio.sleep(0.3)  # the engine is answering
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.wait_for(serving, 10)
    (reply,) = fake_discord.posted(f"/channels/{QUESTION_ID}/messages")
    assert CNN_SENTENCES[17] in reply.json["embeds"][0]["description"]
    assert fake_discord.close_codes == [1000]


async def test_an_answer_outlasting_the_grace_period_is_told_to_ask_again(
    fake_discord: FakeDiscord, tmp_path
) -> None:
    """CHAT_SHUTDOWN_GRACE_S=0.1 and a 2 s answer: the asker is told, the gateway closed."""
    settings = make_settings(tmp_path, chat=ChatSettings(shutdown_grace_s=0.1))
    bot = create_bot(settings, engine=SlowEngine(2.0))
    stop = Stop()
    serving = await _serving(bot, stop)
    content = f"<@{BOT_ID}> How much aid did Rubio announce?"
    await fake_discord.send_event("MESSAGE_CREATE", mention_message(QUESTION_ID, content))
    await asyncio.sleep(0.3)
    stop.request("SIGTERM")
    await asyncio.wait_for(serving, 10)
    (reply,) = fake_discord.posted(f"/channels/{QUESTION_ID}/messages")
    assert reply.json["content"].startswith("storybot is restarting")
    assert fake_discord.close_codes == [1000]


class _FastAsyncio:
    """asyncio as discord.http sees it, with its retry back-off (1 + 2n s) shortened."""

    def __getattr__(self, name: str):
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result=None):
        return await asyncio.sleep(min(delay, 0.01), result)


async def test_five_rest_500s_put_the_error_in_the_thread_not_the_channel(
    fake_discord: FakeDiscord, settings: Settings, engine: FakeEngine, monkeypatch, caplog
) -> None:
    """discord.py retries a 500 five times, then gives up: the asker reads why in the thread
    opened for the answer; nothing lands in the parent channel."""
    monkeypatch.setattr(discord.http, "asyncio", _FastAsyncio())
    fake_discord.fail_posts = 5
    bot = create_bot(settings, engine=engine)
    stop = Stop()
    serving = await _serving(bot, stop)
    content = f"<@{BOT_ID}> How much aid did Rubio announce?"
    with caplog.at_level(logging.ERROR):
        await fake_discord.send_event("MESSAGE_CREATE", mention_message(QUESTION_ID, content))
        for _ in range(100):
            if len(fake_discord.posted(f"/channels/{QUESTION_ID}/messages")) >= 6:
                break
            await asyncio.sleep(0.05)
    stop.request()
    await asyncio.wait_for(serving, 10)
    attempts = fake_discord.posted(f"/channels/{QUESTION_ID}/messages")
    assert len(attempts) == 6  # five refused answers, then the error line
    assert attempts[-1].json["content"].startswith("Discord had trouble taking my answer")
    assert fake_discord.posted(f"/channels/{CHANNEL_ID}/messages") == []
    found = re.search(r"error id ([0-9a-f]{8})", attempts[-1].json["content"])
    assert found is not None
    error_id = found.group(1)
    assert any(error_id in r.getMessage() for r in caplog.records)


async def test_without_a_shard_count_discord_decides_and_each_shard_identifies(
    fake_discord: FakeDiscord, tmp_path
) -> None:
    """DISCORD_SHARD_COUNT empty: GET /gateway/bot says 2, so two shards identify (the second
    5 s after the first, as discord.py keeps to Discord's identify limit)."""
    fake_discord.shards = 2
    bot = create_bot(make_settings(tmp_path, shard_count=None), engine=FakeEngine())
    stop = Stop()
    serving = await _serving(bot, stop, ready_s=15)
    stop.request()
    await asyncio.wait_for(serving, 10)
    assert sorted(i["shard"] for i in fake_discord.identifies) == [[0, 2], [1, 2]]
    assert fake_discord.close_codes == [1000, 1000]
