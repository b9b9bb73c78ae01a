"""The bot: intents, the command tree, its cogs and the objects they share."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.chat.answers import AnswerLog, AnswerRecord
from bot.chat.service import ChatService
from bot.discord._access import Access
from bot.discord._admin import AdminCommands
from bot.discord._choices import SourceCache
from bot.discord._commands import StoryCommands
from bot.discord._errors import StoryTree
from bot.discord._handlers import MessageHandler
from bot.discord._views import VoteButton, feedback_view
from bot.records import Answer
from bot.settings import Settings

log = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """Default intents plus Message Content (privileged: enable it in the Developer Portal)."""
    wanted = discord.Intents.default()
    wanted.message_content = True
    return wanted


class StoryBot(commands.Bot):
    """storybot on Discord: answers mentions, replies and slash commands through ChatService."""

    def __init__(self, settings: Settings, service: ChatService, **options: Any) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=StoryTree,
            **options,
        )
        self.settings = settings
        self.service = service
        self.access = Access.from_settings(settings.discord)
        self.answers = AnswerLog()
        self.source_cache = SourceCache(service)

    async def setup_hook(self) -> None:
        """Add the cogs and the vote buttons, then register the slash commands with Discord."""
        await self.add_cog(StoryCommands(self))
        await self.add_cog(AdminCommands(self))
        await self.add_cog(MessageHandler(self))
        self.add_dynamic_items(VoteButton)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Register the commands in DISCORD_GUILD_ID (instant) or globally (up to an hour)."""
        guild_id = self.settings.discord.guild_id
        try:
            if guild_id:
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
            else:
                await self.tree.sync()
        except discord.HTTPException as exc:
            # Mentions still work; only the slash commands are missing.
            log.error(
                "could not register slash commands%s: %s. Invite the bot with the "
                "'applications.commands' scope (see docs/discord.md).",
                f" in server {guild_id}" if guild_id else "",
                exc,
            )

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: MessageHandler answers messages."""

    async def on_ready(self) -> None:
        """Log who the bot is and where."""
        log.info("connected as %s in %d server(s)", self.user, len(self.guilds))

    def feedback_for(self, answer: Answer) -> discord.ui.View:
        """Remember the answer and return its 👍/👎 buttons."""
        record = self.answers.add(AnswerRecord.of(answer))
        return feedback_view(record.answer_id)
