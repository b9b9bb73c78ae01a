"""The buttons under answers: one vote per person (counts on the buttons), 👎 asks what was
wrong, Show context and the closest passages privately, a link where the article has one."""

from __future__ import annotations

import json
from dataclasses import replace

from bot.records import Answer
from bot.settings import ChatSettings
from tests.discord.support import bot_messages, buttons, vote_labels
from tests.fake_engine import CNN, CNN_SENTENCES, WIRE_AID, aid_answer, cnn, refusal

QUESTION = "How much aid did Rubio announce?"


async def answered(world):
    """alice asks in #news; returns the answer message in its thread."""
    await world.alice.send(world.news, f"{world.me} {QUESTION}")
    (thread,) = world.news.threads
    (answer,) = bot_messages(thread, world.bot.user.id)
    return answer


def current(world, message):
    """The message as it is now (after edits)."""
    (thread,) = world.news.threads
    return next(m for m in thread.history() if m.id == message.id)


def private_reply(result):
    """The ephemeral message a click produced (its follow-up, or its response)."""
    return result.followups[-1].message if result.followups else result.response.message


def votes(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def test_a_vote_is_stored_with_question_answer_and_citations(world, tmp_path):
    """👍 appends one JSONL line the evaluation set can use; the count shows on the button and
    the voter is thanked privately."""
    answer = await answered(world)
    result = await world.bob.click(answer, custom_id=buttons(answer)["👍"])
    (thanks,) = [f.message for f in result.followups]
    assert thanks.flags.ephemeral and thanks.content.startswith("Thanks for the 👍, it's recorded")
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
    assert vote_labels(current(world, answer)) == {"👍": "1", "👎": None}


async def test_one_vote_per_person_a_later_click_replaces_it(world, tmp_path):
    """bob 👍 then 👍 again (no change) then 👎 (replaces); alice 👍: counts 1 and 1."""
    answer = await answered(world)
    up, down = buttons(answer)["👍"], buttons(answer)["👎"]
    await world.bob.click(answer, custom_id=up)
    again = await world.bob.click(answer, custom_id=up)
    assert again.followups[0].message.content.startswith("You had already voted that way")
    await world.bob.click(answer, custom_id=down)
    await world.alice.click(answer, custom_id=up)
    assert vote_labels(current(world, answer)) == {"👍": "1", "👎": "1"}
    store = world.bot.service.feedback
    assert [(v["user_id"], v["vote"]) for v in store.latest()] == [
        (str(world.bob.id), "down"),
        (str(world.alice.id), "up"),
    ]


async def test_a_thumbs_down_asks_what_was_wrong_and_stores_it(world, tmp_path):
    """👎 opens a short form; what is typed is stored with the vote, question and answer."""
    answer = await answered(world)
    shown = await world.bob.click(answer, custom_id=buttons(answer)["👎"])
    assert shown.modal is not None
    done = await world.bob.submit_modal(shown, {"reason": "It left out the $6 million"})
    assert done.response.content.startswith("Thanks for the 👎")
    last = votes(tmp_path / "votes.jsonl")[-1]
    assert (last["vote"], last["reason"]) == ("down", "It left out the $6 million")
    assert last["question"] == QUESTION and last["answer"].startswith(CNN_SENTENCES[17])
    assert vote_labels(current(world, answer)) == {"👍": None, "👎": "1"}


async def test_show_context_gives_each_cited_sentence_with_its_neighbours_privately(world, engine):
    """Show context: an ephemeral message quoting the neighbours of each cited sentence."""
    answer = await answered(world)
    result = await world.bob.click(answer, custom_id=buttons(answer)["Show context"])
    shown = private_reply(result)
    assert shown.flags.ephemeral
    text = "\n".join(e.description or "" for e in shown.embeds)
    assert CNN_SENTENCES[16].split("“")[0].strip()[:40] in text  # the neighbour before
    assert engine.calls_of("quote")[:2] == [(CNN, 17, 1), ("001_39477fe5179230ce", 17, 1)]


async def test_a_refusal_offers_its_closest_passages_behind_a_button(world, engine):
    """The refusal is one line; the closest passage is one click away, privately."""
    engine.script("ask", refusal("Who won the World Cup?"))
    await world.alice.send(world.news, f"{world.me} Who won the World Cup?")
    (thread,) = world.news.threads
    (message,) = bot_messages(thread, world.bot.user.id)
    assert message.embeds[0].description == "The articles don't say."
    assert CNN_SENTENCES[14] not in message.embeds[0].description
    result = await world.bob.click(message, custom_id=buttons(message)["Closest passages"])
    shown = private_reply(result)
    assert shown.flags.ephemeral and shown.embeds[0].title == "Closest passages"


async def test_an_article_with_an_address_gets_a_link_button(world, engine):
    """A cited article with a URL: a link button under the answer."""
    url = "https://www.cnn.com/2025/09/04/politics/rubio-ecuador"
    linked = replace(cnn(1, 17), url=url)
    engine.script("ask", Answer(**{**aid_answer().__dict__, "citations": (linked,)}))
    answer = await answered(world)
    assert url in buttons(answer).values()


async def test_buttons_keep_working_after_a_restart(world, engine, restart, tmp_path):
    """After a restart the vote is stored from what the message shows."""
    answer = await answered(world)
    await restart()
    await world.alice.click(answer, custom_id=buttons(answer)["👍"])
    (vote,) = votes(tmp_path / "votes.jsonl")
    assert (vote["question"], vote["answer"], vote["citations"]) == (
        QUESTION,
        CNN_SENTENCES[17],
        [],
    )
    assert WIRE_AID not in vote["answer"]


async def test_a_vote_that_cannot_be_stored_is_told_with_an_error_id(world, restart, tmp_path):
    """If the feedback file cannot be written, the voter gets one line with an error id."""
    await restart(chat=ChatSettings(feedback_path=tmp_path))  # a folder, not a file
    answer = await answered(world)
    result = await world.alice.click(answer, custom_id=buttons(answer)["👍"])
    assert result.ephemeral
    assert "Something went wrong on our side (error id" in result.response.content
