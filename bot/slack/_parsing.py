"""Slack text → what the engine reads: plain questions, the `public` flag, thread history. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot.chat.cleaning import clean_question
from bot.records import Turn
from bot.slack._render import answer_part, unescape

MAX_TURNS = 10  # earlier messages handed to the engine as context for a follow-up

# <@U123>, <@U123|name>, <#C123|general>, <!here>, <!subteam^S1|@team>, <https://x|label>
_MARKUP = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def plain_text(text: str, bot_user_id: str | None = None) -> str:
    """Slack markup → plain text: mentions of the bot dropped, links and names as shown."""

    def shown(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if bot_user_id and target == f"@{bot_user_id}":
            return " "
        if target.startswith("!"):
            return label or "@" + target[1:].split("^")[0]
        if target[:1] in "@#":
            return target[0] + label.lstrip("@#") if label else target
        return label or target

    return " ".join(unescape(_MARKUP.sub(shown, text)).split())


def split_public(text: str) -> tuple[str, bool]:
    """Take a `public` flag off the first or last word of a slash command's text."""
    words = text.split()
    if words and words[0].lower() == "public":
        return " ".join(words[1:]), True
    if words and words[-1].lower() == "public":
        return " ".join(words[:-1]), True
    return " ".join(words), False


def is_dm(channel_id: str) -> bool:
    """True for a direct-message conversation with the bot."""
    return channel_id.startswith("D")


def thread_turns(
    messages: Iterable[Mapping[str, Any]],
    *,
    before_ts: str,
    bot_user_id: str | None,
    bot_id: str | None,
    limit: int = MAX_TURNS,
) -> tuple[Turn, ...]:
    """Earlier messages of a conversation as turns, oldest first, the last `limit` of them.

    Our own answers carry blocks; our one-line notices (errors, limits) do not and are left out,
    as are other bots' messages and edits, joins and other non-message events.
    """
    turns: list[Turn] = []
    for m in sorted(messages, key=lambda m: _ts_key(m.get("ts", "0"))):
        if _ts_key(m.get("ts", "0")) >= _ts_key(before_ts):
            continue
        if m.get("subtype") not in (None, "bot_message", "thread_broadcast"):
            continue
        ours = is_ours(m, bot_user_id, bot_id)
        if ours and not m.get("blocks"):
            continue
        if m.get("bot_id") and not ours:
            continue
        if ours:
            text = plain_text(answer_part(m.get("text", "")), bot_user_id)
        else:
            text = clean_question(m.get("text", "")).text
        if text:
            turns.append(Turn(role="bot" if ours else "user", text=text))
    return tuple(turns[-limit:]) if limit > 0 else ()


def is_ours(message: Mapping[str, Any], bot_user_id: str | None, bot_id: str | None) -> bool:
    """True for a message storybot posted."""
    return bool(bot_id and message.get("bot_id") == bot_id) or bool(
        bot_user_id and message.get("user") == bot_user_id
    )


_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")


def mentions_others(text: str, bot_user_id: str | None) -> bool:
    """True when the message mentions someone other than storybot (it is for them)."""
    return any(m.group(1) != bot_user_id for m in _USER_MENTION.finditer(text))


def mentions_bot(text: str, bot_user_id: str | None) -> bool:
    """True when the message mentions storybot (the app_mention listener answers it)."""
    return bool(bot_user_id) and any(
        m.group(1) == bot_user_id for m in _USER_MENTION.finditer(text)
    )


def _ts_key(ts: str) -> tuple[int, int]:
    """Slack timestamps ("1725460000.000100") compared exactly, not as floats."""
    seconds, _, micros = str(ts).partition(".")
    try:
        return int(seconds), int(micros or 0)
    except ValueError:
        return 0, 0
