"""Answering messages: @mentions, replies to storybot, its threads, DMs and auto channels.

Every failure is told where the question was asked: in the thread opened for the answer (or
beside the question when no thread could be opened). A user asking too fast gets a ⏳ reaction
on each message and one private line per window, never a public reply per message.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.chat.cleaning import Question, looks_like_question
from bot.chat.ratelimit import RateLimited
from bot.discord import _texts
from bot.discord._access import Where
from bot.discord._conversation import Seen, Trigger, thread_name, trigger
from bot.discord._errors import error_line
from bot.discord._history import (
    dm_history,
    mentions_me,
    question_of,
    replies_to_me,
    reply_history,
    started_by_me,
    thread_history,
    to_someone_else,
)
from bot.discord._live import LiveReply
from bot.discord._render import notice, render_answer
from bot.records import Turn

if TYPE_CHECKING:
    from bot.discord._bot import StoryBot

log = logging.getLogger(__name__)
ORDINARY = (discord.MessageType.default, discord.MessageType.reply)


class MessageHandler(commands.Cog):
    """Answers questions asked by mentioning storybot, replying to it, in its threads and DMs."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self._told_until: dict[int, float] = {}  # user id → end of the window they were told

    def seen(self, message: discord.Message, question: Question) -> Seen:
        """The facts that decide whether to answer `message`."""
        me = self.bot.user
        assert me is not None
        direct = message.guild is None
        followups = self.bot.settings.chat.thread_followups
        auto = not direct and self.bot.access.answers_everything(Where.of(message.channel))
        return Seen(
            from_bot=message.author.bot,
            ordinary=message.type in ORDINARY,
            mentions_me=mentions_me(message, me),
            replies_to_me=replies_to_me(message, me),
            auto_channel=auto,
            direct=direct,
            in_my_thread=followups and started_by_me(message.channel, me),
            to_someone_else=to_someone_else(message, me),
            asks=looks_like_question(question.text),
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer the message if it is for storybot; every failure is told in one line."""
        me = self.bot.user
        if me is None or message.author.id == me.id:
            return
        question = question_of(message, me)
        why = trigger(self.seen(message, question))
        if why is None:
            return
        with self.bot.answering():
            try:
                await self.answer(message, question, why)
            except RateLimited as exc:
                await self.slow_down(message, exc)
            except Exception as exc:
                await self.say(message, error_line(self.bot.service, exc))

    async def answer(self, message: discord.Message, question: Question, why: Trigger) -> None:
        """Check, ask the engine (showing typing) and reply in a thread."""
        where = Where.of(message.channel)
        if why != "direct" and not self.bot.access.allows(where):
            await self.say(message, self.not_here())
            return
        if self.bot.stopping:
            await self.say(message, _texts.RESTARTING)
            return
        if question.is_chatter:  # "thanks @storybot": acknowledged, nothing to answer
            await self.react(message, _texts.CHATTER_REACTION)
            return
        if not question.text:
            if why not in ("auto", "thread"):  # an image or a bare mention asks nothing
                await self.say(message, _texts.EMPTY_QUESTION)
            return
        self.bot.service.check_rate(str(message.author.id), where.rate_key)
        history = await self.history(message)
        destination, reply_to = await self.destination(message, question.shown)
        live = LiveReply(destination, reply_to)  # shows the answer while an LLM writes it
        try:
            async with destination.typing():
                answer = await self.bot.service.ask_stream(question, history, live.show)
            view = self.bot.feedback_for(answer)
            await live.finish(render_answer(answer), view=view)
        except asyncio.CancelledError:
            if self.bot.stopping:  # cut by a shutdown: the asker is told, not left waiting
                await self.tell_where_asked(live, message, _texts.RESTARTING)
                return
            raise
        except Exception as exc:  # said where the answer would have gone
            await self.tell_where_asked(live, message, error_line(self.bot.service, exc))

    async def history(self, message: discord.Message) -> tuple[Turn, ...]:
        """Earlier turns: the thread's messages, the DM's last half hour, or a reply's chain."""
        me = self.bot.user
        assert me is not None
        if isinstance(message.channel, discord.Thread):
            return await thread_history(message.channel, me, before=message)
        if message.reference is not None:  # a reply (to storybot or to anyone): its chain
            return await reply_history(message, me)
        if message.guild is None:
            return await dm_history(message, me)
        return ()

    async def destination(
        self, message: discord.Message, question: str
    ) -> tuple[discord.abc.Messageable, discord.Message | None]:
        """Where to answer: the thread already in, else a new thread on the question.

        Returns the channel and the message to reply to (None when the thread itself
        starts from the question). Where no thread can be opened, answers in place.
        """
        channel = message.channel
        if isinstance(channel, discord.Thread):
            return channel, message
        if isinstance(channel, discord.TextChannel):
            try:
                thread = await message.create_thread(name=thread_name(question))
            except discord.HTTPException as exc:
                log.info("answering in place: cannot open a thread in %s: %s", channel.id, exc)
            else:
                return thread, None
        return channel, message

    async def tell_where_asked(self, live: LiveReply, message: discord.Message, line: str) -> None:
        """The error line where the answer should have been; beside the question if that fails."""
        try:
            await live.finish([notice(line)])
        except discord.HTTPException as exc:
            log.warning("could not post the error in %s: %s", live.destination, exc)
            await self.say(message, line)

    async def slow_down(self, message: discord.Message, limited: RateLimited) -> None:
        """⏳ on the message; the line itself once per window, privately where possible."""
        await self.react(message, _texts.RATE_LIMITED_REACTION)
        now = time.monotonic()
        user = message.author.id
        if self._told_until.get(user, 0.0) > now:
            return
        self._told_until[user] = now + max(limited.retry_after_s, 1.0)
        try:
            await message.author.send(
                notice(limited.message).content or "",
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:  # DMs closed: say it once, beside the question
            await self.say(message, limited.message)

    def not_here(self) -> str:
        """The line for a channel storybot is not enabled in, naming where it is."""
        where = self.bot.access.suggestion()
        return _texts.NOT_HERE_TRY.format(channels=where) if where else _texts.NOT_HERE

    async def react(self, message: discord.Message, emoji: str) -> None:
        """Add a reaction; if that is refused, log it (a reaction is never the only answer)."""
        try:
            await message.add_reaction(emoji)
        except discord.HTTPException as exc:
            log.info("could not react to %s: %s", message.id, exc)

    async def say(self, message: discord.Message, text: str) -> None:
        """Reply with one line; if even that is refused, log it."""
        reply = notice(text)
        try:
            await message.reply(
                reply.content, mention_author=False, allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.HTTPException as exc:
            log.warning("could not tell %s %r: %s", message.author.id, text, exc)
