"""Extractive summaries against CNN/DailyMail reference highlights: `python -m bench summaries`.

For each of the first 120 articles of ../shared/eval/cnndm_frank.jsonl, summarise the article in
as many bullets as it has highlights and score ROUGE-1 F (unique lower-case word overlap)
against the highlights, with and without the salience factor for sentences stating numbers,
beside the lead-k baseline (the article's first k sentences).
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

import bot.summary as summary
from bot.engine import Engine
from bot.settings import Settings, StoreSettings
from index.records import Document

FRANK = Path(__file__).resolve().parents[2] / "shared" / "eval" / "cnndm_frank.jsonl"


def rouge1(ours: str, reference: str) -> float:
    """F-measure of unique word overlap."""
    a, b = (
        set(re.findall(r"[a-z0-9]+", ours.lower())),
        set(re.findall(r"[a-z0-9]+", reference.lower())),
    )
    if not a or not b or not a & b:
        return 0.0
    p, r = len(a & b) / len(a), len(a & b) / len(b)
    return 2 * p * r / (p + r)


def main() -> None:
    rows = [json.loads(line) for line in FRANK.open(encoding="utf-8")][:120]
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(
            Settings(), data_dir=Path(tmp), store=StoreSettings(path=Path(tmp) / "c")
        )
        engine = Engine.from_settings(settings)
        engine.ingest_documents(
            [Document(id=r["doc_id"], origin="frank", text=r["text"], format="txt") for r in rows]
        )
        catalog = engine.catalog
        scores: dict[str, list[float]] = {"storybot": [], "without number factor": [], "lead-k": []}
        for r in rows:
            if r["doc_id"] not in catalog.articles:
                continue
            reference = r["reference_summary"]
            k = max(1, len([s for s in reference.split(" .") if s.strip()]))
            text = " ".join(c.text for c in summary.summarise(catalog, r["doc_id"], k).claims)
            scores["storybot"].append(rouge1(text, reference))
            plain = summary.summarise(catalog, r["doc_id"], k, number_weight=1.0).claims
            scores["without number factor"].append(
                rouge1(" ".join(c.text for c in plain), reference)
            )
            lead = " ".join(s.text for s in catalog.article_sentences(r["doc_id"])[:k])
            scores["lead-k"].append(rouge1(lead, reference))
    print("| summariser | ROUGE-1 F | articles |\n|---|---:|---:|")
    for name, values in scores.items():
        print(f"| {name} | {np.mean(values):.3f} | {len(values)} |")


if __name__ == "__main__":
    main()
