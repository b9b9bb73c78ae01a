"""Mentions, replies, threads and auto-answer channels, through discord.py inside simcord."""

from __future__ import annotations

import logging
import re

import discord

from bot.chat.ratelimit import RateLimited
from bot.records import Answer, Citation, Claim, Turn
from bot.settings import ChatSettings
from index.errors import NotFoundError, StoreError
from tests.discord.support import (
    allows_no_mentions,
    bot_messages,
    buttons,
    message_problems,
    sent_bodies,
    text_of,
)
from tests.fake_engine import CNN, CNN_SENTENCES, WIRE_AID, FakeEngine, aid_answer

QUESTION = "How much aid did Rubio announce?"


async def ask_in_news(world, content: str | None = None):
    """alice mentions the bot in #news; returns the thread it opened."""
    await world.alice.send(world.news, content or f"{world.me} {QUESTION}")
    (thread,) = world.news.threads
    return thread


async def test_a_mention_is_answered_in_a_thread_opened_on_the_question(world, engine):
    """The thread is named after the question; the answer cites both articles."""
    thread = await ask_in_news(world)
    assert thread.name == QUESTION
    (answer,) = bot_messages(thread, world.bot.user.id)
    (embed,) = answer.embeds
    assert embed.title == QUESTION
    assert CNN_SENTENCES[17] in embed.description and WIRE_AID in embed.description
    assert "**[1]** CNN · Kylie Atwood · 2025-09-04 · sentence 17" in embed.description
    assert set(buttons(answer)) == {"👍", "👎", "Show context"}
    assert engine.calls_of("ask") == [(QUESTION, ())]


async def test_the_bot_shows_typing_in_the_thread_before_answering(world):
    """Typing is sent to the thread, then the answer is posted there."""
    thread = await ask_in_news(world)
    calls = [(r.method, r.path) for r in world.env.http_requests]
    typing = calls.index(("POST", f"/channels/{thread.id}/typing"))
    assert calls.index(("POST", f"/channels/{thread.id}/messages")) > typing


async def test_a_follow_up_mention_in_the_thread_gets_the_thread_as_history(world, engine):
    """ "and the Navy?" is asked with the question and the answer before it."""
    thread = await ask_in_news(world)
    await world.alice.send(thread, f"{world.me} and the Navy?")
    (_, follow_up) = engine.calls_of("ask")
    assert follow_up == (
        "and the Navy?",
        (Turn("user", QUESTION), Turn("bot", CNN_SENTENCES[17])),
    )
    reply = bot_messages(thread, world.bot.user.id)[-1]
    assert CNN_SENTENCES[18] in reply.embeds[0].description
    assert "Understood as: How much aid did Rubio announce for Ecuador's Navy?" in (
        reply.embeds[0].footer.text
    )
    assert reply.reference is not None  # replies to the follow-up it answers


async def test_a_reply_to_the_bot_is_answered_without_a_mention(world, engine):
    """Replying to storybot's answer is enough."""
    thread = await ask_in_news(world)
    (answer,) = bot_messages(thread, world.bot.user.id)
    await world.bob.send(thread, "and the Navy?", reply_to=answer)
    assert [q for q, _ in engine.calls_of("ask")] == [QUESTION, "and the Navy?"]
    assert len(bot_messages(thread, world.bot.user.id)) == 2


async def test_a_reply_outside_a_thread_carries_what_it_replies_to(world, engine):
    """Where no thread could be used, a reply brings the answer and its question as history."""
    channel = world.guild.create_text_channel(
        "no-threads",
        overwrites={world.guild.me: discord.PermissionOverwrite(create_public_threads=False)},
    )
    await world.alice.send(channel, f"{world.me} {QUESTION}")
    answer = bot_messages(channel, world.bot.user.id)[-1]
    await world.alice.send(channel, "and the Navy?", reply_to=answer)
    (_, follow_up) = engine.calls_of("ask")
    assert follow_up[1] == (Turn("user", QUESTION), Turn("bot", CNN_SENTENCES[17]))


async def test_without_thread_permission_the_answer_is_a_reply_in_the_channel(world):
    """A channel where storybot cannot open threads gets the answer in place."""
    channel = world.guild.create_text_channel(
        "no-threads",
        overwrites={world.guild.me: discord.PermissionOverwrite(create_public_threads=False)},
    )
    question = await world.alice.send(channel, f"{world.me} {QUESTION}")
    (answer,) = bot_messages(channel, world.bot.user.id)
    assert answer.reference.message_id == question.id
    assert not channel.threads


async def test_plain_messages_in_the_thread_are_left_alone(world, engine):
    """People talking among themselves in the thread are not answered."""
    thread = await ask_in_news(world)
    await world.bob.send(thread, "interesting, thanks")
    assert len(engine.calls_of("ask")) == 1
    assert len(bot_messages(thread, world.bot.user.id)) == 1


async def test_other_bots_webhooks_and_everyone_pings_are_ignored(world, engine):
    """Bots (itself included), webhooks and @everyone never make storybot answer."""
    other = world.guild.add_member(world.env.create_user("otherbot", bot=True))
    await other.send(world.news, f"{world.me} {QUESTION}")
    await world.guild.create_webhook(world.news, "feeds").send(f"{world.me} {QUESTION}")
    await world.alice.send(world.news, f"@everyone {QUESTION}")
    assert engine.calls == []
    assert bot_messages(world.news, world.bot.user.id) == []


async def test_a_mention_of_the_bots_role_counts_as_a_mention(world, engine):
    """People often pick storybot's role from the mention list."""
    role = world.guild.roles[world.bot.user.name]
    await world.alice.send(world.news, f"{role.mention} {QUESTION}")
    assert engine.calls_of("ask") == [(QUESTION, ())]


async def test_nobody_is_pinged_by_anything_the_bot_sends(world, engine):
    """Questions and articles containing @everyone, roles or users ping nobody."""
    role = world.guild.create_role("editors", mentionable=True)
    loud = f"@everyone @here {role.mention} {world.bob.mention} ask them"
    engine.script(
        "ask",
        Answer(
            loud, True, (Claim(loud, (1,)),), (Citation(1, CNN, None, "CNN", None, None, 3, loud),)
        ),
        StoreError(f"{loud} broke", "Tell @here"),
    )
    thread = await ask_in_news(world, f"{world.me} {loud}")
    await world.alice.send(thread, f"{world.me} {loud} again?")
    bodies = sent_bodies(world.env)
    assert len(bodies) == 2
    assert all(allows_no_mentions(body) for body in bodies), bodies
    for message in bot_messages(thread, world.bot.user.id):
        assert not message.mention_everyone
    assert "@here" in bot_messages(thread, world.bot.user.id)[-1].content


async def test_auto_channels_answer_without_a_mention(world, engine, restart):
    """Every message in an auto-answer channel, and in its threads, is a question."""
    await restart(auto_channels=(world.news.id,))
    await world.alice.send(world.news, QUESTION)
    (thread,) = world.news.threads
    await world.bob.send(thread, "and the Navy?")
    assert [q for q, _ in engine.calls_of("ask")] == [QUESTION, "and the Navy?"]
    await world.alice.send(world.news, "", attachments=[("chart.png", b"\x89PNG")])  # no question
    assert len(engine.calls_of("ask")) == 2 and len(world.news.threads) == 1


async def test_a_channel_outside_the_allow_list_is_told_where_to_ask(world, engine, restart):
    """Not allowed: one line naming the allowed channel, and no engine call."""
    desk = world.guild.create_text_channel("desk")
    await restart(allowed_channels=(desk.id,))
    await world.alice.send(world.news, f"{world.me} {QUESTION}")
    (reply,) = bot_messages(world.news, world.bot.user.id)
    assert reply.content == f"I'm not enabled in this channel. Try <#{desk.id}>."
    assert engine.calls == []
    await world.alice.send(desk, f"{world.me} {QUESTION}")
    assert len(engine.calls_of("ask")) == 1


async def test_threads_of_an_allowed_channel_are_allowed(world, engine, restart):
    """A follow-up in a thread counts as its channel."""
    await restart(allowed_channels=(world.news.id,))
    thread = await ask_in_news(world)
    await world.alice.send(thread, f"{world.me} and the Navy?")
    assert len(engine.calls_of("ask")) == 2


def _reactions(channel, emoji: str) -> list[int]:
    """Ids of the messages in `channel` that carry `emoji` as a reaction."""
    return [m.id for m in channel.history() if any(str(r.emoji) == emoji for r in m.reactions)]


async def test_rate_limits_are_told_once_privately_with_a_reaction_on_each(world, engine, restart):
    """Per user, then per channel: ⏳ on every refused message, the line with the wait once
    per window in a DM, nothing public in the channel, and no engine call."""
    await restart(chat=ChatSettings(user_rate=1, channel_rate=2, rate_window_s=60))
    await world.alice.send(world.news, f"{world.me} {QUESTION}")
    refused = [await world.alice.send(world.news, f"{world.me} again {i}?") for i in range(3)]
    await world.bob.send(world.news, f"{world.me} {QUESTION}")
    carol = world.guild.add_member(world.env.create_user("carol"))
    carols = await carol.send(world.news, f"{world.me} {QUESTION}")
    assert bot_messages(world.news, world.bot.user.id) == []  # nothing said in public
    assert set(_reactions(world.news, "⏳")) == {m.id for m in [*refused, carols]}
    (to_alice,) = bot_messages(world.alice.user.dm_channel, world.bot.user.id)
    assert re.fullmatch(
        r"You are asking a little fast\. Please try again in \d+ s\.", to_alice.content
    )
    (to_carol,) = bot_messages(carol.user.dm_channel, world.bot.user.id)
    assert to_carol.content.startswith(RateLimited(60, "channel").message.split(".")[0])
    assert len(engine.calls_of("ask")) == 2


async def test_a_bare_mention_asks_for_a_question(world, engine):
    """A mention with nothing to ask gets an example, not an engine call."""
    await world.alice.send(world.news, world.me)
    (reply,) = bot_messages(world.news, world.bot.user.id)
    assert reply.content.startswith("Ask me a question about the story")
    assert engine.calls == []


async def test_direct_messages_are_answered_without_a_mention(world, engine):
    """A DM is a question; the last half hour of the conversation is its history."""
    alice = world.alice.user
    await alice.send_dm("Who visited Quito?")
    await alice.send_dm("how much aid did he announce?")
    replies = bot_messages(alice.dm_channel, world.bot.user.id)
    assert CNN_SENTENCES[17] in replies[-1].embeds[0].description
    (first, _), (second, history) = engine.calls_of("ask")
    assert (first, second) == ("Who visited Quito?", "how much aid did he announce?")
    assert history[0] == Turn("user", "Who visited Quito?")


async def test_engine_errors_are_told_in_one_line_in_the_thread(world, engine: FakeEngine):
    """A StorybotError is shown as its own message, where the answer would have been."""
    engine.script("ask", NotFoundError("No articles are stored yet", "Add some with /ingest"))
    thread = await ask_in_news(world)
    (reply,) = bot_messages(thread, world.bot.user.id)
    assert reply.content == "No articles are stored yet. Add some with /ingest."


async def test_unexpected_errors_show_an_id_that_is_in_the_log(world, engine, caplog):
    """A bug is never shown; the user gets an error id the log also has."""
    engine.script("ask", RuntimeError("index out of range in the retriever"))
    with caplog.at_level(logging.ERROR):
        thread = await ask_in_news(world)
    (reply,) = bot_messages(thread, world.bot.user.id)
    error_id = re.search(r"error id ([0-9a-f]{8})", reply.content).group(1)
    assert "retriever" not in reply.content
    assert any(error_id in r.getMessage() and r.exc_info for r in caplog.records)


async def test_a_failed_send_is_told_in_the_thread_and_logged(world, caplog):
    """If Discord refuses the answer (a 500), the asker is told in one line in the thread the
    answer was meant for, with an error id the log has too."""
    world.env.inject_error("POST", "/channels/*/messages", status=500, times=1)
    with caplog.at_level(logging.ERROR):
        thread = await ask_in_news(world)
    assert bot_messages(world.news, world.bot.user.id) == []
    (reply,) = bot_messages(thread, world.bot.user.id)
    assert reply.content.startswith("Discord had trouble taking my answer just now.")
    error_id = re.search(r"error id ([0-9a-f]{8})", reply.content).group(1)
    assert any(error_id in r.getMessage() for r in caplog.records)


async def test_a_long_answer_is_split_over_messages_within_every_limit(world, engine):
    """Every message fits Discord's limits; the buttons come once, under the last part."""
    sentences = [f"Sentence {n} " + "about the aid package " * 60 for n in range(1, 31)]
    engine.script(
        "ask",
        Answer(
            QUESTION,
            True,
            tuple(Claim(s, (n,)) for n, s in enumerate(sentences, 1)),
            tuple(
                Citation(n, CNN, "t", "CNN", "Kylie Atwood", "2025-09-04", n, s)
                for n, s in enumerate(sentences, 1)
            ),
        ),
    )
    thread = await ask_in_news(world)
    parts = bot_messages(thread, world.bot.user.id)
    assert len(parts) > 1
    assert all(message_problems(m) == [] for m in parts)
    assert [bool(buttons(m)) for m in parts] == [False] * (len(parts) - 1) + [True]
    shown = "\n".join(text_of(m) for m in parts)
    for n, s in enumerate(sentences, 1):  # each sentence quoted once, each source listed
        assert shown.count(f"> {s.strip()} [{n}]") == 1
        assert f"**[{n}]** CNN · Kylie Atwood · 2025-09-04 · sentence {n}" in shown


async def test_answers_list_only_the_cited_sources(world, engine):
    """Citations no claim uses are not shown."""
    answer = aid_answer()
    engine.script("ask", Answer(**{**answer.__dict__, "claims": (Claim(CNN_SENTENCES[17], (1,)),)}))
    thread = await ask_in_news(world)
    (reply,) = bot_messages(thread, world.bot.user.id)
    assert "**[1]**" in reply.embeds[0].description
    assert "**[2]**" not in reply.embeds[0].description and WIRE_AID not in text_of(reply)
