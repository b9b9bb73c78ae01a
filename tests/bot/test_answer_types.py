"""The answer type a question expects, and whether a sentence holds one."""

import pytest

from bot.answers.answer_types import expected_type, has_type


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much aid did Rubio announce?", "number"),
        ("What is Ecuador's population?", "number"),
        ("How long will the asylum seekers stay in Ecuador?", "duration"),
        ("When did Rubio visit Quito?", "date"),
        ("Who did Rubio praise?", "person"),
        ("Where did Rubio speak?", "place"),
        ("What are Los Choneros?", None),
    ],
)
def test_expected_type(question, kind):
    """Question words map to the kind of answer they ask for."""
    assert expected_type(question) == kind


@pytest.mark.parametrize(
    ("text", "kind", "ok"),
    [
        ("The US will provide another $6 million in UAVs.", "number", True),
        ("Gangs are still rampant in the country.", "number", False),
        ("The topic was discussed on Thursday.", "date", True),
        ("They will stay for two years.", "duration", True),
        ("They will be sent to Ecuador.", "duration", False),
        ("Anything at all.", None, True),
    ],
)
def test_has_type(text, kind, ok):
    """A sentence holds an answer of the expected kind, or not."""
    assert has_type(text, kind) is ok
