"""/ingest and /forget: who may use them, what they accept, and what they say."""

from __future__ import annotations

import discord
import pytest

from bot.discord._errors import Refused
from bot.records import IngestedArticle, IngestReport
from bot.settings import IndexSettings
from index.errors import InputError, NotFoundError
from tests.discord.support import allows_no_mentions, sent_bodies, text_of
from tests.fake_engine import CNN, SOURCES, WIRE

URL = "https://edition.cnn.com/2025/09/04/politics/rubio-ecuador"


@pytest.fixture
def manager(world):
    """A member with Manage Server."""
    role = world.guild.create_role("managers", permissions=discord.Permissions(manage_guild=True))
    return world.guild.add_member(world.env.create_user("maya"), roles=[role])


def said(result) -> str:
    """What an interaction finally showed (the edited response or its first follow-up)."""
    message = result.response.message
    return text_of(message).strip()


def acknowledge(env, *kinds: type[BaseException]) -> None:
    """Assert the command errors the tree handled were exactly these."""
    assert [type(getattr(e, "original", e)) for e in env.errors] == list(kinds)


async def test_managers_see_the_admin_commands(world, manager):
    """Without admin roles configured, /ingest and /forget are for Manage Server only."""
    assert {"ingest", "forget"} <= set(manager.available_commands(world.news))
    assert not {"ingest", "forget"} & set(world.alice.available_commands(world.news))


async def test_ingest_a_url_says_what_was_stored(world, manager, engine):
    """The URL goes to the engine; the reply lists each article stored."""
    result = await manager.slash(world.news, "ingest", url=URL)
    assert engine.calls_of("ingest") == [((URL,),)]
    assert "✅ added `web_0` · 19 sentences, 6 chunks" in said(result)
    assert "Stored 1 article · 19 sentences · 0 failures" in said(result)


async def test_ingest_an_attached_file(world, manager, engine):
    """An attached .md file is read and stored under its name."""
    body = b"# Rubio in Quito\n\nRubio announced $13.5 million in aid.\n"
    result = await manager.slash(world.news, "ingest", file=("rubio.md", body))
    assert engine.calls_of("ingest_bytes") == [("rubio.md", body)]
    assert "✅ added `rubio`" in said(result)


async def test_ingest_a_url_and_a_file_together(world, manager, engine):
    """Both are stored and reported in one reply."""
    result = await manager.slash(world.news, "ingest", url=URL, file=("a.txt", b"Text."))
    assert "`web_0`" in said(result) and "`a`" in said(result)
    assert "Stored 2 articles" in said(result)


@pytest.mark.parametrize(
    ("options", "line"),
    [
        ({}, "Give a URL or attach a .txt, .md or .html file to ingest."),
        ({"url": "/etc/passwd"}, "Only http:// or https:// URLs can be ingested; `/etc/passwd`"),
        ({"url": "file:///etc/passwd"}, "Only http:// or https:// URLs can be ingested"),
        ({"file": ("scan.pdf", b"%PDF-1.7")}, "`scan.pdf` is not a .txt, .md or .html file"),
    ],
)
async def test_bad_input_is_refused_in_one_private_line(world, manager, engine, options, line):
    """Nothing to ingest, a path instead of a URL, a PDF: told at once; the engine is not used."""
    result = await manager.slash(world.news, "ingest", **options)
    assert result.ephemeral
    assert result.response.content.startswith(line)
    assert engine.calls == []
    acknowledge(world.env, InputError)


async def test_a_file_over_the_size_limit_is_refused_before_download(
    world, manager, engine, restart
):
    """MAX_FILE_MB applies to uploads; the file is never read."""
    await restart(index=IndexSettings(max_file_mb=0.001))
    result = await manager.slash(world.news, "ingest", file=("big.txt", b"x" * 5000))
    assert result.response.content == (
        "`big.txt` is 0.0 MB; the limit is 0.001 MB. Split it or ingest a URL."
    )
    assert engine.calls == []
    acknowledge(world.env, InputError)


async def test_an_engine_refusal_during_ingest_is_one_line(world, manager, engine):
    """What the engine says (a page with no article) reaches the admin verbatim."""
    engine.script("ingest", InputError(f"{URL} has no article text", "Try the article's own URL"))
    result = await manager.slash(world.news, "ingest", url=URL)
    assert said(result) == f"{URL} has no article text. Try the article's own URL."
    acknowledge(world.env, InputError)


async def test_failed_articles_are_listed_with_their_reason(world, manager, engine):
    """A partial failure shows what was stored and what was not, and why."""
    engine.script(
        "ingest",
        IngestReport((IngestedArticle("x", URL, "failed", error="The page has no article"),)),
    )
    result = await manager.slash(world.news, "ingest", url=URL)
    assert f"❌ failed `{URL}`: The page has no article" in said(result)


async def test_an_echoed_url_pings_nobody(world, manager):
    """Even a refusal that repeats what the user typed (@everyone) is sent without pings."""
    result = await manager.slash(world.news, "ingest", url="@everyone")
    assert "@everyone" in result.response.content
    assert not result.response.message.mention_everyone
    assert all(allows_no_mentions(b) for b in sent_bodies(world.env))
    acknowledge(world.env, InputError)


async def test_forget_says_what_was_removed(world, manager, engine):
    """The article id, title and sentences removed."""
    result = await manager.slash(world.news, "forget", article=CNN)
    assert engine.calls_of("forget") == [(CNN,)]
    assert said(result).startswith(f"Forgot `{CNN}` (US and Ecuador near deal")


async def test_forget_an_unknown_article_is_one_line(world, manager, engine):
    """NotFoundError from the engine is shown as it is."""
    engine.script("forget", NotFoundError("No article 'nope' is stored", "See /sources"))
    result = await manager.slash(world.news, "forget", article="nope")
    assert said(result) == "No article 'nope' is stored. See /sources."
    acknowledge(world.env, NotFoundError)


async def test_ingest_and_forget_refresh_the_article_autocomplete(world, manager, engine):
    """After changing the store, autocomplete reads the articles again."""
    assert len(await manager.autocomplete(world.news, "forget", "article", "")) == 2
    engine.script("sources", [SOURCES[1]])
    await manager.slash(world.news, "forget", article=CNN)
    choices = await manager.autocomplete(world.news, "forget", "article", "")
    assert [c["value"] for c in choices] == [WIRE]


async def test_admin_roles_let_members_without_manage_server_ingest(world, engine, restart):
    """With DISCORD_ADMIN_ROLES, members of those roles may ingest; others are told no."""
    editors = world.guild.create_role("editors")
    erin = world.guild.add_member(world.env.create_user("erin"), roles=[editors])
    await restart(admin_roles=(editors.id,))
    await erin.slash(world.news, "ingest", url=URL)
    assert engine.calls_of("ingest") == [((URL,),)]
    result = await world.alice.slash(world.news, "ingest", url=URL)
    assert result.ephemeral
    assert result.response.content == (
        "Only people with Manage Server or a storybot admin role can do that."
    )
    assert len(engine.calls_of("ingest")) == 1
    acknowledge(world.env, Refused)


async def test_members_granted_the_command_in_discord_still_need_to_be_admins(world, engine):
    """A server may show /forget to anyone (Integrations); storybot still checks the member."""
    (forget,) = [c for c in await world.bot.tree.fetch_commands() if c.name == "forget"]
    world.guild.set_command_permissions(forget, {world.alice: True})
    result = await world.alice.slash(world.news, "forget", article=CNN)
    assert result.response.content.startswith("Only people with Manage Server")
    assert engine.calls == []
    acknowledge(world.env, Refused)


async def test_admin_commands_obey_the_channel_allow_list(world, engine, restart):
    """Even admins use storybot only where it is enabled."""
    role = world.guild.create_role("managers", permissions=discord.Permissions(manage_guild=True))
    maya = world.guild.add_member(world.env.create_user("maya"), roles=[role])
    desk = world.guild.create_text_channel("desk")
    await restart(allowed_channels=(desk.id,))
    result = await maya.slash(world.news, "ingest", url=URL)
    assert result.response.content == f"I'm not enabled in this channel. Try <#{desk.id}>."
    assert engine.calls == []
    acknowledge(world.env, Refused)
