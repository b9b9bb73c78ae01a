"""What a chat answer shows, decided once for Discord and Slack: pure, platform-free records.

An answer reads best said once: the direct answer first (`short_answer`, bold, when the engine
gives one), then each claim with its [n] markers. A claim that *is* its cited sentence (the
extractive answerer's) is shown as a quote, and its source then gives only the label; every
other cited sentence is quoted once, in the sources. Sources are compact: outlet · byline ·
date · sentence n, or the article's readable name where it has no outlet. A refusal says so in
one line; at most two closest passages wait behind a button.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.records import Answer, Citation, Claim

REFUSAL = "The articles don't say."
MAX_CLOSEST = 2
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Source:
    """One cited sentence as listed under an answer."""

    n: int
    label: str  # outlet · byline · date, else the article's readable name
    where: str  # "sentence 17", or "article header" for the metadata line
    quote: str | None  # the sentence, unless the answer above already quotes it
    url: str | None
    article_id: str
    sentence: int

    @classmethod
    def of(cls, c: Citation, quoted_above: bool = False) -> Source:
        """The listing of citation `c`."""
        where = "article header" if c.sentence == 0 else f"sentence {c.sentence}"
        quote = None if quoted_above else c.text
        return cls(c.n, c.label, where, quote, c.url, c.article_id, c.sentence)


@dataclass(frozen=True)
class Line:
    """One claim of the answer: its text, its [n] markers, and whether it is a verbatim quote."""

    text: str
    marks: tuple[int, ...]
    quoted: bool = False

    @property
    def marks_text(self) -> str:
        """`[1][2]`."""
        return "".join(f"[{n}]" for n in self.marks)


@dataclass(frozen=True)
class AnswerView:
    """An answer laid out for a chat message."""

    question: str
    answerable: bool
    lead: str | None  # the direct answer, shown bold first
    lines: tuple[Line, ...]
    sources: tuple[Source, ...]
    closest: tuple[Source, ...]  # a refusal's nearest passages (behind a button)
    understood_as: str | None
    notes: tuple[str, ...]
    links: tuple[tuple[str, str], ...]  # (label, url) of the cited articles that have one

    @property
    def context_targets(self) -> tuple[tuple[str, int], ...]:
        """(article id, sentence) of the sentences a "Show context" button opens."""
        cited = self.sources if self.answerable else self.closest
        return tuple((s.article_id, s.sentence) for s in cited if s.sentence > 0)


def answer_view(answer: Answer) -> AnswerView:
    """How to show `answer` (see the module's docstring for the rules)."""
    by_number = {c.n: c for c in answer.citations}
    lead = _short_answer(answer)
    lines, quoted = [], set()
    for claim in answer.claims:
        verbatim = _verbatim_of(claim, by_number)
        if verbatim is not None and lead:
            continue  # the lead says it; the sentence is quoted once, in the sources
        if verbatim is not None:
            quoted.add(verbatim)
        lines.append(Line(claim.text.strip(), claim.citations, quoted=verbatim is not None))
    if not answer.answerable and not lines:
        lines.append(Line(REFUSAL, ()))
    cited = _cited(answer.claims, answer.citations) if answer.answerable else []
    if lead:
        cited = _with_marks_in(lead, answer.citations, cited)
    sources = tuple(Source.of(c, c.n in quoted) for c in cited)
    closest = () if answer.answerable else tuple(Source.of(c) for c in _unique(answer.closest))
    return AnswerView(
        question=answer.question,
        answerable=answer.answerable,
        lead=lead,
        lines=tuple(lines),
        sources=sources,
        closest=closest[:MAX_CLOSEST],
        understood_as=_understood_as(answer),
        notes=(*answer.notes, *_claim_notes(answer.claims)),
        links=_links(cited),
    )


def summary_view(title: str, claims: Sequence[Claim], citations: Sequence[Citation]) -> AnswerView:
    """A summary laid out like an answer: each bullet said once, compact sources."""
    return answer_view(Answer(title, True, tuple(claims), tuple(citations)))


def _short_answer(answer: Answer) -> str | None:
    """The engine's direct answer (issue 9's `short_answer`), when the record carries one."""
    short = getattr(answer, "short_answer", None)
    return short.strip() if isinstance(short, str) and short.strip() and answer.answerable else None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().strip("“”\"'").rstrip(".").casefold()


def _verbatim_of(claim: Claim, citations: dict[int, Citation]) -> int | None:
    """The number of the cited sentence this claim repeats word for word, if any."""
    for n in claim.citations:
        c = citations.get(n)
        if c is not None and _norm(c.text) == _norm(claim.text):
            return n
    return None


def _cited(claims: Sequence[Claim], citations: Iterable[Citation]) -> list[Citation]:
    """The citations some claim refers to, in number order."""
    used = {n for claim in claims for n in claim.citations}
    return sorted((c for c in citations if c.n in used), key=lambda c: c.n)


_MARK = re.compile(r"\[(\d+)\]")


def _with_marks_in(
    lead: str, citations: Iterable[Citation], cited: list[Citation]
) -> list[Citation]:
    """The cited sources, plus any the lead's own [n] markers name."""
    named = {int(m) for m in _MARK.findall(lead)}
    have = {c.n for c in cited}
    extra = [c for c in citations if c.n in named and c.n not in have]
    return sorted([*cited, *extra], key=lambda c: c.n)


def _unique(citations: Sequence[Citation]) -> list[Citation]:
    seen: set[tuple[str, int]] = set()
    out = []
    for c in citations:
        if (c.article_id, c.sentence) not in seen:
            seen.add((c.article_id, c.sentence))
            out.append(c)
    return out


def _understood_as(answer: Answer) -> str | None:
    standalone = (answer.standalone_question or "").strip()
    if standalone and standalone.casefold() != answer.question.strip().casefold():
        return standalone
    return None


def _claim_notes(claims: Sequence[Claim]) -> list[str]:
    """`[1][2] reported by both sources` for each claim with a note."""
    notes = []
    for c in claims:
        if c.note:
            marks = "".join(f"[{n}]" for n in c.citations)
            notes.append(f"{marks} {c.note}".strip())
    return notes


def _links(cited: Sequence[Citation]) -> tuple[tuple[str, str], ...]:
    """One (label, url) per cited article with an http(s) address, in citation order."""
    links: dict[str, str] = {}
    for c in cited:
        if c.url and c.url.startswith(("http://", "https://")) and c.url not in links:
            links[c.url] = c.label
    return tuple((label, url) for url, label in links.items())[:3]
