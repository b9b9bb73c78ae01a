"""Wire level: the real discord.py client against a fake Discord gateway and REST on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.discord import create_bot
from bot.settings import Settings
from tests.discord.fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord, mention_message
from tests.discord.support import point_discord_py_at
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
    assert engine.calls_of("ask") == [("How much aid did Rubio announce? @everyone", ())]
