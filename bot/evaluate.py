"""`storybot eval FILE.jsonl`: ingest a data set into a throw-away store and measure answers.

Reads the schema of ../shared/eval (one document a line with its questions), or a file of
questions only (like story_dev.jsonl or the readers' story set) together with `--docs`: a
folder of articles, or a JSONL of documents that the questions name by `doc_id`. Reports
answer hit rate, evidence-sentence recall@1/3/5, refusal accuracy, citation precision,
latency and a breakdown by the questions' `kind`; scoring is in `bot/scoring.py`.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.records import Turn
from bot.scoring import EvalQuestion, report, score
from bot.settings import Settings, StoreSettings
from index.errors import InputError
from index.records import Document

__all__ = ["EvalQuestion", "evaluate_file", "load_eval_file", "render_report"]


def _rows(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InputError(f"No evaluation file at {path}", "Check the path")
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not JSONL ({exc})", "Give one JSON object a line") from None


def _documents(rows: list[dict[str, Any]], name: str) -> list[Document]:
    documents: list[Document] = []
    for r in rows:
        if "text" not in r:
            raise InputError(f"A line of {name} has no text", "Follow the eval schema")
        doc_id = str(r.get("doc_id") or f"doc-{len(documents) + 1}")
        documents.append(
            Document(
                id=doc_id, origin=f"{name}#{doc_id}", text=r["text"], format="txt",
                title=r.get("title") or None, url=r.get("url") or None,
            )
        )  # fmt: skip
    return documents


def _stories_folder(path: Path) -> Path:
    """Where a question-only file's articles are: ../stories beside its folder, or shared/."""
    for folder in (path.parent.parent / "stories", Path.cwd().parent / "shared" / "stories"):
        if folder.exists():
            return folder
    return Path(__file__).resolve().parents[2] / "shared" / "stories"


def load_eval_file(
    path: str | Path, docs: str | None = None
) -> tuple[list[Document], list[EvalQuestion], list[str]]:
    """Documents (or the paths of the articles) and questions of an evaluation file."""
    path = Path(path)
    rows = _rows(path)
    documents: list[Document] = []
    questions: list[EvalQuestion] = []
    sources: list[str] = []
    if rows and all("text" not in r and "question" in r for r in rows):
        target = Path(docs) if docs else _stories_folder(path)
        if target.is_file():  # a JSONL of documents, named by the questions' doc_id
            needed = {str(r.get("doc_id")) for r in rows}
            documents = [d for d in _documents(_rows(target), target.name) if d.id in needed]
        elif target.exists():
            sources = [str(target)]
        else:
            raise InputError(
                f"{path.name} holds questions only and no articles were found at {target}",
                "Pass the articles with --docs PATH",
            )
        questions = [_question(r, r.get("doc_id")) for r in rows]
    else:
        documents = _documents(rows, path.name)
        for r, doc in zip(rows, documents, strict=True):
            questions += [_question(q, doc.id) for q in r.get("questions") or []]
    if not questions:
        raise InputError(f"{path.name} has no questions", "Use a file with a `questions` list")
    return documents, questions, sources


def _turn(item: Any) -> Turn:
    """One earlier turn: {"role", "text"}, "user: …" / "bot: …", or a bare earlier question."""
    if isinstance(item, dict):
        text = str(item.get("text") or item.get("content") or "")
        if item.get("role") in ("bot", "assistant", "agent"):
            return Turn("bot", text)
        return Turn("user", text)
    role, sep, text = str(item).partition(":")
    if sep and role.strip().lower() in ("user", "bot", "agent", "assistant"):
        return Turn("user" if role.strip().lower() == "user" else "bot", text.strip())
    return Turn("user", str(item).strip())


def _question(q: dict[str, Any], doc_id: str | None) -> EvalQuestion:
    spans = [(e["start"], e["end"]) for e in q.get("evidence") or []]
    if not spans and q.get("evidence_sentence"):
        spans = [(q["evidence_sentence"]["start"], q["evidence_sentence"]["end"])]
    # ../shared/eval/README says doc2dial's history is newest first, but the data are oldest
    # first (in 2,900 of 2,900 dialogues the first entry is the dialogue's first question).
    return EvalQuestion(
        id=str(q.get("id")),
        question=q["question"],
        answers=tuple(q.get("answers") or ()),
        answerable=bool(q.get("answerable", True)),
        doc_id=str(doc_id) if doc_id is not None else None,
        evidence=tuple(spans),
        gold=tuple(g for g in q.get("gold") or () if g),
        history=tuple(_turn(item) for item in q.get("history") or ()),
        kind=q.get("kind"),
        answers_all=tuple(tuple(g) for g in q.get("answers_all") or ()),
        missing=q.get("missing"),
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
        ingested = engine.ingest(sources) if sources else engine.ingest_documents(documents)
        ingest_s = time.perf_counter() - started
        if ingested.failed:
            raise InputError(f"Could not ingest: {ingested.failed[0].error}", "Fix the data file")
        spans = original_spans(engine.catalog, documents)
        engine.ask_ranked("Who said what, and when?")  # warm: models load on first use
        outcomes = [ask_and_score(engine, q, spans) for q in questions]
        sentences = len(engine.catalog)
    result = report(Path(path).name, outcomes, sentences)
    return {**result, "limit": limit, "ingest_s": round(ingest_s, 2)}


def original_spans(catalog, documents: list[Document]) -> dict[tuple[str, int], tuple[int, int]]:
    """Where each stored sentence sits in its document's original text (for evidence offsets)."""
    spans: dict[tuple[str, int], tuple[int, int]] = {}
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


def evidence_test(q: EvalQuestion, spans):
    """Whether a sentence (article id, number, text) holds the question's evidence."""

    def holds_evidence(article_id: str, n: int, text: str) -> bool:
        if q.gold:
            return any(g.lower() in text.lower() for g in q.gold)
        span = spans.get((article_id, n))
        return (
            article_id == q.doc_id
            and span is not None
            and any(s < span[1] and span[0] < e for s, e in q.evidence)
        )

    return holds_evidence


def ask_and_score(engine, q: EvalQuestion, spans) -> dict[str, Any]:
    """Ask one question in the running engine and score the answer."""
    started = time.perf_counter()
    answer, ranked = engine.ask_ranked(q.question, q.history, k=5)
    latency_ms = (time.perf_counter() - started) * 1000
    ranked_keys = [(s.article_id, s.n, s.text) for s in ranked]
    outcome = score(q, answer.to_dict(), ranked_keys, evidence_test(q, spans))
    return {**outcome, "latency_ms": latency_ms}


def render_report(result: dict[str, Any]) -> str:
    """The report as aligned lines."""
    head = f"{result['file']}: {result['questions']} questions, {result['sentences']} sentences"
    lines = [head]
    for key, value in result.items():
        if key in ("file", "questions", "sentences", "by_kind"):
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        lines.append(f"  {key:<30} {'—' if value is None else value}")
    if result.get("by_kind"):
        lines.append("  by kind (right / questions):")
        for kind, row in result["by_kind"].items():
            lines.append(f"    {kind:<28} {row['right']} of {row['questions']}")
    return "\n".join(lines)
