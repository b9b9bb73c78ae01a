"""The buttons under an answer: 👍/👎 with their counts, Show context (or the closest passages
of a refusal), and a link to each cited article that has an address.

The buttons are dynamic items: their custom id carries what they act on, so they keep working
after a restart. One vote per person per answer (a later click replaces it); the counts on the
buttons show the votes so far. 👎 also opens a short form asking what was wrong, stored with
the vote. Show context answers privately with each cited sentence between its neighbours.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Literal

import discord

from bot.chat.answers import AnswerRecord
from bot.chat.feedback import Tally
from bot.chat.view import AnswerView
from bot.discord import _texts
from bot.discord._errors import error_line, tell
from bot.discord._layout import truncate
from bot.discord._render import render_context, turn_text

log = logging.getLogger(__name__)
VOTE_EMOJI = {"up": "👍", "down": "👎"}
NO_MENTIONS = discord.AllowedMentions.none()
LINK_LABEL_MAX = 80
REASON_MAX = 500
_VOTE = r"storybot:vote:(?P<vote>up|down):(?P<answer_id>[0-9a-f]{1,32})"
_LOOK = r"storybot:(?P<kind>context|closest):(?P<answer_id>[0-9a-f]{1,32})"


def vote_id(vote: str, answer_id: str) -> str:
    """The custom id of one vote button."""
    return f"storybot:vote:{vote}:{answer_id}"


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=_VOTE):
    """One vote button; the custom id is `storybot:vote:<up|down>:<answer id>`."""

    def __init__(self, vote: Literal["up", "down"], answer_id: str, count: int = 0) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji=VOTE_EMOJI[vote],
                label=str(count) if count else None,
                custom_id=vote_id(vote, answer_id),
            )
        )
        self.vote: Literal["up", "down"] = vote
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        """Rebuild the button from a click."""
        vote: Literal["up", "down"] = "up" if match["vote"] == "up" else "down"
        return cls(vote, match["answer_id"])

    async def callback(self, interaction: discord.Interaction) -> Any:
        """Store the vote (replacing the voter's earlier one), show the new counts, thank the
        voter privately; a 👎 asks what was wrong first."""
        bot: Any = interaction.client
        record = bot.answers.get(self.answer_id) or record_from_message(
            interaction.message, self.answer_id
        )
        if record is None:
            await tell(interaction, _texts.VOTE_FORGOTTEN)
            return
        if self.vote == "down":
            await interaction.response.send_modal(WhatWasWrong(record))
        tally = await cast(interaction, record, self.vote)
        if tally is None:
            return
        if self.vote == "down":
            await show_counts(interaction, tally, edit_response=False)
            return
        await show_counts(interaction, tally, edit_response=True)
        await tell(interaction, _texts.VOTE_THANKS[self.vote] if tally.changed else _texts.VOTED)


class WhatWasWrong(discord.ui.Modal, title="What was wrong?"):
    """The short form a 👎 opens; what is typed is stored with the vote."""

    reason: discord.ui.TextInput[WhatWasWrong] = discord.ui.TextInput(
        label="What was wrong with this answer?",
        custom_id="reason",
        style=discord.TextStyle.paragraph,
        placeholder="e.g. the wrong sentence, or it should have said it didn't know",
        required=False,
        max_length=REASON_MAX,
    )

    def __init__(self, record: AnswerRecord) -> None:
        super().__init__(custom_id=f"storybot:why:{record.answer_id}")
        self.record = record

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Store the reason with the 👎 and thank the voter."""
        reason = (self.reason.value or "").strip()
        if reason:
            await cast(interaction, self.record, "down", reason)
        await tell(interaction, _texts.VOTE_THANKS["down"])


async def cast(
    interaction: discord.Interaction,
    record: AnswerRecord,
    vote: Literal["up", "down"],
    reason: str | None = None,
) -> Tally | None:
    """Store one vote; None (the voter told why) if it could not be stored."""
    bot: Any = interaction.client
    user, channel = str(interaction.user.id), str(interaction.channel_id)
    try:
        return await bot.service.record_vote(record.vote("discord", user, channel, vote, reason))
    except Exception as exc:  # told to the user as one line, logged with an id
        await tell(interaction, error_line(bot.service, exc))
        return None


async def show_counts(
    interaction: discord.Interaction, tally: Tally, *, edit_response: bool
) -> None:
    """The answer's buttons again, the vote buttons labelled with the counts."""
    message = interaction.message
    if message is None:
        return
    view = discord.ui.View.from_message(message, timeout=None)
    for item in view.children:
        if isinstance(item, discord.ui.Button) and item.custom_id:
            match = re.fullmatch(_VOTE, item.custom_id)
            if match:
                count = tally.up if match["vote"] == "up" else tally.down
                item.label = str(count) if count else None
    try:
        if edit_response:
            await interaction.response.edit_message(view=view)
        else:
            await message.edit(view=view)
    except discord.HTTPException as exc:  # an ephemeral answer cannot be edited afterwards
        log.info("could not show the vote counts on %s: %s", message.id, exc)


class LookButton(discord.ui.DynamicItem[discord.ui.Button], template=_LOOK):
    """Show context (the cited sentences with their neighbours) or a refusal's closest
    passages, to the clicker only."""

    def __init__(self, kind: Literal["context", "closest"], answer_id: str) -> None:
        label = "Show context" if kind == "context" else "Closest passages"
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                label=label,
                custom_id=f"storybot:{kind}:{answer_id}",
            )
        )
        self.kind: Literal["context", "closest"] = kind
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> LookButton:
        """Rebuild the button from a click."""
        kind: Literal["context", "closest"] = "context" if match["kind"] == "context" else "closest"
        return cls(kind, match["answer_id"])

    async def callback(self, interaction: discord.Interaction) -> Any:
        """Quote each sentence with one neighbour each side, privately."""
        bot: Any = interaction.client
        record = bot.answers.get(self.answer_id)
        if record is None:
            await tell(interaction, _texts.CONTEXT_FORGOTTEN)
            return
        cited = record.citations if self.kind == "context" else record.closest
        targets = [(c["article_id"], c["sentence"]) for c in cited if c["sentence"] > 0][:3]
        if not targets:
            await tell(interaction, _texts.NO_CONTEXT)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            quotes = [await bot.service.quote(a, n, 1) for a, n in targets]
        except Exception as exc:
            await tell(interaction, error_line(bot.service, exc))
            return
        (reply, *_) = render_context(quotes, closest=self.kind == "closest")
        await interaction.followup.send(
            embeds=list(reply.embeds),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )


def answer_buttons(answer_id: str, view: AnswerView, tally: Tally | None = None) -> discord.ui.View:
    """The row under one answer: 👍 👎, Show context or Closest passages, and article links."""
    tally = tally or Tally()
    buttons = discord.ui.View(timeout=None)
    buttons.add_item(VoteButton("up", answer_id, tally.up))
    buttons.add_item(VoteButton("down", answer_id, tally.down))
    if view.answerable and view.context_targets:
        buttons.add_item(LookButton("context", answer_id))
    elif not view.answerable and view.closest:
        buttons.add_item(LookButton("closest", answer_id))
    for label, url in view.links[:2]:
        buttons.add_item(discord.ui.Button(label=truncate(label, LINK_LABEL_MAX), url=url))
    return buttons


def feedback_view(answer_id: str) -> discord.ui.View:
    """Just the 👍/👎 row (summaries)."""
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton("up", answer_id))
    view.add_item(VoteButton("down", answer_id))
    return view


def record_from_message(message: discord.Message | None, answer_id: str) -> AnswerRecord | None:
    """What an answer message still shows (question and answer, not the citations)."""
    if message is None or not message.embeds:
        return None
    question = message.embeds[0].title or ""
    answer = turn_text(message.content, message.embeds)
    if not answer:
        return None
    return AnswerRecord(answer_id, truncate(question, 1000), answer)
