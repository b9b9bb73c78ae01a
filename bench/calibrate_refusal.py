"""Fit the reading step's model for one embedder: `python -m bench calibrate_refusal`.

Training data, split by article and fixed (`docs/benchmarks.md`):
- SQuAD 2.0 dev, the 18 articles at even positions: their answerable questions (the
  candidate sentences that hold the answer are positives, the others negatives) and their
  adversarial unanswerable ones (every candidate a negative), all 18 in one store and each
  article alone in its store; plus absent-article questions (store only the articles at
  positions 0, 4, 8, …; ask those at 2, 6, 10, …; and, alone, the next article's: negatives);
- the `fit` half of bench/data/nearmiss_cnndm.jsonl (generated near-miss questions over CNN/DM
  articles at even positions; `python -m bench.nearmiss`), asked once with all those articles
  in one store and once with each article alone in its store (a story is a few articles).
The odd-position articles of both are held out and reported here (`storybot eval` reports
the rest). story_dev and the readers' sets are never fitted on. A class-balanced logistic
model over `bot/reading/features.FEATURES`, the threshold with the best balanced accuracy on
the fitting data (answerable questions answered with an evidence sentence first, unanswerable
ones refused), losing at most 5 % of the right answers; `--write` saves it under the
embedder's name in `bot/answers/calibration.json`.
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.answers.reading.features import FEATURES, judge
from bot.answers.reading.model import CALIBRATION, DECISION, Linear, ReaderModel, decision_inputs
from bot.answers.reading.question import read_question
from bot.answers.reading.spelling import correct_spelling
from bot.engine import Engine
from bot.evaluate import EvalQuestion, evidence_test, load_eval_file, original_spans
from bot.settings import IndexSettings, Settings, StoreSettings
from index.store.retrieve import make_query, retrieve

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
NEARMISS = Path(__file__).resolve().parent / "data" / "nearmiss_cnndm.jsonl"
Rows = list[tuple[np.ndarray, np.ndarray, bool]]  # (features, labels, answerable) a question
# The threshold is the best balanced accuracy (answerable questions answered with an evidence
# sentence first, unanswerable ones refused; every source pooled) among the thresholds that
# lose at most this share of the right answers a threshold of 0 gives on the fitting half (the
# issue asks for at most 5 % false refusals).
MAX_LOST = 0.05


def _engine(tmp: str, embedder: str) -> Engine:
    settings = replace(
        Settings(),
        data_dir=Path(tmp),
        store=StoreSettings(path=Path(tmp) / "c"),
        index=replace(IndexSettings(), embedder=embedder),
    )
    return Engine.from_settings(settings)


def question_rows(engine: Engine, q: EvalQuestion, spans) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels (holds the evidence) of the candidates the reading step judges."""
    catalog = engine.catalog
    text = correct_spelling(q.question, catalog)
    query = make_query(text, engine.embedder)
    candidates = retrieve(query, catalog, engine.store)[:8]
    judged = judge(text, query, read_question(text), candidates, catalog)
    holds = evidence_test(q, spans)
    sentences = [catalog.sentences[j.candidate.index] for j in judged]
    labels = [float(q.answerable and holds(s.article_id, s.n, s.text)) for s in sentences]
    x = np.array([j.features for j in judged]).reshape(len(judged), len(FEATURES))
    return x, np.array(labels)


def collect(embedder: str, half: int, per_article: int) -> dict[str, Rows]:
    """Rows of every source for one half (0: the fitting half, 1: held out)."""
    documents, questions, _ = load_eval_file(EVAL / "squad2_dev.jsonl")
    mine = [d for i, d in enumerate(documents) if i % 2 == half]
    counts: dict[str, int] = {}
    picked = []
    for q in questions:
        counts[q.doc_id] = counts.get(q.doc_id, 0) + 1
        if counts[q.doc_id] <= per_article:
            picked.append(q)
    out: dict[str, Rows] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = _engine(tmp, embedder)
        engine.ingest_documents(mine)
        spans = original_spans(engine.catalog, mine)
        ids = {d.id for d in mine}
        out["squad"] = [
            (*question_rows(engine, q, spans), q.answerable) for q in picked if q.doc_id in ids
        ]
    # Each article alone in its store, as a story is: its own questions, and answerable
    # questions of the next article (absent from this store).
    alone: Rows = []
    out["squad_one_article"] = alone
    for i, doc in enumerate(mine):
        other = mine[(i + 1) % len(mine)].id
        with tempfile.TemporaryDirectory() as tmp:
            engine = _engine(tmp, embedder)
            engine.ingest_documents([doc])
            spans = original_spans(engine.catalog, [doc])
            for q in picked:
                if q.doc_id == doc.id:
                    alone.append((*question_rows(engine, q, spans), q.answerable))
            absent_here = [q for q in picked if q.doc_id == other and q.answerable][:20]
            alone += [(*question_rows(engine, q, {}), False) for q in absent_here]
    stored = {d.id for d in mine[::2]}
    absent = {d.id for d in mine[1::2]}
    with tempfile.TemporaryDirectory() as tmp:
        engine = _engine(tmp, embedder)
        engine.ingest_documents([d for d in mine if d.id in stored])
        out["absent_article"] = [
            (*question_rows(engine, q, {}), False)
            for q in picked
            if q.doc_id in absent and q.answerable
        ]
    split = "fit" if half == 0 else "held"
    docs, near, _ = load_eval_file(NEARMISS, str(EVAL / "cnndm_frank.jsonl"))
    rows = [json.loads(line) for line in NEARMISS.read_text().splitlines()]
    wanted = {r["id"] for r in rows if r["split"] == split}
    near = [q for q in near if q.id in wanted]
    docs = [d for d in docs if d.id in {q.doc_id for q in near}]
    with tempfile.TemporaryDirectory() as tmp:
        engine = _engine(tmp, embedder)
        engine.ingest_documents(docs)
        spans = original_spans(engine.catalog, docs)
        out["nearmiss"] = [(*question_rows(engine, q, spans), q.answerable) for q in near]
    # A story is a few articles, not thousands of sentences: the same questions again, each
    # article alone in its store (word statistics and ranks differ with the store's size).
    out["nearmiss_one_article"] = []
    for doc in docs:
        with tempfile.TemporaryDirectory() as tmp:
            engine = _engine(tmp, embedder)
            engine.ingest_documents([doc])
            spans = original_spans(engine.catalog, [doc])
            out["nearmiss_one_article"] += [
                (*question_rows(engine, q, spans), q.answerable) for q in near if q.doc_id == doc.id
            ]
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Weights (bias first) of a class-balanced logistic regression, by gradient descent."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    balance = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= lr * (xb.T @ ((p - y) * balance) / len(y) + 1e-3 * np.r_[0, w[1:]])
    return w


def outcomes(rows: Rows, model: ReaderModel, threshold: float) -> dict[str, float | None]:
    """Question-level: answered with evidence first, false refusals, refusals when unanswerable."""
    right = refused = false_refusals = n_ans = n_un = 0
    for x, y, answerable in rows:
        ranked = model.rank(x)
        answered = bool(len(x)) and model.answerable(x, ranked) >= threshold
        if answerable:
            n_ans += 1
            right += answered and bool(y[int(ranked.argmax())])
            false_refusals += not answered
        else:
            n_un += 1
            refused += not answered
    return {
        "answered_with_evidence": round(right / n_ans, 4) if n_ans else None,
        "false_refusals": round(false_refusals / n_ans, 4) if n_ans else None,
        "refused_unanswerable": round(refused / n_un, 4) if n_un else None,
        "answerable": n_ans,
        "unanswerable": n_un,
    }


def standardised(x: np.ndarray, y: np.ndarray) -> Linear:
    """A class-balanced logistic model fitted on standardised inputs."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    w = fit_logistic((x - mean) / scale, y)
    return Linear(tuple(w[1:]), float(w[0]), tuple(mean), tuple(scale))


def fit(train: Rows) -> ReaderModel:
    """The ranker on the answerable questions' candidates, then the answer decision."""
    ranking = [r for r in train if r[2] and len(r[0])]
    ranker = standardised(
        np.vstack([r[0] for r in ranking]), np.concatenate([r[1] for r in ranking])
    )
    base = ReaderModel(ranker, ranker, 0.5)
    usable = [r for r in train if len(r[0])]
    x = np.array([decision_inputs(r[0], base.rank(r[0])) for r in usable])
    y = np.array([float(r[2]) for r in usable])
    return ReaderModel(ranker, standardised(x, y), 0.5)


def pooled(rows: dict[str, Rows]) -> Rows:
    """All sources as one list."""
    return [r for name_rows in rows.values() for r in name_rows]


def balanced(o: dict[str, float | None]) -> float:
    """The mean of the answerable and unanswerable sides (whichever exist)."""
    sides = [v for v in (o["answered_with_evidence"], o["refused_unanswerable"]) if v is not None]
    return sum(sides) / len(sides)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="wordllama")
    parser.add_argument("--per-article", type=int, default=80, help="SQuAD questions an article")
    parser.add_argument("--write", action="store_true", help=f"write {CALIBRATION.name}")
    parser.add_argument("--cache", type=Path, help="reuse (or write) the extracted rows here")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        fitting, held = pickle.loads(args.cache.read_bytes())
    else:
        fitting = collect(args.embedder, 0, args.per_article)
        held = collect(args.embedder, 1, 40)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((fitting, held)))
    train = pooled(fitting)
    model = fit(train)

    most = outcomes(train, model, 0.0)["answered_with_evidence"] or 0.0

    def objective(t: float) -> float:
        o = outcomes(train, model, t)
        kept = (o["answered_with_evidence"] or 0.0) >= (1 - MAX_LOST) * most
        return balanced(o) if kept else balanced(o) - 1.0

    grid = np.round(np.linspace(0.05, 0.95, 91), 3)
    model = replace(model, threshold=float(max(grid, key=objective)))
    result = {
        "embedder": args.embedder,
        "threshold": model.threshold,
        "ranker": dict(zip(FEATURES, np.round(model.ranker.weights, 3).tolist(), strict=True)),
        "decision": dict(zip(DECISION, np.round(model.decision.weights, 3).tolist(), strict=True)),
        "fit": {n: outcomes(rows, model, model.threshold) for n, rows in fitting.items()},
        "held_out": {n: outcomes(rows, model, model.threshold) for n, rows in held.items()},
        "held_out_by_threshold": {
            str(t): {n: outcomes(r, model, float(t)) for n, r in held.items()}
            for t in (0.3, 0.4, 0.5, 0.6, 0.7)
        },
    }
    print(json.dumps(result, indent=2))
    if args.write:
        data = json.loads(CALIBRATION.read_text()) if CALIBRATION.exists() else {}
        data = {k: v for k, v in data.items() if isinstance(v, dict)}  # drop the old format
        data[args.embedder] = model.to_dict()
        CALIBRATION.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.embedder} to {CALIBRATION}")


if __name__ == "__main__":
    main()
