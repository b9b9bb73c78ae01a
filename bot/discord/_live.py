"""An answer's message while a language model writes it: shown, edited, then made final.

The first partial text posts the message (or fills a slash command's "thinking…" response),
later ones edit it (ChatService keeps edits to one a second), and `finish` edits it into the
rendered, checked answer, or the error line, so nothing is left half-written. When no partial
text came (no LLM), `finish` sends the replies exactly as before streaming existed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord

from bot.discord._layout import CONTENT_MAX, truncate
from bot.discord._render import Reply, escape
from bot.discord._send import NO_MENTIONS, follow_up, send_replies

log = logging.getLogger(__name__)
WRITING = "-# Writing… each sentence is checked against the articles before the answer is final."
CURSOR = " ▍"


def partial_reply(text: str) -> Reply:
    """The unfinished answer as message content, marked as not yet checked."""
    room = CONTENT_MAX - len(WRITING) - len(CURSOR) - 1
    return Reply(content=f"{truncate(escape(text), room)}{CURSOR}\n{WRITING}")


class LiveReply:
    """The answer to a message, in `destination` (replying to `reply_to` when given)."""

    def __init__(
        self, destination: discord.abc.Messageable, reply_to: discord.Message | None
    ) -> None:
        self.destination = destination
        self.reply_to = reply_to
        self.message: discord.Message | None = None

    async def show(self, text: str) -> None:
        """Post or edit the unfinished answer."""
        reply = partial_reply(text)
        if self.message is None:
            sent = await send_replies(self.destination, [reply], reply_to=self.reply_to)
            self.message = sent[0]
        else:
            await self.message.edit(content=reply.content, allowed_mentions=NO_MENTIONS)

    async def finish(
        self, replies: Sequence[Reply], *, view: discord.ui.View | None = None
    ) -> list[discord.Message]:
        """The final replies: the shown message edited into the first, the rest sent after."""
        if self.message is None:
            return await send_replies(self.destination, replies, reply_to=self.reply_to, view=view)
        first, rest = replies[0], list(replies[1:])
        kwargs: dict = {"content": first.content, "embeds": list(first.embeds)}
        if not rest and view is not None:
            kwargs["view"] = view
        try:
            await self.message.edit(allowed_mentions=NO_MENTIONS, **kwargs)
        except discord.HTTPException as exc:  # deleted meanwhile: post the answer afresh
            log.info("could not edit the streamed answer, posting it again: %s", exc)
            self.message = None
            return await self.finish(replies, view=view)
        return [self.message, *await send_replies(self.destination, rest, view=view)]


class LiveInteraction:
    """The answer to a deferred slash command: its original response, then follow-ups."""

    def __init__(self, interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
        self.interaction = interaction
        self.ephemeral = ephemeral
        self.shown = False

    async def show(self, text: str) -> None:
        """Replace "thinking…" (or the last partial text) with the unfinished answer."""
        reply = partial_reply(text)
        await self.interaction.edit_original_response(
            content=reply.content, allowed_mentions=NO_MENTIONS
        )
        self.shown = True

    async def finish(
        self, replies: Sequence[Reply], *, view: discord.ui.View | None = None
    ) -> None:
        """The final replies: the original response edited into the first, follow-ups after."""
        if not self.shown:
            await follow_up(self.interaction, replies, view=view, ephemeral=self.ephemeral)
            return
        first, rest = replies[0], list(replies[1:])
        kwargs: dict = {"content": first.content, "embeds": list(first.embeds)}
        if not rest and view is not None:
            kwargs["view"] = view
        await self.interaction.edit_original_response(allowed_mentions=NO_MENTIONS, **kwargs)
        if rest:
            await follow_up(self.interaction, rest, view=view, ephemeral=self.ephemeral)
