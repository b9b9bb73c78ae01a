"""The bot: intents, the command tree, its cogs and the objects they share."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.chat.answers import AnswerLog, AnswerRecord
from bot.chat.pages import PageLog
from bot.chat.service import ChatService
from bot.chat.shutdown import InFlight
from bot.chat.view import answer_view
from bot.discord._access import Access
from bot.discord._admin import AdminCommands
from bot.discord._choices import SourceCache
from bot.discord._commands import StoryCommands
from bot.discord._errors import StoryTree
from bot.discord._handlers import MessageHandler
from bot.discord._pages import PageButton
from bot.discord._sync import STATE_FILE, SyncState, sync_commands
from bot.discord._views import LookButton, VoteButton, answer_buttons
from bot.records import Answer
from bot.settings import Settings

log = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """Default intents plus Message Content (privileged: enable it in the Developer Portal)."""
    wanted = discord.Intents.default()
    wanted.message_content = True
    return wanted


class StoryBot(commands.AutoShardedBot):
    """storybot on Discord: answers mentions, replies and slash commands through ChatService.

    Sharded: with DISCORD_SHARD_COUNT empty, Discord says how many shards the bot needs."""

    def __init__(
        self,
        settings: Settings,
        service: ChatService,
        *,
        force_sync: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=StoryTree,
            shard_count=settings.discord.shard_count,
            **options,
        )
        self.settings = settings
        self.service = service
        self.force_sync = force_sync
        self.access = Access.from_settings(settings.discord)
        self.answers = AnswerLog()
        self.pages = PageLog()
        self.source_cache = SourceCache(service)
        self.in_flight = InFlight(service, settings.chat.shutdown_grace_s)
        self.answering = self.in_flight.answering

    @property
    def stopping(self) -> bool:
        """True once a stop was requested: new questions are told to ask again later."""
        return self.in_flight.stopping

    async def wind_down(self) -> int:
        """Finish (or cut and tell) the answers in flight; see InFlight.wind_down."""
        return await self.in_flight.wind_down()

    async def setup_hook(self) -> None:
        """Add the cogs and the vote buttons, then register the slash commands with Discord."""
        await self.add_cog(StoryCommands(self))
        await self.add_cog(AdminCommands(self))
        await self.add_cog(MessageHandler(self))
        self.add_dynamic_items(VoteButton, LookButton, PageButton)
        await self.sync_commands()

    async def sync_commands(self) -> str:
        """Register the commands in DISCORD_GUILD_ID (instant) or globally (up to an hour),
        only when they changed since the last sync (or `force_sync`); see `_sync`."""
        state = SyncState(self.settings.data_dir / STATE_FILE)
        guild_id = self.settings.discord.guild_id
        return await sync_commands(self, self.tree, guild_id, state, force=self.force_sync)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: MessageHandler answers messages."""

    async def on_ready(self) -> None:
        """Log who the bot is and where."""
        log.info("connected as %s in %d server(s)", self.user, len(self.guilds))

    def feedback_for(self, answer: Answer) -> discord.ui.View:
        """Remember the answer and return its buttons (votes, context, links)."""
        record = self.answers.add(AnswerRecord.of(answer))
        return answer_buttons(record.answer_id, answer_view(answer))
