"""/compare and /timeline through simcord, answered by the real engine over the story."""

from __future__ import annotations

import pytest
import simcord

from bot.discord import create_bot
from bot.discord._render import escape
from tests.discord.support import buttons, make_settings, message_problems, text_of
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


async def pages_of(engine, tmp_path, command: str, **options) -> list[str]:
    """Run one slash command and page through its answer with ▶; each page's text."""
    async with simcord.run(create_bot(make_settings(tmp_path), engine=engine)) as env:
        guild = env.create_guild("Newsroom")
        news = guild.create_text_channel("news")
        alice = guild.add_member(env.create_user("alice"))
        result = await alice.slash(news, command, **options)
        (message,) = shown(result)
        texts = []
        while True:
            assert message_problems(message) == []
            texts.append(text_of(message))
            nxt = buttons(message).get("▶")
            if nxt is None or _disabled(message, nxt):
                break
            clicked = await alice.click(message, custom_id=nxt)
            assert clicked.response is not None
            message = clicked.response.message
        assert env.errors == []
        return texts


def _disabled(message, custom_id: str) -> bool:
    return any(
        item.custom_id == custom_id and item.disabled
        for row in message.components
        for item in getattr(row, "children", [row])
    )


async def test_compare_is_one_message_paged_with_buttons(real_story_engine, tmp_path):
    """Both articles named: one message, its pages a click apart, each within Discord's limits;
    every shared fact is on some page, the example pair side by side."""
    pages = await pages_of(real_story_engine, tmp_path, "compare", first=CNN, second=REWORDED)
    assert len(pages) > 1
    assert all(f"page {i} of {len(pages)}" in page for i, page in enumerate(pages, 1))
    text = "\n".join(pages)
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


async def test_timeline_groups_the_events_under_one_heading_per_date(real_story_engine, tmp_path):
    """The six Thursday events (two inherited) under one heading, “Earlier Thursday” first."""
    (message,) = await slash(real_story_engine, tmp_path, "timeline")
    assert message_problems(message) == []
    (embed,) = message.embeds
    assert embed.title == "Timeline of the story"
    assert embed.description.count("**Thursday 4 September 2025**") == 1
    events = embed.description.split("**Thursday 4 September 2025**")[1].split("**Sources**")[0]
    assert events.strip().startswith("• Earlier Thursday, Rubio announced") and "[1][2]" in events
    assert events.count("\n• ") == 6


@pytest.mark.parametrize("size", [1, 60])
def test_huge_comparisons_and_timelines_keep_every_limit_on_every_page(size):
    """Long sentences, hundreds of citations: pages, each one embed within every limit."""
    from bot.discord._render_story import page_reply, render_comparison, render_timeline
    from tests.bot.big_records import huge_comparison, huge_timeline
    from tests.discord.support import limit_problems

    for pages in (render_comparison(huge_comparison(size)), render_timeline(huge_timeline(size))):
        assert pages
        for page in pages:
            reply = page_reply(page)
            assert len(reply.embeds) == 1
            assert limit_problems(reply.content, [e.to_dict() for e in reply.embeds]) == []


def test_each_page_lists_the_sources_of_its_own_markers():
    """A page's [n] are all explained on that page; no page lists a source it does not cite."""
    import re

    from bot.discord._render_story import render_comparison
    from tests.bot.big_records import huge_comparison

    for page in render_comparison(huge_comparison(60)):
        body, _, sources = page.description.partition("\n\n**Sources**\n")
        used = set(re.findall(r"(?<!\*)\[(\d+)\]", body))
        listed = set(re.findall(r"^\*\*\[(\d+)\]\*\*", sources, re.M))
        assert (listed <= used | listed and used <= listed) or page.description.endswith("…")


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
