"""/compare and /timeline through simcord, answered by the real engine over the story."""

from __future__ import annotations

import pytest
import simcord

from bot.discord import create_bot
from bot.discord._render import escape
from tests.discord.support import make_settings, message_problems, text_of
from tests.index.story_pairs import CNN, REWORDED

pytestmark = pytest.mark.timeout(120)


def shown(result) -> list:
    """The messages a deferred command produced: the response, then its follow-ups."""
    messages = [result.response.message] if result.response else []
    return messages + [f.message for f in result.followups if f.id != result.response.id]


async def slash(engine, tmp_path, command: str, **options):
    """Run one slash command in #news as alice; return the messages it produced."""
    async with simcord.run(create_bot(make_settings(tmp_path), engine=engine)) as env:
        guild = env.create_guild("Newsroom")
        news = guild.create_text_channel("news")
        alice = guild.add_member(env.create_user("alice"))
        result = await alice.slash(news, command, **options)
        assert env.errors == []
        return shown(result)


async def test_compare_shows_the_three_parts_within_limits(real_story_engine, tmp_path):
    """Both articles named; every message fits Discord; the example pair is side by side."""
    messages = await slash(real_story_engine, tmp_path, "compare", first=CNN, second=REWORDED)
    assert messages and all(message_problems(m) == [] for m in messages)
    text = "\n".join(text_of(m) for m in messages)
    for heading in (
        "**Reported by both (9)**",
        "**Worded differently (9)**",
        "**Only in one (0)**",
    ):
        assert heading in text
    assert "“a whole lot of difference pieces” [" in text and "“many differences” [" in text
    comparison = real_story_engine.compare()
    for fact in comparison.shared:
        assert escape(fact.text) in text


async def test_timeline_lists_the_dated_events_in_order(real_story_engine, tmp_path):
    """The four Thursday events, “Earlier Thursday” first, each with its citations."""
    (message,) = await slash(real_story_engine, tmp_path, "timeline")
    assert message_problems(message) == []
    (embed,) = message.embeds
    assert embed.title == "Timeline of the story"
    assert embed.description.count("**Thursday 4 September 2025**") == 4
    first = embed.description.split("**Thursday 4 September 2025**")[1]
    assert first.strip().startswith("Earlier Thursday, Rubio announced") and "[1][2]" in first


@pytest.mark.parametrize("size", [1, 60])
def test_huge_comparisons_and_timelines_keep_every_limit(size):
    """Long sentences, hundreds of citations: split over messages, each within every limit."""
    from bot.discord._render_story import render_comparison, render_timeline
    from tests.bot.big_records import huge_comparison, huge_timeline
    from tests.discord.support import limit_problems

    for replies in (render_comparison(huge_comparison(size)), render_timeline(huge_timeline(size))):
        assert replies
        for reply in replies:
            assert limit_problems(reply.content, [e.to_dict() for e in reply.embeds]) == []


def test_a_huge_comparison_is_cut_and_says_where_the_rest_is():
    """No flood: five messages at most, the last footer pointing to the CLI's JSON."""
    from bot.discord._render_story import MAX_MESSAGES, render_comparison
    from tests.bot.big_records import huge_comparison

    replies = render_comparison(huge_comparison(60))
    assert len(replies) == MAX_MESSAGES
    assert "“storybot compare --json” has all of it" in replies[-1].embeds[-1].footer.text


def test_an_answer_says_when_both_sources_report_it():
    """A claim's note ("reported by both sources") is shown in the answer's footer."""
    from dataclasses import replace

    from bot.discord._render import render_answer
    from bot.records import Claim
    from tests.fake_engine import aid_answer

    answer = aid_answer()
    noted = replace(
        answer, claims=(Claim(answer.claims[0].text, (1, 2), "reported by both sources"),)
    )
    (reply,) = render_answer(noted)
    assert "[1][2] reported by both sources" in reply.embeds[-1].footer.text
