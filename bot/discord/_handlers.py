"""Answering messages: @mentions, replies to storybot, threads and auto-answer channels."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord import _texts
from bot.discord._access import Where
from bot.discord._conversation import Seen, Trigger, thread_name, trigger
from bot.discord._errors import error_line
from bot.discord._history import (
    mentions_me,
    question_of,
    replies_to_me,
    reply_history,
    thread_history,
)
from bot.discord._live import LiveReply
from bot.discord._render import notice, render_answer
from bot.records import Turn

if TYPE_CHECKING:
    from bot.discord._bot import StoryBot

log = logging.getLogger(__name__)
ORDINARY = (discord.MessageType.default, discord.MessageType.reply)


class MessageHandler(commands.Cog):
    """Answers questions asked by mentioning storybot, replying to it, or in auto channels."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    def seen(self, message: discord.Message) -> Seen:
        """The facts that decide whether to answer `message`."""
        me = self.bot.user
        assert me is not None
        everything = message.guild is None or self.bot.access.answers_everything(
            Where.of(message.channel)
        )
        return Seen(
            from_bot=message.author.bot,
            ordinary=message.type in ORDINARY,
            mentions_me=mentions_me(message, me),
            replies_to_me=replies_to_me(message, me),
            auto_channel=everything,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer the message if it is for storybot; every failure is told in one line."""
        why = trigger(self.seen(message))
        if why is None:
            return
        try:
            await self.answer(message, why)
        except Exception as exc:
            await self.say(message, error_line(self.bot.service, exc))

    async def answer(self, message: discord.Message, why: Trigger) -> None:
        """Check, ask the engine (showing typing) and reply in a thread."""
        me = self.bot.user
        assert me is not None
        if message.guild is None:
            await self.say(message, _texts.DIRECT_MESSAGES)
            return
        where = Where.of(message.channel)
        if not self.bot.access.allows(where):
            await self.say(message, self.not_here())
            return
        question = question_of(message, me)
        if question.is_chatter:  # "thanks @storybot": acknowledged, nothing to answer
            await self.react(message, _texts.CHATTER_REACTION)
            return
        if not question.text:
            if why != "auto":  # an image or a bare mention in an auto channel asks nothing
                await self.say(message, _texts.EMPTY_QUESTION)
            return
        self.bot.service.check_rate(str(message.author.id), where.rate_key)
        history = await self.history(message)
        destination, reply_to = await self.destination(message, question.shown)
        live = LiveReply(destination, reply_to)  # shows the answer while an LLM writes it
        try:
            async with destination.typing():
                answer = await self.bot.service.ask_stream(question, history, live.show)
        except Exception as exc:  # said where the answer would have gone
            await live.finish([notice(error_line(self.bot.service, exc))])
            return
        view = self.bot.feedback_for(answer)
        await live.finish(render_answer(answer), view=view)

    async def history(self, message: discord.Message) -> tuple[Turn, ...]:
        """Earlier turns: the thread's messages, or the messages a reply points back to."""
        me = self.bot.user
        assert me is not None
        if isinstance(message.channel, discord.Thread):
            return await thread_history(message.channel, me, before=message)
        if message.reference is not None:  # a reply (to storybot or to anyone): its chain
            return await reply_history(message, me)
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
