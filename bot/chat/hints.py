"""The engine's fixes name CLI commands (`storybot sources`); in a chat, its own commands."""

from __future__ import annotations

import re
from collections.abc import Collection

_CLI = re.compile(r"`storybot (\w+)[^`]*`")


def for_chat(text: str, commands: Collection[str]) -> str:
    """`text` with each `storybot NAME …` the chat also has as /NAME written as /NAME."""
    return _CLI.sub(lambda m: f"/{m.group(1)}" if m.group(1) in commands else m.group(0), text)
