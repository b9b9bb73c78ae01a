"""Answers against the previous release and a word-overlap toy, in one run:
`python -m bench answers`.

Each data set is ingested into throw-away embedded stores and every question is answered by
(1) this checkout's engine, (2) the previous release (the commit `--previous`, checked out
in a temporary git worktree and driven in a subprocess with its own code), and (3) a toy that
quotes the sentence sharing the most question words (refusing only when none shares one).
All three are scored by `bot/scoring.py`. Results go to bench/results/answers.json.

Data sets (`--data`, comma-separated):
  story_dev       ../shared/eval/story_dev.jsonl (the old refusal model was fitted on it)
  story_reader    bench/data/story_reader_dev.jsonl (readers' DEV half)
  news_reader     bench/data/news_reader_dev.jsonl (readers' DEV half)
  nearmiss_held   bench/data/nearmiss_cnndm.jsonl, held-out half (odd article positions)
  squad_held      SQuAD 2.0 dev, all 35 articles in one store, questions of the held-out
                  (odd-position) articles; `--squad-limit N` keeps N per article
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bot.evaluate import evidence_test, load_eval_file, original_spans
from bot.scoring import EvalQuestion, report, score
from bot.settings import IndexSettings, Settings, StoreSettings
from index.text.lexical import terms

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results" / "answers.json"
PREVIOUS = "2125f6a"  # main before the reading step (issue 9)

# Runs inside the previous release's checkout: ingest, ask, print answers as JSON lines.
_DRIVER = r"""
import json, sys, tempfile, time
from dataclasses import replace
from pathlib import Path
from bot.engine import Engine
from bot.records import Turn
from bot.settings import Settings, StoreSettings, IndexSettings
from index.records import Document
job = json.loads(Path(sys.argv[1]).read_text())
with tempfile.TemporaryDirectory() as tmp:
    settings = replace(Settings(), data_dir=Path(tmp), store=StoreSettings(path=Path(tmp) / "c"),
                       index=replace(IndexSettings(), embedder=job["embedder"]))
    engine = Engine.from_settings(settings)
    if job["sources"]:
        engine.ingest(job["sources"])
    else:
        engine.ingest_documents([Document(**d) for d in job["documents"]])
    engine.ask_ranked("Who said what, and when?")  # warm: models load on first use
    for q in job["questions"]:
        history = [Turn(role, text) for role, text in q["history"]]
        started = time.perf_counter()
        answer, ranked = engine.ask_ranked(q["question"], history, k=5)
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps({"answer": answer.to_dict(), "ms": ms,
                          "ranked": [[s.article_id, s.n, s.text] for s in ranked]}))
"""


def datasets(names: list[str], squad_limit: int | None):
    """(name, documents, questions, sources) for each named data set."""
    for name in names:
        if name == "story_dev":
            docs, qs, src = load_eval_file(EVAL / "story_dev.jsonl", str(EVAL.parent / "stories"))
        elif name == "story_reader":
            path = DATA / "story_reader_dev.jsonl"
            docs, qs, src = load_eval_file(path, str(EVAL.parent / "stories"))
        elif name == "news_reader":
            docs, qs, src = load_eval_file(DATA / "news_reader_dev.jsonl")
        elif name == "nearmiss_held":
            path = DATA / "nearmiss_cnndm.jsonl"
            docs, qs, src = load_eval_file(path, str(EVAL / "cnndm_frank.jsonl"))
            held = {
                json.loads(r)["id"]
                for r in path.read_text().splitlines()
                if json.loads(r)["split"] == "held"
            }
            qs = [q for q in qs if q.id in held]
            docs = [d for d in docs if d.id in {q.doc_id for q in qs}]
        elif name == "squad_held":
            docs, qs, src = load_eval_file(EVAL / "squad2_dev.jsonl")
            held_ids = {d.id for i, d in enumerate(docs) if i % 2 == 1}
            counts: dict[str, int] = {}
            kept = []
            for q in qs:
                if q.doc_id in held_ids:
                    counts[q.doc_id] = counts.get(q.doc_id, 0) + 1
                    if squad_limit is None or counts[q.doc_id] <= squad_limit:
                        kept.append(q)
            qs = kept
        else:
            raise SystemExit(f"unknown data set {name!r}")
        yield name, docs, qs, src


def _settings(tmp: str, embedder: str) -> Settings:
    return replace(
        Settings(),
        data_dir=Path(tmp),
        store=StoreSettings(path=Path(tmp) / "c"),
        index=replace(IndexSettings(), embedder=embedder),
    )


def toy_answer(question: str, catalog) -> dict:
    """The sentence sharing the most question words; a refusal when none shares one."""
    wanted = set(terms(question))
    best, best_overlap = None, 0
    for i in range(len(catalog)):
        overlap = len(wanted & catalog.sentence_terms(i))
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    if best is None:
        return {"answer": "The articles don't say.", "answerable": False, "citations": []}
    s = catalog.sentences[best]
    cite = {"article_id": s.article_id, "sentence": s.n, "text": s.text}
    return {"answer": s.text, "answerable": True, "citations": [cite]}


def run_current_and_toy(docs, questions: list[EvalQuestion], sources, embedder: str):
    """Outcomes of this checkout's engine and of the toy over the same store."""
    from bot.engine import Engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.from_settings(_settings(tmp, embedder))
        engine.ingest(sources) if sources else engine.ingest_documents(docs)
        catalog = engine.catalog
        spans = original_spans(catalog, docs)
        engine.ask_ranked("Who said what, and when?")  # warm: models load on first use
        current, toy = [], []
        for q in questions:
            started = time.perf_counter()
            answer, ranked = engine.ask_ranked(q.question, q.history, k=5)
            ms = (time.perf_counter() - started) * 1000
            keys = [(s.article_id, s.n, s.text) for s in ranked]
            test = evidence_test(q, spans)
            current.append({**score(q, answer.to_dict(), keys, test), "latency_ms": ms})
            toy.append(score(q, toy_answer(q.question, catalog), [], test))
        return current, toy, len(catalog), spans


def run_previous(docs, questions, sources, embedder: str, ref: str, spans) -> list[dict]:
    """Outcomes of the previous release, run from a git worktree of `ref`."""
    worktree = Path(tempfile.gettempdir()) / f"storybot-previous-{ref}"
    if not worktree.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), ref],
            check=True,
            capture_output=True,
        )
    job = {
        "embedder": embedder,
        "sources": sources,
        "documents": [d.__dict__ for d in docs],
        "questions": [
            {"question": q.question, "history": [[t.role, t.text] for t in q.history]}
            for q in questions
        ],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(job, f)
    env = {**os.environ, "PYTHONPATH": str(worktree)}
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, f.name],
        cwd=worktree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    os.unlink(f.name)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return [
        {
            **score(q, row["answer"], [tuple(r) for r in row["ranked"]], evidence_test(q, spans)),
            "latency_ms": row["ms"],
        }
        for q, row in zip(questions, lines, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="story_dev,story_reader,news_reader,nearmiss_held")
    parser.add_argument("--embedder", default="wordllama")
    parser.add_argument("--previous", default=PREVIOUS, help="the release to compare with")
    parser.add_argument("--squad-limit", type=int, default=None)
    parser.add_argument("--no-previous", action="store_true")
    parser.add_argument("--markdown", action="store_true", help=f"print {RESULTS.name} as tables")
    args = parser.parse_args()
    if args.markdown:
        print(markdown(json.loads(RESULTS.read_text(encoding="utf-8"))))
        return
    results = {}
    for name, docs, qs, src in datasets(args.data.split(","), args.squad_limit):
        current, toy, sentences, spans = run_current_and_toy(docs, qs, src, args.embedder)
        row = {
            "storybot": report(name, current, sentences),
            "toy": report(name, toy, sentences),
        }
        if not args.no_previous:
            previous = run_previous(docs, qs, src, args.embedder, args.previous, spans)
            row["previous"] = report(name, previous, sentences)
        results[name] = row
        print(json.dumps({name: {k: _brief(v) for k, v in row.items()}}), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def markdown(results: dict) -> str:
    """The results as Markdown tables: one row per data set and answerer, then kinds."""
    head = (
        "| data | answerer | questions | hit rate | refused (unanswerable) | false refusals | "
        "citation precision | right | specific refusals |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows = [head]
    for name, by in results.items():
        for who in ("storybot", "previous", "toy"):
            if who not in by:
                continue
            r = by[who]
            cells = [r["answer_hit_rate"], r["refusal_accuracy"], r["false_refusal_rate"],
                     r["citation_precision"], r["right"], r["specific_refusals"]]  # fmt: skip
            shown = " | ".join("—" if c is None else f"{c:.3f}" for c in cells)
            rows.append(f"| {name} | {who} | {r['questions']} | {shown} |")
    for name, by in results.items():
        kinds = by["storybot"].get("by_kind") or {}
        if not kinds:
            continue
        rows += ["", f"{name}, right by kind:", ""]
        rows += ["| kind | questions | storybot | previous | toy |", "|---|---:|---:|---:|---:|"]
        for kind, row in kinds.items():
            other = [by.get(w, {}).get("by_kind", {}).get(kind, {}).get("right") for w in
                     ("previous", "toy")]  # fmt: skip
            cells = " | ".join("—" if v is None else f"{v:.2f}" for v in [row["right"], *other])
            rows.append(f"| {kind} | {row['questions']} | {cells} |")
    return "\n".join(rows)


def _brief(r: dict) -> dict:
    keys = ("answer_hit_rate", "refusal_accuracy", "false_refusal_rate", "citation_precision",
            "right", "specific_refusals", "latency_ms")  # fmt: skip
    return {k: r[k] for k in keys}


if __name__ == "__main__":
    main()
