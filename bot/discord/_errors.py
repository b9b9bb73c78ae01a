"""The one place where failures become one line for the user (and unexpected ones a logged id)."""

from __future__ import annotations

import logging
import uuid

import discord
from discord import app_commands

from bot.chat.hints import for_chat
from bot.chat.service import ChatService
from bot.discord import _texts
from bot.discord._render import notice
from index.errors import StorybotError

log = logging.getLogger(__name__)
NO_MENTIONS = discord.AllowedMentions.none()


class Refused(app_commands.CheckFailure):
    """A check that failed with a line for the user (not allowed here, rate limited, not admin)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def error_line(service: ChatService, error: BaseException) -> str:
    """The one line a user sees for `error`; unexpected errors are logged with an id they see."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    elif isinstance(error, app_commands.TransformerError):
        if error.__cause__ is None:
            return _texts.BAD_VALUE.format(detail=discord.utils.escape_markdown(str(error.value)))
        error = error.__cause__
    if isinstance(error, Refused | StorybotError):
        return for_chat(error.message, _texts.COMMANDS)
    if isinstance(error, app_commands.NoPrivateMessage):
        return _texts.NOT_IN_GUILD
    if isinstance(error, app_commands.BotMissingPermissions | discord.Forbidden):
        return _texts.BOT_FORBIDDEN
    if isinstance(error, app_commands.CheckFailure):
        return _texts.CHECK_FAILED
    if isinstance(error, app_commands.CommandSignatureMismatch | app_commands.CommandNotFound):
        return _texts.OUT_OF_DATE
    if isinstance(error, discord.HTTPException) and error.status >= 500:  # after its retries
        error_id = uuid.uuid4().hex[:8]
        log.error("Discord failed a request: %s (error id %s)", error, error_id)
        return _texts.DISCORD_DOWN.format(error_id=error_id)
    return service.describe_error(error)


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Say one line to whoever used a command or button, privately where Discord allows."""
    reply = notice(text)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                reply.content or "", ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        else:
            await interaction.response.send_message(
                reply.content, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException as exc:  # the interaction expired or the channel is gone
        log.warning("could not tell the user %r: %s", text, exc)


class StoryTree(app_commands.CommandTree):
    """The command tree whose `on_error` answers every failed command with one line."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        """Tell the user what went wrong (see `error_line`)."""
        service: ChatService = self.client.service  # type: ignore[attr-defined]
        await tell(interaction, error_line(service, error))
