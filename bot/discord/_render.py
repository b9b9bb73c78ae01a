"""Records → Discord messages (content and embeds), each within every Discord limit.

Pure: no network, no bot. An answer is one embed (more only when it is too long): the
answer with [n] markers, then the cited sentences as numbered footnotes. Only citations a
claim refers to are listed. Text from articles and users is escaped so it shows verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.chat.view import Source, answer_view, summary_view
from bot.discord._layout import CONTENT_MAX, Block, Card, pack, truncate
from bot.records import Answer, Citation, IngestReport, Quote, SourceInfo, Summary

ANSWER_COLOUR = discord.Colour.blurple()
REFUSAL_COLOUR = discord.Colour.light_grey()
INFO_COLOUR = discord.Colour.dark_teal()
FOOTNOTES_BREAK = "\n\n"  # between the answer and its footnotes; see `turn_text`

_NUMBERED = re.compile(r"^(\s*\d+)\.(?=\s)", re.MULTILINE)
_ESCAPED = re.compile(r"\\([^\sA-Za-z0-9])")
_MARKS = re.compile(r"\s*(?:\[\d+\])+")


@dataclass(frozen=True)
class Reply:
    """One message to send: an optional line of content and its embeds."""

    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()


def escape(text: str) -> str:
    """Text that Discord shows exactly as written (no bold, lists or headings by accident)."""
    return _NUMBERED.sub(r"\1\\.", discord.utils.escape_markdown(text))


def unescape(text: str) -> str:
    """The inverse of `escape`."""
    return _ESCAPED.sub(r"\1", text)


def notice(text: str) -> Reply:
    """A one-line message (errors, refusals to act, confirmations)."""
    return Reply(content=truncate(" ".join(text.split()), CONTENT_MAX))


def citation_label(c: Citation) -> str:
    """Outlet · byline · date · sentence number (or the article id), as plain text."""
    where = "article header" if c.sentence == 0 else f"sentence {c.sentence}"
    return f"{c.label} · {where}"


def code(text: str) -> str:
    """Inline code (ids, origins), shown as written."""
    return "`" + text.replace("`", "'") + "`"


def footnote(c: Citation) -> str:
    """`**[n]** label` and the quoted sentence on the next line."""
    meta = [p for p in (c.source, c.byline, c.date) if p]
    name = escape(" · ".join(meta)) if meta else code(c.article_id)
    where = "article header" if c.sentence == 0 else f"sentence {c.sentence}"
    quoted = "\n".join("> " + escape(line) for line in c.text.splitlines() or [""])
    return f"**[{c.n}]** {name} · {where}\n{quoted}"


def _replies(messages: list[list[Card]], colour: discord.Colour) -> list[Reply]:
    replies = []
    for cards in messages:
        embeds = []
        for card in cards:
            embed = discord.Embed(title=card.title, description=card.description, colour=colour)
            if card.footer:
                embed.set_footer(text=card.footer)
            embeds.append(embed)
        replies.append(Reply(embeds=tuple(embeds)))
    return replies


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render_answer(answer: Answer) -> list[Reply]:
    """The answer said once (a quoted sentence is not repeated below), then compact sources;
    a refusal in one line (its closest passages are behind a button, see `_views`)."""
    view = answer_view(answer)
    blocks = [Block(f"**{escape(view.lead)}**", " ")] if view.lead else []
    for i, line in enumerate(view.lines):
        text = f"{escape(line.text)} {line.marks_text}".rstrip()
        joiner = "\n" if line.quoted or (i == 0 and view.lead) else " "
        blocks.append(Block(f"> {text}" if line.quoted else text, joiner))
    blocks += source_blocks(view.sources)
    parts = []
    if view.understood_as:
        parts.append(f"Understood as: {view.understood_as}")
    parts += list(view.notes)
    if not view.answerable and view.closest:
        parts.append("The closest passages are one click away")
    colour = ANSWER_COLOUR if answer.answerable else REFUSAL_COLOUR
    footer = " · ".join(parts) or None
    return _replies(pack(blocks, title=answer.question, footer=footer), colour)


def source_blocks(sources: Sequence[Source]) -> list[Block]:
    """`**[n]** label · sentence k`, each followed by its quote unless the answer quoted it."""
    blocks = []
    for i, s in enumerate(sources):
        text = f"**[{s.n}]** {escape(s.label)} · {s.where}"
        if s.quote is not None:
            text += "\n" + "\n".join("> " + escape(ln) for ln in s.quote.splitlines() or [""])
        blocks.append(Block(text, FOOTNOTES_BREAK if i == 0 else "\n", continuation="> "))
    return blocks


def render_summary(summary: Summary) -> list[Reply]:
    """Cited bullets in story order (each sentence said once), then compact sources."""
    if summary.article_id is None:
        title = "Summary of the story"
    else:
        name = next((c.title for c in summary.citations if c.title), None) or summary.article_id
        title = f"Summary of {name}"
    view = summary_view(title, summary.claims, summary.citations)
    blocks = [Block(f"• {escape(x.text)} {x.marks_text}".rstrip(), "\n") for x in view.lines]
    if not blocks:
        return [notice("There is nothing to summarise yet.")]
    sources = view.sources
    blocks += source_blocks(sources)
    footer = " · ".join(
        [
            _plural(len(summary.claims), "point"),
            _plural(len(sources), "cited sentence"),
            *summary.notes,
        ]
    )
    return _replies(pack(blocks, title=title, footer=footer), ANSWER_COLOUR)


def source_line(s: SourceInfo) -> str:
    """How one stored article is listed."""
    meta = [p for p in (s.source, s.byline, s.date) if p]
    meta.append(_plural(s.sentences, "sentence"))
    name = escape(s.title) if s.title else code(s.id)
    return f"**{name}**\n{code(s.id)} · {escape(' · '.join(meta))}"


def render_sources(sources: Sequence[SourceInfo]) -> list[Reply]:
    """The stored articles, one paragraph each."""
    if not sources:
        return [notice("No articles are stored yet. An admin can add some with /ingest.")]
    blocks = [Block(source_line(s), "\n\n") for s in sources]
    title = f"Stored articles ({len(sources)})"
    footer = "Use /quote or /summary with an article id"
    return _replies(pack(blocks, title=title, footer=footer), INFO_COLOUR)


def render_quote(quote: Quote) -> list[Reply]:
    """The sentence in bold between its neighbours, each with its number."""
    c = quote.citation

    def line(x: Citation, bold: bool = False) -> str:
        text = f"`{x.sentence}` {escape(x.text)}"
        return f"**{text}**" if bold else text

    blocks = [Block(line(x)) for x in quote.before]
    blocks.append(Block(line(c, bold=True)))
    blocks += [Block(line(x)) for x in quote.after]
    title = c.title or c.article_id
    return _replies(pack(blocks, title=title, footer=citation_label(c)), INFO_COLOUR)


def render_context(quotes: Sequence[Quote], *, closest: bool = False) -> list[Reply]:
    """Each sentence in bold between its neighbours, under its source (Show context)."""
    blocks = []
    for q in quotes:
        c = q.citation
        head = f"**{escape(c.label)} · sentence {c.sentence}**"
        lines = [f"`{x.sentence}` {escape(x.text)}" for x in q.before]
        lines.append(f"**`{c.sentence}` {escape(c.text)}**")
        lines += [f"`{x.sentence}` {escape(x.text)}" for x in q.after]
        blocks.append(Block("\n".join([head, *lines]), "\n\n"))
    title = "Closest passages" if closest else "In context"
    footer = "The articles don't answer the question; these came closest" if closest else None
    return _replies(pack(blocks, title=title, footer=footer), INFO_COLOUR)


_STATUS = {"added": "✅ added", "replaced": "♻️ replaced", "unchanged": "➖ unchanged"}


def render_ingest(report: IngestReport) -> list[Reply]:
    """What was stored, replaced, left alone or refused, one line per article."""
    blocks = []
    for a in report.articles:
        if a.status == "failed":
            line = f"❌ failed {code(a.origin)}: {escape(a.error or 'could not be read')}"
        else:
            line = (
                f"{_STATUS[a.status]} {code(a.id)} · {_plural(a.sentences, 'sentence')}, "
                f"{_plural(a.chunks, 'chunk')}"
            )
        blocks.append(Block(line))
    if not blocks:
        return [notice("Nothing was found to ingest.")]
    stored = report.stored
    footer = (
        f"Stored {_plural(len(stored), 'article')} · "
        f"{_plural(sum(a.sentences for a in stored), 'sentence')} · "
        f"{_plural(len(report.failed), 'failure')}"
    )
    colour = REFUSAL_COLOUR if report.failed and not stored else INFO_COLOUR
    return _replies(pack(blocks, title="Ingest", footer=footer), colour)


def render_forgotten(info: SourceInfo) -> list[Reply]:
    """The one-line confirmation of `/forget`."""
    name = f" ({info.title})" if info.title else ""
    return [notice(f"Forgot {code(info.id)}{name}: {_plural(info.sentences, 'sentence')} removed.")]


def turn_text(content: str, embeds: Sequence[discord.Embed]) -> str:
    """What a message of the bot said, for follow-up history: the answer without its sources,
    quote marks, bold or [n] markers."""
    if not embeds:
        return content.strip()
    description = embeds[0].description or ""
    answer = description.split(FOOTNOTES_BREAK, 1)[0]
    lines = [ln[2:] if ln.startswith("> ") else ln for ln in answer.splitlines()]
    plain = " ".join(ln.strip() for ln in lines if ln.strip()).replace("**", "")
    return unescape(_MARKS.sub("", plain)).strip()
