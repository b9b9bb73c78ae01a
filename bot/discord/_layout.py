"""Pure text layout within Discord's limits: blocks of text → embeds → messages.

No discord import here: `_render` turns records into blocks, this module decides where
they go. A block is kept whole whenever it fits in an embed; one that cannot fit even an
empty embed is split between words (a single word longer than an embed is cut, but never
inside a `[n]` marker).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Discord's documented limits (characters unless noted).
CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000  # all embeds of one message together
EMBEDS_PER_MESSAGE = 10

# A new embed is not started in a message with less room than this; a new message is.
MIN_EMBED_ROOM = 500
ELLIPSIS = "…"
_MARKER = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class Block:
    """Text kept whole if it fits; `joiner` separates it from the block before it."""

    text: str
    joiner: str = "\n"
    continuation: str = ""  # put before each later piece when the block must be split


@dataclass(frozen=True)
class Card:
    """The text of one embed."""

    description: str
    title: str | None = None
    footer: str | None = None

    @property
    def size(self) -> int:
        """Characters this embed counts towards the 6,000 per message."""
        return len(self.description) + len(self.title or "") + len(self.footer or "")


def truncate(text: str, limit: int) -> str:
    """`text` if it fits in `limit`, else cut at a word boundary with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head, _ = split_once(text, limit - len(ELLIPSIS))
    return head.rstrip() + ELLIPSIS


def split_once(text: str, limit: int) -> tuple[str, str]:
    """Split `text` into a head of at most `limit` characters and the rest, between words."""
    if len(text) <= limit:
        return text, ""
    cut = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
    if cut <= 0:
        cut = _hard_cut(text, limit)
        return text[:cut], text[cut:]
    return text[:cut].rstrip(), text[cut:].lstrip()


def _hard_cut(text: str, limit: int) -> int:
    """Where to cut a word longer than `limit`: at `limit`, or before a marker it would split."""
    for marker in _MARKER.finditer(text, max(0, limit - 8), limit + 8):
        if marker.start() < limit < marker.end() and marker.start() > 0:
            return marker.start()
    return limit


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, split between words."""
    pieces = []
    rest = text.strip()
    while rest:
        head, rest = split_once(rest, limit)
        pieces.append(head)
    return pieces


def pack(
    blocks: Iterable[Block], *, title: str | None = None, footer: str | None = None
) -> list[list[Card]]:
    """Lay blocks out in embeds and embeds in messages, each within every limit.

    The title goes on the first embed and the footer on the last; every embed reserves
    room for the footer, so the last one always has it.
    """
    title = truncate(title, TITLE_MAX) if title else None
    footer = truncate(footer, FOOTER_MAX) if footer else None
    packer = _Packer(title, footer)
    for block in blocks:
        if block.text.strip():
            packer.add(block)
    return packer.finish()


class _Packer:
    """Fills embeds block by block, opening embeds and messages as the limits require."""

    def __init__(self, title: str | None, footer: str | None) -> None:
        self.title = title
        self.footer = footer
        self.messages: list[list[Card]] = [[]]
        self.parts: list[str] = []
        self.budget = self._open()

    def _room(self) -> int:
        used = sum(card.size for card in self.messages[-1])
        title = self.title if not any(self.messages) else None
        return EMBED_TOTAL_MAX - used - len(title or "") - len(self.footer or "")

    def _open(self) -> int:
        """Room for the description of the embed being filled (opening a message if needed)."""
        if len(self.messages[-1]) >= EMBEDS_PER_MESSAGE or self._room() < MIN_EMBED_ROOM:
            self.messages.append([])
        return min(DESCRIPTION_MAX, self._room())

    def _fresh_budget(self) -> int:
        """Room for a description in the first embed of a new message."""
        return min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - len(self.footer or ""))

    def _close(self) -> None:
        if not self.parts:
            return
        title = self.title if not any(self.messages) else None
        card = Card(description="".join(self.parts), title=title, footer=self.footer)
        self.messages[-1].append(card)
        self.parts = []
        self.budget = self._open()

    def add(self, block: Block) -> None:
        """Put the block in the current embed, a new one, or (too long for any) split it."""
        text = block.text.strip()
        joiner = block.joiner
        while text:
            used = sum(len(p) for p in self.parts)
            piece = (joiner if self.parts else "") + text
            if used + len(piece) <= self.budget:
                self.parts.append(piece)
                return
            if self.parts:
                self._close()
                continue
            if self.messages[-1] and len(text) <= self._fresh_budget():
                self.messages.append([])  # it fits whole in a new message: no need to split it
                self.budget = self._open()
                continue
            head, rest = split_once(text, self.budget)
            self.parts.append(head)
            self._close()
            if rest and block.continuation and not rest.startswith(block.continuation):
                rest = block.continuation + rest
            text, joiner = rest, "\n"

    def finish(self) -> list[list[Card]]:
        """The messages, each a list of embeds."""
        self._close()
        messages = [cards for cards in self.messages if cards]
        # Only the last embed keeps the footer that every embed made room for.
        for cards in messages:
            for i, card in enumerate(cards):
                if card is not messages[-1][-1]:
                    cards[i] = Card(card.description, card.title, None)
        return messages
