"""Records → text for a terminal: the answer with [n] markers, then numbered quoted sources."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from bot.records import Answer, Citation, IngestReport, Quote, SourceInfo, Summary


def citation_line(c: Citation) -> str:
    """` [n] outlet · byline · date · sentence k: “text”`."""
    where = "byline and date line" if c.sentence == 0 else f"sentence {c.sentence}"
    return f" [{c.n}] {c.label} · {where}: “{c.text}”"


def render_answer(answer: Answer) -> str:
    """The answer, its notes, then its citations (or the closest sentences for a refusal)."""
    lines = [answer.text]
    if answer.standalone_question:
        lines.insert(0, f"(understood as: {answer.standalone_question})")
    lines += [f"Note: {note}" for note in answer.notes]
    lines += [f"Note: {c.text} ({c.note})" for c in answer.claims if c.note]
    if answer.citations:
        lines += [citation_line(c) for c in answer.citations]
    elif answer.closest:
        lines.append("The closest the articles come:")
        lines += [citation_line(c) for c in answer.closest]
    return "\n".join(lines)


def render_summary(summary: Summary) -> str:
    """Bullets with their [n] markers, then the citations."""
    lines = [f"• {claim.render()}" for claim in summary.claims]
    lines += [f"Note: {note}" for note in summary.notes]
    lines += [citation_line(c) for c in summary.citations]
    return "\n".join(lines)


def render_sources(sources: Sequence[SourceInfo]) -> str:
    """A table of the stored articles."""
    if not sources:
        return "No articles are stored yet. Add some with: storybot ingest PATH_OR_URL"
    rows = [("id", "title", "outlet", "byline", "date", "sentences")]
    for s in sources:
        rows.append(
            (
                s.id,
                _clip(s.title or "—", 40),
                s.source or "—",
                s.byline or "—",
                s.date or "—",
                str(s.sentences),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows)


def render_ingest(report: IngestReport) -> str:
    """What was stored, what was unchanged, and one line per failure."""
    counts = {status: 0 for status in ("added", "replaced", "unchanged", "failed")}
    for a in report.articles:
        counts[a.status] += 1
    stored = report.stored
    lines = [
        f"Stored {len(stored)} article{'s' if len(stored) != 1 else ''} "
        f"({counts['added']} added, {counts['replaced']} replaced, "
        f"{counts['unchanged']} unchanged): {sum(a.sentences for a in stored)} sentences, "
        f"{sum(a.chunks for a in stored)} chunks."
    ]
    lines += [f"  {a.id}: {a.sentences} sentences, {a.chunks} chunks ({a.status})" for a in stored]
    lines += [f"  failed: {a.error}" for a in report.failed]
    return "\n".join(lines)


def render_quote(quote: Quote) -> str:
    """The sentence with its neighbours, the quoted one marked."""
    c = quote.citation
    lines = [f"{c.label} · {c.article_id}"]
    for n in (*quote.before, c, *quote.after):
        mark = "▶" if n is c else " "
        body = textwrap.fill(n.text, 96, subsequent_indent=" " * 7)
        lines.append(f"{mark} {n.sentence:>3}  {body}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
