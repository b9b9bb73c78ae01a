"""The readers' slash commands through discord.py's command tree inside simcord."""

from __future__ import annotations

import logging
import re

import pytest

from bot.discord._errors import Refused
from bot.records import Claim, Summary, Turn
from bot.settings import ChatSettings
from index.errors import NotFoundError
from tests.discord.support import (
    allows_no_mentions,
    buttons,
    message_problems,
    sent_bodies,
    text_of,
)
from tests.fake_engine import CNN, CNN_SENTENCES, WIRE, WIRE_AID, cnn

QUESTION = "How much aid did Rubio announce?"


def shown(result) -> list:
    """The messages an interaction produced: the response, then its follow-ups."""
    messages = [result.response.message] if result.response else []
    return messages + [f.message for f in result.followups if f.id != result.response.id]


def deferred(env) -> bool:
    """True if the last interaction was acknowledged with "thinking…" (callback type 5)."""
    callbacks = [r.json["type"] for r in env.http_requests if r.path.endswith("/callback")]
    return callbacks[-1] == 5


def acknowledge(env, *kinds: type[BaseException]) -> None:
    """Assert the command errors the tree handled were exactly these (in order)."""
    errors = env.errors
    originals = [getattr(e, "original", e) for e in errors]
    assert [type(e) for e in originals] == list(kinds), errors


def test_readers_see_their_commands_and_not_the_admin_ones(world):
    """Synced at startup: the six readers' commands; /ingest and /forget are hidden."""
    assert sorted(world.alice.available_commands(world.news)) == [
        "ask",
        "compare",
        "quote",
        "sources",
        "summary",
        "timeline",
    ]


async def test_ask_defers_then_answers_with_citations_and_buttons(world, engine):
    """Slow work is deferred; the answer embed cites both articles and has 👍/👎."""
    result = await world.alice.slash(world.news, "ask", question=QUESTION)
    assert deferred(world.env) and not result.ephemeral
    (message,) = shown(result)
    (embed,) = message.embeds
    assert embed.title == QUESTION
    assert CNN_SENTENCES[17] in embed.description and WIRE_AID in embed.description
    assert set(buttons(message)) == {"👍", "👎", "Show context"}
    assert engine.calls_of("ask") == [(QUESTION, ())]


async def test_ask_in_a_thread_uses_the_thread_as_history(world, engine):
    """/ask inside storybot's thread resolves follow-ups like a mention does."""
    await world.alice.send(world.news, f"{world.me} {QUESTION}")
    (thread,) = world.news.threads
    await world.alice.slash(thread, "ask", question="and the Navy?")
    assert engine.calls_of("ask")[-1] == (
        "and the Navy?",
        (Turn("user", QUESTION), Turn("bot", CNN_SENTENCES[17])),
    )


@pytest.mark.parametrize(
    ("options", "article", "title"),
    [
        ({}, None, "Summary of the story"),
        ({"article": CNN}, CNN, "Summary of US and Ecuador near deal"),
    ],
)
async def test_summary_of_the_story_or_one_article(world, engine, options, article, title):
    """Cited bullets for the whole story, or for the chosen article."""
    result = await world.alice.slash(world.news, "summary", **options)
    assert deferred(world.env)
    (message,) = shown(result)
    assert message.embeds[0].title.startswith(title)
    assert f"• {CNN_SENTENCES[14]} [1]" in message.embeds[0].description
    assert engine.calls_of("summary") == [(article, None)]


@pytest.mark.parametrize(
    ("command", "typed", "values"),
    [
        ("summary", "", [CNN, WIRE]),
        ("summary", "ecuador", [CNN]),
        ("quote", "001", [WIRE]),
        ("quote", "nothing", []),
    ],
)
async def test_article_options_autocomplete_titles_and_ids(world, command, typed, values):
    """Typing into `article` offers the stored articles that match."""
    choices = await world.alice.autocomplete(world.news, command, "article", typed)
    assert [c["value"] for c in choices] == values


async def test_autocomplete_reads_the_articles_once_a_minute(world, engine):
    """The article list is cached, so typing does not queue engine calls."""
    for typed in ("e", "ec", "ecu"):
        await world.alice.autocomplete(world.news, "summary", "article", typed)
    assert len(engine.calls_of("sources")) == 1


async def test_sources_lists_the_stored_articles(world):
    """Each article with its id, outlet, byline, date and sentence count."""
    result = await world.alice.slash(world.news, "sources")
    (message,) = shown(result)
    assert message.embeds[0].title == "Stored articles (2)"
    assert f"`{CNN}` · CNN · Kylie Atwood · 2025-09-04 · 19 sentences" in text_of(message)


async def test_sources_on_an_empty_store_says_how_to_fill_it(world, engine):
    """No articles is one line, not an empty list."""
    engine.script("sources", [])
    (message,) = shown(await world.alice.slash(world.news, "sources"))
    assert message.content == "No articles are stored yet. An admin can add some with /ingest."


async def test_quote_shows_the_sentence_with_its_neighbours(world, engine):
    """The sentence in bold between its numbered neighbours."""
    result = await world.alice.slash(world.news, "quote", article=CNN, sentence=17)
    (message,) = shown(result)
    assert f"**`17` {CNN_SENTENCES[17]}**" in message.embeds[0].description
    assert f"`16` {CNN_SENTENCES[16]}" in message.embeds[0].description
    assert engine.calls_of("quote") == [(CNN, 17, 1)]


async def test_quote_context_is_optional_and_bounded(world, engine):
    """`context` goes to the engine; Discord refuses values outside 0-5."""
    await world.alice.slash(world.news, "quote", article=CNN, sentence=17, context=3)
    assert engine.calls_of("quote") == [(CNN, 17, 3)]
    with pytest.raises(Exception, match="context"):
        await world.alice.slash(world.news, "quote", article=CNN, sentence=17, context=9)


async def test_an_engine_error_is_one_private_line(world, engine):
    """A StorybotError reaches the user as its message; the tree's handler saw it."""
    engine.script("quote", NotFoundError(f"{CNN} has 19 sentences, not 40", "Pick 1 to 19"))
    result = await world.alice.slash(world.news, "quote", article=CNN, sentence=40)
    (message,) = shown(result)
    assert message.content == f"{CNN} has 19 sentences, not 40. Pick 1 to 19."
    acknowledge(world.env, NotFoundError)


async def test_an_unexpected_error_shows_an_id_that_is_logged(world, engine, caplog):
    """Bugs are logged with an id the user is given, never shown."""
    engine.script("summary", ZeroDivisionError("division by zero in MMR"))
    with caplog.at_level(logging.ERROR):
        result = await world.alice.slash(world.news, "summary")
    (message,) = shown(result)
    error_id = re.search(r"error id ([0-9a-f]{8})", message.content).group(1)
    assert "MMR" not in message.content
    assert any(error_id in r.getMessage() for r in caplog.records)
    acknowledge(world.env, ZeroDivisionError)


async def test_not_allowed_here_is_told_privately_without_asking_the_engine(world, engine, restart):
    """A channel outside the allow-list: one ephemeral line, no deferral, no engine call."""
    desk = world.guild.create_text_channel("desk")
    await restart(allowed_channels=(desk.id,))
    result = await world.alice.slash(world.news, "ask", question=QUESTION)
    assert result.ephemeral and not deferred(world.env)
    assert result.response.content == f"I'm not enabled in this channel. Try <#{desk.id}>."
    assert engine.calls == []
    acknowledge(world.env, Refused)


async def test_rate_limited_commands_say_when_to_try_again(world, engine, restart):
    """Over the per-user limit: a private line with the wait; the engine is not called."""
    await restart(chat=ChatSettings(user_rate=1, channel_rate=10, rate_window_s=60))
    await world.alice.slash(world.news, "sources")
    result = await world.alice.slash(world.news, "ask", question=QUESTION)
    assert result.ephemeral
    assert re.fullmatch(
        r"You are asking a little fast\. Please try again in \d+ s\.", result.response.content
    )
    assert engine.calls_of("ask") == []
    acknowledge(world.env, Refused)


async def test_long_summaries_are_split_over_follow_ups_within_every_limit(world, engine):
    """A summary too long for one message arrives in several, each within Discord's limits."""
    long = [f"Point {n}: " + "the aid package for Ecuador " * 50 for n in range(1, 26)]
    citations = tuple(
        cnn(1, 17).__class__(n, CNN, "t", "CNN", "Kylie Atwood", "2025-09-04", n, s)
        for n, s in enumerate(long, 1)
    )
    engine.script(
        "summary",
        Summary(None, tuple(Claim(s, (n,)) for n, s in enumerate(long, 1)), citations),
    )
    messages = shown(await world.alice.slash(world.news, "summary"))
    assert len(messages) > 1
    assert all(message_problems(m) == [] for m in messages)
    everything = "\n".join(text_of(m) for m in messages)
    assert all(
        f"**[{n}]** CNN · Kylie Atwood · 2025-09-04 · sentence {n}" in everything
        for n in range(1, 26)
    )


async def test_commands_never_ping(world, engine):
    """Every response and follow-up is sent with mentions disabled."""
    await world.alice.slash(world.news, "ask", question=f"@everyone {QUESTION}")
    await world.alice.slash(world.news, "sources")
    bodies = sent_bodies(world.env)
    assert bodies and all(allows_no_mentions(b) for b in bodies), bodies


async def test_with_a_guild_id_commands_are_registered_in_that_server_only(world, restart):
    """DISCORD_GUILD_ID registers the commands in that server (instantly, while testing) and
    empties the global list, so no command shows twice there."""
    await restart(guild_id=world.guild.id)
    puts = [(r.path, r.json) for r in world.env.http_requests if r.method == "PUT"]
    (guild_put,) = [
        body for path, body in puts if path.endswith(f"/guilds/{world.guild.id}/commands")
    ]
    assert {c["name"] for c in guild_put} >= {"ask", "sources", "quote"}
    assert puts[-1][0].endswith("/commands") and "/guilds/" not in puts[-1][0]
    assert puts[-1][1] == []
    assert sorted(world.alice.available_commands(world.news)).count("ask") == 1
    result = await world.alice.slash(world.news, "sources")
    assert shown(result)[0].embeds[0].title == "Stored articles (2)"
