"""Rate limits and feedback storage shared by the Discord and Slack adapters."""

import pytest

from bot.chat.feedback import FeedbackStore, Vote
from bot.chat.ratelimit import ChatLimits, RateLimited


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_user_limit_says_when_to_try_again():
    """The third request in the window is refused with the wait in seconds."""
    clock = Clock()
    limits = ChatLimits(user_rate=2, channel_rate=10, window_s=60, clock=clock)
    limits.check("u1", "c1")
    clock.now += 10
    limits.check("u1", "c1")
    with pytest.raises(RateLimited) as err:
        limits.check("u1", "c1")
    assert "try again in 50 s" in err.value.message
    clock.now += 51
    limits.check("u1", "c1")


def test_channel_limit_applies_across_users():
    """Many users in one channel share the channel's limit; a refusal records nothing."""
    clock = Clock()
    limits = ChatLimits(user_rate=5, channel_rate=2, window_s=60, clock=clock)
    limits.check("u1", "c1")
    limits.check("u2", "c1")
    with pytest.raises(RateLimited) as err:
        limits.check("u3", "c1")
    assert err.value.scope == "channel"
    limits.check("u3", "c2")


def test_votes_are_appended_with_question_answer_and_citations(tmp_path):
    """Each vote is one JSON line that can grow the evaluation set."""
    store = FeedbackStore(tmp_path / "votes" / "feedback.jsonl")
    store.add(Vote("discord", "u1", "c1", "up", "Q?", "A [1].", ({"n": 1, "text": "S."},)))
    store.add(Vote("slack", "u2", "c2", "down", "Q2?", "B."))
    votes = store.read()
    assert [v["vote"] for v in votes] == ["up", "down"]
    assert votes[0]["citations"] == [{"n": 1, "text": "S."}] and votes[1]["question"] == "Q2?"
