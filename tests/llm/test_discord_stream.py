"""Streaming on Discord (simcord): the answer appears as the model writes it, then the message
is edited into the checked answer; a model that fails mid-way leaves the extractive answer."""

from __future__ import annotations

import discord
import simcord

from bot.discord import create_bot
from bot.llm.stream import WRITING as CHECKED_STREAM_PLACEHOLDER
from tests.discord.support import bot_messages, make_settings, message_problems, text_of
from tests.llm.fake_llm import Reply
from tests.llm.support import AID, NAVY, QUESTION, number_of

WRITING = "Writing… each sentence is checked"


async def mention_in_news(env: simcord.Env) -> tuple[simcord.ChannelHandle, discord.Message]:
    """alice asks QUESTION of the bot in #news: the thread it answers in, and its one reply."""
    guild = env.create_guild("Newsroom")
    news = guild.create_text_channel("news")
    alice = guild.add_member(env.create_user("alice"))
    me = env.bot.user
    assert me is not None
    await alice.send(news, f"{me.mention} {QUESTION}")
    (thread,) = news.threads
    (reply,) = bot_messages(thread, me.id)
    return thread, reply


def streamed_answer(prompt: str) -> Reply:
    """A two-sentence cited answer, sent in small pieces over about three seconds."""
    text = (
        f"Rubio announced $13.5 million to help Ecuador improve security "
        f"[{number_of(prompt, AID)}]. The US will also provide $6 million in UAVs for "
        f"Ecuador's Navy [{number_of(prompt, NAVY)}]."
    )
    return Reply(text, chunk_delay_s=0.14)


async def test_a_mention_is_edited_from_partial_text_into_the_checked_answer(
    make_engine, fake_llm, tmp_path
):
    """A "writing" placeholder is posted, edited (at most once a second) with the sentences
    that passed the checker so far, and its last edit is the answer with its cited sentences;
    the model's unchecked text is never shown."""
    fake_llm.script(streamed_answer)
    async with simcord.run(
        create_bot(make_settings(tmp_path), engine=make_engine()), settle_timeout=30
    ) as env:
        thread, reply = await mention_in_news(env)
        requests = [r for r in env.http_requests if f"/channels/{thread.id}/messages" in r.path]

    posted, *edits = requests
    assert posted.method == "POST" and WRITING in posted.json["content"]
    assert posted.json["content"].startswith(CHECKED_STREAM_PLACEHOLDER)
    assert [r.method for r in edits] == ["PATCH"] * len(edits) and len(edits) >= 2
    partial_edits, final = edits[:-1], edits[-1]
    assert all(WRITING in r.json["content"] for r in partial_edits)
    assert any(
        r.json["content"].startswith("Rubio announced $13.5 million to help Ecuador improve")
        for r in partial_edits
    )
    assert not any("[" in r.json["content"].split("\n")[0] for r in partial_edits)
    assert final.json["content"] is None and final.json["embeds"]
    shown = text_of(reply)
    assert message_problems(reply) == [] and WRITING not in shown and not reply.content
    assert "Rubio announced $13.5 million to help Ecuador improve security. [1]" in shown
    assert "sentence 17" in shown and "sentence 18" in shown


async def test_a_model_that_fails_mid_stream_leaves_the_extractive_answer(
    make_engine, fake_llm, tmp_path, story
):
    """Partial text was shown, then the model stalled past LLM_TIMEOUT_S: the same message is
    edited into the extractive answer, with the note saying why."""
    fake_llm.script(Reply("Rubio announced a great deal of money for the", chunk_delay_s=0.5))
    engine = make_engine(timeout_s=1.2)
    async with simcord.run(
        create_bot(make_settings(tmp_path), engine=engine), settle_timeout=30
    ) as env:
        thread, reply = await mention_in_news(env)
        methods = [
            r.method for r in env.http_requests if f"/channels/{thread.id}/messages" in r.path
        ]

    assert methods[0] == "POST" and methods[-1] == "PATCH"
    shown = text_of(reply)
    assert WRITING not in shown and not reply.content
    assert "did not answer within 1.2 s; this answer quotes the articles instead." in shown
    expected = story.ask(QUESTION)
    assert expected.claims[0].text[:40] in shown.replace("\\", "")


async def test_ask_fills_its_thinking_response_as_the_answer_is_written(
    make_engine, fake_llm, tmp_path
):
    """/ask: "thinking…" is replaced by the partial text, then edited into the checked answer;
    no follow-up message is left behind."""
    fake_llm.script(streamed_answer)
    engine = make_engine(timeout_s=20)
    async with simcord.run(
        create_bot(make_settings(tmp_path), engine=engine), settle_timeout=30
    ) as env:
        guild = env.create_guild("Newsroom")
        news = guild.create_text_channel("news")
        alice = guild.add_member(env.create_user("alice"))
        result = await alice.slash(news, "ask", question=QUESTION)
        edits = [r for r in env.http_requests if r.method == "PATCH" and "@original" in r.path]

    assert result.followups == []
    assert len(edits) >= 2 and all(WRITING in r.json["content"] for r in edits[:-1])
    message = result.response.message
    shown = text_of(message)
    assert WRITING not in shown and not message.content
    assert "Rubio announced $13.5 million to help Ecuador improve security. [1]" in shown
