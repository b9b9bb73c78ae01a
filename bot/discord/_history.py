"""Reading a conversation back from Discord: the question in a message, a thread as turns."""

from __future__ import annotations

import datetime
import logging

import discord

from bot.chat.cleaning import Question, clean_question
from bot.discord._conversation import HISTORY_TURNS, readable_question, to_turns
from bot.discord._render import turn_text
from bot.records import Turn

log = logging.getLogger(__name__)
HISTORY_SCAN = 30  # messages read back from a thread to find its last turns
DM_CONTEXT_S = 30 * 60  # earlier direct messages older than this are not context


def my_ids(message: discord.Message, me: discord.abc.User) -> set[int]:
    """storybot's user id and, in a server, its own role (people mention either)."""
    ids = {me.id}
    guild = message.guild
    if guild is not None:
        # The integration role Discord gives a bot (tagged with its id; managed in any case).
        roles = (guild.self_role, *getattr(guild.me, "roles", ()))
        ids.update(r.id for r in roles if r is not None and r.managed)
    return ids


def mentions_me(message: discord.Message, me: discord.abc.User) -> bool:
    """True if the message mentions storybot or its role (not @everyone or @here)."""
    ids = my_ids(message, me)
    return any(u.id in ids for u in message.mentions) or any(
        r.id in ids for r in message.role_mentions
    )


def replies_to_me(message: discord.Message, me: discord.abc.User) -> bool:
    """True if the message is a reply to one of storybot's messages."""
    ref = message.reference
    if ref is None:
        return False
    target = ref.resolved if isinstance(ref.resolved, discord.Message) else ref.cached_message
    return target is not None and target.author.id == me.id


def started_by_me(channel: object, me: discord.abc.User) -> bool:
    """True in a thread storybot opened (on a question it answered)."""
    return isinstance(channel, discord.Thread) and channel.owner_id == me.id


def to_someone_else(message: discord.Message, me: discord.abc.User) -> bool:
    """True when the message mentions another person or role, or replies to someone else."""
    ids = my_ids(message, me)
    if any(u.id not in ids and u.id != message.author.id for u in message.mentions):
        return True
    if any(r.id not in ids for r in message.role_mentions) or message.mention_everyone:
        return True
    ref = message.reference
    target = None if ref is None else ref.resolved or ref.cached_message
    return isinstance(target, discord.Message) and target.author.id not in (
        me.id,
        message.author.id,
    )


def question_of(message: discord.Message, me: discord.abc.User) -> Question:
    """What a user asked: for the engine without chat noise; shown without storybot's mention
    and with other mentions as names."""
    names: dict[int, str] = {u.id: u.display_name for u in message.mentions}
    names.update({r.id: r.name for r in message.role_mentions})
    names.update({c.id: getattr(c, "name", str(c.id)) for c in message.channel_mentions})
    shown = readable_question(message.content, my_ids(message, me), names)
    return clean_question(message.content, shown)


def said(message: discord.Message, me: discord.abc.User) -> tuple[bool, str] | None:
    """(by storybot, text) for one earlier message; None for other bots and storybot's notices."""
    if message.author.id == me.id:
        return (True, turn_text(message.content, message.embeds)) if message.embeds else None
    if message.author.bot:
        return None
    return False, question_of(message, me).text


async def thread_history(
    thread: discord.Thread, me: discord.abc.User, *, before: discord.Message | None = None
) -> tuple[Turn, ...]:
    """The thread's earlier messages as turns, starting with the message it was opened on."""
    messages: list[discord.Message] = []
    try:
        async for m in thread.history(limit=HISTORY_SCAN, before=before):
            messages.append(m)
        messages.reverse()
        if not any(m.id == thread.id for m in messages):
            starter = await _starter(thread)
            if starter is not None:
                messages.insert(0, starter)
    except discord.HTTPException as exc:
        log.warning("could not read the history of thread %s: %s", thread.id, exc)
    pairs = [p for p in (said(m, me) for m in messages) if p is not None]
    return to_turns(pairs, HISTORY_TURNS)


async def _starter(thread: discord.Thread) -> discord.Message | None:
    """The message a thread was opened on (same id as the thread), if there is one."""
    if thread.starter_message is not None:
        return thread.starter_message
    parent = thread.parent
    if not isinstance(parent, discord.TextChannel):
        return None
    try:
        return await parent.fetch_message(thread.id)
    except discord.NotFound:
        return None  # a thread started without a message


async def dm_history(
    message: discord.Message, me: discord.abc.User, within_s: float = DM_CONTEXT_S
) -> tuple[Turn, ...]:
    """In a direct conversation: the messages of the last half hour before this one."""
    after = message.created_at - datetime.timedelta(seconds=within_s)
    messages: list[discord.Message] = []
    try:
        async for m in message.channel.history(limit=HISTORY_SCAN, before=message, after=after):
            messages.append(m)
    except discord.HTTPException as exc:
        log.warning("could not read the direct messages with %s: %s", message.author.id, exc)
    messages.sort(key=lambda m: m.created_at)
    pairs = [p for p in (said(m, me) for m in messages) if p is not None]
    return to_turns(pairs, HISTORY_TURNS)


async def reply_history(message: discord.Message, me: discord.abc.User) -> tuple[Turn, ...]:
    """For a reply outside a thread: the message replied to and the one it answered."""
    chain: list[discord.Message] = []
    ref = message.reference
    for _ in range(2):
        if ref is None or ref.message_id is None:
            break
        target = ref.resolved if isinstance(ref.resolved, discord.Message) else ref.cached_message
        if target is None:
            try:
                target = await message.channel.fetch_message(ref.message_id)
            except discord.HTTPException:
                break
        chain.insert(0, target)
        ref = target.reference
    pairs = [p for p in (said(m, me) for m in chain) if p is not None]
    return to_turns(pairs, HISTORY_TURNS)
