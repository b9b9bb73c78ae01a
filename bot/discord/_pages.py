"""◀ ▶ under a paged view (/compare, /timeline): one embed at a time, edited in place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.discord import _texts
from bot.discord._errors import tell
from bot.discord._layout import Card
from bot.discord._render import notice
from bot.discord._render_story import page_reply
from bot.discord._send import follow_up

_TEMPLATE = r"storybot:page:(?P<view_id>[0-9a-f]{1,32}):(?P<page>\d+):(?P<way>prev|next)"


class PageButton(discord.ui.DynamicItem[discord.ui.Button], template=_TEMPLATE):
    """◀ or ▶; the custom id is `storybot:page:<view id>:<page to show>:<prev|next>`."""

    def __init__(self, view_id: str, page: int, way: str, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji="◀" if way == "prev" else "▶",
                custom_id=f"storybot:page:{view_id}:{page}:{way}",
                disabled=disabled,
            )
        )
        self.view_id = view_id
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PageButton:
        """Rebuild the button from a click."""
        return cls(match["view_id"], int(match["page"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> Any:
        """Show the page the button points to, in the same message."""
        bot: Any = interaction.client
        pages = bot.pages.get(self.view_id)
        if pages is None or not 0 <= self.page < len(pages):
            await tell(interaction, _texts.PAGES_FORGOTTEN)
            return
        reply = page_reply(pages[self.page])
        await interaction.response.edit_message(
            embeds=list(reply.embeds), view=navigation(self.view_id, self.page, len(pages))
        )


def navigation(view_id: str, page: int, total: int) -> discord.ui.View:
    """◀ ▶ for page `page` of `total` (each disabled at its end)."""
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(view_id, max(page - 1, 0), "prev", disabled=page == 0))
    view.add_item(PageButton(view_id, min(page + 1, total - 1), "next", disabled=page >= total - 1))
    return view


async def send_pages(
    interaction: discord.Interaction, pages: Sequence[Card], empty: str, *, ephemeral: bool
) -> None:
    """The first page, with ◀ ▶ when there are more (kept in the bot's page log)."""
    bot: Any = interaction.client
    if not pages:
        await follow_up(interaction, [notice(empty)], ephemeral=ephemeral)
        return
    first = page_reply(pages[0])
    if len(pages) == 1:
        await follow_up(interaction, [first], ephemeral=ephemeral)
        return
    view_id = bot.pages.add(pages)
    await follow_up(
        interaction, [first], view=navigation(view_id, 0, len(pages)), ephemeral=ephemeral
    )
