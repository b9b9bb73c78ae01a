"""Views across the articles → Discord pages: /compare and /timeline, within every limit.

Pure, like `_render`. The view is cut into pages of about PAGE_CHARS characters (one embed each,
shown one at a time with ◀ ▶ buttons, see `_pages`), never a flood of messages. Every line
quotes stored sentences with [n] markers; each page ends with the sources of the [n] on it,
quoting only those that no line quotes (the other versions of shared facts and events). The
timeline groups events under one heading per date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.discord._layout import (
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    Block,
    Card,
    split_text,
    truncate,
)
from bot.discord._render import INFO_COLOUR, Reply, _replies, escape
from bot.records import Citation, Comparison, Contrast, Fact, Timeline

SNIPPET_MAX = 200  # characters of one side of a difference
PAGE_CHARS = 1800  # the lines of one page; its sources come on top
_MARK = re.compile(r"\[(\d+)\]")


def render_comparison(comparison: Comparison) -> list[Card]:
    """The three parts (reported by both, worded differently, only in one), then the sources."""
    c = comparison
    blocks = [Block(f"**{c.shared_heading} ({len(c.shared)})**", "")]
    blocks += [Block(_fact(f)) for f in c.shared] or [Block("_(nothing)_")]
    count = len(c.worded_differently)
    blocks.append(Block(f"**Worded differently ({count})**, the biggest differences first", "\n\n"))
    for rewording in c.worded_differently:
        lines = [f"**[{v.citations[0]}]** {escape(v.text)}" for v in rewording.versions]
        lines += [f"↳ {_contrast(x)}" for x in rewording.contrasts]
        blocks.append(Block("\n".join(lines), "\n\n", continuation="↳ "))
    if not c.worded_differently:
        blocks.append(Block("_(nothing)_"))
    blocks.append(Block(f"**Only in one ({len(c.only_in_one)})**", "\n\n"))
    blocks += [Block(_fact(f)) for f in c.only_in_one] or [Block("_(nothing)_")]
    title = f"Comparing {len(c.articles)} articles"
    footer = (
        f"{len(c.shared)} reported by both · {count} worded differently · "
        f"{len(c.only_in_one)} only in one"
    )
    if len(c.articles) > 2:
        footer = footer.replace("reported by both", "reported by several")
    return paged(blocks, c.citations, c.shown_citations(), title, footer)


def render_timeline(timeline: Timeline) -> list[Card]:
    """The events in order under one bold heading per date: each cited sentence, and how it
    was dated when that is not plain from the sentence."""
    if not timeline.events:
        return []
    blocks = []
    heading = None
    for event in timeline.events:
        when = escape(event.resolved or f"{event.when} (date unknown)")
        if when != heading:
            blocks.append(Block(f"**{when}**", "\n\n"))
            heading = when
        marks = "".join(f"[{n}]" for n in event.citations)
        text = f"• {escape(event.text)} {marks}\n  _{escape(event.note)}_"
        blocks.append(Block(text, "\n", continuation="  "))
    dated = sum(1 for e in timeline.events if e.date)
    undated = len(timeline.events) - dated
    footer = f"{dated} dated, {undated} without a known date · {len(timeline.articles)} articles"
    title = "Timeline of the story"
    return paged(blocks, timeline.citations, timeline.shown_citations(), title, footer)


NO_EVENTS = "No sentence of the stored articles names a day, week, month or year."


def paged(
    blocks: Sequence[Block],
    citations: Sequence[Citation],
    shown: frozenset[int],
    title: str,
    footer: str,
) -> list[Card]:
    """Pages of about PAGE_CHARS characters, each with the sources of its own [n] markers."""
    pages: list[str] = []
    current = ""
    for block in blocks:
        for i, piece in enumerate(split_text(block.text, PAGE_CHARS)):
            piece = piece if i == 0 else block.continuation + piece
            joined = f"{current}{block.joiner if current else ''}{piece}"
            if current and len(joined) > PAGE_CHARS:
                pages.append(current)
                current = piece
            else:
                current = joined
    if current:
        pages.append(current)
    by_number = {c.n: c for c in citations}
    cards = []
    for i, text in enumerate(pages, 1):
        numbers = sorted({int(n) for n in _MARK.findall(text)} & set(by_number))
        sources = [_source(by_number[n], n in shown) for n in numbers]
        body = text + ("\n\n**Sources**\n" + "\n".join(sources) if sources else "")
        label = f"{footer} · page {i} of {len(pages)}" if len(pages) > 1 else footer
        room = EMBED_TOTAL_MAX - len(title) - len(label)
        cards.append(Card(truncate(body, min(DESCRIPTION_MAX, room)), title, label))
    return cards


def page_reply(card: Card) -> Reply:
    """One page as a message."""
    (reply,) = _replies([[card]], INFO_COLOUR)
    return reply


def _fact(fact: Fact) -> str:
    return f"• {escape(fact.text)} " + "".join(f"[{n}]" for n in fact.citations)


def _contrast(c: Contrast) -> str:
    left, right = (f"“{escape(truncate(t, SNIPPET_MAX))}”" if t else "—" for t in (c.left, c.right))
    return f"{escape(c.detail)}: {left} [{c.citations[0]}] vs {right} [{c.citations[1]}]"


def _source(c: Citation, shown: bool) -> str:
    """A source: label and sentence number; the sentence quoted only where no line quotes it."""
    where = "article header" if c.sentence == 0 else f"sentence {c.sentence}"
    label = f"**[{c.n}]** {escape(c.label)} · {where}"
    if shown:
        return label
    return label + "\n" + "\n".join("> " + escape(ln) for ln in c.text.splitlines() or [""])
