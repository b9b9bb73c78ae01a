"""End to end: the real engine over a store of the story, answering through Discord (simcord)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import simcord

from bot.discord import create_bot
from bot.discord._render import escape
from bot.engine import Engine
from bot.settings import StoreSettings
from tests.discord.support import bot_messages, make_settings, message_problems, text_of

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def story_engine(tmp_path_factory: pytest.TempPathFactory, story_dir: Path) -> Iterator[Any]:
    """The real engine with the story ingested into a temporary store."""
    data = tmp_path_factory.mktemp("story")
    settings = replace(make_settings(data), store=StoreSettings(path=data / "chroma"))
    engine = Engine.from_settings(settings)
    report = engine.ingest([str(story_dir)])
    assert len(report.stored) == 2
    yield settings, engine


async def test_the_real_engine_answers_a_mention_with_exact_citations(story_engine):
    """Rubio's aid: the answer and its cited sentences reach Discord intact, within limits."""
    settings, engine = story_engine
    async with simcord.run(create_bot(settings, engine=engine), settle_timeout=60) as env:
        guild = env.create_guild("Newsroom")
        news = guild.create_text_channel("news")
        alice = guild.add_member(env.create_user("alice"))
        me = env.bot.user.mention

        await alice.send(news, f"{me} How much aid did Rubio announce?")
        (thread,) = news.threads
        (reply,) = bot_messages(thread, env.bot.user.id)
        assert message_problems(reply) == []
        shown = text_of(reply)
        assert "13.5 million" in shown
        assert "CNN · Kylie Atwood · 2025-09-04 · sentence" in shown
        expected = engine.ask("How much aid did Rubio announce?")
        for citation in expected.citations:
            assert escape(citation.text) in shown

        await alice.send(thread, f"{me} and the Navy?")
        follow_up = bot_messages(thread, env.bot.user.id)[-1]
        assert "6 million" in text_of(follow_up) or "Navy" in text_of(follow_up)

        result = await alice.slash(news, "sources")
        assert "Kylie Atwood" in text_of(result.response.message)
