"""How well `index.text.alignment` pairs sentences: the story, and CNN/DailyMail highlights.

    .venv/bin/python -m bench.alignment [--limit N] [--json]

1. **The story**: its two versions ingested into a throw-away store and aligned; the pairs
   found against the hand-checked ones in tests/index/story_pairs.py (precision, recall).
2. **CNN/DailyMail highlights** (../shared/eval/cnndm_frank.jsonl): each article's reference
   highlights (split on " . ") aligned one to one against the article's own sentences (its
   `sentences` offsets). Gold: the article sentence with the highest ROUGE-L recall of the
   highlight (the longest common subsequence of lower-cased words over the highlight's length;
   ties all count), kept only when that recall is at least 0.5 — a highlight mostly copied from
   one sentence. Highlights below 0.5 fuse several sentences or are abstractive: they have no
   single source, and we report how many the aligner pairs anyway. The gold uses word order;
   the aligner uses embeddings and bags of stems, so they are not the same measure.
   - precision: aligned gold highlights paired with a gold sentence / aligned gold highlights;
   - recall: gold highlights paired with a gold sentence / gold highlights;
   - source removed: with a highlight's gold sentences taken out of the article, how often it is
     still paired (with anything) — an upper bound on wrong pairings when one version lacks a
     sentence, since articles often restate a fact in another sentence.
   Documents are split in two halves by position: the threshold was chosen on the first (dev)
   half; the second (test) half is reported separately. The sweep shows the trade-off.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.records import Article, Sentence
from index.store.catalog import Catalog
from index.text.alignment import ALIGN_THRESHOLD, align, alignment_scores, one_to_one
from index.text.lexical import words

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CNNDM = SHARED / "eval" / "cnndm_frank.jsonl"
SWEEP = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
EXTRACTIVE = 0.5


@dataclass
class Counts:
    """Tallies for one half of the highlights at one threshold."""

    gold: int = 0
    aligned: int = 0
    correct: int = 0
    abstractive: int = 0
    abstractive_aligned: int = 0
    removed: int = 0
    removed_aligned: int = 0

    def figures(self) -> dict[str, float]:
        """Precision, recall, F1 and the two rates, rounded."""
        p = self.correct / self.aligned if self.aligned else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "gold_highlights": self.gold,
            "abstractive_paired": round(self.abstractive_aligned / max(1, self.abstractive), 3),
            "source_removed_paired": round(self.removed_aligned / max(1, self.removed), 3),
        }


def story_figures() -> dict[str, float]:
    """Precision and recall of the story's pairs against the hand-checked ones."""
    from bot.engine import Engine
    from bot.settings import Settings, StoreSettings

    sys.path.insert(0, str(ROOT))
    from tests.index.story_pairs import CNN, REWORDED, STORY_PAIRS

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        engine = Engine.from_settings(Settings(data_dir=data, store=StoreSettings(path=data)))
        engine.ingest([str(SHARED / "stories")])
        catalog = engine.catalog
        started = time.perf_counter()
        alignment = align(catalog, CNN, REWORDED)
        elapsed = (time.perf_counter() - started) * 1000
    n = {i: catalog.sentences[i].n for p in alignment.pairs for i in (p.left, p.right)}
    found = {(n[p.left], n[p.right]) for p in alignment.pairs}
    right = len(found & STORY_PAIRS)
    return {
        "pairs_checked": len(STORY_PAIRS),
        "pairs_found": len(found),
        "precision": round(right / max(1, len(found)), 3),
        "recall": round(right / len(STORY_PAIRS), 3),
        "weakest_true_pair": round(min(p.score for p in alignment.pairs), 3),
        "align_ms": round(elapsed, 2),
    }


def highlights(summary: str) -> list[str]:
    """CNN/DailyMail reference highlights, which are joined with " . "."""
    return [h.strip() for h in re.split(r"\s+\.(?:\s+|$)", summary) if h.strip()]


def lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two word lists."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def load_cnndm(limit: int | None, embedder) -> tuple[Catalog, list[tuple[str, list, list]]]:
    """One in-memory catalog of articles and highlights, and per document its gold sets."""
    docs = [json.loads(line) for line in CNNDM.read_text(encoding="utf-8").splitlines()][:limit]
    articles: dict[str, Article] = {}
    sentences: list[Sentence] = []
    golds = []
    for doc in docs:
        aid, hid = doc["doc_id"], doc["doc_id"] + ":highlights"
        body = [doc["text"][s["start"] : s["end"]] for s in doc["sentences"]]
        heads = highlights(doc["reference_summary"])
        articles[aid] = Article(aid, "cnndm", doc["text"], "1")
        articles[hid] = Article(hid, "cnndm", doc["reference_summary"], "1")
        sentences += [Sentence(aid, i + 1, 1, 0, 0, t) for i, t in enumerate(body)]
        sentences += [Sentence(hid, i + 1, 1, 0, 0, t) for i, t in enumerate(heads)]
        body_words = [words(t) for t in body]
        gold = []
        for h in heads:
            hw = words(h)
            recall = [lcs(hw, b) / max(1, len(hw)) for b in body_words]
            best = max(recall, default=0.0)
            gold.append(
                {k for k, r in enumerate(recall) if r == best} if best >= EXTRACTIVE else None
            )
        golds.append((aid, hid, gold))
    vectors = np.asarray(embedder.embed_documents([s.text for s in sentences]), dtype=np.float32)
    return Catalog(articles, sentences, vectors), golds


def cnndm_figures(limit: int | None) -> dict[str, object]:
    """Precision and recall on highlights, per half, at the threshold and over the sweep."""
    from index.embedders import get_embedder

    catalog, golds = load_cnndm(limit, get_embedder("wordllama"))
    half = len(golds) // 2
    results: dict[str, object] = {"documents": len(golds), "threshold": ALIGN_THRESHOLD}
    sweep: dict[str, dict[str, dict[str, float]]] = {}
    for name, part in (("dev", golds[:half]), ("test", golds[half:])):
        scored = []
        for aid, hid, gold in part:
            body, heads = list(catalog.span(aid)), list(catalog.span(hid))
            scored.append((alignment_scores(catalog, heads, body), gold))
        sweep[name] = {f"{t:.2f}": _count(scored, t).figures() for t in SWEEP}
        results[name] = _count(scored, ALIGN_THRESHOLD).figures()
    results["sweep"] = sweep
    return results


def _count(scored, threshold: float) -> Counts:
    counts = Counts()
    for scores, gold in scored:
        paired = {p.left: p.right for p in one_to_one(scores, threshold)}
        for h, sources in enumerate(gold):
            if sources is None:
                counts.abstractive += 1
                counts.abstractive_aligned += h in paired
                continue
            counts.gold += 1
            counts.aligned += h in paired
            counts.correct += paired.get(h, -1) in sources
            keep = [k for k in range(scores.shape[1]) if k not in sources]
            counts.removed += 1
            counts.removed_aligned += bool(keep) and bool(
                one_to_one(scores[h : h + 1, keep], threshold)
            )
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Run both measurements and print them."""
    parser = argparse.ArgumentParser(prog="python -m bench.alignment", description=__doc__)
    parser.add_argument("--limit", type=int, help="only the first N CNN/DailyMail documents")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    report = {"story": story_figures(), "cnndm_highlights": cnndm_figures(args.limit)}
    report["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report))
        return 0
    story = report["story"]
    print(f"story: {story['pairs_found']} pairs found, {story['pairs_checked']} checked by hand; "
          f"precision {story['precision']}, recall {story['recall']}, "
          f"weakest true pair {story['weakest_true_pair']}, {story['align_ms']} ms")  # fmt: skip
    cnndm = report["cnndm_highlights"]
    print(f"cnndm highlights: {cnndm['documents']} documents, threshold {cnndm['threshold']}")
    for name in ("dev", "test"):
        print(f"  {name:<5} {_line(cnndm[name])}")
    print("  sweep (dev | test):")
    for t in cnndm["sweep"]["dev"]:
        print(f"    {t}  {_line(cnndm['sweep']['dev'][t])} | {_line(cnndm['sweep']['test'][t])}")
    print(f"{report['seconds']} s")
    return 0


def _line(f: dict[str, float]) -> str:
    return (f"P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} "
            f"(n={f['gold_highlights']}); abstractive paired {f['abstractive_paired']:.2f}; "
            f"source removed, still paired {f['source_removed_paired']:.2f}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
