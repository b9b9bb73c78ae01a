"""Pure parsing: Slack markup → questions, the `public` flag, thread history as turns."""

from __future__ import annotations

import pytest

from bot.records import Turn
from bot.slack._parsing import is_dm, plain_text, split_public, thread_turns
from bot.slack._render import render_answer, render_notice
from tests.fake_engine import CNN_AID, aid_answer


@pytest.mark.parametrize(
    ("slack_text", "plain"),
    [
        ("<@UBOT> How much aid?", "How much aid?"),
        ("How much aid, <@UBOT>?", "How much aid, ?"),
        ("<@UBOT>   ", ""),
        ("ask <@U42> or <@U43|ana>", "ask @U42 or @ana"),
        ("in <#C1|news> and <#C2>", "in #news and #C2"),
        ("<!here> <!channel> <!subteam^S1|@editors>", "@here @channel @editors"),
        ("see <https://cnn.com/x|CNN> or <https://cnn.com/y>", "see CNN or https://cnn.com/y"),
        ("AT&amp;T &lt;3 &gt;", "AT&T <3 >"),
        ("two\n\nlines", "two lines"),
    ],
)
def test_plain_text(slack_text: str, plain: str):
    """The bot's own mention goes; other markup shows as a reader sees it; entities unescaped."""
    assert plain_text(slack_text, "UBOT") == plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How much aid?", ("How much aid?", False)),
        ("public How much aid?", ("How much aid?", True)),
        ("How much aid? Public", ("How much aid?", True)),
        ("Is the deal public?", ("Is the deal public?", False)),
        ("public", ("", True)),
        ("", ("", False)),
        ("  000_b4c  public ", ("000_b4c", True)),
    ],
)
def test_split_public(text: str, expected: tuple[str, bool]):
    """`public` counts only as a whole first or last word."""
    assert split_public(text) == expected


@pytest.mark.parametrize(("channel", "dm"), [("D123", True), ("C123", False), ("G123", False)])
def test_is_dm(channel: str, dm: bool):
    """Direct conversations have ids starting with D."""
    assert is_dm(channel) is dm


def _bot_answer(ts: str) -> dict:
    message = render_answer(aid_answer())
    return {"ts": ts, "user": "UBOT", "bot_id": "BBOT", "text": message.text, "blocks": [{}]}


def test_thread_turns():
    """Earlier messages oldest first; ours as bot turns without sources; the rest left out."""
    messages = [
        {"ts": "100.000300", "user": "U2", "text": "Thanks &amp; bye"},  # after the question
        _bot_answer("100.000002"),
        {"ts": "100.000001", "user": "U1", "text": "<@UBOT> How much aid?"},
        {"ts": "100.000003", "user": "UBOT", "bot_id": "BBOT", "text": render_notice("slow").text},
        {"ts": "100.000004", "bot_id": "BOTHER", "subtype": "bot_message", "text": "Weather!"},
        {"ts": "100.000005", "user": "U3", "subtype": "channel_join", "text": "joined"},
        {"ts": "100.000006", "user": "U3", "text": "And for the navy?"},
        {"ts": "100.000010", "user": "U1", "text": "<@UBOT> current question"},
    ]
    turns = thread_turns(messages, before_ts="100.000010", bot_user_id="UBOT", bot_id="BBOT")
    assert turns == (
        Turn("user", "How much aid?"),
        Turn("bot", f"{CNN_AID} [1][2]"),
        Turn("user", "And for the navy?"),
    )


def test_thread_turns_keeps_the_latest():
    """Long threads hand over only the last few turns."""
    messages = [{"ts": f"100.{i:06d}", "user": "U1", "text": f"q{i}"} for i in range(1, 31)]
    turns = thread_turns(messages, before_ts="200.0", bot_user_id="UBOT", bot_id="BBOT", limit=3)
    assert [t.text for t in turns] == ["q28", "q29", "q30"]
