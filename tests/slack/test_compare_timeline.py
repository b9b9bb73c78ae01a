"""/compare and /timeline over HTTP against the fake Slack, answered by the real engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.slack import create_app
from bot.slack._render import unescape
from tests.index.story_pairs import CNN, REWORDED
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import (
    BoltHttp,
    block_texts,
    click,
    command,
    make_settings,
    web_client,
)

pytestmark = pytest.mark.timeout(120)


async def ask(slack: FakeSlack, engine, tmp_path: Path, name: str, text: str = ""):
    """Send one slash command to the app over HTTP; return Slack's view of the reply."""
    app = create_app(make_settings(tmp_path), web_client(slack), engine=engine)
    http = await BoltHttp(app).start()
    try:
        assert await http.command(command(slack, name, text)) == (200, "")
        return await slack.wait_response(timeout=60)
    finally:
        await http.stop()


async def test_compare_is_one_message_paged_with_buttons(
    slack: FakeSlack, real_story_engine, tmp_path: Path
):
    """Both ids and `public`: page 1 in the channel, Next ▶ replaces it with page 2, and so
    on; Slack accepts every page; the example pair is side by side."""
    app = create_app(make_settings(tmp_path), web_client(slack), engine=real_story_engine)
    http = await BoltHttp(app).start()
    try:
        assert await http.command(command(slack, "/compare", f"{CNN} {REWORDED} public")) == (
            200,
            "",
        )
        reply = await slack.wait_response(timeout=60)
        assert reply.args["response_type"] == "in_channel"
        pages = [reply]
        while True:
            assert pages[-1].ok, pages[-1].problems
            buttons = [
                e
                for b in pages[-1].args["blocks"]
                if b["type"] == "actions"
                for e in b["elements"]
                if e["action_id"] == "storybot_page_next"
            ]
            if not buttons:
                break
            message = {"blocks": pages[-1].args["blocks"], "text": pages[-1].args["text"]}
            await http.interaction(
                click(slack, message, "storybot_page_next", key=f"p{len(pages)}")
            )
            pages.append(await slack.wait_response(len(pages) + 1))
            assert pages[-1].args["replace_original"] is True
    finally:
        await http.stop()
    assert len(pages) > 1
    shown = unescape("\n".join(t for p in pages for t in block_texts(p.args["blocks"])))
    for heading in ("*Reported by both (9)*", "*Worded differently (9)*", "*Only in one (0)*"):
        assert heading in shown
    assert "“just getting ramped up” [" in shown and "“intensifying its” [" in shown
    assert f"page {len(pages)} of {len(pages)}" in shown


async def test_timeline_replies_privately_with_dated_events(
    slack: FakeSlack, real_story_engine, tmp_path: Path
):
    """The six Thursday events (two inherited) under one heading, visible only to the asker."""
    reply = await ask(slack, real_story_engine, tmp_path, "/timeline")
    assert reply.ok, reply.problems
    assert reply.args["response_type"] == "ephemeral"
    shown = unescape("\n".join(block_texts(reply.args["blocks"])))
    assert shown.count("*Thursday 4 September 2025*") == 1
    events = shown.split("*Thursday 4 September 2025*")[1]
    assert events.strip().startswith("• Earlier Thursday, Rubio announced")
    assert events.count("\n• ") == 6


@pytest.mark.parametrize("size", [1, 60])
def test_huge_comparisons_and_timelines_keep_slack_limits(size):
    """Long sentences, hundreds of citations: Slack would accept the blocks and the text."""
    from bot.slack._render_story import render_comparison, render_timeline
    from tests.bot.big_records import huge_comparison, huge_timeline
    from tests.slack.fake_slack import check_message

    for pages in (render_comparison(huge_comparison(size)), render_timeline(huge_timeline(size))):
        assert pages
        for message in pages:
            assert check_message(message.as_kwargs()) == (None, [])
            assert "<deal>" not in message.text
        assert any("&lt;deal&gt;" in m.text for m in pages)


def test_an_answer_says_when_sources_differ():
    """A claim's note ("sources differ: …") is shown under the answer."""
    from dataclasses import replace

    from bot.records import Claim
    from bot.slack._render import render_answer
    from tests.fake_engine import aid_answer

    answer = aid_answer()
    note = "sources differ: $13.5 million vs $15 million"
    noted = replace(answer, claims=(Claim(answer.claims[0].text, (1, 2), note),))
    message = render_answer(noted)
    notes = [b for b in message.blocks if b["type"] == "context" and "differ" in str(b)]
    assert notes and "[1][2] sources differ: $13.5 million vs $15 million" in str(notes[0])
