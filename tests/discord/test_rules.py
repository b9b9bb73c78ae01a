"""Pure rules: when to answer, what was asked, who may do what, what may be ingested."""

from __future__ import annotations

from typing import Any, cast

import discord
import pytest
from discord import app_commands

from bot.chat.feedback import FeedbackStore
from bot.chat.service import ChatService
from bot.discord._access import Access, Where
from bot.discord._admin import check_file, check_url
from bot.discord._choices import article_choices
from bot.discord._conversation import Seen, readable_question, thread_name, to_turns, trigger
from bot.discord._errors import Refused, error_line
from bot.records import SourceInfo, Turn
from bot.settings import ChatSettings
from index.errors import InputError, NotFoundError
from tests.fake_engine import CNN, SOURCES, WIRE

ME, ROLE, BOB, NEWS = 11, 22, 33, 44


@pytest.mark.parametrize(
    ("seen", "expected"),
    [
        (Seen(False, True, True, False, False), "mention"),
        (Seen(False, True, False, True, False), "reply"),
        (Seen(False, True, False, False, True), "auto"),
        (Seen(False, True, True, True, True), "mention"),
        (Seen(False, True, False, False, False), None),
        (Seen(True, True, True, True, True), None),  # other bots and storybot itself
        (Seen(False, False, True, False, True), None),  # system messages
    ],
)
def test_trigger(seen, expected):
    """Mentions, replies and auto channels are answered; bots and system messages never."""
    assert trigger(seen) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (f"<@{ME}> How much aid did Rubio announce?", "How much aid did Rubio announce?"),
        (f"<@!{ME}>   how much   aid?", "how much aid?"),
        (f"<@&{ROLE}> and the Navy?", "and the Navy?"),
        (f"what did <@{BOB}> ask <@{ME}>", "what did @bob ask"),
        (f"<@{ME}> see <#{NEWS}>", "see #news"),
        (f"<@{ME}> what about <@999>?", "what about <@999>?"),
        (f"<@{ME}>", ""),
        ("@everyone what happened?", "@everyone what happened?"),
    ],
)
def test_readable_question(content, expected):
    """Shown: the bot's own mention goes; other mentions become readable names."""
    names = {BOB: "bob", NEWS: "news"}
    assert readable_question(content, {ME, ROLE}, names) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much aid did Rubio announce?", "How much aid did Rubio announce?"),
        ("  spaced\n\nout  ", "spaced out"),
        ("", "storybot answer"),
        ("word " * 40, ("word " * 20).strip() + "…"),
    ],
)
def test_thread_name(question, expected):
    """Thread names are the question, on one line, within Discord's 100 characters."""
    name = thread_name(question)
    assert name == expected
    assert len(name) <= 100


def test_to_turns_keeps_the_last_turns_in_order():
    """Earlier messages become user and bot turns, oldest first, blank ones dropped."""
    said = [(False, "How much aid?"), (True, "Rubio announced $13.5 million."), (False, "  ")]
    said += [(False, f"q{i}") for i in range(20)]
    turns = to_turns(said, limit=3)
    assert turns == (Turn("user", "q17"), Turn("user", "q18"), Turn("user", "q19"))
    assert to_turns(said[:3]) == (
        Turn("user", "How much aid?"),
        Turn("bot", "Rubio announced $13.5 million."),
    )


THREAD = Where(channel_id=500, parent_id=NEWS)


@pytest.mark.parametrize(
    ("access", "where", "allowed", "auto"),
    [
        (Access(), Where(NEWS), True, False),
        (Access(allowed_channels=frozenset({NEWS})), Where(NEWS), True, False),
        (Access(allowed_channels=frozenset({NEWS})), Where(99), False, False),
        (Access(allowed_channels=frozenset({NEWS})), THREAD, True, False),
        (
            Access(allowed_channels=frozenset({99}), auto_channels=frozenset({NEWS})),
            THREAD,
            True,
            True,
        ),
        (Access(auto_channels=frozenset({NEWS})), Where(NEWS), True, True),
        (Access(auto_channels=frozenset({NEWS})), Where(99), True, False),
    ],
)
def test_channel_access(access, where, allowed, auto):
    """The allow-list (threads count as their channel; auto channels are allowed)."""
    assert access.allows(where) is allowed
    assert access.answers_everything(where) is auto


@pytest.mark.parametrize(
    ("admin_roles", "role_ids", "manage_guild", "expected"),
    [
        ((), [], True, True),
        ((), [5], False, False),
        ((5,), [5, 6], False, True),
        ((5,), [6], False, False),
        ((5,), [], True, True),
    ],
)
def test_admins_have_manage_server_or_an_admin_role(admin_roles, role_ids, manage_guild, expected):
    """Manage Server always counts; configured roles count too."""
    access = Access(admin_roles=frozenset(admin_roles))
    assert access.is_admin(role_ids, manage_guild) is expected


def test_threads_share_their_channel_rate_limit():
    """A thread is limited together with its channel."""
    assert THREAD.rate_key == str(NEWS) and Where(NEWS).rate_key == str(NEWS)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://edition.cnn.com/2025/09/04/politics/ecuador", True),
        ("  http://127.0.0.1:8000/a.html ", True),
        ("/etc/passwd", False),
        ("../shared/stories", False),
        ("file:///etc/passwd", False),
        ("ftp://example.org/a.txt", False),
        ("https://", False),
        ("https://example.org/" + "a" * 2000, False),
    ],
)
def test_only_web_urls_can_be_ingested(url, ok):
    """A URL must be http(s): never a path on the bot's machine."""
    if ok:
        assert check_url(url) == url.strip()
    else:
        with pytest.raises(InputError, match="Only http:// or https:// URLs"):
            check_url(url)


@pytest.mark.parametrize(
    ("name", "size", "error"),
    [
        ("story.txt", 10, None),
        ("story.MD", 10, None),
        ("page.html", 10, None),
        ("report.pdf", 10, "is not a .txt, .md or .html file"),
        ("noextension", 10, "is not a .txt, .md or .html file"),
        ("big.txt", 3 * 1024 * 1024, "is 3.0 MB; the limit is 2 MB"),
    ],
)
def test_uploads_must_be_text_within_the_size_limit(name, size, error):
    """Only .txt, .md and .html files up to MAX_FILE_MB."""
    if error is None:
        check_file(name, size, max_mb=2)
    else:
        with pytest.raises(InputError, match=error):
            check_file(name, size, max_mb=2)


@pytest.mark.parametrize(
    ("typed", "ids"),
    [
        ("", [CNN, WIRE]),
        ("cnn", [CNN]),
        ("ECUADOR", [CNN]),
        ("001", [WIRE]),
        ("nothing like it", []),
    ],
)
def test_article_choices_match_id_title_or_outlet(typed, ids):
    """Autocomplete offers the articles whose id, title or outlet contains what was typed."""
    assert [c.value for c in article_choices(SOURCES, typed)] == ids


def test_article_choices_respect_discord_limits():
    """At most 25 choices, names within 100 characters, ids too long to be a value left out."""
    many = [SourceInfo(f"a{i}", "t" * 300, None, None, None, None, "x", 1) for i in range(40)]
    many.append(SourceInfo("x" * 101, None, None, None, None, None, "x", 1))
    choices = article_choices(many, "")
    assert len(choices) == 25
    assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)


def _forbidden() -> discord.Forbidden:
    """What discord.py raises when Discord answers 403 Missing Permissions."""

    class Response:
        status, reason = 403, "Forbidden"

    return discord.Forbidden(
        cast(Any, Response()), {"code": 50013, "message": "Missing Permissions"}
    )


class _Stub:
    """Just enough of an app command for discord.py's error constructors."""

    name = qualified_name = "quote"


def _Command() -> Any:
    """An app command stand-in, typed loosely: discord.py's constructors only read its name."""
    return _Stub()


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            InputError("That is not a URL", "Give an https:// link"),
            "That is not a URL. Give an https:// link.",
        ),
        (
            Refused("You are asking a little fast. Please try again in 9 s."),
            "You are asking a little fast. Please try again in 9 s.",
        ),
        (
            app_commands.CommandInvokeError(
                _Command(), NotFoundError("No such article", "See /sources")
            ),
            "No such article. See /sources.",
        ),
        (app_commands.NoPrivateMessage(), "This command only works in a server."),
        (
            app_commands.BotMissingPermissions(["embed_links"]),
            "I don't have permission to do that here.",
        ),
        (
            app_commands.CommandInvokeError(_Command(), _forbidden()),
            "I don't have permission to do that here.",
        ),
        (app_commands.MissingRole(1), "You can't use this command here."),
        (
            app_commands.CommandSignatureMismatch(_Command()),
            "This command has changed since it was registered.",
        ),
        (
            app_commands.CommandInvokeError(_Command(), KeyError("x")),
            "Something went wrong on our side (error id ",
        ),
    ],
)
def test_error_line(error, line, tmp_path):
    """Every failure a command can meet becomes one line for the user."""
    service = ChatService(object(), ChatSettings(), FeedbackStore(tmp_path / "v.jsonl"))
    assert error_line(service, error).startswith(line)
