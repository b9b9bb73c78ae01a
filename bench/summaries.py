"""Extractive summaries against CNN/DailyMail highlights: `python -m bench summaries`.

Data: lines 1–210 of ../shared/eval/cnndm_frank.jsonl (lines 211–250 are another benchmark's
held-out questions and are never read). Split by article: lines 1–105 are the **tuning** half
the summariser's weights and rules were chosen on; lines 106–210 are **held out**.

Each article is split and embedded as the product does it (default embedder), summarised in as
many bullets as it has highlights, and scored with ROUGE-1, ROUGE-2 and ROUGE-Lsum F1
(`rouge-score`, Porter stemming, one highlight or bullet a line), beside lead-k (the article's
first k sentences) and the previous summariser (centroid and MMR, `bench.summaries_previous`).
The same again at 7 bullets (the default length, where the key-fact rules apply) against
lead-7. Then the story: the key-fact coverage of each summariser's 7 bullets
(tests/bot/story_facts.py).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.summaries_previous import previous_summary
from bot.ingest import parse_document
from bot.settings import Settings
from bot.summary import summarise
from index.embedders import get_embedder
from index.reading.sources import read_source
from index.records import Document
from index.store.catalog import Catalog

SHARED = Path(__file__).resolve().parents[2] / "shared"
FRANK = SHARED / "eval" / "cnndm_frank.jsonl"
USABLE, TUNING = 210, 105  # lines 211–250 are held out for another benchmark
Picker = Callable[[Catalog, str, int], list[int]]


def load_catalog(documents: list[Document]) -> Catalog:
    """Articles split and embedded as ingest does it, in memory (no store needed to summarise)."""
    settings = Settings()
    embedder = get_embedder(settings.index.embedder)
    articles, sentences = {}, []
    for document in documents:
        parsed = parse_document(document, settings.index)
        articles[parsed.article.id] = parsed.article
        sentences += parsed.sentences
    vectors = np.asarray(embedder.embed_documents([s.text for s in sentences]), np.float32)
    return Catalog(articles, sentences, vectors)


def highlights(reference: str) -> list[str]:
    """CNN/DailyMail highlights are joined with " . "; one a line."""
    return [h.strip() for h in reference.split(" .") if h.strip()]


def ours(catalog: Catalog, article_id: str, k: int) -> list[int]:
    """The product's summary of one article, as catalog positions."""
    cited = summarise(catalog, article_id, k).citations
    return [i for c in cited if (i := catalog.index_of(c.article_id, c.sentence)) is not None]


def lead(catalog: Catalog, article_id: str, k: int) -> list[int]:
    """The first k sentences."""
    return list(catalog.span(article_id))[:k]


def unique_word_rouge1(ours: str, reference: str) -> float:
    """The previous bench's metric: F of unique lower-case word overlap, unstemmed."""
    a = set(re.findall(r"[a-z0-9]+", ours.lower()))
    b = set(re.findall(r"[a-z0-9]+", reference.lower()))
    if not a & b:
        return 0.0
    p, r = len(a & b) / len(a), len(a & b) / len(b)
    return 2 * p * r / (p + r)


def score(catalog: Catalog, rows: list[dict], pick: Picker, k: int | None) -> list[float]:
    """Mean ROUGE-1, -2, -Lsum F1 and the unique-word ROUGE-1 of one summariser over rows."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    out = []
    for r in rows:
        lines = highlights(r["reference_summary"])
        chosen = pick(catalog, r["doc_id"], k or len(lines))
        texts = [catalog.sentences[i].text for i in sorted(chosen)]
        s = scorer.score("\n".join(lines), "\n".join(texts))
        unique = unique_word_rouge1(" ".join(texts), r["reference_summary"])
        out.append([s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeLsum"].fmeasure, unique])
    return np.mean(out, axis=0).tolist()


def story_coverage() -> dict[str, float]:
    """Key-fact coverage of each summariser's 7 bullets of the story (both versions)."""
    from tests.bot.story_facts import coverage

    docs = [read_source(str(p)) for p in sorted((SHARED / "stories").glob("*.txt"))]
    catalog = load_catalog(docs)
    ids = list(catalog.articles)
    previous = previous_summary(catalog, ids, 7)
    found = {"storybot": coverage(summarise(catalog, None, 7)), "previous": coverage(previous)}
    return {name: sum(c.values()) / len(c) for name, c in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench summaries")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with FRANK.open(encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(USABLE), f, strict=False)]
    catalog = load_catalog(
        [Document(id=r["doc_id"], origin="frank", text=r["text"], format="txt") for r in rows]
    )
    rows = [r for r in rows if r["doc_id"] in catalog.articles]
    halves = {"tuning (lines 1–105)": rows[:TUNING], "held out (lines 106–210)": rows[TUNING:]}

    def previous(c: Catalog, a: str, k: int) -> list[int]:
        return [c.index_of(x.article_id, x.sentence) for x in previous_summary(c, [a], k).citations]

    pickers: dict[str, Picker] = {"storybot": ours, "previous": previous, "lead": lead}
    results = {
        f"{half} · k = {'highlights' if k is None else k}": {
            name: score(catalog, half_rows, pick, k) for name, pick in pickers.items()
        }
        for half, half_rows in halves.items()
        for k in (None, 7)
    }
    results["story key-fact coverage (7 bullets)"] = story_coverage()  # type: ignore[assignment]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for part, table in results.items():
        print(f"\n{part}")
        for name, values in table.items():
            shown = values if isinstance(values, list) else [values]
            print(f"  {name:10s} " + "  ".join(f"{v:.3f}" for v in shown))


if __name__ == "__main__":
    main()
