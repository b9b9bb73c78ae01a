"""Block Kit layout within Slack's limits: sections, context blocks, the total text budget.

Pure, no Slack client: `_render` and `_render_story` decide what to say, this module decides
how it fits (3,000 characters a section, 10 elements a context block, 50 blocks, 40,000
characters of text, and the undocumented total of the blocks' text).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

SECTION_LIMIT = 3000  # characters in one section (or context element) text
BLOCK_LIMIT = 50  # blocks in one message
TEXT_LIMIT = 40_000  # characters in a message's `text`
CONTEXT_ELEMENTS = 10  # elements in one context block
# All the text of one message's blocks together: undocumented, refused as msg_blocks_too_long
# from about 13,200 characters (slackapi/bolt-js#2509); we stay well under it.
BLOCKS_TEXT_BUDGET = 12_000

Block = dict[str, Any]


def _packed(texts: Sequence[str], room: int) -> list[Block]:
    """Context blocks holding `texts`, one each unless `room` blocks would not hold them."""
    if not texts or room <= 0:
        return []
    elements = [_mrkdwn(t) for t in texts]
    per_block = min(CONTEXT_ELEMENTS, math.ceil(len(elements) / room))
    capacity = per_block * room
    if len(elements) > capacity:
        hidden = len(elements) - capacity + 1
        elements = [*elements[: capacity - 1], _mrkdwn(f"_…and {hidden} more in the text_")]
    return [
        {"type": "context", "elements": elements[i : i + per_block]}
        for i in range(0, len(elements), per_block)
    ]


def block_text_size(blocks: Sequence[Block]) -> int:
    """Characters of text in these blocks, as Slack counts them towards its total."""
    size = 0
    for block in blocks:
        if isinstance(block.get("text"), dict):
            size += len(block["text"].get("text") or "")
        for element in block.get("elements") or []:
            text = element.get("text")
            size += len(text.get("text") or "" if isinstance(text, dict) else text or "")
    return size


def fit_blocks(
    blocks: Sequence[Block], tail: Sequence[Block] = (), budget: int = BLOCKS_TEXT_BUDGET
) -> list[Block]:
    """`blocks` then `tail` within `budget` characters of text: `tail` whole, `blocks` cut at
    the end (a cut says the message's text has the rest)."""
    room = budget - block_text_size(tail)
    kept: list[Block] = []
    for block in blocks:
        size = block_text_size([block])
        if size <= room:
            kept.append(block)
            room -= size
            continue
        more = _mrkdwn(_MORE_IN_TEXT)
        if block.get("type") == "section" and room > 200:
            cut = _truncate(block["text"]["text"], room - len(_MORE_IN_TEXT) - 1)
            kept.append({"type": "section", "text": _mrkdwn(cut)})
        elif block.get("type") == "context":
            fitting = []
            for element in block["elements"]:
                if len(element["text"]) + len(_MORE_IN_TEXT) > room:
                    break
                fitting.append(element)
                room -= len(element["text"])
            kept.append({"type": "context", "elements": [*fitting[: CONTEXT_ELEMENTS - 1], more]})
            break
        kept.append({"type": "context", "elements": [more]})
        break
    return [*kept, *tail]


_MORE_IN_TEXT = "_…the rest is cut to fit in Slack; /ask or the command again for all of it_"


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _sections(text: str, room: int) -> list[Block]:
    """Section blocks of at most 3,000 characters each, at most `room` of them."""
    pieces = _split(text, SECTION_LIMIT)
    if len(pieces) > room:
        pieces = pieces[: max(room, 1)]
        pieces[-1] = _truncate(pieces[-1] + " …", SECTION_LIMIT)
    return [{"type": "section", "text": _mrkdwn(p)} for p in pieces]


def _split(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at a line break or space where possible."""
    pieces: list[str] = []
    text = text.strip()
    while len(text) > limit:
        cut = text.rfind("\n", limit // 2, limit + 1)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = _safe_cut(text, limit)
        pieces.append(text[:cut].rstrip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces


def _truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, never inside an `&amp;`-style entity."""
    if len(text) <= limit:
        return text
    return text[: _safe_cut(text, limit - 1)] + "…"


def _safe_cut(text: str, limit: int) -> int:
    amp = text.rfind("&", max(0, limit - 4), limit)
    return amp if amp > 0 and ";" not in text[amp:limit] else limit
