"""`storybot eval FILE.jsonl`: ingest a data set into a throw-away store and measure answers.

Reads the schema of ../shared/eval (one document a line with its questions), or a file of
questions only (like story_dev.jsonl) together with `--docs` articles. Reports answer hit
rate, evidence-sentence recall@1/3/5, refusal accuracy, citation precision and latency.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from bot.records import Turn
from bot.settings import Settings, StoreSettings
from index.errors import InputError
from index.records import Document


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


def load_eval_file(
    path: str | Path, docs: str | None = None
) -> tuple[list[Document], list[EvalQuestion], list[str]]:
    """Documents (or the paths of the articles) and questions of an evaluation file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"No evaluation file at {path}", "Check the path")
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not JSONL ({exc})", "Give one JSON object a line") from None
    documents: list[Document] = []
    questions: list[EvalQuestion] = []
    sources: list[str] = []
    if rows and all("text" not in r and "question" in r for r in rows):
        folder = Path(docs) if docs else path.parent.parent / "stories"
        if not folder.exists():
            raise InputError(
                f"{path.name} holds questions only and no articles were found at {folder}",
                "Pass the articles with --docs PATH",
            )
        sources = [str(folder)]
        questions = [_question(r, None) for r in rows]
    else:
        for r in rows:
            if "text" not in r:
                raise InputError(f"A line of {path.name} has no text", "Follow the eval schema")
            doc_id = str(r.get("doc_id") or f"doc-{len(documents) + 1}")
            documents.append(
                Document(
                    id=doc_id, origin=f"{path.name}#{doc_id}", text=r["text"], format="txt",
                    title=r.get("title") or None, url=r.get("url") or None,
                )
            )  # fmt: skip
            questions += [_question(q, doc_id) for q in r.get("questions") or []]
    if not questions:
        raise InputError(f"{path.name} has no questions", "Use a file with a `questions` list")
    return documents, questions, sources


def _question(q: dict[str, Any], doc_id: str | None) -> EvalQuestion:
    spans = [(e["start"], e["end"]) for e in q.get("evidence") or []]
    if not spans and q.get("evidence_sentence"):
        spans = [(q["evidence_sentence"]["start"], q["evidence_sentence"]["end"])]
    history = []
    # The data README says "newest first", but the data are oldest first: in 2,900 of 2,900
    # dialogues the first history entry is the dialogue's first question.
    for item in q.get("history") or []:
        role, _, text = str(item).partition(":")
        history.append(Turn("user" if role.strip() == "user" else "bot", text.strip()))
    return EvalQuestion(
        id=str(q.get("id")),
        question=q["question"],
        answers=tuple(q.get("answers") or ()),
        answerable=bool(q.get("answerable", True)),
        doc_id=doc_id,
        evidence=tuple(spans),
        gold=tuple(g for g in q.get("gold") or () if g),
        history=tuple(history),
    )


def evaluate_file(
    path: str | Path, settings: Settings, *, limit: int | None = None, docs: str | None = None
) -> dict[str, Any]:
    """Run the evaluation and return the report as a JSON-ready dict."""
    from bot.engine import Engine

    documents, questions, sources = load_eval_file(path, docs)
    questions = questions[:limit] if limit else questions
    needed = {q.doc_id for q in questions}
    documents = [d for d in documents if d.id in needed] if limit else documents
    with tempfile.TemporaryDirectory(prefix="storybot-eval-") as tmp:
        store = StoreSettings(path=Path(tmp) / "chroma", host=None)
        engine = Engine.from_settings(replace(settings, data_dir=Path(tmp), store=store))
        started = time.perf_counter()
        report = engine.ingest(sources) if sources else engine.ingest_documents(documents)
        ingest_s = time.perf_counter() - started
        if report.failed:
            raise InputError(f"Could not ingest: {report.failed[0].error}", "Fix the data file")
        spans = _original_spans(engine, documents)
        outcomes = [_ask(engine, q, spans) for q in questions]
    return _report(Path(path).name, outcomes, len(engine.catalog), ingest_s, limit)


def _original_spans(engine, documents: list[Document]) -> dict[tuple[str, int], tuple[int, int]]:
    """Where each stored sentence sits in its document's original text (for evidence offsets)."""
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    catalog = engine.catalog
    for doc in documents:
        cursor = 0
        for s in catalog.article_sentences(doc.id):
            at = doc.text.find(s.text, cursor)
            if at < 0:
                at = doc.text.find(s.text)
            if at >= 0:
                spans[(doc.id, s.n)] = (at, at + len(s.text))
                cursor = at + len(s.text)
    return spans


def _ask(engine, q: EvalQuestion, spans) -> dict[str, Any]:
    started = time.perf_counter()
    answer, ranked = engine.ask_ranked(q.question, q.history, k=5)
    latency_ms = (time.perf_counter() - started) * 1000

    def holds_evidence(article_id: str, n: int, text: str) -> bool:
        if q.gold:
            return any(g.lower() in text.lower() for g in q.gold)
        span = spans.get((article_id, n))
        return (
            article_id == q.doc_id
            and span is not None
            and any(s < span[1] and span[0] < e for s, e in q.evidence)
        )

    has_evidence = bool(q.gold or q.evidence)
    ranks = [holds_evidence(s.article_id, s.n, s.text) for s in ranked]
    cited = [holds_evidence(c.article_id, c.sentence, c.text) for c in answer.citations]
    haystack = " ".join([answer.text, *(c.text for c in answer.citations)]).lower()
    return {
        "id": q.id,
        "answerable": q.answerable,
        "answered": answer.answerable,
        "hit": any(_norm(a) in _norm(haystack) for a in q.answers),
        "has_evidence": has_evidence,
        "rank": next((i + 1 for i, ok in enumerate(ranks) if ok), None),
        "cited_ok": sum(cited),
        "cited": len(cited),
        "latency_ms": latency_ms,
    }


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _report(name: str, outcomes, sentences: int, ingest_s: float, limit) -> dict[str, Any]:
    answerable = [o for o in outcomes if o["answerable"]]
    unanswerable = [o for o in outcomes if not o["answerable"]]
    with_evidence = [o for o in answerable if o["has_evidence"]]
    answered = [o for o in answerable if o["answered"]]
    latencies = np.array([o["latency_ms"] for o in outcomes])

    def share(items, predicate) -> float | None:
        return round(sum(1 for o in items if predicate(o)) / len(items), 4) if items else None

    cited = sum(o["cited"] for o in answered if o["has_evidence"])
    return {
        "file": name,
        "questions": len(outcomes),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "sentences": sentences,
        "limit": limit,
        "answer_hit_rate": share(answerable, lambda o: o["answered"] and o["hit"]),
        "answer_hit_rate_when_answered": share(answered, lambda o: o["hit"]),
        "recall_at_1": share(with_evidence, lambda o: o["rank"] is not None and o["rank"] <= 1),
        "recall_at_3": share(with_evidence, lambda o: o["rank"] is not None and o["rank"] <= 3),
        "recall_at_5": share(with_evidence, lambda o: o["rank"] is not None and o["rank"] <= 5),
        "refusal_accuracy": share(unanswerable, lambda o: not o["answered"]),
        "false_refusal_rate": share(answerable, lambda o: not o["answered"]),
        "citation_precision": (
            round(sum(o["cited_ok"] for o in answered if o["has_evidence"]) / cited, 4)
            if cited
            else None
        ),
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 2),
            "p95": round(float(np.percentile(latencies, 95)), 2),
        },
        "ingest_s": round(ingest_s, 2),
    }


def render_report(report: dict[str, Any]) -> str:
    """The report as aligned lines."""
    head = f"{report['file']}: {report['questions']} questions, {report['sentences']} sentences"
    lines = [head]
    for key, value in report.items():
        if key in ("file", "questions", "sentences"):
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        lines.append(f"  {key:<30} {'—' if value is None else value}")
    return "\n".join(lines)
