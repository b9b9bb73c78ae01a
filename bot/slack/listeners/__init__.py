"""Slack listeners by kind, each module with `register(app, bot)`."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack._bot import SlackBot
from bot.slack.listeners import actions, commands, events


def register_listeners(app: AsyncApp, bot: SlackBot) -> None:
    """Attach every storybot listener to `app`."""
    events.register(app, bot)
    commands.register(app, bot)
    actions.register(app, bot)
