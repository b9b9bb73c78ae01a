"""Views across the articles → Discord embeds: /compare and /timeline, within every limit.

Pure, like `_render`: blocks of text laid out by `_layout.pack`. Every line quotes stored
sentences with [n] markers; the footnotes name each cited sentence and quote those that no
line above already quotes (the other versions of shared facts and events).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.discord._layout import Block, Card, pack, truncate
from bot.discord._render import INFO_COLOUR, Reply, _replies, code, escape, footnote, notice
from bot.records import Citation, Comparison, Contrast, Fact, Timeline

SNIPPET_MAX = 200  # characters of one side of a difference
MAX_MESSAGES = 5  # a longer view is cut, and says where the whole of it is


def render_comparison(comparison: Comparison) -> list[Reply]:
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
    blocks += _sources(c.citations, c.shown_citations())
    title = f"Comparing {len(c.articles)} articles"
    footer = (
        f"{len(c.shared)} reported by both · {count} worded differently · "
        f"{len(c.only_in_one)} only in one"
    )
    if len(c.articles) > 2:
        footer = footer.replace("reported by both", "reported by several")
    return _capped(blocks, title, footer, "storybot compare --json")


def render_timeline(timeline: Timeline) -> list[Reply]:
    """The events in order: the date in bold, the cited sentence, how it was dated."""
    if not timeline.events:
        return [notice("No sentence of the stored articles names a day, week, month or year.")]
    blocks = []
    for event in timeline.events:
        when = escape(event.resolved or f"{event.when} (date unknown)")
        marks = "".join(f"[{n}]" for n in event.citations)
        text = f"**{when}**\n{escape(event.text)} {marks}\n_{escape(event.note)}_"
        blocks.append(Block(text, "\n\n"))
    blocks += _sources(timeline.citations, timeline.shown_citations())
    dated = sum(1 for e in timeline.events if e.date)
    undated = len(timeline.events) - dated
    footer = f"{dated} dated, {undated} without a known date · {len(timeline.articles)} articles"
    return _capped(blocks, "Timeline of the story", footer, "storybot timeline --json")


def _capped(blocks: list[Block], title: str, footer: str, whole: str) -> list[Reply]:
    """At most MAX_MESSAGES messages; when cut, the last footer says so and where to look."""
    cut_footer = f"{footer} · cut at {MAX_MESSAGES} messages; “{whole}” has all of it"
    messages = pack(blocks, title=title, footer=cut_footer)  # room reserved for the longer one
    if len(messages) > MAX_MESSAGES:
        messages = messages[:MAX_MESSAGES]
    else:
        cut_footer = footer
    last = messages[-1][-1]
    messages[-1][-1] = Card(last.description, last.title, cut_footer)
    return _replies(messages, INFO_COLOUR)


def _fact(fact: Fact) -> str:
    return f"• {escape(fact.text)} " + "".join(f"[{n}]" for n in fact.citations)


def _contrast(c: Contrast) -> str:
    left, right = (f"“{escape(truncate(t, SNIPPET_MAX))}”" if t else "—" for t in (c.left, c.right))
    return f"{escape(c.detail)}: {left} [{c.citations[0]}] vs {right} [{c.citations[1]}]"


def _sources(citations: Sequence[Citation], shown: frozenset[int]) -> list[Block]:
    """Footnotes: label and sentence number; the quoted sentence only where no line quotes it."""
    blocks = [Block("**Sources**", "\n\n")] if citations else []
    for c in citations:
        if c.n in shown:
            meta = [p for p in (c.source, c.byline, c.date) if p]
            name = escape(" · ".join(meta)) if meta else code(c.article_id)
            where = "article header" if c.sentence == 0 else f"sentence {c.sentence}"
            blocks.append(Block(f"**[{c.n}]** {name} · {where}"))
        else:
            blocks.append(Block(footnote(c), continuation="> "))
    return blocks
