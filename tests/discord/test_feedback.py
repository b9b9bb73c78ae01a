"""👍/👎 under answers: each click stores a vote with the question, answer and citations."""

from __future__ import annotations

import json

from bot.settings import ChatSettings
from tests.discord.support import bot_messages, buttons
from tests.fake_engine import CNN, CNN_SENTENCES

QUESTION = "How much aid did Rubio announce?"


async def answered(world):
    """alice asks in #news; returns the answer message in its thread."""
    await world.alice.send(world.news, f"{world.me} {QUESTION}")
    (thread,) = world.news.threads
    (answer,) = bot_messages(thread, world.bot.user.id)
    return answer


def votes(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def test_a_vote_is_stored_with_question_answer_and_citations(world, tmp_path):
    """👍 appends one JSONL line the evaluation set can use; the voter is thanked privately."""
    answer = await answered(world)
    result = await world.bob.click(answer, custom_id=buttons(answer)["👍"])
    assert result.ephemeral
    assert result.response.content == "Thanks for the 👍, it's recorded."
    (vote,) = votes(tmp_path / "votes.jsonl")
    assert vote["platform"] == "discord" and vote["vote"] == "up"
    assert vote["user_id"] == str(world.bob.id)
    assert vote["question"] == QUESTION
    assert vote["answer"] == f"{CNN_SENTENCES[17]} [1][2]"
    assert [(c["n"], c["article_id"], c["byline"], c["sentence"]) for c in vote["citations"]] == [
        (1, CNN, "Kylie Atwood", 17),
        (2, "001_39477fe5179230ce", None, 17),
    ]
    assert buttons(answer)["👍"].endswith(vote["answer_id"])


async def test_each_click_is_a_vote(world, tmp_path):
    """Different people (or second thoughts) each add a line."""
    answer = await answered(world)
    await world.alice.click(answer, custom_id=buttons(answer)["👎"])
    await world.bob.click(answer, custom_id=buttons(answer)["👍"])
    assert [v["vote"] for v in votes(tmp_path / "votes.jsonl")] == ["down", "up"]


async def test_buttons_keep_working_after_a_restart(world, engine, restart, tmp_path):
    """After a restart the vote is stored from what the message shows."""
    answer = await answered(world)
    await restart()
    result = await world.alice.click(answer, custom_id=buttons(answer)["👎"])
    assert result.response.content == "Thanks for the 👎, it's recorded."
    (vote,) = votes(tmp_path / "votes.jsonl")
    assert (vote["question"], vote["answer"], vote["citations"]) == (
        QUESTION,
        CNN_SENTENCES[17],
        [],
    )


async def test_a_vote_that_cannot_be_stored_is_told_with_an_error_id(world, restart, tmp_path):
    """If the feedback file cannot be written, the voter gets one line with an error id."""
    await restart(chat=ChatSettings(feedback_path=tmp_path))  # a folder, not a file
    answer = await answered(world)
    result = await world.alice.click(answer, custom_id=buttons(answer)["👍"])
    assert result.ephemeral
    assert "Something went wrong on our side (error id" in result.response.content
