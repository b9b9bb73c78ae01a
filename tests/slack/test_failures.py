"""Under real traffic: each delivery answered once, and every refused call told to the asker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from dataclasses import replace

import pytest

from bot.chat.shutdown import Stop
from bot.slack import create_app
from bot.slack._run import serve_socket_mode
from index.errors import ConfigError
from tests.fake_engine import CNN_AID, FakeEngine
from tests.slack.fake_slack import APP_TOKEN, FakeSlack
from tests.slack.support import (
    BoltHttp,
    command,
    event_callback,
    make_settings,
    mention,
    vote_click,
    web_client,
)

ERROR_ID = re.compile(r"\(error id ([0-9a-f]{8})\)")


async def _quiet(seconds: float = 0.3) -> None:
    """Give the app time to do anything it (wrongly) still would."""
    await asyncio.sleep(seconds)


async def test_a_retried_event_is_answered_once(http: BoltHttp, slack: FakeSlack, engine):
    """Three deliveries of one event_id (X-Slack-Retry-Num 1 and 2): one answer, all acked."""
    callback = event_callback(mention(slack, "How much aid did Rubio announce?"))
    assert await http.redeliver(callback, retry=0) == (200, "")
    await slack.wait_call("chat.postMessage")
    assert await http.redeliver(callback, retry=1) == (200, "")
    assert await http.redeliver(callback, retry=2) == (200, "")
    await _quiet()
    assert len(slack.calls_of("chat.postMessage")) == 1
    assert len(engine.calls_of("ask")) == 1


async def test_a_repeated_click_is_counted_once(http: BoltHttp, slack: FakeSlack, settings):
    """The same interaction delivered twice (same trigger_id): one vote, one thank-you."""
    await http.event(mention(slack, "How much aid did Rubio announce?"))
    await slack.wait_call("chat.postMessage")
    click = vote_click(slack, slack.messages["C1"][-1])
    await http.interaction(click)
    await http.interaction(click)
    await slack.wait_response()
    await _quiet()
    assert len(slack.responses) == 1
    assert len(settings.feedback_path.read_text().splitlines()) == 1


async def test_a_redelivered_socket_mode_envelope_is_acked_and_not_answered_again(
    slack: FakeSlack, engine: FakeEngine, settings
):
    """Socket Mode's retry_attempt: the second envelope is acked, the question not re-asked."""
    app = create_app(settings, web_client(slack), engine=engine)
    serving = asyncio.create_task(serve_socket_mode(app, APP_TOKEN))
    try:
        payload = event_callback(mention(slack, "How much aid did Rubio announce?"))
        for attempt in (0, 1):
            envelope = {
                "envelope_id": f"env-{attempt}",
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": attempt,
                "retry_reason": "timeout" if attempt else "",
                "payload": payload,
            }
            assert await slack.send_envelope(envelope) == {"envelope_id": f"env-{attempt}"}
        await slack.wait_call("chat.postMessage")
        await _quiet()
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving
    assert len(slack.calls_of("chat.postMessage")) == 1 and len(engine.calls_of("ask")) == 1


async def test_a_429_is_retried_after_its_retry_after_with_the_blocks(
    http: BoltHttp, slack: FakeSlack
):
    """Slack says wait 1 s: the answer goes out again a second later, blocks and all."""
    slack.fail("chat.postMessage", "ratelimited", retry_after=1)
    await http.event(mention(slack, "How much aid did Rubio announce?"))
    first = await slack.wait_call("chat.postMessage")
    second = await slack.wait_call("chat.postMessage", 2, timeout=5)
    assert second.ok and second.args.get("blocks")
    assert second.at - first.at >= 1.0
    assert slack.calls_of("chat.postEphemeral") == []


@pytest.mark.parametrize(
    ("error", "told_by", "line"),
    [
        ("not_in_channel", "dm", "because I'm not a member of it. Invite me with `/invite"),
        ("channel_not_found", "dm", "Slack says I can't see <#C1>"),
        ("is_archived", "dm", "<#C1> is archived"),
        ("ratelimited", "ephemeral", "Slack is limiting how fast I can post right now"),
        ("internal_error", "ephemeral", "I couldn't post my answer (Slack said `internal_error`)"),
    ],
)
async def test_an_answer_slack_refuses_is_told_to_the_asker_with_an_error_id(
    http: BoltHttp, slack: FakeSlack, caplog, error, told_by, line
):
    """After the retries, the asker hears why (privately, where Slack allows) and the log has
    the same error id."""
    slack.fail("chat.postMessage", error, times=3, retry_after=0, channel="C1")
    with caplog.at_level(logging.ERROR, logger="bot.slack"):
        event = mention(slack, "How much aid did Rubio announce?", user="U7")
        await http.event(event)
        if told_by == "dm":
            opened = await slack.wait_call("conversations.open")
            assert opened.args["users"] == "U7"
            (told,) = await slack.wait_for(
                lambda: [
                    c for c in slack.calls_of("chat.postMessage") if c.args["channel"] == "DU7"
                ]
            )
        else:
            told = await slack.wait_call("chat.postEphemeral")
            assert (told.args["user"], told.args["channel"]) == ("U7", "C1")
    assert told.ok and line in told.args["text"]
    found = ERROR_ID.search(told.args["text"])
    assert found is not None
    error_id = found.group(1)
    assert any(error_id in r.getMessage() and error in r.getMessage() for r in caplog.records)


async def test_a_message_too_long_goes_out_as_shortened_plain_text(
    http: BoltHttp, slack: FakeSlack
):
    """msg_too_long: the answer is sent again as plain text within 3,000 characters."""
    slack.fail("chat.postMessage", "msg_too_long")
    await http.event(mention(slack, "How much aid did Rubio announce?"))
    retry = await slack.wait_call("chat.postMessage", 2)
    assert retry.ok and "blocks" not in retry.args
    assert len(retry.args["text"]) <= 3000 and "Rubio" in retry.args["text"]


async def test_a_revoked_token_is_logged_with_the_fix_and_nothing_else_is_tried(
    http: BoltHttp, slack: FakeSlack, caplog
):
    """token_revoked: nobody can be told through Slack; the log says to reinstall."""
    slack.fail("chat.postMessage", "token_revoked")
    with caplog.at_level(logging.ERROR, logger="bot.slack"):
        await http.event(mention(slack, "How much aid did Rubio announce?"))
        await slack.wait_call("chat.postMessage")
        await _quiet()
    assert [c.method for c in slack.calls if c.method.startswith(("chat.", "conversations.o"))] == [
        "chat.postMessage"
    ]
    assert any("reinstall the app" in r.getMessage() for r in caplog.records)


async def test_an_expired_response_url_is_told_ephemerally(http: BoltHttp, slack: FakeSlack):
    """A slash command whose response_url Slack no longer takes: the user hears it anyway."""
    slack.fail("response_url", "expired_url")
    await http.command(command(slack, "/ask", "How much aid did Rubio announce?", user="U3"))
    told = await slack.wait_call("chat.postEphemeral")
    assert told.args["user"] == "U3" and "Slack closed the reply" in told.args["text"]
    assert ERROR_ID.search(told.args["text"])


async def test_a_response_url_refusing_blocks_gets_plain_text(http: BoltHttp, slack: FakeSlack):
    """400 invalid_blocks at the response_url: the same answer as plain text."""
    slack.fail("response_url", "invalid_blocks")
    await http.command(command(slack, "/ask", "How much aid did Rubio announce?"))
    retry = await slack.wait_response(2)
    assert retry.ok and "blocks" not in retry.args and "Rubio" in retry.args["text"]


@pytest.mark.parametrize("kind", ["tokens_revoked", "app_uninstalled"])
async def test_losing_access_ends_socket_mode_with_one_line(
    slack: FakeSlack, engine: FakeEngine, settings, kind
):
    """tokens_revoked / app_uninstalled: serving stops with what to do, not a retry loop."""
    app = create_app(settings, web_client(slack), engine=engine)
    serving = asyncio.create_task(serve_socket_mode(app, APP_TOKEN))
    event = {"type": kind, "event_ts": slack.next_ts()}
    if kind == "tokens_revoked":
        event["tokens"] = {"bot": ["UBOT"]}
    await slack.send_envelope(
        {"envelope_id": "env-r", "type": "events_api", "payload": event_callback(event)}
    )
    with pytest.raises(ConfigError) as caught:
        await asyncio.wait_for(serving, 5)
    assert caught.value.message.startswith("Slack took storybot's access away")


async def test_after_revocation_mentions_are_not_answered(http: BoltHttp, slack: FakeSlack, engine):
    """A revoked app calls nothing (every call would fail with token_revoked)."""
    await http.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}, "event_ts": "1.1"})
    await _quiet(0.1)
    await http.event(mention(slack, "How much aid did Rubio announce?"))
    await _quiet()
    assert slack.calls_of("chat.postMessage") == [] and engine.calls == []


class SlowEngine(FakeEngine):
    """The fake engine, `delay_s` slower to answer."""

    def __init__(self, delay_s: float) -> None:
        super().__init__()
        self.delay_s = delay_s

    def ask(self, question, history=()):
        time.sleep(self.delay_s)
        return super().ask(question, history)


@pytest.mark.parametrize(("grace_s", "finished"), [(5.0, True), (0.1, False)])
async def test_a_stop_finishes_or_tells_the_answer_in_flight(
    slack: FakeSlack, tmp_path, grace_s, finished
):
    """SIGTERM during an answer (Stop.request is what the handler calls): with time to spare
    the answer is posted, otherwise the asker is told to ask again; then serving ends."""
    settings = make_settings(tmp_path)
    settings = replace(settings, chat=replace(settings.chat, shutdown_grace_s=grace_s))
    app = create_app(settings, web_client(slack), engine=SlowEngine(0.6))
    stop = Stop()
    serving = asyncio.create_task(serve_socket_mode(app, APP_TOKEN, stop=stop))
    event = mention(slack, "How much aid did Rubio announce?")
    await slack.send_envelope(
        {"envelope_id": "env-1", "type": "events_api", "payload": event_callback(event)}
    )
    await asyncio.sleep(0.2)  # the engine is answering
    stop.request("SIGTERM")
    await asyncio.wait_for(serving, 10)
    if finished:
        (posted,) = slack.calls_of("chat.postMessage")
        assert CNN_AID.replace("&", "&amp;") in str(posted.args["blocks"])
    else:
        told = await slack.wait_call("chat.postEphemeral")
        assert "restarting" in told.args["text"]
    assert not slack._sockets  # the websocket was closed


async def test_fifty_mentions_at_once_are_all_answered_once(serve, slack: FakeSlack, tmp_path):
    """Fifty people asking together (in a channel without limits): fifty answers, one each."""
    http = await serve(make_settings(tmp_path, user_rate=0, channel_rate=0))
    events = [
        mention(slack, f"How much aid did Rubio announce? ({i})", user=f"U{i}") for i in range(50)
    ]
    statuses = await asyncio.gather(*(http.event(e) for e in events))
    assert all(s == (200, "") for s in statuses)
    await slack.wait_call("chat.postMessage", 50, timeout=15)
    await _quiet()
    posted = slack.calls_of("chat.postMessage")
    assert len(posted) == 50 and all(c.ok for c in posted)
    assert {c.args["thread_ts"] for c in posted} == {e["ts"] for e in events}
