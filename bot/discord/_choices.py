"""Article autocomplete: a short-lived cache of the stored articles and the choices it offers."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from discord import app_commands

from bot.chat.service import ChatService
from bot.discord._layout import truncate
from bot.records import SourceInfo

log = logging.getLogger(__name__)
CHOICES_MAX = 25
CHOICE_MAX = 100  # Discord's limit for a choice's name and its string value


def article_choices(sources: Sequence[SourceInfo], typed: str) -> list[app_commands.Choice[str]]:
    """Up to 25 articles whose id, title or outlet contains what was typed."""
    needle = typed.casefold().strip()
    choices = []
    for s in sources:
        if len(s.id) > CHOICE_MAX:
            continue  # cannot be a choice; the user can still type the id
        haystack = " ".join(p for p in (s.id, s.title, s.source) if p).casefold()
        if needle and needle not in haystack:
            continue
        label = " · ".join(p for p in (s.title or s.id, s.source, s.date) if p)
        choices.append(app_commands.Choice(name=truncate(label, CHOICE_MAX), value=s.id))
        if len(choices) == CHOICES_MAX:
            break
    return choices


class SourceCache:
    """The stored articles, re-read from the engine at most every `ttl_s` seconds."""

    def __init__(
        self, service: ChatService, ttl_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.service = service
        self.ttl_s = ttl_s
        self.clock = clock
        self._sources: list[SourceInfo] = []
        self._at: float | None = None

    def invalidate(self) -> None:
        """Forget the cached list (after an ingest or forget)."""
        self._at = None

    async def get(self) -> list[SourceInfo]:
        """The stored articles; an engine failure is logged and gives the last known list."""
        if self._at is None or self.clock() - self._at > self.ttl_s:
            try:
                self._sources = await self.service.sources()
                self._at = self.clock()
            except Exception:
                log.warning("could not list articles for autocomplete", exc_info=True)
        return self._sources
