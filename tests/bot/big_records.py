"""Oversized Comparison and Timeline records, for checking that renderers keep every limit."""

from __future__ import annotations

from bot.records import Citation, Comparison, Contrast, Event, Fact, Rewording, Timeline

A, B = "000_long", "001_long"
# A sentence near 2,000 characters, with text that must be escaped on every platform.
LONG = ("Rubio said *the* <deal> & `aid` @everyone were “on track” for Sept. 4. " * 28).strip()


def _cite(n: int, article_id: str) -> Citation:
    source = "CNN" if article_id == A else None
    return Citation(n, article_id, None, source, None, None, n, f"{n}: {LONG}")


def huge_comparison(facts: int = 60) -> Comparison:
    """`facts` long shared facts, as many reworded pairs with long snippets, and sole facts."""
    citations, shared, worded, only = [], [], [], []
    n = 0
    for _ in range(facts):
        citations += [_cite(n + 1, A), _cite(n + 2, B)]
        shared.append(Fact(citations[-2].text, (n + 1, n + 2), (A, B)))
        citations += [_cite(n + 3, A), _cite(n + 4, B)]
        versions = (
            Fact(citations[-2].text, (n + 3,), (A,)),
            Fact(citations[-1].text, (n + 4,), (B,)),
        )
        contrast = Contrast("quote", 2, "both quote it, in other words", LONG, LONG, (n + 3, n + 4))
        worded.append(Rewording(versions, (contrast, contrast), 4))
        citations.append(_cite(n + 5, A))
        only.append(Fact(citations[-1].text, (n + 5,), (A,)))
        n += 5
    return Comparison((A, B), tuple(shared), tuple(worded), tuple(only), tuple(citations))


def huge_timeline(events: int = 120) -> Timeline:
    """`events` long events, half of them undatable, each citing two versions."""
    citations, found = [], []
    for i in range(events):
        citations += [_cite(2 * i + 1, A), _cite(2 * i + 2, B)]
        dated = i % 2 == 0
        found.append(
            Event(
                when="Thursday",
                date="2025-09-04" if dated else None,
                precision="day",
                resolved="Thursday 4 September 2025" if dated else None,
                note="read against the article's date" if dated else "the article gives no date",
                text=citations[-2].text,
                citations=(2 * i + 1, 2 * i + 2),
                articles=(A, B),
            )
        )
    return Timeline((A, B), tuple(found), tuple(citations))
