"""Plain replies in a thread storybot answered in are follow-ups; everything else is left alone."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.records import Turn
from tests.fake_engine import CNN_AID
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, make_settings, mention, thread_reply


async def _answered_thread(http: BoltHttp, slack: FakeSlack) -> str:
    """alice asks in #C1; storybot answers in the thread of her message; its ts."""
    first = mention(slack, "How much aid did Rubio announce?")
    await http.event(first)
    await slack.wait_call("chat.postMessage")
    return first["ts"]


async def test_a_plain_question_in_storybots_thread_is_answered_as_a_follow_up(
    http: BoltHttp, slack: FakeSlack, engine
):
    """No mention needed: the thread is the history; the answer says how it was understood."""
    ts = await _answered_thread(http, slack)
    await http.event(thread_reply(slack, "and the Navy?", thread_ts=ts, user="U2"))
    reply = await slack.wait_call("chat.postMessage", 2)
    (_, (question, history)) = engine.calls_of("ask")
    assert question == "and the Navy?"
    assert history == (
        Turn("user", "How much aid did Rubio announce?"),
        Turn("bot", f"{CNN_AID} [1][2]"),
    )
    assert reply.args["thread_ts"] == ts
    assert "Understood as: How much aid did Rubio announce for Ecuador's Navy?" in str(
        reply.args["blocks"]
    )


@pytest.mark.parametrize(
    "text",
    ["interesting, thanks", "ok :+1:", "<@U3> what do you think?", "lol"],
    ids=["chatter", "ok", "to someone else", "lol"],
)
async def test_remarks_and_questions_for_others_are_left_alone(
    http: BoltHttp, slack: FakeSlack, engine, text
):
    """Nothing is read or posted for them."""
    ts = await _answered_thread(http, slack)
    await http.event(thread_reply(slack, text, thread_ts=ts, user="U2"))
    await asyncio.sleep(0.3)
    assert len(engine.calls_of("ask")) == 1
    assert len(slack.calls_of("chat.postMessage")) == 1
    assert slack.calls_of("conversations.replies") == []


async def test_a_question_in_someone_elses_thread_is_left_alone(
    http: BoltHttp, slack: FakeSlack, engine
):
    """storybot never answered there: the thread is read, nothing is said."""
    parent = slack.add_message("C1", user="U2", text="Lunch plans?")
    await http.event(thread_reply(slack, "what time works?", thread_ts=parent["ts"]))
    await asyncio.sleep(0.3)
    assert engine.calls == [] and slack.calls_of("chat.postMessage") == []


async def test_a_mention_in_the_thread_is_answered_once(http: BoltHttp, slack: FakeSlack, engine):
    """Slack sends both app_mention and message.channels: only app_mention answers."""
    ts = await _answered_thread(http, slack)
    event = mention(slack, "and the Navy?", thread_ts=ts)
    await http.event(event)
    await http.event({**event, "type": "message", "channel_type": "channel"})
    await slack.wait_call("chat.postMessage", 2)
    await asyncio.sleep(0.3)
    assert len(slack.calls_of("chat.postMessage")) == 2 and len(engine.calls_of("ask")) == 2


async def test_follow_ups_without_a_mention_can_be_turned_off(
    serve, slack: FakeSlack, engine, tmp_path
):
    """THREAD_FOLLOWUPS=false: only mentions are answered."""
    settings = make_settings(tmp_path)
    http = await serve(replace(settings, chat=replace(settings.chat, thread_followups=False)))
    ts = await _answered_thread(http, slack)
    await http.event(thread_reply(slack, "and the Navy?", thread_ts=ts, user="U2"))
    await asyncio.sleep(0.3)
    assert len(engine.calls_of("ask")) == 1
