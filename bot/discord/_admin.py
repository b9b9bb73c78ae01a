"""Admin slash commands: /ingest a URL or an attached file, /forget an article."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import _texts
from bot.discord._access import member_is_admin
from bot.discord._commands import check_channel, complete_article
from bot.discord._errors import Refused
from bot.discord._render import render_forgotten, render_ingest
from bot.discord._send import follow_up
from bot.records import IngestReport
from index.errors import InputError

if TYPE_CHECKING:
    from bot.discord._bot import StoryBot

FILE_TYPES = (".txt", ".md", ".html")
URL_MAX = 2000


def check_url(url: str) -> str:
    """The URL, stripped; InputError unless it is an http(s) URL (never a path on this machine)."""
    url = url.strip()
    parsed = urlparse(url)
    if len(url) > URL_MAX or parsed.scheme not in ("http", "https") or not parsed.netloc:
        shown = url if len(url) <= 80 else url[:77] + "..."
        raise InputError(_texts.BAD_URL.format(url=discord.utils.escape_markdown(shown)))
    return url


def check_file(name: str, size: int, max_mb: float) -> None:
    """InputError unless the upload is a .txt, .md or .html file within the size limit."""
    shown = discord.utils.escape_markdown(name)
    if PurePath(name).suffix.lower() not in FILE_TYPES:
        raise InputError(_texts.BAD_FILE_TYPE.format(name=shown))
    if size > max_mb * 1024 * 1024:
        raise InputError(
            _texts.FILE_TOO_BIG.format(name=shown, size_mb=size / 1024 / 1024, limit_mb=max_mb)
        )


def merge(reports: list[IngestReport]) -> IngestReport:
    """One report for several ingests."""
    return IngestReport(articles=tuple(a for r in reports for a in r.articles))


class AdminCommands(commands.Cog):
    """Changing what is stored: for Manage Server or the configured admin roles."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        if not bot.access.admin_roles:
            # Without admin roles only Manage Server may use these, so Discord hides them
            # from everyone else (server admins can still grant them under Integrations).
            for command in self.get_app_commands():
                command.default_permissions = discord.Permissions(manage_guild=True)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Every command here: an enabled channel and an admin (Manage Server or an admin role)."""
        check_channel(self.bot, interaction)
        if not member_is_admin(self.bot.access, interaction.user):
            raise Refused(_texts.NOT_ADMIN)
        return True

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(
        url="An http(s) link to an article", file="A .txt, .md or .html file with an article"
    )
    async def ingest(
        self,
        interaction: discord.Interaction,
        url: str | None = None,
        file: discord.Attachment | None = None,
    ) -> None:
        """Store an article from a link or an attached file, and say what was stored."""
        if not url and file is None:
            raise InputError(_texts.NOTHING_TO_INGEST)
        link = check_url(url) if url else None
        if file is not None:
            check_file(file.filename, file.size, self.bot.settings.index.max_file_mb)
        await interaction.response.defer(thinking=True, ephemeral=True)
        reports = []
        if link:
            reports.append(await self.bot.service.ingest([link]))
        if file is not None:
            data = await file.read()
            reports.append(await self.bot.service.ingest_text(file.filename, data))
        self.bot.source_cache.invalidate()
        await follow_up(interaction, render_ingest(merge(reports)), ephemeral=True)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(article="The article to remove, with everything stored for it")
    @app_commands.autocomplete(article=complete_article)
    async def forget(self, interaction: discord.Interaction, article: str) -> None:
        """Remove one article from the store."""
        await interaction.response.defer(thinking=True, ephemeral=True)
        info = await self.bot.service.forget(article)
        self.bot.source_cache.invalidate()
        await follow_up(interaction, render_forgotten(info), ephemeral=True)
