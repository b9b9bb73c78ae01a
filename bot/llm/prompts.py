"""Prompts are data: Markdown files in the `prompts` package (or PROMPTS_DIR), loaded and filled.

A prompt file holds a system message and a user message, each after a `<!-- role: … -->`
line (anything before the first is a comment for editors). `{{name}}` placeholders are filled
in one pass, so text put in (article sentences, questions) is never scanned for more of them.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from index.errors import ConfigError

NAMES = ("answer", "summary", "rewrite", "translate")
PACKAGE = "prompts"

_ROLE = re.compile(r"^<!--\s*role:\s*(system|user)\s*-->\s*$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class Prompt:
    """One prompt: its system and user message templates."""

    name: str
    system: str
    user: str

    def render(self, **values: object) -> tuple[str, str]:
        """The system and user messages with every placeholder filled."""
        return _fill(self.system, values, self.name), _fill(self.user, values, self.name)


def prompts_dir(override: str | Path | None = None) -> Traversable:
    """The folder prompts are read from: the override (PROMPTS_DIR) or the `prompts` package."""
    return Path(override) if override else importlib.resources.files(PACKAGE)


def load_prompts(folder: str | Path | None = None, names: Sequence[str] = NAMES) -> dict:
    """Every prompt by name; ConfigError naming the file when one is missing or malformed."""
    return {name: load_prompt(name, folder) for name in names}


def load_prompt(name: str, folder: str | Path | None = None) -> Prompt:
    """The prompt `<folder>/<name>.md` (default: the one shipped in the `prompts` package)."""
    return _load(name, str(folder) if folder else "")


@functools.lru_cache(maxsize=32)
def _load(name: str, folder: str) -> Prompt:
    path = prompts_dir(folder) / f"{name}.md"
    if not path.is_file():
        raise ConfigError(
            f"The prompt file {path} is missing",
            "Set PROMPTS_DIR to a folder with answer.md, summary.md, rewrite.md and translate.md"
            if folder
            else "Reinstall storybot: its prompts package is incomplete",
        )
    text = path.read_text(encoding="utf-8")
    parts = _ROLE.split(text)
    # parts: [comment, role, body, role, body, ...]
    messages = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if not messages.get("system") or not messages.get("user"):
        raise ConfigError(
            f"The prompt file {path} needs a '<!-- role: system -->' and a "
            "'<!-- role: user -->' part",
            "Restore it from the repository",
        )
    return Prompt(name, messages["system"], messages["user"])


def _fill(template: str, values: dict[str, object], name: str) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise ConfigError(
                f"The {name} prompt uses {{{{{key}}}}}, which storybot does not fill",
                "Remove it from the prompt file",
            )
        return str(values[key])

    return _PLACEHOLDER.sub(replace, template)
