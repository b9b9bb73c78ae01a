"""Scoring one answer against what counts as right, and a report over many: pure functions on
the JSON shape of `storybot ask --json`, so the bench can score any answerer the same way."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.records import Turn

_YES = re.compile(r"^\W*(?:yes|yeah|right|correct)\b", re.I)
_NO = re.compile(r"^\W*(?:no|not|nope|never)\b", re.I)


@dataclass(frozen=True)
class EvalQuestion:
    """One question with what counts as right: accepted answers and where the evidence is."""

    id: str
    question: str
    answers: tuple[str, ...]
    answerable: bool
    doc_id: str | None
    evidence: tuple[tuple[int, int], ...]
    gold: tuple[str, ...]
    history: tuple[Turn, ...]
    kind: str | None = None
    answers_all: tuple[tuple[str, ...], ...] = ()
    missing: str | None = None


def polarity(short_answer: str | None) -> str | None:
    """ "yes", "no" or None: what a direct answer says about a yes/no claim."""
    if not short_answer:
        return None
    if _YES.match(short_answer):
        return "yes"
    if _NO.match(short_answer):
        return "no"
    return None


def score(
    q: EvalQuestion,
    answer: dict[str, Any],
    ranked: Sequence[tuple[str, int, str]],
    holds_evidence: Callable[[str, int, str], bool],
) -> dict[str, Any]:
    """One outcome: answered, hit (every part found), evidence rank and cited evidence."""
    has_evidence = bool(q.gold or q.evidence)
    ranks = [holds_evidence(a, n, t) for a, n, t in ranked]
    citations = answer.get("citations") or []
    cited = [holds_evidence(c["article_id"], c["sentence"], c["text"]) for c in citations]
    short = answer.get("short_answer")
    haystack = _norm(" ".join([answer["answer"], short or "", *(c["text"] for c in citations)]))
    yesno_gold = {_norm(a) for a in q.answers} & {"yes", "no"}
    if yesno_gold:  # a polarity, graded by what the answer states, with the evidence cited
        hit = polarity(short) in yesno_gold and (any(cited) or not has_evidence)
    else:
        groups = q.answers_all or ((q.answers,) if q.answers else ())
        hit = bool(groups) and all(any(_norm(a) in haystack for a in g) for g in groups)
    return {
        "id": q.id,
        "kind": q.kind,
        "answerable": q.answerable,
        "answered": bool(answer["answerable"]),
        "hit": hit,
        "has_evidence": has_evidence,
        "rank": next((i + 1 for i, ok in enumerate(ranks) if ok), None),
        "cited_ok": sum(cited),
        "cited": len(cited),
        "specific_refusal": not answer["answerable"]
        and _norm(answer["answer"]) != _norm("The articles don't say."),
    }


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def report(name: str, outcomes: Sequence[dict[str, Any]], sentences: int) -> dict[str, Any]:
    """Hit rate, recall@k, refusals, citation precision, latency and a per-kind breakdown."""
    answerable = [o for o in outcomes if o["answerable"]]
    unanswerable = [o for o in outcomes if not o["answerable"]]
    with_evidence = [o for o in answerable if o["has_evidence"]]
    answered = [o for o in answerable if o["answered"]]
    latencies = np.array([o.get("latency_ms", 0.0) for o in outcomes] or [0.0])

    def share(items, predicate) -> float | None:
        return round(sum(1 for o in items if predicate(o)) / len(items), 4) if items else None

    def at(k: int) -> float | None:
        return share(with_evidence, lambda o: o["rank"] is not None and o["rank"] <= k)

    cited = sum(o["cited"] for o in answered if o["has_evidence"])
    kinds: dict[str, dict[str, Any]] = {}
    for kind in sorted({o["kind"] for o in outcomes if o["kind"]}):
        items = [o for o in outcomes if o["kind"] == kind]
        kinds[kind] = {"questions": len(items), "right": share(items, right)}
    return {
        "file": name,
        "questions": len(outcomes),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "sentences": sentences,
        "answer_hit_rate": share(answerable, lambda o: o["answered"] and o["hit"]),
        "answer_hit_rate_when_answered": share(answered, lambda o: o["hit"]),
        "recall_at_1": at(1),
        "recall_at_3": at(3),
        "recall_at_5": at(5),
        "refusal_accuracy": share(unanswerable, lambda o: not o["answered"]),
        "specific_refusals": share(unanswerable, lambda o: o["specific_refusal"]),
        "false_refusal_rate": share(answerable, lambda o: not o["answered"]),
        "citation_precision": (
            round(sum(o["cited_ok"] for o in answered if o["has_evidence"]) / cited, 4)
            if cited
            else None
        ),
        "right": share(outcomes, right),
        "by_kind": kinds,
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 2),
            "p95": round(float(np.percentile(latencies, 95)), 2),
        },
    }


def right(o: dict[str, Any]) -> bool:
    """Answered with a hit when answerable; refused when not."""
    return (o["answered"] and o["hit"]) if o["answerable"] else not o["answered"]
