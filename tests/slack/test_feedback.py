"""👍/👎 under answers: stored through ChatService.record_vote, thanked privately."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

from bot.chat.feedback import FeedbackStore
from bot.settings import Settings
from tests.fake_engine import CNN_AID, aid_answer, refusal
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import (
    BoltHttp,
    block_texts,
    click,
    command,
    mention,
    view_submission,
    vote_click,
)


def votes(settings: Settings) -> list[dict]:
    """The votes stored so far."""
    path = Path(settings.feedback_path)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


async def _answer_in_thread(http: BoltHttp, slack: FakeSlack) -> dict:
    await http.event(mention(slack, "How much aid did Rubio announce?"))
    await slack.wait_call("chat.postMessage")
    return slack.messages["C1"][-1]


async def test_a_thumbs_up_is_stored_with_the_question_answer_and_citations(
    http: BoltHttp, slack: FakeSlack, settings: Settings
):
    """The vote line holds who voted, where, on what; the voter is thanked privately."""
    message = await _answer_in_thread(http, slack)
    assert (await http.interaction(vote_click(slack, message, up=True)))[0] == 200
    thanks = await slack.wait_response()
    assert thanks.args["response_type"] == "ephemeral"
    assert thanks.args["text"].startswith("Thanks! Your 👍 was recorded")
    [vote] = votes(settings)
    assert vote["platform"] == "slack"
    assert (vote["user_id"], vote["channel_id"], vote["vote"]) == ("U2", "C1", "up")
    assert vote["question"] == "How much aid did Rubio announce?"
    assert vote["answer"] == f"{CNN_AID} [1][2]"
    assert [c["source"] for c in vote["citations"]] == ["CNN", None]
    assert vote["answer_id"] == message["blocks"][-1]["elements"][0]["value"]


async def test_a_vote_after_a_restart_keeps_the_answer_from_the_message(
    serve, slack: FakeSlack, settings: Settings
):
    """A new app instance no longer remembers the answer; the message text stands in."""
    message = await _answer_in_thread(await serve(settings), slack)
    restarted = await serve(settings)
    await restarted.interaction(vote_click(slack, message, up=True))
    await slack.wait_response()
    [vote] = votes(settings)
    assert vote["vote"] == "up"
    assert vote["answer"] == f"{CNN_AID} [1][2]"
    assert vote["question"] == ""


async def test_a_vote_on_a_private_answer(http: BoltHttp, slack: FakeSlack, settings: Settings):
    """Ephemeral /ask answers carry no message in the click; the vote is still complete."""
    await http.command(command(slack, "/ask", "How much aid did Rubio announce?"))
    answer = await slack.wait_response()
    click = vote_click(slack, {"blocks": answer.args["blocks"]}, key="v2")
    del click["message"]
    click["container"]["is_ephemeral"] = True
    await http.interaction(click)
    await slack.wait_response(2)
    [vote] = votes(settings)
    assert vote["question"] == "How much aid did Rubio announce?"
    assert len(vote["citations"]) == 2


def _vote_texts(message: dict) -> list[str]:
    actions = next(b for b in message["blocks"] if b["type"] == "actions")
    return [e["text"]["text"] for e in actions["elements"]][:2]


async def test_one_vote_per_person_shown_as_counts_on_the_buttons(
    http: BoltHttp, slack: FakeSlack, settings: Settings
):
    """U2 👍, 👍 again (no change), then U3 👍: one line each, and the message says 👍 2."""
    message = await _answer_in_thread(http, slack)
    await http.interaction(vote_click(slack, message, up=True, user="U2"))
    await http.interaction(vote_click(slack, message, up=True, user="U2", key="v2"))
    again = await slack.wait_response(2)
    assert again.args["text"].startswith("You had already voted that way")
    await http.interaction(vote_click(slack, message, up=True, user="U3", key="v3"))
    await slack.wait_response(3)
    assert [v["user_id"] for v in votes(settings)] == ["U2", "U3"]
    assert _vote_texts(slack.messages["C1"][-1]) == ["👍 2", "👎"]


async def test_a_later_vote_replaces_the_earlier_one(
    http: BoltHttp, slack: FakeSlack, settings: Settings
):
    """👍 then 👎 by the same person: the evaluation set keeps the 👎 alone."""
    message = await _answer_in_thread(http, slack)
    await http.interaction(vote_click(slack, message, up=True))
    await slack.wait_response()
    await http.interaction(vote_click(slack, message, up=False, key="v2"))
    await slack.wait_call("chat.update", 2)  # the counts after the 👎
    latest = FeedbackStore(settings.feedback_path).latest()
    assert [(v["user_id"], v["vote"]) for v in latest] == [("U2", "down")]
    assert _vote_texts(slack.messages["C1"][-1]) == ["👍", "👎 1"]


async def test_a_thumbs_down_asks_what_was_wrong_and_stores_it(
    http: BoltHttp, slack: FakeSlack, settings: Settings
):
    """👎 opens a short form (views.open); its answer is stored with the vote."""
    message = await _answer_in_thread(http, slack)
    await http.interaction(vote_click(slack, message, up=False))
    opened = await slack.wait_call("views.open")
    assert opened.ok, opened.problems
    (view,) = slack.views
    assert view["callback_id"] == "storybot_why"
    status, _ = await http.interaction(view_submission(view, "It left out the $6 million"))
    assert status == 200
    thanks = await slack.wait_call("chat.postEphemeral")
    assert thanks.args["user"] == "U2" and thanks.args["text"].startswith("Thanks! Your 👎")
    last = votes(settings)[-1]
    assert (last["vote"], last["reason"]) == ("down", "It left out the $6 million")
    assert last["question"] == "How much aid did Rubio announce?"


async def test_show_context_quotes_each_cited_sentence_with_its_neighbours_privately(
    http: BoltHttp, slack: FakeSlack, engine
):
    """Show context: an ephemeral reply with the sentences around each cited one."""
    message = await _answer_in_thread(http, slack)
    await http.interaction(click(slack, message, "storybot_context"))
    reply = await slack.wait_response()
    assert reply.ok, reply.problems
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["blocks"][0]["text"]["text"].startswith("*In context*")
    assert engine.calls_of("quote")[0] == ("000_b4c534ddc7fcb3f0", 17, 1)


async def test_a_refusal_shows_its_closest_passages_on_request(
    http: BoltHttp, slack: FakeSlack, engine
):
    """The refusal is one line; Closest passages opens what came closest, privately."""
    engine.script("ask", refusal("Who won the match?"))
    await http.event(mention(slack, "Who won the match?"))
    await slack.wait_call("chat.postMessage")
    message = slack.messages["C1"][-1]
    assert block_texts(message["blocks"])[0] == "The articles don't say."
    await http.interaction(click(slack, message, "storybot_closest"))
    reply = await slack.wait_response()
    assert reply.args["blocks"][0]["text"]["text"].startswith("*Closest passages*")


async def test_a_link_click_is_only_acknowledged(http: BoltHttp, slack: FakeSlack, engine):
    """A link button opens the browser; the click Slack reports gets a 200 and nothing else."""
    url = "https://www.cnn.com/2025/09/04/politics/rubio-ecuador"
    answer = aid_answer()
    engine.script("ask", replace(answer, citations=(replace(answer.citations[0], url=url),)))
    message = await _answer_in_thread(http, slack)
    status, _ = await http.interaction(click(slack, message, "storybot_link_0"))
    assert status == 200
    await asyncio.sleep(0.2)
    assert slack.responses == []
