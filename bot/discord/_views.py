"""👍/👎 buttons under each answer; a click stores a vote through ChatService.record_vote.

The buttons are dynamic items: their custom id carries the vote and the answer id, so they
keep working after a restart. The answer itself comes from the bot's AnswerLog, or, once it
has been dropped from there, from the message the buttons are on.
"""

from __future__ import annotations

import re
from typing import Any, Literal, cast

import discord

from bot.chat.answers import AnswerRecord
from bot.discord import _texts
from bot.discord._errors import error_line, tell
from bot.discord._layout import truncate
from bot.discord._render import turn_text

VOTE_EMOJI = {"up": "👍", "down": "👎"}
_TEMPLATE = r"storybot:vote:(?P<vote>up|down):(?P<answer_id>[0-9a-f]{1,32})"


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=_TEMPLATE):
    """One vote button; the custom id is `storybot:vote:<up|down>:<answer id>`."""

    def __init__(self, vote: Literal["up", "down"], answer_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji=VOTE_EMOJI[vote],
                custom_id=f"storybot:vote:{vote}:{answer_id}",
            )
        )
        self.vote: Literal["up", "down"] = vote
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        """Rebuild the button from a click."""
        return cls(cast(Literal["up", "down"], match["vote"]), match["answer_id"])

    async def callback(self, interaction: discord.Interaction) -> Any:
        """Store the vote with its question, answer and citations, and thank the voter."""
        bot: Any = interaction.client
        record = bot.answers.get(self.answer_id) or record_from_message(
            interaction.message, self.answer_id
        )
        if record is None:
            await tell(interaction, _texts.VOTE_FORGOTTEN)
            return
        user, channel = str(interaction.user.id), str(interaction.channel_id)
        vote = record.vote("discord", user, channel, self.vote)
        try:
            await bot.service.record_vote(vote)
        except Exception as exc:  # told to the user as one line, logged with an id
            await tell(interaction, error_line(bot.service, exc))
            return
        await tell(interaction, _texts.VOTE_THANKS[self.vote])


def feedback_view(answer_id: str) -> discord.ui.View:
    """The 👍/👎 row for one answer."""
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
