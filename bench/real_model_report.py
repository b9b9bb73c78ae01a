"""Scoring of the real-model benchmark's records (bench/real_model.py): pure, no model calls."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def load_judgements(path: Path) -> dict[str, bool]:
    """Hand judgements of model sentences: normalised text → correct."""
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[_norm(row["text"])] = bool(row["correct"])
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def right(answer: dict[str, Any], accepted: Sequence[str], answerable: bool) -> bool:
    """An accepted answer in the answer or its cited sentences; a refusal when unanswerable."""
    if not answerable:
        return not answer["answerable"]
    if not answer["answerable"]:
        return False
    text = " ".join([answer["answer"], *(c["text"] for c in answer["citations"])]).lower()
    text = text.replace("’", "'")
    return any(a.lower().replace("’", "'") in text for a in accepted)


def _written(answer: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """The model's sentences kept (in LLM mode) and those the checker dropped."""
    claims = answer.get("claims", answer.get("bullets", []))
    kept = [c["text"] for c in claims] if answer["mode"] == "llm" else []
    if kept and not answer.get("answerable", True):
        kept = []  # a refusal is not a sentence the model wrote about the story
    dropped = [d for d in answer["dropped"] if "citations" in d]
    return kept, dropped


def score(
    records: Sequence[dict[str, Any]], judgements_path: Path, timeout_s: float, summary_s: float
) -> dict[str, Any]:
    """Every figure of the report, per data set."""
    judged = load_judgements(judgements_path)
    report: dict[str, Any] = {"unjudged": []}
    for data in sorted({r["data"] for r in records}):
        asks = [r for r in records if r["data"] == data and r["kind"] == "ask"]
        summaries = [r for r in records if r["data"] == data and r["kind"] == "summary"]
        report[data] = _score_set(asks, summaries, judged, report["unjudged"], timeout_s, summary_s)
    return report


def _score_set(asks, summaries, judged, unjudged, timeout_s, summary_s) -> dict[str, Any]:
    counts = {"kept": 0, "dropped": 0, "false_keeps": 0, "false_drops": 0, "judged": 0}
    examples: dict[str, list[str]] = {"false_keep_texts": [], "false_drop_texts": []}

    def judge(text: str, kept: bool) -> None:
        counts["kept" if kept else "dropped"] += 1
        verdict = judged.get(_norm(text))
        if verdict is None:
            unjudged.append(text)
            return
        counts["judged"] += 1
        if kept and not verdict:
            counts["false_keeps"] += 1
            examples["false_keep_texts"].append(text)
        if not kept and verdict:
            counts["false_drops"] += 1
            examples["false_drop_texts"].append(text)

    replaced_by_refusal, fallbacks, reasons, late = 0, 0, {}, []
    for r in asks:
        kept, dropped = _written(r["llm"])
        for text in kept:
            judge(text, True)
        for d in dropped:
            judge(d["text"], False)
        ex_right = right(r["extractive"], r["answers"], r["answerable"])
        if ex_right and r["answerable"] and not r["llm"]["answerable"]:
            replaced_by_refusal += 1
        if r["llm"]["mode"] == "fallback":
            fallbacks += 1
            reason = r["llm"]["fallback_reason"] or ""
            reason = reason.split(" (")[0]
            reasons[reason] = reasons.get(reason, 0) + 1
        if r["llm"]["mode"] == "fallback" and r["llm_s"] > timeout_s + 2:
            late.append(r["id"])
    for r in summaries:
        kept, dropped = _written(r["llm"])
        for text in kept:
            judge(text, True)
        for d in dropped:
            judge(d["text"], False)
    times = [r["llm_s"] for r in asks]
    plain_times = [r["extractive_s"] for r in asks]
    return {
        "questions": len(asks),
        "right_llm": sum(right(r["llm"], r["answers"], r["answerable"]) for r in asks),
        "right_extractive": sum(
            right(r["extractive"], r["answers"], r["answerable"]) for r in asks
        ),
        "answered_by_model": sum(r["llm"]["mode"] == "llm" for r in asks),
        "fallbacks": fallbacks,
        "not_replayed": sum(bool(r.get("not_replayed")) for r in asks),
        "fallback_reasons": reasons,
        "fallbacks_past_deadline": late,
        "extractive_right_replaced_by_refusal": replaced_by_refusal,
        **counts,
        **examples,
        "llm_p50_s": statistics.median(times) if times else None,
        "llm_max_s": max(times) if times else None,
        "extractive_p50_ms": 1000 * statistics.median(plain_times) if plain_times else None,
        "summaries": [
            {
                "id": r["id"],
                "mode": r["llm"]["mode"],
                "bullets": len(r["llm"]["bullets"]),
                "dropped": sum("citations" in d for d in r["llm"]["dropped"]),
                "seconds": round(r["llm_s"], 1),
                "within_deadline": r["llm_s"] <= summary_s + 2,
                "reason": r["llm"]["fallback_reason"],
            }
            for r in summaries
        ],
    }


def render(report: dict[str, Any]) -> str:
    """The report as Markdown tables."""
    sets = [k for k in report if k != "unjudged"]
    lines = [
        "| data | questions | right: LLM mode | right: extractive | answered by the model | "
        "fallbacks | right extractive → refusal | sentences kept / dropped | false keeps | "
        "false drops | LLM p50 / max s | extractive p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in sets:
        s = report[name]
        lines.append(
            f"| {name} | {s['questions']} | {s['right_llm']} | {s['right_extractive']} | "
            f"{s['answered_by_model']} | {s['fallbacks']} | "
            f"{s['extractive_right_replaced_by_refusal']} | {s['kept']} / {s['dropped']} | "
            f"{s['false_keeps']} | {s['false_drops']} | {s['llm_p50_s']:.1f} / "
            f"{s['llm_max_s']:.1f} | {s['extractive_p50_ms']:.0f} |"
        )
    for name in sets:
        s = report[name]
        lines += ["", f"{name}: fallback reasons {s['fallback_reasons']}; past the deadline: "
                  f"{s['fallbacks_past_deadline'] or 'none'}; judged {s['judged']} of "
                  f"{s['kept'] + s['dropped']} sentences; answers not replayable: "
                  f"{s['not_replayed']}"]  # fmt: skip
        for kind in ("false_keep", "false_drop"):
            for text in s[f"{kind}_texts"]:
                lines.append(f"- {kind.replace('_', ' ')}: {text}")
        for summary in s["summaries"]:
            lines.append(f"- summary {summary}")
    if report["unjudged"]:
        lines += ["", f"{len(report['unjudged'])} sentences not judged yet:"]
        lines += [f"  {json.dumps({'text': t, 'correct': None})}" for t in report["unjudged"]]
    return "\n".join(lines)
