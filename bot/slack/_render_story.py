"""Views across the articles → Slack messages: /compare and /timeline, within Slack's limits.

Pure, like `_render`: the lines go into section blocks (3,000 characters each), the sources
into context blocks (up to 10 elements each), and the whole into a plain-text fallback. Every
line quotes stored sentences with [n] markers; a source quotes its sentence only where no line
already does. All article text is escaped and `verbatim`.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.records import Citation, Comparison, Contrast, Fact, Timeline
from bot.slack._render import (
    BLOCK_LIMIT,
    CONTEXT_ELEMENTS,
    SECTION_LIMIT,
    TEXT_LIMIT,
    Block,
    SlackMessage,
    _mrkdwn,
    _sections,
    _truncate,
    citation_label,
    escape,
    fit_blocks,
    render_notice,
)

SNIPPET_MAX = 200  # characters of one side of a difference


def render_comparison(comparison: Comparison) -> SlackMessage:
    """The three parts (reported by both, worded differently, only in one), then the sources."""
    c = comparison
    lines = [
        f"*Comparing {len(c.articles)} articles*",
        "",
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
    return _message("\n".join(lines), c.citations, c.shown_citations())


def render_timeline(timeline: Timeline) -> SlackMessage:
    """The events in order: the date in bold, the cited sentence, how it was dated."""
    if not timeline.events:
        return render_notice("No sentence of the stored articles names a day, week, month or year.")
    lines = [f"*Timeline of the story* ({len(timeline.events)} events)"]
    for event in timeline.events:
        when = escape(event.resolved or f"{event.when} (date unknown)")
        marks = "".join(f"[{n}]" for n in event.citations)
        lines += ["", f"*{when}*", f"{escape(event.text)} {marks}", f"_{escape(event.note)}_"]
    return _message("\n".join(lines), timeline.citations, timeline.shown_citations())


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
    return f"{label}\n“{_truncate(escape(c.text), SECTION_LIMIT - len(label) - 3)}”"


def _plain_source(c: Citation, shown: bool) -> str:
    line = f"[{c.n}] {escape(citation_label(c))}"
    return line if shown else f"{line}: “{escape(c.text)}”"
