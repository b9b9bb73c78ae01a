"""👍/👎 under answers: stored through ChatService.record_vote, thanked privately."""

from __future__ import annotations

import json
from pathlib import Path

from bot.settings import Settings
from tests.fake_engine import CNN_AID
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, command, mention, vote_click


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
    assert thanks.args["text"] == "Thanks! Your 👍 was recorded."
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
    await restarted.interaction(vote_click(slack, message, up=False))
    await slack.wait_response()
    [vote] = votes(settings)
    assert vote["vote"] == "down"
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
