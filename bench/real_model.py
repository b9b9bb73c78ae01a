"""LLM mode against a real local model, next to extractive on the same questions, in one run:
`python -m bench.real_model` (not part of CI; about 40 minutes on 2 cores).

It finds (or with --build/--download makes) llama-server and Qwen2.5-Coder-1.5B-Instruct
Q4_K_M (see bench/local_model.py), serves it on 127.0.0.1, and asks the story questions
(../shared/eval/story_dev.jsonl and bench/data/story_llm_questions.jsonl: paraphrases, yes/no,
Spanish, follow-ups) and a SQuAD 2.0 sample (its articles in a store of their own) through
`ask` in both modes, then `summary`. Every record goes to bench/results/real_model.jsonl.

Judged against gold: an answer is right when it holds an accepted answer (in its text or its
cited sentences) or, for an unanswerable question, refuses. Each sentence the model wrote is
judged by hand in bench/data/real_model_judgements.jsonl (text → correct or not); a kept wrong
sentence is a false keep, a dropped correct one a false drop. `--rescore` re-reads the last
run's records with the judgements and prints the report again (no model calls); sentences not
yet judged are listed. `--replay` asks everything again with the current code, each prompt
answered with the reply the model gave it in the last live run (a changed checker measured on
the same model output; latency stays the live run's; a prompt the run never sent, e.g. after a
follow-up rewrite is judged differently, counts as `not_replayed` and falls back).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import signal
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bench.local_model import LocalServer, find_model, find_server

ROOT = Path(__file__).resolve().parent
EVAL = ROOT.parents[1] / "shared" / "eval"
STORIES = ROOT.parents[1] / "shared" / "stories"
RECORDS = ROOT / "results" / "real_model.jsonl"
REPLAYED = ROOT / "results" / "real_model_replay.jsonl"
JUDGEMENTS = ROOT / "data" / "real_model_judgements.jsonl"
QUESTIONS = ROOT / "data" / "story_llm_questions.jsonl"
TIMEOUT_S = 90.0
SUMMARY_TIMEOUT_S = 300.0


def story_questions() -> list:
    """story_dev's questions and the bench's own (with their follow-up histories)."""
    from bot.evaluate import load_eval_file

    out = []
    for path in (EVAL / "story_dev.jsonl", QUESTIONS):
        _, questions, _ = load_eval_file(path, str(STORIES))
        out += questions
    return out


def squad_sample(count: int, seed: int = 13) -> tuple[list, list]:
    """`count` SQuAD 2.0 questions (a quarter unanswerable) from three articles, and those."""
    from bot.evaluate import load_eval_file

    documents, questions, _ = load_eval_file(EVAL / "squad2_dev.jsonl")
    rng = random.Random(seed)
    chosen_docs = rng.sample([d.id for d in documents], 3)
    pool = [q for q in questions if q.doc_id in chosen_docs]
    answerable = [q for q in pool if q.answerable]
    unanswerable = [q for q in pool if not q.answerable]
    picked = rng.sample(answerable, count - count // 4) + rng.sample(unanswerable, count // 4)
    return [d for d in documents if d.id in chosen_docs], picked


def engines(tmp: Path, url: str, sources=None, documents=None):
    """(extractive, llm) engines over one fresh store."""
    from bot.engine import Engine
    from bot.llm.answerer import LLMAnswerer
    from bot.settings import LLMSettings, Settings, StoreSettings

    settings = replace(Settings(data_dir=tmp), store=StoreSettings(path=tmp / "chroma"))
    plain = Engine.from_settings(settings)
    report = plain.ingest(sources) if sources else plain.ingest_documents(documents)
    assert not report.failed, report.failed
    llm_settings = LLMSettings(
        provider="openai",
        base_url=url,
        model="qwen2.5-coder-1.5b-instruct",
        timeout_s=TIMEOUT_S,
        summary_timeout_s=SUMMARY_TIMEOUT_S,
    )
    settings = replace(settings, llm=llm_settings)
    llm = LLMAnswerer.from_settings(settings, plain.embedder)
    llm.client.backend = Recording(llm.client.backend)
    return plain, Engine(plain.store, plain.embedder, settings, llm=llm)


class Recording:
    """A backend that passes every call through and keeps the prompts and the replies."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.calls: list[dict[str, str]] = []

    def stream(self, system: str, user: str, *, max_tokens: int, timeout_s: float):
        """The wrapped backend's stream; the whole reply is kept when it ends."""
        text = ""
        for text in self.backend.stream(system, user, max_tokens=max_tokens, timeout_s=timeout_s):
            yield text
        self.calls.append({"system": system, "user": user, "reply": text})


class Replay:
    """A backend answering each prompt with the reply the real model gave it in a recorded run,
    so a changed checker can be measured on the same model output without the model."""

    def __init__(self, records) -> None:
        self.replies = {
            (c["system"], c["user"]): c["reply"] for r in records for c in r.get("calls", ())
        }
        self.calls: list[dict[str, str]] = []
        self.missed = 0

    def stream(self, system: str, user: str, *, max_tokens: int, timeout_s: float):
        """The recorded reply; a prompt the run never sent fails like an unreadable reply."""
        reply = self.replies.get((system, user))
        if reply is None:
            self.missed += 1
            raise LookupError("this prompt was not sent in the recorded run")
        self.calls.append({"system": system, "user": user, "reply": reply})
        yield reply


def _take_calls(engine) -> list[dict[str, str]]:
    calls = list(engine.llm.client.backend.calls)
    engine.llm.client.backend.calls.clear()
    return calls


def ask_both(plain, llm, question, data: str) -> dict[str, Any]:
    """One question through both engines: the two answers and their times."""
    started = time.perf_counter()
    extractive = plain.ask(question.question, question.history)
    extractive_s = time.perf_counter() - started
    started = time.perf_counter()
    generated = llm.ask(question.question, question.history)
    llm_s = time.perf_counter() - started
    return {
        "kind": "ask",
        "data": data,
        "id": question.id,
        "question": question.question,
        "history": [f"{t.role}: {t.text}" for t in question.history],
        "answers": list(question.answers),
        "answerable": question.answerable,
        "extractive": extractive.to_dict(),
        "extractive_s": extractive_s,
        "llm": generated.to_dict(),
        "llm_s": llm_s,
        "calls": _take_calls(llm),
    }


def summarise_both(plain, llm, data: str, article_id: str | None = None) -> dict[str, Any]:
    """One summary through both engines."""
    started = time.perf_counter()
    extractive = plain.summary(article_id)
    extractive_s = time.perf_counter() - started
    started = time.perf_counter()
    generated = llm.summary(article_id)
    return {
        "kind": "summary",
        "data": data,
        "id": article_id or "story",
        "extractive": extractive.to_dict(),
        "extractive_s": extractive_s,
        "llm": generated.to_dict(),
        "llm_s": time.perf_counter() - started,
        "calls": _take_calls(llm),
    }


def run(args) -> list[dict[str, Any]]:
    """Serve the model (or replay a recorded run), ask everything in both modes, write the
    records."""
    live: dict[tuple[str, str], dict[str, Any]] = {}
    if args.replay:
        recorded = [json.loads(line) for line in RECORDS.open(encoding="utf-8")]
        live = {(r["data"], r["id"]): r for r in recorded}
        server: Any = contextlib.nullcontext(SimpleNamespace(url="http://127.0.0.1:9/v1"))
        target, replay = REPLAYED, Replay(recorded)
    else:
        server = LocalServer(
            find_server(args.build),
            find_model(args.download),
            args.port,
            ROOT / "results" / "llama-server.log",
        )
        target, replay = RECORDS, None
    records: list[dict[str, Any]] = []
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        server as served,
        tempfile.TemporaryDirectory(prefix="storybot-real-") as tmp,
        target.open("w") as out,
    ):

        def keep(record: dict[str, Any]) -> None:
            if replay is not None:  # latency is the live run's; the replay takes no time
                original = live.get((record["data"], record["id"]), {})
                record["replay_s"] = record["llm_s"]
                record["llm_s"] = original.get("llm_s", record["llm_s"])
                record["not_replayed"] = replay.missed
                replay.missed = 0
            records.append(record)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            print(
                f"{record['kind']} {record['id']}: {record['llm']['mode']} {record['llm_s']:.1f} s",
                flush=True,
            )

        def engines_for(name: str, **store):
            plain, llm = engines(Path(tmp) / name, served.url, **store)
            if replay is not None:
                llm.llm.client.backend = replay
            return plain, llm

        plain, llm = engines_for("story", sources=[str(STORIES)])
        for question in story_questions()[: args.limit]:
            keep(ask_both(plain, llm, question, "story"))
        keep(summarise_both(plain, llm, "story"))
        if args.squad:
            documents, questions = squad_sample(args.squad)
            plain, llm = engines_for("squad", documents=documents)
            for question in questions:
                keep(ask_both(plain, llm, question, "squad"))
            keep(summarise_both(plain, llm, "squad", documents[0].id))
    return records


def main(argv=None) -> int:
    """Run (or rescore) and print the report."""
    from bench.real_model_report import render, score

    parser = argparse.ArgumentParser(prog="python -m bench.real_model", description=__doc__)
    parser.add_argument("--build", action="store_true", help="build llama-server if missing")
    parser.add_argument("--download", action="store_true", help="join the GGUF if missing")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--squad", type=int, default=12, help="SQuAD questions (0: none)")
    parser.add_argument("--limit", type=int, help="only the first N story questions")
    parser.add_argument("--rescore", action="store_true", help="score the last run again")
    parser.add_argument(
        "--replay",
        action="store_true",
        help="re-run the last live run's questions on its recorded model replies (no model)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    # A terminated run still stops its llama-server (the `with` block's exit runs).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    if args.rescore:
        path = REPLAYED if args.replay else RECORDS
        records = [json.loads(line) for line in path.open(encoding="utf-8")]
    else:
        records = run(args)
    report = score(records, JUDGEMENTS, TIMEOUT_S, SUMMARY_TIMEOUT_S)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
