"""Views across the articles → Slack messages: /compare and /timeline, within Slack's limits.

Pure, like `_render`: the lines go into section blocks (3,000 characters each), the sources
into context blocks (up to 10 elements each), and the whole into a plain-text fallback. Every
line quotes stored sentences with [n] markers; a source quotes its sentence only where no line
already does. All article text is escaped and `verbatim`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.records import Citation, Comparison, Contrast, Fact, Timeline
from bot.slack._blocks import (
    BLOCK_LIMIT,
    CONTEXT_ELEMENTS,
    SECTION_LIMIT,
    TEXT_LIMIT,
    Block,
    _mrkdwn,
    _sections,
    _truncate,
    fit_blocks,
)
from bot.slack._render import SlackMessage, citation_label, escape, quoted

SNIPPET_MAX = 200  # characters of one side of a difference
PAGE_CHARS = 2500  # the lines of one page; its sources come on top
PAGE_PREV = "storybot_page_prev"
PAGE_NEXT = "storybot_page_next"
NO_EVENTS = "No sentence of the stored articles names a day, week, month or year."
_MARK = re.compile(r"\[(\d+)\]")


def render_comparison(comparison: Comparison) -> list[SlackMessage]:
    """The three parts (reported by both, worded differently, only in one), in pages, each
    with the sources of the [n] on it."""
    c = comparison
    lines = [
        f"*{c.shared_heading} ({len(c.shared)})*",
    ]
    lines += [_fact(f) for f in c.shared] or ["_(nothing)_"]
    lines += ["", f"*Worded differently ({len(c.worded_differently)})*, the biggest first"]
    for rewording in c.worded_differently:
        lines += [f"*[{v.citations[0]}]* {escape(v.text)}" for v in rewording.versions]
        lines += [f"    ↳ {_contrast(x)}" for x in rewording.contrasts]
    if not c.worded_differently:
        lines.append("_(nothing)_")
    lines += ["", f"*Only in one ({len(c.only_in_one)})*"]
    lines += [_fact(f) for f in c.only_in_one] or ["_(nothing)_"]
    title = f"Comparing {len(c.articles)} articles"
    return _pages(title, lines, c.citations, c.shown_citations())


def render_timeline(timeline: Timeline) -> list[SlackMessage]:
    """The events in order under one heading per date: each cited sentence and how it was
    dated; in pages, each with the sources of the [n] on it. [] when nothing is dated."""
    if not timeline.events:
        return []
    lines: list[str] = []
    heading = None
    for event in timeline.events:
        when = escape(event.resolved or f"{event.when} (date unknown)")
        if when != heading:
            lines += ["", f"*{when}*"] if lines else [f"*{when}*"]
            heading = when
        marks = "".join(f"[{n}]" for n in event.citations)
        lines += [f"• {escape(event.text)} {marks}", f"      _{escape(event.note)}_"]
    title = f"Timeline of the story ({len(timeline.events)} events)"
    return _pages(title, lines, timeline.citations, timeline.shown_citations())


def _pages(
    title: str, lines: Sequence[str], citations: Sequence[Citation], shown: frozenset[int]
) -> list[SlackMessage]:
    """The lines cut into pages of about PAGE_CHARS characters, never inside a line."""
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if chunks[-1] and size + len(line) > PAGE_CHARS:
            while chunks[-1] and not chunks[-1][-1]:
                chunks[-1].pop()
            chunks.append([])
            size = 0
        if chunks[-1] or line:
            chunks[-1].append(line)
            size += len(line) + 1
    by_number = {c.n: c for c in citations}
    pages = []
    for i, chunk in enumerate(chunks, 1):
        head = f"*{escape(title)}*" + (f" · page {i} of {len(chunks)}" if len(chunks) > 1 else "")
        body = "\n".join([head, "", *chunk])
        numbers = sorted({int(n) for n in _MARK.findall(body)} & set(by_number))
        pages.append(_message(body, [by_number[n] for n in numbers], shown))
    return pages


def with_navigation(page: SlackMessage, view_id: str, index: int, total: int) -> SlackMessage:
    """The page with ◀ Previous / Next ▶ buttons (only those that lead somewhere)."""
    elements = []
    if index > 0:
        elements.append(_nav(PAGE_PREV, "◀ Previous", f"{view_id}:{index - 1}"))
    if index < total - 1:
        elements.append(_nav(PAGE_NEXT, "Next ▶", f"{view_id}:{index + 1}"))
    if not elements:
        return page
    actions = {"type": "actions", "block_id": "storybot_pages", "elements": elements}
    blocks = [*page.blocks[: BLOCK_LIMIT - 1], actions]
    return SlackMessage(text=page.text, blocks=tuple(blocks), is_notice=page.is_notice)


def _nav(action_id: str, text: str, value: str) -> Block:
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "value": value,
    }


def _message(head: str, citations: Sequence[Citation], shown: frozenset[int]) -> SlackMessage:
    elements = [_mrkdwn(_source(c, c.n in shown)) for c in citations]
    source_blocks = [
        {"type": "context", "elements": elements[i : i + CONTEXT_ELEMENTS]}
        for i in range(0, len(elements), CONTEXT_ELEMENTS)
    ]
    head_room = BLOCK_LIMIT - len(source_blocks) - 1
    if head_room < 1:  # hundreds of sources: the fallback text still lists them all
        source_blocks = source_blocks[: BLOCK_LIMIT // 2]
        head_room = BLOCK_LIMIT - len(source_blocks) - 1
    blocks: list[Block] = _sections(head, head_room)
    if source_blocks:
        blocks.append({"type": "section", "text": _mrkdwn("*Sources*")})
        blocks += source_blocks
    plain = [_plain_source(c, c.n in shown) for c in citations]
    text = head + ("\n\nSources:\n" + "\n".join(plain) if plain else "")
    return SlackMessage(text=_truncate(text, TEXT_LIMIT), blocks=tuple(fit_blocks(blocks)))


def _fact(fact: Fact) -> str:
    return f"• {escape(fact.text)} " + "".join(f"[{n}]" for n in fact.citations)


def _contrast(c: Contrast) -> str:
    left, right = (
        f"“{escape(_truncate(t, SNIPPET_MAX))}”" if t else "—" for t in (c.left, c.right)
    )
    return f"{escape(c.detail)}: {left} [{c.citations[0]}] vs {right} [{c.citations[1]}]"


def _source(c: Citation, shown: bool) -> str:
    label = f"*[{c.n}]* {escape(citation_label(c))}"
    if shown:
        return label
    return f"{label}\n{_truncate(escape(c.text), SECTION_LIMIT - len(label) - 1)}"


def _plain_source(c: Citation, shown: bool) -> str:
    line = f"[{c.n}] {escape(citation_label(c))}"
    return line if shown else f"{line}: {escape(quoted(c.text))}"
