"""One typed settings object, loaded once in `main` from `.env` and the environment.

Nothing here runs at import time: `main` calls `load_settings()`, tests build `Settings`
directly. Every setting is one row of `bot/settings/table.py`, which also generates
`.env.example`.
"""

from bot.settings.fields import Secret
from bot.settings.loading import load_settings, settings_from_mapping
from bot.settings.table import (
    AnswerSettings,
    ChatSettings,
    DiscordSettings,
    IndexSettings,
    LLMSettings,
    Settings,
    SlackSettings,
    StoreSettings,
)

__all__ = [
    "AnswerSettings",
    "ChatSettings",
    "DiscordSettings",
    "IndexSettings",
    "LLMSettings",
    "Secret",
    "Settings",
    "SlackSettings",
    "StoreSettings",
    "load_settings",
    "settings_from_mapping",
]
