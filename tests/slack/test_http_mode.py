"""HTTP mode: Bolt's aiohttp adapter on 127.0.0.1 receiving requests signed like Slack's."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.slack._render import unescape
from tests.fake_engine import CNN_AID, WIRE_AID, FakeEngine
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, block_texts, command, mention


async def test_a_mention_is_answered_in_its_thread_with_citations(http: BoltHttp, slack: FakeSlack):
    """An app_mention event → chat.postMessage in the message's thread, citations intact."""
    event = mention(slack, "How much aid did Rubio announce?")
    status, _ = await http.event(event)
    assert status == 200
    call = await slack.wait_call("chat.postMessage")
    assert call.ok, call.problems
    assert call.args["channel"] == "C1"
    assert call.args["thread_ts"] == event["ts"]
    texts = [unescape(t) for t in block_texts(call.args["blocks"])]
    assert any("CNN · Kylie Atwood · 2025-09-04 · sentence 17" in t for t in texts)
    assert any(CNN_AID in t for t in texts)
    assert any(WIRE_AID in t for t in texts)
    assert "[1][2]" in call.args["text"]


async def test_summary_is_acked_empty_then_answered_at_the_response_url(
    http: BoltHttp, slack: FakeSlack
):
    """/summary → an empty 200 at once, then the cited bullets POSTed to the response_url."""
    status, body = await http.command(command(slack, "/summary"))
    assert (status, body) == (200, "")
    reply = await slack.wait_response()
    assert reply.ok, reply.problems
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["text"].startswith("Summary of the whole story\n• ")
    assert any(b["type"] == "context" for b in reply.args["blocks"])


@pytest.mark.parametrize(
    "signing",
    [{"secret": "not-the-signing-secret"}, {"age_s": 6 * 60}],
    ids=["wrong secret", "replayed after 6 minutes"],
)
async def test_a_badly_signed_request_gets_401_and_calls_nothing(
    http: BoltHttp, slack: FakeSlack, engine: FakeEngine, signing: dict
):
    """Requests that Slack did not sign (or signed long ago) are refused before any work."""
    assert (await http.event(mention(slack, "How much aid?"), **signing))[0] == 401
    assert (await http.command(command(slack, "/summary"), **signing))[0] == 401
    await asyncio.sleep(0.1)
    assert slack.calls == []
    assert slack.responses == []
    assert engine.calls == []


async def test_the_request_url_check_is_answered(http: BoltHttp, slack: FakeSlack):
    """Saving the manifest in HTTP mode makes Slack send a challenge; it is echoed back."""
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "c4llenge"})
    status, text = await http.post(body, "application/json")
    assert (status, json.loads(text)) == (200, {"challenge": "c4llenge"})
    assert slack.calls == []
