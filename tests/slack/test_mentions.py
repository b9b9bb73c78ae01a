"""Mentions and direct messages: threads, context, allow-list, rate limits, errors, escaping."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.records import Answer, Claim, Turn
from index.errors import NotFoundError, StoreError
from tests.fake_engine import CNN_AID, FakeEngine, cnn
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, block_texts, direct_message, make_settings, mention


async def test_a_follow_up_in_the_thread_uses_the_thread_as_context(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine
):
    """The second mention in a thread hands the engine the question and answer before it."""
    first = mention(slack, "How much aid did Rubio announce?")
    await http.event(first)
    await slack.wait_call("chat.postMessage")
    slack.add_message("C1", user="U2", text="Interesting &amp; worrying", thread_ts=first["ts"])
    follow_up = mention(slack, "And for the navy?", thread_ts=first["ts"])
    await http.event(follow_up)
    reply = await slack.wait_call("chat.postMessage", 2)

    assert slack.calls_of("conversations.replies")[0].args["ts"] == first["ts"]
    question, history = engine.calls_of("ask")[1]
    assert question == "And for the navy?"
    assert history == (
        Turn("user", "How much aid did Rubio announce?"),
        Turn("bot", f"{CNN_AID} [1][2]"),
        Turn("user", "Interesting & worrying"),
    )
    assert reply.args["thread_ts"] == first["ts"]


async def test_a_mention_without_a_question_gets_a_usage_line(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine
):
    """`@storybot` alone is answered with how to ask (to the asker only), not with silence."""
    event = mention(slack, "  ")
    await http.event(event)
    call = await slack.wait_call("chat.postEphemeral")
    assert call.args["text"].startswith("There is no question to answer. Mention me")
    assert (call.args["user"], call.args["thread_ts"]) == ("U1", event["ts"])
    assert engine.calls == [] and slack.calls_of("chat.postMessage") == []


async def test_a_direct_message_is_answered_in_the_conversation(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine
):
    """No mention needed in a DM; the reply is not threaded; earlier DMs are context."""
    slack.add_message("D1", user="U1", text="Who visited Ecuador?")
    await http.event(direct_message(slack, "How much aid did he announce?"))
    call = await slack.wait_call("chat.postMessage")
    assert call.ok, call.problems
    assert call.args["channel"] == "D1"
    assert "thread_ts" not in call.args
    _, history = engine.calls_of("ask")[0]
    assert history == (Turn("user", "Who visited Ecuador?"),)


@pytest.mark.parametrize(
    "extra",
    [{"subtype": "message_changed"}, {"bot_id": "BOTHER"}, {"channel_type": "channel"}],
    ids=["an edit", "another bot", "a channel message"],
)
async def test_messages_that_are_not_direct_questions_are_ignored(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine, extra: dict
):
    """Edits, bots and plain channel chatter get no answer."""
    await http.event({**direct_message(slack, "How much aid?"), **extra})
    await asyncio.sleep(0.2)
    assert slack.calls_of("chat.postMessage") == []
    assert engine.calls == []


async def test_a_mention_in_a_direct_message_is_answered_once(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine
):
    """Slack may send both app_mention and message.im; only one answer goes out."""
    dm = direct_message(slack, "<@UBOT> How much aid did Rubio announce?")
    await http.event({**dm, "type": "app_mention"})
    await http.event(dm)
    await slack.wait_call("chat.postMessage")
    await asyncio.sleep(0.2)
    assert len(slack.calls_of("chat.postMessage")) == 1
    assert engine.calls_of("ask")[0][0] == "How much aid did Rubio announce?"


@pytest.mark.parametrize(
    ("channel", "answered"),
    [("C1", True), ("C2", False), ("D9", True)],
    ids=["allowed channel", "other channel", "direct message"],
)
async def test_the_channel_allow_list(
    serve, tmp_path, slack: FakeSlack, engine: FakeEngine, channel: str, answered: bool
):
    """With SLACK_ALLOWED_CHANNELS set, other channels get one private line; DMs always work."""
    http = await serve(make_settings(tmp_path, allowed_channels=("C1",)))
    event = (
        direct_message(slack, "How much aid?", channel=channel)
        if channel.startswith("D")
        else mention(slack, "How much aid?", channel=channel)
    )
    await http.event(event)
    call = await slack.wait_call("chat.postMessage" if answered else "chat.postEphemeral")
    assert bool(engine.calls) is answered
    assert ("not enabled in this channel" in call.args["text"]) is not answered


@pytest.mark.parametrize(
    ("limits", "second_user", "expected"),
    [
        ({"user_rate": 1}, "U1", "You are asking a little fast. Please try again in"),
        ({"channel_rate": 1}, "U2", "This channel is asking a little fast. Please try again in"),
    ],
    ids=["per user", "per channel"],
)
async def test_rate_limits_answer_with_one_line(
    serve, tmp_path, slack: FakeSlack, engine: FakeEngine, limits, second_user, expected
):
    """Past the limit the engine is not called and the asker alone is told when to retry."""
    http = await serve(make_settings(tmp_path, **limits))
    await http.event(mention(slack, "How much aid?", user="U1"))
    await slack.wait_call("chat.postMessage")
    await http.event(mention(slack, "How much aid?", user=second_user))
    call = await slack.wait_call("chat.postEphemeral")
    assert call.args["text"].startswith(expected) and call.args["user"] == second_user
    assert len(slack.calls_of("chat.postMessage")) == 1
    assert len(engine.calls_of("ask")) == 1


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (NotFoundError("No article 'x' is stored", "Use /sources"), "No article 'x' is stored."),
        (StoreError("The store cannot be read", "Check CHROMA_PATH"), "Check CHROMA_PATH."),
        (RuntimeError("boom at /secret/path"), "Something went wrong on our side (error id "),
    ],
    ids=["not found", "store down", "a bug"],
)
async def test_engine_errors_become_one_line_in_the_thread(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine, error, expected
):
    """Our errors are shown to the asker as written; anything else only as an error id."""
    engine.script("ask", error)
    event = mention(slack, "How much aid?")
    await http.event(event)
    call = await slack.wait_call("chat.postEphemeral")
    assert expected in call.args["text"]
    assert "/secret/path" not in json.dumps(call.args)
    assert call.args["thread_ts"] == event["ts"]


async def test_article_text_cannot_mention_or_link(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine
):
    """`<!channel>`, `<@U…>` and links inside quoted text arrive escaped, never as markup."""
    nasty = "Officials said <!channel> & <!here> told <@U999> to read <https://evil.test|this>."
    engine.script(
        "ask",
        Answer(
            question="What did officials say?",
            answerable=True,
            claims=(Claim(nasty, (1,)),),
            citations=(cnn(1, 3, nasty),),
        ),
    )
    await http.event(mention(slack, "What did officials say?"))
    call = await slack.wait_call("chat.postMessage")
    assert call.ok, call.problems
    for text in [call.args["text"], *block_texts(call.args["blocks"])]:
        text = text.removeprefix(">")  # the quote mark storybot puts before a quoted sentence
        assert "<" not in text and ">" not in text
    assert "&lt;!channel&gt; &amp; &lt;!here&gt;" in call.args["text"]


async def test_refused_blocks_fall_back_to_the_plain_text(http: BoltHttp, slack: FakeSlack):
    """If Slack refuses the blocks, the answer still arrives as text with its citations."""
    slack.fail("chat.postMessage", "invalid_blocks")
    await http.event(mention(slack, "How much aid did Rubio announce?"))
    retry = await slack.wait_call("chat.postMessage", 2)
    assert retry.ok
    assert "blocks" not in retry.args
    assert "[1] CNN · Kylie Atwood · 2025-09-04 · sentence 17\n" in retry.args["text"]
    assert retry.args["text"].startswith("Rubio also announced the US would provide")


async def test_an_unreadable_thread_still_gets_an_answer(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine
):
    """Without the history scopes the follow-up is answered on its own."""
    slack.fail("conversations.replies", "missing_scope")
    parent = slack.add_message("C1", user="U1", text="Rubio is in Quito")
    await http.event(mention(slack, "How much aid?", thread_ts=parent["ts"]))
    call = await slack.wait_call("chat.postMessage")
    assert call.ok
    assert engine.calls_of("ask")[0][1] == ()
