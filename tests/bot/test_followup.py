"""Follow-up questions are made standalone from the conversation before retrieval."""

import pytest

from bot.answers.followup import resolve_followup
from bot.records import Turn

HISTORY = (
    Turn("user", "How much aid did Rubio announce?"),
    Turn("bot", "Rubio also announced the US would provide $13.5 million [1]."),
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how much did he give?", "how much did Rubio give?"),
        ("Who did he praise?", "Who did Rubio praise?"),
        ("and the Navy?", "and the Navy? (How much aid did Rubio announce?)"),
        ("what about drones?", "what about drones? (How much aid did Rubio announce?)"),
        ("What are Los Choneros?", "What are Los Choneros?"),
    ],
)
def test_follow_ups_are_resolved_against_the_thread(question, expected):
    """Pronouns take the last name mentioned; elliptical questions carry the previous one."""
    assert resolve_followup(question, HISTORY) == expected


def test_a_first_question_is_left_alone():
    """Without history there is nothing to resolve."""
    assert resolve_followup("how much did he give?", ()) == "how much did he give?"
