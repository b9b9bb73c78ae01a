"""/ask, /summary and /sources: ack at once, answer via the response_url, private by default."""

from __future__ import annotations

import pytest

from index.errors import NotFoundError
from tests.fake_engine import CNN, CNN_TITLE, FakeEngine
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, block_texts, command, make_settings


async def test_ask_answers_privately_with_the_question_and_citations(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine
):
    """/ask QUESTION → ephemeral answer showing the question, the citations and 👍/👎."""
    assert await http.command(command(slack, "/ask", "How much aid did Rubio announce?")) == (
        200,
        "",
    )
    reply = await slack.wait_response()
    assert reply.ok, reply.problems
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["replace_original"] is False
    texts = block_texts(reply.args["blocks"])
    assert texts[0].startswith("*Question:* How much aid did Rubio announce?\n\n>Rubio also")
    assert any("sentence 17" in t for t in texts)
    assert [b["type"] for b in reply.args["blocks"]][-1] == "actions"
    assert engine.calls_of("ask")[0][0] == "How much aid did Rubio announce?"


@pytest.mark.parametrize(
    "text",
    ["public How much aid did Rubio announce?", "How much aid did Rubio announce? PUBLIC"],
    ids=["first word", "last word"],
)
async def test_ask_public_answers_in_the_channel(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine, text: str
):
    """`public` as the first or last word shows the answer to the channel."""
    await http.command(command(slack, "/ask", text))
    reply = await slack.wait_response()
    assert reply.args["response_type"] == "in_channel"
    assert engine.calls_of("ask")[0][0] == "How much aid did Rubio announce?"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("/ask", "", "There is no question to answer."),
        ("/ask", "public", "There is no question to answer."),
        ("/summary", "nope public", "No article 'nope' is stored. Use /sources."),
    ],
    ids=["no question", "only public", "unknown article"],
)
async def test_command_problems_are_one_private_line(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine, name, text, expected
):
    """Usage mistakes and errors are told to the asker alone, even when `public` was asked."""
    engine.script("summary", NotFoundError("No article 'nope' is stored", "Use /sources"))
    await http.command(command(slack, name, text))
    reply = await slack.wait_response()
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["text"].startswith(expected)
    assert "blocks" not in reply.args


async def test_summary_of_one_article(http: BoltHttp, slack: FakeSlack, engine: FakeEngine):
    """/summary ARTICLE summarises that article only."""
    await http.command(command(slack, "/summary", CNN))
    reply = await slack.wait_response()
    assert reply.ok, reply.problems
    assert reply.args["text"].startswith(f"Summary of “{CNN_TITLE}” ({CNN})\n• Earlier Thursday")
    assert engine.calls_of("summary")[0] == (CNN, None)


async def test_sources_lists_the_articles(http: BoltHttp, slack: FakeSlack):
    """/sources shows each article's id, outlet, byline, date and size."""
    await http.command(command(slack, "/sources", "public"))
    reply = await slack.wait_response()
    assert reply.ok, reply.problems
    assert reply.args["response_type"] == "in_channel"
    assert (
        f"• `{CNN}` {CNN_TITLE} — CNN · Kylie Atwood · 2025-09-04 · 19 sentences"
        in (reply.args["blocks"][0]["text"]["text"])
    )


async def test_sources_when_nothing_is_stored(http: BoltHttp, slack: FakeSlack, engine: FakeEngine):
    """An empty store is said, not shown as an empty list."""
    engine.script("sources", [])
    await http.command(command(slack, "/sources"))
    reply = await slack.wait_response()
    assert reply.args["text"].startswith("No articles are stored yet.")


async def test_commands_outside_the_allow_list_get_one_line(
    serve, tmp_path, slack: FakeSlack, engine: FakeEngine
):
    """A command from a channel not on SLACK_ALLOWED_CHANNELS is refused privately."""
    http = await serve(make_settings(tmp_path, allowed_channels=("C1",)))
    await http.command(command(slack, "/summary", channel="C2"))
    reply = await slack.wait_response()
    assert "not enabled in this channel" in reply.args["text"]
    assert engine.calls == []


async def test_commands_share_the_rate_limit(serve, tmp_path, slack: FakeSlack):
    """The per-user limit counts slash commands too."""
    http = await serve(make_settings(tmp_path, user_rate=1))
    await http.command(command(slack, "/sources", key="r1"))
    await http.command(command(slack, "/ask", "How much aid?", key="r2"))
    await slack.wait_response(2)
    second = next(r for r in slack.responses if r.method == "r2")
    assert second.args["text"].startswith("You are asking a little fast.")


async def test_a_refused_response_is_resent_as_text(http: BoltHttp, slack: FakeSlack):
    """If the response_url refuses the blocks, the plain-text answer follows."""
    slack.fail("response_url", "invalid_blocks")
    await http.command(command(slack, "/ask", "How much aid did Rubio announce?"))
    retry = await slack.wait_response(2)
    assert retry.ok
    assert "blocks" not in retry.args
    assert "Sources:\n[1] CNN · Kylie Atwood" in retry.args["text"]
