"""The one exception family of storybot: every message is safe to show a user.

Each error says what is wrong and what to do, on one line. Adapters (CLI, Discord, Slack)
translate these into user messages in one place; anything else is a bug and is logged
with an id instead of being shown.
"""

from __future__ import annotations


class StorybotError(Exception):
    """An error whose message is meant for the user: what went wrong, then what to do."""

    exit_code = 1

    def __init__(self, problem: str, fix: str | None = None) -> None:
        self.problem = problem.strip().rstrip(".")
        self.fix = (fix or "").strip().rstrip(".") or None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one-line message: problem, then fix."""
        text = f"{self.problem}."
        if self.fix:
            text += f" {self.fix}."
        return " ".join(text.split())


class InputError(StorybotError):
    """A file, URL, question or argument the user gave cannot be used."""

    exit_code = 2


class NotFoundError(StorybotError):
    """Something the user named (an article, a sentence) is not in the store."""

    exit_code = 3


class ConfigError(StorybotError):
    """A setting is missing or malformed."""

    exit_code = 4


class StoreError(StorybotError):
    """The vector store cannot be reached or written."""

    exit_code = 5


class LLMError(StorybotError):
    """The language model failed; callers fall back to the extractive answer."""

    exit_code = 6


class PlatformError(StorybotError):
    """A chat platform call failed."""

    exit_code = 7
