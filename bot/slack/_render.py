"""Records → Slack messages: Block Kit blocks plus a plain-text fallback, within Slack's limits.

Pure functions: no Slack client, no I/O. Every piece of article, question or engine text is
escaped (`&`, `<`, `>`) and every mrkdwn object is `verbatim`, so nothing we quote can become a
link, a `<!channel>` / `<!here>` or a `<@U…>` mention.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.records import Answer, Citation, Claim, Quote, SourceInfo, Summary
from bot.slack._texts import SHORTENED

SECTION_LIMIT = 3000  # characters in one section (or context element) text
BLOCK_LIMIT = 50  # blocks in one message
TEXT_LIMIT = 40_000  # characters in a message's `text`
CONTEXT_ELEMENTS = 10  # elements in one context block
# All the text of one message's blocks together: undocumented, refused as msg_blocks_too_long
# from about 13,200 characters (slackapi/bolt-js#2509); we stay well under it.
BLOCKS_TEXT_BUDGET = 12_000

VOTE_UP = "storybot_vote_up"
VOTE_DOWN = "storybot_vote_down"
FEEDBACK_BLOCK = "storybot_feedback"
SOURCES_HEADING = "Sources:"
CLOSEST_HEADING = "Closest sentences:"

Block = dict[str, Any]
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
    answer: Answer, *, answer_id: str | None = None, show_question: bool = False
) -> SlackMessage:
    """An answer with [n] markers, then one context block per cited sentence, then 👍/👎."""
    body = answer.text or "The articles don't say."
    refused = not answer.answerable and bool(answer.closest)
    cited = _unique((*answer.citations, *answer.closest)) if refused else answer.citations
    head = escape(body)
    if refused:
        head += f"\n\n_{CLOSEST_HEADING}_"
    if show_question:
        head = f"*Question:* {escape(answer.question)}\n\n{head}"
    fallback = f"Question: {answer.question}\n\n{body}" if show_question else body
    heading = CLOSEST_HEADING if refused else SOURCES_HEADING
    understood = (
        (f"Understood as: {answer.standalone_question}",) if answer.standalone_question else ()
    )
    notes = (*understood, *answer.notes, *claim_notes(answer.claims))
    return _compose(head, fallback, heading, cited, notes, answer_id)


def render_summary(summary: Summary, *, answer_id: str | None = None) -> SlackMessage:
    """Cited bullets in story order, then the cited sentences, then 👍/👎."""
    bullets = [f"• {c.render()}" for c in summary.claims] or ["• (nothing to summarise)"]
    title = summary_title(summary)
    head = f"*{escape(title)}*\n" + "\n".join(escape(b) for b in bullets)
    fallback = f"{title}\n" + "\n".join(bullets)
    return _compose(head, fallback, SOURCES_HEADING, summary.citations, summary.notes, answer_id)


def claim_notes(claims: Sequence[Claim]) -> list[str]:
    """`[1][2] reported by both sources` for each claim with a note."""
    marks = ("".join(f"[{n}]" for n in c.citations) for c in claims)
    return [f"{m} {c.note}".strip() for m, c in zip(marks, claims, strict=True) if c.note]


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
    for heading in (SOURCES_HEADING, CLOSEST_HEADING):
        text = text.split(f"\n\n{escape(heading)}\n", 1)[0]
    return text


def _compose(
    head: str,
    fallback: str,
    heading: str,
    cited: Sequence[Citation],
    notes: Sequence[str],
    answer_id: str | None,
) -> SlackMessage:
    tail: list[Block] = []
    if notes:
        note = _truncate(escape(" ".join(notes)), SECTION_LIMIT)
        tail.append({"type": "context", "elements": [_mrkdwn(f"_{note}_")]})
    if answer_id:
        tail.append(_vote_buttons(answer_id))
    room = BLOCK_LIMIT - len(tail) - (1 if cited else 0)
    head_blocks = _sections(head, room)
    cite_blocks = _citation_blocks(cited, BLOCK_LIMIT - len(tail) - len(head_blocks))
    lines = [f"[{c.n}] {citation_label(c)}: “{c.text}”" for c in cited]
    text = fallback + (f"\n\n{heading}\n" + "\n".join(lines) if lines else "")
    return SlackMessage(
        text=_truncate(escape(text), TEXT_LIMIT),
        blocks=tuple(fit_blocks([*head_blocks, *cite_blocks], tail)),
    )


def _citation_blocks(cited: Sequence[Citation], room: int) -> list[Block]:
    """One context block per citation; several per block only when 50 blocks would not hold them."""
    if not cited or room <= 0:
        return []
    elements = [_mrkdwn(_citation_text(c)) for c in cited]
    per_block = min(CONTEXT_ELEMENTS, math.ceil(len(elements) / room))
    capacity = per_block * room
    if len(elements) > capacity:
        hidden = len(elements) - capacity + 1
        elements = [*elements[: capacity - 1], _mrkdwn(f"_…and {hidden} more in the text_")]
    return [
        {"type": "context", "elements": elements[i : i + per_block]}
        for i in range(0, len(elements), per_block)
    ]


def _citation_text(c: Citation) -> str:
    label = f"*[{c.n}]* {escape(citation_label(c))}\n"
    quote = _truncate(escape(c.text), SECTION_LIMIT - len(label) - 2)
    return f"{label}“{quote}”"


def _source_line(s: SourceInfo, link: bool = False) -> str:
    meta = " · ".join(p for p in (s.source, s.byline, s.date) if p) or "no outlet, byline or date"
    title = s.title or "(untitled)"
    if not link:
        return f"• {s.id} — {title} — {meta} · {s.sentences} sentences"
    shown = f"<{s.url}|{escape(title)}>" if s.url and _SAFE_URL.fullmatch(s.url) else escape(title)
    return f"• `{escape(s.id)}` {shown} — {escape(meta)} · {s.sentences} sentences"


def _vote_buttons(answer_id: str) -> Block:
    def button(action_id: str, emoji: str, label: str) -> Block:
        return {
            "type": "button",
            "action_id": action_id,
            "text": {"type": "plain_text", "text": emoji, "emoji": True},
            "value": answer_id,
            "accessibility_label": label,
        }

    return {
        "type": "actions",
        "block_id": FEEDBACK_BLOCK,
        "elements": [
            button(VOTE_UP, "👍", "This answer is right"),
            button(VOTE_DOWN, "👎", "This answer is wrong"),
        ],
    }


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


def _unique(citations: Sequence[Citation]) -> tuple[Citation, ...]:
    seen: set[tuple[str, int]] = set()
    out = []
    for c in citations:
        if (c.article_id, c.sentence) not in seen:
            seen.add((c.article_id, c.sentence))
            out.append(c)
    return tuple(out)
