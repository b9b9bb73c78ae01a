"""Raw embedding speed and story retrieval MRR of each embedder (a measurement aid).

    .venv/bin/python -m bench.embedders --n 2000 [--repeat 3] [--squad 100] [--embedders e5]

Speed: N sentences of SQuAD 2.0 dev (split naively on ". ") through `embed_documents`, after
one warm-up call, so model loading is reported apart. MRR: each question of story_dev.jsonl
with gold substrings is embedded as a query and ranked against every sentence of the story
(split the same naive way); the first sentence holding a gold substring gives the rank.
With --squad K, also the MRR of the sentence holding the answer of K answerable SQuAD questions
among the sentences of its article (a harder test: the story's is nearly saturated).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

import numpy as np

from index.embedders import EMBEDDERS, get_embedder
from index.errors import ConfigError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def naive_sentences(text: str) -> list[str]:
    """Lines split on ". ", stripped, empty pieces dropped."""
    return [text[start:end] for start, end in naive_spans(text)]


def naive_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the naive sentences: lines split on ". ", stripped, none empty."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for part in line.group().split(". "):
            lead = len(part) - len(part.lstrip())
            if part.strip():
                spans.append((start + lead, start + lead + len(part.strip())))
            start += len(part) + 2
    return spans


def squad_sentences(path: Path, n: int) -> list[str]:
    """The first n naive sentences of a JSONL file of documents, cycling if it has fewer."""
    sentences: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            sentences += naive_sentences(json.loads(line)["text"])
    return (sentences * (n // len(sentences) + 1))[:n]


def story_mrr(embedder, stories: Path, questions: Path) -> tuple[float, int]:
    """MRR of the gold sentence among the story's sentences, and the number of questions scored."""
    sentences = [s for f in sorted(stories.glob("*.txt")) for s in naive_sentences(f.read_text())]
    vectors = embedder.embed_documents(sentences)
    ranks = []
    for line in questions.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if not item.get("gold"):
            continue
        order = np.argsort(-(vectors @ embedder.embed_query(item["question"])), kind="stable")
        hits = [r for r, i in enumerate(order, 1) if any(g in sentences[i] for g in item["gold"])]
        ranks.append(hits[0] if hits else None)
    return sum(1 / r for r in ranks if r) / len(ranks), len(ranks)


def squad_mrr(embedder, path: Path, limit: int) -> tuple[float, int]:
    """MRR of the sentence holding the answer among its article's sentences, `limit` questions."""
    reciprocal: list[float] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            spans = naive_spans(doc["text"])
            asked = [q for q in doc["questions"] if q["answerable"] and q.get("evidence")]
            asked = asked[: limit - len(reciprocal)]
            if not asked:
                continue
            vectors = embedder.embed_documents([doc["text"][a:b] for a, b in spans])
            for question in asked:
                at = question["evidence"][0]["start"]
                gold = {i for i, (a, b) in enumerate(spans) if a <= at < b}
                order = np.argsort(-(vectors @ embedder.embed_query(question["question"])))
                rank = next((r for r, i in enumerate(order, 1) if i in gold), None)
                reciprocal.append(1 / rank if rank else 0.0)
            if len(reciprocal) >= limit:
                break
    return (sum(reciprocal) / len(reciprocal) if reciprocal else 0.0), len(reciprocal)


def measure(name: str, texts: list[str], args: argparse.Namespace) -> dict[str, object]:
    """Load time, best sentences/s, query p50 and MRRs of one embedder."""
    embedder = get_embedder(name)
    start = time.perf_counter()
    embedder.embed_documents(texts[:8])
    load_s = time.perf_counter() - start
    rate = 0.0
    for _ in range(args.repeat):
        start = time.perf_counter()
        embedder.embed_documents(texts)
        rate = max(rate, len(texts) / (time.perf_counter() - start))
    query_ms = []
    for text in texts[:20]:
        start = time.perf_counter()
        embedder.embed_query(text[:60])
        query_ms.append((time.perf_counter() - start) * 1000)
    shared = args.shared
    mrr, scored = story_mrr(embedder, shared / "stories", shared / "eval" / "story_dev.jsonl")
    row: dict[str, object] = {
        "embedder": name,
        "dim": embedder.dim,
        "load_s": round(load_s, 2),
        "sentences_per_s": round(rate, 1),
        "query_ms_p50": round(statistics.median(query_ms), 2),
        "story_mrr": round(mrr, 3),
        "story_questions": scored,
    }
    if args.squad:
        squad, asked = squad_mrr(embedder, shared / "eval" / "squad2_dev.jsonl", args.squad)
        row |= {"squad_mrr": round(squad, 3), "squad_questions": asked}
    return row


def main(argv: list[str] | None = None) -> None:
    """Print one row per embedder (or JSON lines with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="sentences to embed for speed")
    parser.add_argument("--repeat", type=int, default=1, help="report the best of R runs")
    parser.add_argument("--squad", type=int, default=0, help="also MRR on K SQuAD questions")
    parser.add_argument("--embedders", default=",".join(EMBEDDERS), help="comma-separated")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared/ folder")
    parser.add_argument("--json", action="store_true", help="one JSON object per embedder")
    args = parser.parse_args(argv)
    texts = squad_sentences(args.shared / "eval" / "squad2_dev.jsonl", args.n)
    if not args.json:
        print(f"{len(texts)} sentences from {args.shared / 'eval' / 'squad2_dev.jsonl'}")
        print(f"{'embedder':<10} {'dim':>4} {'load s':>7} {'sent/s':>9} {'query ms':>9} MRR")
    for name in args.embedders.split(","):
        try:
            row = measure(name.strip(), texts, args)
        except ConfigError as exc:
            print(f"{name:<10} skipped: {exc}")
            continue
        if args.json:
            print(json.dumps(row))
            continue
        mrr = f"story {row['story_mrr']} ({row['story_questions']} q)"
        if "squad_mrr" in row:
            mrr += f", SQuAD {row['squad_mrr']} ({row['squad_questions']} q)"
        print(
            f"{row['embedder']:<10} {row['dim']:>4} {row['load_s']:>7} "
            f"{row['sentences_per_s']:>9} {row['query_ms_p50']:>9} {mrr}"
        )


if __name__ == "__main__":
    main()
