"""Pure decisions about messages: answer or not, the question asked, thread names, history."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from bot.discord._layout import truncate
from bot.discord._texts import THREAD_NAME_FALLBACK
from bot.records import Turn

Trigger = Literal["mention", "reply", "auto", "direct", "thread"]
THREAD_NAME_MAX = 100
HISTORY_TURNS = 12
_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")


@dataclass(frozen=True)
class Seen:
    """The facts about one incoming message that decide whether storybot answers it."""

    from_bot: bool
    ordinary: bool  # a user's message or reply, not a system message
    mentions_me: bool
    replies_to_me: bool
    auto_channel: bool
    direct: bool = False  # a direct message to storybot
    in_my_thread: bool = False  # in a thread storybot started, with follow-ups turned on
    to_someone_else: bool = False  # mentions another person, or replies to one
    asks: bool = False  # looks like a question (see bot.chat.cleaning.looks_like_question)


def trigger(seen: Seen) -> Trigger | None:
    """Why storybot answers this message, or None to stay out of it.

    In its own threads (THREAD_FOLLOWUPS) a plain reply is a follow-up when it asks something
    and is not addressed to someone else, so people talking among themselves are left alone.
    """
    if seen.from_bot or not seen.ordinary:
        return None
    if seen.mentions_me:
        return "mention"
    if seen.replies_to_me:
        return "reply"
    if seen.direct:
        return "direct"
    if seen.auto_channel:
        return "auto"
    if seen.in_my_thread and seen.asks and not seen.to_someone_else:
        return "thread"
    return None


def readable_question(content: str, my_ids: Iterable[int], names: Mapping[int, str]) -> str:
    """The question as shown: without storybot's own mention, other mentions as names."""
    mine = set(my_ids)

    def replace(match: re.Match[str]) -> str:
        kind, ident = match.group(1), int(match.group(2))
        if kind != "#" and ident in mine:
            return " "
        name = names.get(ident)
        if name is None:
            return match.group(0)
        return ("#" if kind == "#" else "@") + name

    return " ".join(_MENTION.sub(replace, content).split())


def thread_name(question: str) -> str:
    """A thread title from the question: at most 100 characters, cut between words."""
    name = " ".join(question.split())
    return truncate(name, THREAD_NAME_MAX) if name else THREAD_NAME_FALLBACK


def to_turns(said: Iterable[tuple[bool, str]], limit: int = HISTORY_TURNS) -> tuple[Turn, ...]:
    """Earlier messages, oldest first, as (said by storybot, text) → the last `limit` turns."""
    turns = [Turn("bot" if mine else "user", text) for mine, text in said if text.strip()]
    return tuple(turns[-limit:]) if limit else ()
