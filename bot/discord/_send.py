"""Sending rendered replies: in a channel or as interaction follow-ups, never pinging anyone."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.discord._render import Reply

NO_MENTIONS = discord.AllowedMentions.none()


async def send_replies(
    destination: discord.abc.Messageable,
    replies: Sequence[Reply],
    *,
    reply_to: discord.Message | None = None,
    view: discord.ui.View | None = None,
) -> list[discord.Message]:
    """Send each reply in order (the first as a reply to `reply_to`); `view` goes on the last."""
    sent = []
    for i, reply in enumerate(replies):
        last = i == len(replies) - 1
        kwargs: dict = {"content": reply.content, "embeds": list(reply.embeds)}
        if last and view is not None:
            kwargs["view"] = view
        if i == 0 and reply_to is not None:
            message = await reply_to.reply(
                mention_author=False, allowed_mentions=NO_MENTIONS, **kwargs
            )
            sent.append(message)
        else:
            sent.append(await destination.send(allowed_mentions=NO_MENTIONS, **kwargs))
    return sent


async def follow_up(
    interaction: discord.Interaction,
    replies: Sequence[Reply],
    *,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> list[discord.WebhookMessage]:
    """Send replies to a deferred interaction; the first replaces its "thinking…" message."""
    sent = []
    for i, reply in enumerate(replies):
        kwargs: dict = {"embeds": list(reply.embeds), "ephemeral": ephemeral, "wait": True}
        if reply.content:
            kwargs["content"] = reply.content
        if i == len(replies) - 1 and view is not None:
            kwargs["view"] = view
        sent.append(await interaction.followup.send(allowed_mentions=NO_MENTIONS, **kwargs))
    return sent
