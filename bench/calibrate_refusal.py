"""Calibrate when the extractive answerer refuses: `python -m bench.calibrate_refusal`.

What a user meets is a question the stored articles do not cover. We build exactly that from
SQuAD 2.0 dev: store half of its articles, then ask (a) the answerable questions of the stored
half (the articles answer: label 1) and (b) the questions of the other half (their article is
absent: label 0). For each we take the features of the best sentence retrieval finds
(cosine, term coverage, coverage with neighbours, expected answer type present), fit a
logistic model on one split (plus story_dev, the product's own domain), choose the threshold
with the best balanced accuracy there, and report the held-out split, story_dev (in-sample)
and SQuAD 2.0's own adversarial unanswerable questions. `--write` saves
`bot/answers/calibration.json`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from bot.answers.answer_types import expected_type, has_type
from bot.answers.extractive import CALIBRATION, Answerability
from bot.engine import Engine
from bot.evaluate import load_eval_file
from bot.settings import Settings, StoreSettings
from index.store.retrieve import make_query, retrieve

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
FEATURES = ("cosine", "coverage", "context", "type_match")


def features(engine: Engine, question: str) -> list[float]:
    """The answerability features of the best candidate (zeros when nothing is found)."""
    query = make_query(question, engine.embedder)
    candidates = retrieve(query, engine.catalog, engine.store)
    if not candidates:
        return [0.0, 0.0, 0.0, 0.0]
    top = candidates[0]
    text = engine.catalog.sentences[top.index].text
    type_ok = has_type(text, expected_type(question))
    return [top.cosine, top.coverage, top.context_coverage, float(type_ok)]


def _engine(tmp: str) -> Engine:
    store = StoreSettings(path=Path(tmp) / "c")
    return Engine.from_settings(replace(Settings(), data_dir=Path(tmp), store=store))


def squad_split(half: int, limit: int | None) -> dict[str, np.ndarray]:
    """Features with the articles of one half stored (`half` 0 or 1)."""
    documents, questions, _ = load_eval_file(EVAL / "squad2_dev.jsonl")
    stored = {d.id for i, d in enumerate(documents) if i % 2 == half}
    per_doc: dict[str, int] = {}
    picked = []
    for q in questions:  # an even share of every article's questions
        per_doc[q.doc_id] = per_doc.get(q.doc_id, 0) + 1
        if limit is None or per_doc[q.doc_id] <= limit:
            picked.append(q)
    rows, labels, adversarial = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        engine = _engine(tmp)
        engine.ingest_documents([d for d in documents if d.id in stored])
        for q in picked:
            f = features(engine, q.question)
            if q.doc_id in stored:
                if q.answerable:
                    rows.append(f)
                    labels.append(1.0)
                else:
                    adversarial.append(f)
            elif q.answerable:
                rows.append(f)
                labels.append(0.0)
    return {"x": np.array(rows), "y": np.array(labels), "adversarial": np.array(adversarial)}


def story() -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of story_dev over the story."""
    _, questions, sources = load_eval_file(EVAL / "story_dev.jsonl", str(EVAL.parent / "stories"))
    with tempfile.TemporaryDirectory() as tmp:
        engine = _engine(tmp)
        engine.ingest(sources)
        rows = [features(engine, q.question) for q in questions if q.gold or not q.answerable]
        labels = [1.0 if q.answerable else 0.0 for q in questions if q.gold or not q.answerable]
    return np.array(rows), np.array(labels)


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 5000, lr: float = 1.0) -> np.ndarray:
    """Weights (bias first) of a class-balanced logistic regression, by gradient descent."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    balance = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= lr * (xb.T @ ((p - y) * balance)) / len(y)
    return w


def probability(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The model's P(answerable) for feature rows."""
    return 1 / (1 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ w)))


def rates(p: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float | None]:
    """Refusal accuracy, answer rate on answerable questions, balanced accuracy."""
    answered = p >= threshold
    refuse = float((~answered[y == 0]).mean()) if (y == 0).any() else None
    answer = float(answered[y == 1].mean()) if (y == 1).any() else None
    both = (refuse + answer) / 2 if refuse is not None and answer is not None else None
    return {
        "refusal_accuracy": refuse,
        "answer_rate_on_answerable": answer,
        "balanced_accuracy": both,
        "n": len(y),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="questions per SQuAD article")
    parser.add_argument(
        "--no-story", dest="story_weight", action="store_false", help="fit on SQuAD alone"
    )
    parser.add_argument("--write", action="store_true", help=f"write {CALIBRATION.name}")
    args = parser.parse_args()
    fit, held = squad_split(1, args.limit), squad_split(0, args.limit)
    xs, ys = story()
    # The story is the product's own domain: its questions join the fitting split, repeated
    # so that 16 questions weigh about as much as a fifth of SQuAD's.
    repeat = max(1, round(0.2 * len(fit["y"]) / len(ys))) if args.story_weight else 0
    x_fit = np.vstack([fit["x"], *[xs] * repeat])
    y_fit = np.concatenate([fit["y"], *[ys] * repeat])
    w = fit_logistic(x_fit, y_fit)
    p_fit, p_story = probability(w, x_fit), probability(w, xs)

    def objective(t: float) -> float:
        return rates(p_fit, y_fit, t)["balanced_accuracy"]

    threshold = float(max(np.linspace(0.2, 0.8, 61), key=objective))
    model = Answerability(*w.tolist(), threshold=threshold)
    adversarial = held["adversarial"]
    report = {
        "model": asdict(model),
        "features": FEATURES,
        "squad_absent_article_fit_split": rates(probability(w, fit["x"]), fit["y"], threshold),
        "squad_absent_article_held_out_split": rates(
            probability(w, held["x"]), held["y"], threshold
        ),
        "squad_adversarial_unanswerable_refused": float(
            (probability(w, adversarial) < threshold).mean()
        ),
        "story_dev": rates(p_story, ys, threshold),
    }
    print(json.dumps(report, indent=2))
    if args.write:
        CALIBRATION.write_text(json.dumps(asdict(model), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {CALIBRATION}")


if __name__ == "__main__":
    main()
