"""Records → text for a terminal: the answer with [n] markers, then numbered quoted sources."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from bot.records import (
    Answer,
    Citation,
    Claim,
    Comparison,
    Contrast,
    Fact,
    IngestReport,
    Quote,
    SourceInfo,
    Summary,
    Timeline,
)


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
    lines += [f"Note: {_marks(c) or c.text} {c.note}" for c in answer.claims if c.note]
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
    """What was stored and what was unchanged (failures are reported one line each apart)."""
    counts = {status: 0 for status in ("added", "replaced", "unchanged", "failed")}
    for a in report.articles:
        counts[a.status] += 1
    stored = report.stored
    lines = [
        f"Stored {len(stored)} article{'s' if len(stored) != 1 else ''} "
        f"({counts['added']} added, {counts['replaced']} replaced, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed): "
        f"{sum(a.sentences for a in stored)} sentences, "
        f"{sum(a.chunks for a in stored)} chunks."
    ]
    lines += [f"  {a.id}: {a.sentences} sentences, {a.chunks} chunks ({a.status})" for a in stored]
    return "\n".join(lines)


def failure_lines(report: IngestReport) -> list[str]:
    """One line per distinct error of an ingest; the same error for many articles is said once."""
    counts: dict[str, int] = {}
    for failed in report.failed:
        counts[failed.error or "failed"] = counts.get(failed.error or "failed", 0) + 1
    return [
        f"{error} ({count} articles)" if count > 1 else error for error, count in counts.items()
    ]


def render_quote(quote: Quote) -> str:
    """The sentence with its neighbours, the quoted one marked."""
    c = quote.citation
    lines = [f"{c.label} · {c.article_id}"]
    for n in (*quote.before, c, *quote.after):
        mark = "▶" if n is c else " "
        body = textwrap.fill(n.text, 96, subsequent_indent=" " * 7)
        lines.append(f"{mark} {n.sentence:>3}  {body}")
    return "\n".join(lines)


def _marks(claim: Claim) -> str:
    return "".join(f"[{n}]" for n in claim.citations)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_comparison(comparison: Comparison) -> str:
    """The three parts, each line cited, then the sources (quoted where no line quotes them)."""
    labels = {c.article_id: c.label for c in comparison.citations}
    named = [a if labels.get(a, a) == a else f"{a} ({labels[a]})" for a in comparison.articles]
    lines = [f"Comparing {len(named)} articles: {', '.join(named)}"]
    lines += ["", f"{comparison.shared_heading} ({len(comparison.shared)}):"]
    lines += [f"• {_fact_line(f)}" for f in comparison.shared] or ["  (nothing)"]
    count = len(comparison.worded_differently)
    lines += ["", f"Worded differently ({count}), the biggest differences first:"]
    for rewording in comparison.worded_differently:
        first, *others = rewording.versions
        lines.append(f"• [{first.citations[0]}] {first.text}")
        lines += [f"  [{v.citations[0]}] {v.text}" for v in others]
        lines += [f"  ↳ {contrast_line(c)}" for c in rewording.contrasts]
    if not comparison.worded_differently:
        lines.append("  (nothing)")
    lines += ["", f"Only in one ({len(comparison.only_in_one)}):"]
    lines += [f"• {_fact_line(f)}" for f in comparison.only_in_one] or ["  (nothing)"]
    lines += ["", "Sources:"]
    lines += _source_lines(comparison.citations, comparison.shown_citations())
    return "\n".join(lines)


def contrast_line(c: Contrast) -> str:
    """`detail: “left” vs “right”` for one difference between two versions."""
    left, right = (f"“{_clip(t, 120)}”" if t else "—" for t in (c.left, c.right))
    return f"{c.detail}: {left} [{c.citations[0]}] vs {right} [{c.citations[1]}]"


def render_timeline(timeline: Timeline) -> str:
    """Events in order: the date (or the wording when undatable), the cited sentence, a note."""
    count = len(timeline.events)
    lines = [f"Timeline of {len(timeline.articles)} articles: {count} events"]
    if not timeline.events:
        lines.append("  No sentence of these articles names a day, week, month or year.")
    for event in timeline.events:
        when = event.resolved or f"{event.when} (date unknown)"
        when += " (inherited)" if event.inherited else ""
        marks = "".join(f"[{n}]" for n in event.citations)
        lines.append(f"• {when}: {event.text} {marks}")
        lines.append(f"  ↳ {event.note}")
    lines += ["", "Sources:"] if timeline.citations else []
    lines += _source_lines(timeline.citations, timeline.shown_citations())
    return "\n".join(lines)


def _fact_line(fact: Fact) -> str:
    return f"{fact.text} " + "".join(f"[{n}]" for n in fact.citations)


def _source_lines(citations: Sequence[Citation], shown: frozenset[int]) -> list[str]:
    """Each citation's label; its sentence too when no line above quotes it."""
    lines = []
    for c in citations:
        where = "byline and date line" if c.sentence == 0 else f"sentence {c.sentence}"
        text = "" if c.n in shown else f": “{c.text}”"
        lines.append(f" [{c.n}] {c.label} · {where}{text}")
    return lines


def render_timings(timings: dict[str, float]) -> str:
    """One line of where a command's time went, in milliseconds, in the order it was spent."""
    parts = " · ".join(f"{name} {ms:,.0f}" for name, ms in timings.items())
    return f"timings (ms): {parts}"
