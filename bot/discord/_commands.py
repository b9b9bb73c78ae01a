"""The reader's slash commands: /ask, /summary, /sources, /quote, /compare and /timeline."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.ratelimit import RateLimited
from bot.discord import _texts
from bot.discord._access import Where
from bot.discord._choices import article_choices
from bot.discord._errors import Refused, error_line
from bot.discord._history import thread_history
from bot.discord._live import LiveInteraction
from bot.discord._pages import send_pages
from bot.discord._render import (
    notice,
    render_answer,
    render_quote,
    render_sources,
    render_summary,
)
from bot.discord._render_story import NO_EVENTS, render_comparison, render_timeline
from bot.discord._send import follow_up
from bot.records import Turn

if TYPE_CHECKING:
    from bot.discord._bot import StoryBot

PRIVATE = "Only you see the answer (and any error)"


async def complete_article(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete for an `article` option: stored articles matching what was typed."""
    bot: Any = interaction.client
    return article_choices(await bot.source_cache.get(), current)


def check_channel(bot: StoryBot, interaction: discord.Interaction) -> Where:
    """Where the command was used; Refused if storybot is not enabled there."""
    if interaction.guild is None:
        raise Refused(_texts.NOT_IN_GUILD)
    where = Where.of(interaction.channel)
    if not bot.access.allows(where):
        suggestion = bot.access.suggestion()
        raise Refused(
            _texts.NOT_HERE_TRY.format(channels=suggestion) if suggestion else _texts.NOT_HERE
        )
    return where


class StoryCommands(commands.Cog):
    """Questions, summaries, the list of articles and quotes, for everyone."""

    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Every command here: storybot must be enabled in the channel, within the rate limits."""
        where = check_channel(self.bot, interaction)
        try:
            self.bot.service.check_rate(str(interaction.user.id), where.rate_key)
        except RateLimited as exc:
            raise Refused(exc.message) from exc
        return True

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(question="What you want to know about the story", private=PRIVATE)
    async def ask(
        self, interaction: discord.Interaction, question: str, private: bool = False
    ) -> None:
        """Ask about the story; the answer quotes and cites the articles' sentences."""
        await interaction.response.defer(thinking=True, ephemeral=private)
        history: tuple[Turn, ...] = ()
        me = self.bot.user
        if isinstance(interaction.channel, discord.Thread) and me is not None:
            history = await thread_history(interaction.channel, me)
        live = LiveInteraction(interaction, ephemeral=private)  # shown while an LLM writes it
        with self.bot.answering():
            try:
                answer = await self.bot.service.ask_stream(question, history, live.show)
            except asyncio.CancelledError:
                if not self.bot.stopping:
                    raise
                await live.finish([notice(_texts.RESTARTING)])
                return
            except Exception as exc:
                if not live.shown:
                    raise  # the tree's error handler says it, as for every command
                await live.finish([notice(error_line(self.bot.service, exc))])
                return
            view = self.bot.feedback_for(answer)
            await live.finish(render_answer(answer), view=view)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(
        article="One article to summarise (leave empty for the whole story)", private=PRIVATE
    )
    @app_commands.autocomplete(article=complete_article)
    async def summary(
        self, interaction: discord.Interaction, article: str | None = None, private: bool = False
    ) -> None:
        """Summarise the whole story, or one article, in cited bullet points."""
        await interaction.response.defer(thinking=True, ephemeral=private)
        result = await self.bot.service.summary(article or None)
        await follow_up(interaction, render_summary(result), ephemeral=private)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(private=PRIVATE)
    async def sources(self, interaction: discord.Interaction, private: bool = False) -> None:
        """List the stored articles: id, title, outlet, byline, date and sentences."""
        await interaction.response.defer(thinking=True, ephemeral=private)
        result = await self.bot.service.sources()
        await follow_up(interaction, render_sources(result), ephemeral=private)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(
        article="The article to quote from",
        sentence="The sentence number, as shown in citations",
        context="How many neighbouring sentences to show on each side (default 1)",
        private=PRIVATE,
    )
    @app_commands.autocomplete(article=complete_article)
    async def quote(
        self,
        interaction: discord.Interaction,
        article: str,
        sentence: app_commands.Range[int, 1, 100_000],
        context: app_commands.Range[int, 0, 5] = 1,
        private: bool = False,
    ) -> None:
        """Show one sentence of an article with its neighbours."""
        await interaction.response.defer(thinking=True, ephemeral=private)
        result = await self.bot.service.quote(article, sentence, context)
        await follow_up(interaction, render_quote(result), ephemeral=private)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(
        first="An article to compare (leave both empty to compare all stored articles)",
        second="The article to compare it with",
        private=PRIVATE,
    )
    @app_commands.autocomplete(first=complete_article, second=complete_article)
    async def compare(
        self,
        interaction: discord.Interaction,
        first: str | None = None,
        second: str | None = None,
        private: bool = False,
    ) -> None:
        """Compare the articles: what both report, what only one has, what they word differently."""
        await interaction.response.defer(thinking=True, ephemeral=private)
        chosen = [a for a in (first, second) if a]
        result = await self.bot.service.compare(chosen or None)
        await send_pages(interaction, render_comparison(result), "", ephemeral=private)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(private=PRIVATE)
    async def timeline(self, interaction: discord.Interaction, private: bool = False) -> None:
        """The story's dated events in order, each citing the sentences that report it."""
        await interaction.response.defer(thinking=True, ephemeral=private)
        result = await self.bot.service.timeline()
        await send_pages(interaction, render_timeline(result), NO_EVENTS, ephemeral=private)
