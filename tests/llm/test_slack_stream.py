"""Streaming on Slack (the fake Slack): a mention's answer is posted as the model writes it,
updated, and finally updated into the checked answer with its quoted sentences."""

from __future__ import annotations

from pathlib import Path

from bot.llm.stream import WRITING as CHECKED_STREAM_PLACEHOLDER
from bot.slack import create_app
from bot.slack._render import unescape
from tests.llm.fake_llm import Reply
from tests.llm.support import AID, NAVY, QUESTION, number_of
from tests.slack.fake_slack import FakeSlack
from tests.slack.support import BoltHttp, make_settings, mention, web_client

WRITING = "Writing… each sentence is checked"


def streamed_answer(prompt: str) -> Reply:
    """A two-sentence cited answer, sent in small pieces over about three seconds."""
    return Reply(
        f"Rubio announced $13.5 million to help Ecuador improve security "
        f"[{number_of(prompt, AID)}]. The US will also provide $6 million in UAVs for "
        f"Ecuador's Navy [{number_of(prompt, NAVY)}].",
        chunk_delay_s=0.14,
    )


async def test_a_mention_is_posted_updated_and_made_final(make_engine, fake_llm, tmp_path: Path):
    """chat.postMessage with the "writing" placeholder, chat.update as checked sentences
    arrive, and a last chat.update carrying the answer's blocks; one message in the thread."""
    fake_llm.script(streamed_answer)
    slack = await FakeSlack().start()
    app = create_app(make_settings(tmp_path), web_client(slack), engine=make_engine(timeout_s=20))
    http = await BoltHttp(app).start()
    try:
        await http.event(mention(slack, QUESTION))
        posted = await slack.wait_call("chat.postMessage", timeout=20)
        (final,) = await slack.wait_for(
            lambda: [u for u in slack.calls_of("chat.update") if u.args.get("blocks")], timeout=20
        )
    finally:
        await http.stop()
        await slack.stop()

    updates = slack.calls_of("chat.update")
    assert posted.ok and WRITING in posted.args["text"]
    assert posted.args["text"].startswith(CHECKED_STREAM_PLACEHOLDER)
    assert len(slack.calls_of("chat.postMessage")) == 1
    assert all(u.ok for u in updates) and updates[-1] is final and len(updates) >= 2
    assert all(WRITING in u.args["text"] for u in updates[:-1])
    assert all(u.args["ts"] == slack.messages["C1"][-1]["ts"] for u in updates)
    assert WRITING not in final.args["text"]
    assert "Rubio announced $13.5 million to help Ecuador improve security. [1]" in unescape(
        final.args["text"]
    )
    thread = slack.messages["C1"]
    assert [m.get("bot_id") for m in thread] == [None, "BBOT"]
