"""Records → Slack messages: Block Kit blocks plus a plain-text fallback, within Slack's limits.

Pure functions: no Slack client, no I/O. Every piece of article, question or engine text is
escaped (`&`, `<`, `>`) and every mrkdwn object is `verbatim`, so nothing we quote can become a
link, a `<!channel>` / `<!here>` or a `<@U…>` mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.chat.feedback import Tally
from bot.chat.view import Source, answer_view, summary_view
from bot.records import Answer, Citation, Quote, SourceInfo, Summary
from bot.slack._blocks import (
    BLOCK_LIMIT,
    SECTION_LIMIT,
    TEXT_LIMIT,
    Block,
    _mrkdwn,
    _packed,
    _sections,
    _truncate,
    fit_blocks,
)
from bot.slack._buttons import answer_actions
from bot.slack._texts import SHORTENED

SOURCES_HEADING = "Sources:"

_SAFE_URL = re.compile(r"https?://[\w\-.~:/?#\[\]@!$'()*+,;=%]+")


@dataclass(frozen=True)
class SlackMessage:
    """What to send: the fallback `text`, the blocks, and whether it is a one-line notice."""

    text: str
    blocks: tuple[Block, ...] = ()
    is_notice: bool = False

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for chat.postMessage or respond()."""
        if not self.blocks:
            return {"text": self.text}
        return {"text": self.text, "blocks": list(self.blocks)}


PLAIN_LIMIT = 3000  # a plain-text fallback this short goes through wherever a message can


def can_shorten(message: SlackMessage) -> bool:
    """True when `plain_fallback` would send something smaller than `message`."""
    return bool(message.blocks) or len(message.text) > PLAIN_LIMIT


def plain_fallback(message: SlackMessage) -> SlackMessage:
    """The message as plain text only, cut (and saying so) to PLAIN_LIMIT characters."""
    text = message.text
    if len(text) > PLAIN_LIMIT:
        text = _truncate(text, PLAIN_LIMIT - len(SHORTENED) - 1) + "\n" + SHORTENED
    return SlackMessage(text=text, is_notice=message.is_notice)


def escape(text: str) -> str:
    """Escape &, < and > the way Slack asks, so text shows as written and never as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of &, < and >."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def render_notice(line: str) -> SlackMessage:
    """One line for the user (an error, a limit, a usage hint), as plain escaped text."""
    return SlackMessage(text=_truncate(escape(line), TEXT_LIMIT), is_notice=True)


def render_answer(
    answer: Answer,
    *,
    answer_id: str | None = None,
    show_question: bool = False,
    tally: Tally | None = None,
) -> SlackMessage:
    """The answer said once (a quoted sentence is not repeated below), compact sources, then
    the buttons; a refusal in one line (its closest passages are behind a button)."""
    view = answer_view(answer)
    body = [f"*{escape(view.lead)}*"] if view.lead else []
    plain = [view.lead] if view.lead else []
    for line in view.lines:
        text = f"{line.text} {line.marks_text}".rstrip()
        body.append(f">{escape(text)}" if line.quoted else escape(text))
        plain.append(text)
    head = "\n".join(body)
    fallback = " ".join(plain)
    if show_question:
        head = f"*Question:* {escape(answer.question)}\n\n{head}"
        fallback = f"Question: {answer.question}\n\n{fallback}"
    notes = ((f"Understood as: {view.understood_as}",) if view.understood_as else ()) + view.notes
    tail: list[Block] = []
    if notes:
        note = _truncate(escape(" · ".join(notes)), SECTION_LIMIT)
        tail.append({"type": "context", "elements": [_mrkdwn(f"_{note}_")]})
    if answer_id:
        tail.append(answer_actions(answer_id, view, tally))
    room = BLOCK_LIMIT - len(tail) - (1 if view.sources else 0)
    head_blocks = _sections(head, room)
    source_blocks = _packed([_source_text(s) for s in view.sources], room - len(head_blocks) + 1)
    lines = [_plain_source(s) for s in view.sources]
    text = fallback + (f"\n\n{SOURCES_HEADING}\n" + "\n".join(lines) if lines else "")
    return SlackMessage(
        text=_truncate(escape(text), TEXT_LIMIT),
        blocks=tuple(fit_blocks([*head_blocks, *source_blocks], tail)),
    )


def _source_text(s: Source) -> str:
    label = f"*[{s.n}]* {escape(s.label)} · {s.where}"
    if s.quote is None:
        return label
    return f"{label}\n{_truncate(escape(s.quote), SECTION_LIMIT - len(label) - 1)}"


def _plain_source(s: Source) -> str:
    label = f"[{s.n}] {s.label} · {s.where}"
    return label if s.quote is None else f"{label}: {quoted(s.quote)}"


def quoted(text: str) -> str:
    """The sentence in quote marks, unless it already opens or closes with its own."""
    if text.startswith(("“", '"')) or text.endswith(("”", '"')):
        return text
    return f"“{text}”"


def render_context(quotes: Sequence[Quote], *, closest: bool = False) -> SlackMessage:
    """Each sentence between its neighbours, under its source (Show context, Closest passages)."""
    title = "Closest passages" if closest else "In context"
    sections, plain = [f"*{title}*"], [title]
    for q in quotes:
        c = q.citation
        lines = [f"*{escape(c.label)} · sentence {c.sentence}*"]
        lines += [f"`{x.sentence}` {escape(x.text)}" for x in q.before]
        lines.append(f">`{c.sentence}` {escape(c.text)}")
        lines += [f"`{x.sentence}` {escape(x.text)}" for x in q.after]
        sections.append("\n".join(lines))
        plain += [f"{c.label} · sentence {c.sentence}"] + [
            f"{x.sentence}. {x.text}" for x in (*q.before, c, *q.after)
        ]
    blocks = fit_blocks(_sections("\n\n".join(sections), BLOCK_LIMIT))
    return SlackMessage(text=_truncate(escape("\n".join(plain)), TEXT_LIMIT), blocks=tuple(blocks))


def render_summary(summary: Summary, *, answer_id: str | None = None) -> SlackMessage:
    """Cited bullets in story order (each sentence said once), compact sources, then 👍/👎."""
    title = summary_title(summary)
    view = summary_view(title, summary.claims, summary.citations)
    bullets = [f"• {line.text} {line.marks_text}".rstrip() for line in view.lines]
    bullets = bullets or ["• (nothing to summarise)"]
    head = f"*{escape(title)}*\n" + "\n".join(escape(b) for b in bullets)
    fallback = f"{title}\n" + "\n".join(bullets)
    tail: list[Block] = []
    if summary.notes:
        note = _truncate(escape(" · ".join(summary.notes)), SECTION_LIMIT)
        tail.append({"type": "context", "elements": [_mrkdwn(f"_{note}_")]})
    if answer_id:
        tail.append(answer_actions(answer_id))
    room = BLOCK_LIMIT - len(tail) - 1
    head_blocks = _sections(head, room)
    source_blocks = _packed([_source_text(s) for s in view.sources], room - len(head_blocks) + 1)
    lines = [_plain_source(s) for s in view.sources]
    text = fallback + (f"\n\n{SOURCES_HEADING}\n" + "\n".join(lines) if lines else "")
    return SlackMessage(
        text=_truncate(escape(text), TEXT_LIMIT),
        blocks=tuple(fit_blocks([*head_blocks, *source_blocks], tail)),
    )


def summary_title(summary: Summary) -> str:
    """The summary's heading: the whole story, or one article by title and id."""
    if summary.article_id is None:
        return "Summary of the whole story"
    title = next((c.title for c in summary.citations if c.article_id == summary.article_id), None)
    if title:
        return f"Summary of “{title}” ({summary.article_id})"
    return f"Summary of {summary.article_id}"


def render_sources(sources: Sequence[SourceInfo]) -> SlackMessage:
    """The stored articles: id, title, outlet · byline · date and sentence count."""
    if not sources:
        return render_notice(
            "No articles are stored yet. An admin can add some with `storybot ingest PATH`."
        )
    head = f"*Stored articles ({len(sources)})*"
    lines = [_source_line(s, link=True) for s in sources]
    blocks = _sections(head + "\n" + "\n".join(lines), BLOCK_LIMIT)
    fallback = "\n".join([f"Stored articles ({len(sources)})"] + [_source_line(s) for s in sources])
    blocks = fit_blocks(blocks)
    return SlackMessage(text=_truncate(escape(fallback), TEXT_LIMIT), blocks=tuple(blocks))


def render_quote(quote: Quote) -> SlackMessage:
    """The sentence (quoted) between its neighbours, each with its number, then its source."""
    c = quote.citation
    lines = [f"`{x.sentence}` {escape(x.text)}" for x in quote.before]
    lines.append(f">`{c.sentence}` {escape(c.text)}")
    lines += [f"`{x.sentence}` {escape(x.text)}" for x in quote.after]
    title = c.title or c.label
    head = f"*{escape(title)}*\n" + "\n".join(lines)
    source = {"type": "context", "elements": [_mrkdwn(escape(citation_label(c)))]}
    blocks = fit_blocks(_sections(head, BLOCK_LIMIT - 1), [source])
    plain = [f"{x.sentence}. {x.text}" for x in (*quote.before, c, *quote.after)]
    fallback = "\n".join([title, *plain, citation_label(c)])
    return SlackMessage(text=_truncate(escape(fallback), TEXT_LIMIT), blocks=tuple(blocks))


def citation_label(c: Citation) -> str:
    """Outlet · byline · date (or the article id) · sentence number."""
    where = "byline" if c.sentence == 0 else f"sentence {c.sentence}"
    return f"{c.label} · {where}"


def answer_part(text: str) -> str:
    """The answer in a message's fallback text, without its list of sources."""
    return text.split(f"\n\n{escape(SOURCES_HEADING)}\n", 1)[0]


def _source_line(s: SourceInfo, link: bool = False) -> str:
    meta = " · ".join(p for p in (s.source, s.byline, s.date) if p) or "no outlet, byline or date"
    title = s.title or "(untitled)"
    if not link:
        return f"• {s.id} — {title} — {meta} · {s.sentences} sentences"
    shown = f"<{s.url}|{escape(title)}>" if s.url and _SAFE_URL.fullmatch(s.url) else escape(title)
    return f"• `{escape(s.id)}` {shown} — {escape(meta)} · {s.sentences} sentences"
