"""Speed and retrieval benchmark against llama-index's default pipeline: `./run bench`.

In one run, on this machine:
1. Ingest everything in ../shared/eval plus the story (about 30k sentences) into a fresh
   embedded store; compare with the raw embedding time of the same texts by the same model.
2. `ask` latency inside a running engine (as the bots use it) at about 1k and 30k sentences.
3. The CLI's cold start to the first answer, with and without the catalog cache.
4. Peak memory (RSS) of this process.
5. The baseline a user would otherwise pick: llama-index's `VectorStoreIndex` over the same
   embedder with its default splitter and `similarity_top_k=2`: its latency and how often the
   evidence is inside the text it returns, against our answer with at most 3 cited sentences.
Results: printed as Markdown and written to bench/results/speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.engine import Engine
from bot.evaluate import EvalQuestion, load_eval_file
from bot.ingest import parse_document
from bot.settings import Settings, StoreSettings
from index.records import Document
from index.text.nlp_data import static_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL_FILES = ("squad2_dev", "cnndm_frank", "qags_cnndm", "doc2dial_val")
STORYBOT = Path(sys.executable).with_name("storybot")


def _plain(name: str) -> list[Document]:
    rows = [json.loads(line) for line in (SHARED / "eval" / f"{name}.jsonl").open()]
    return [
        Document(id=r["doc_id"], origin=f"{name}.jsonl", text=r["text"], format="txt") for r in rows
    ]


def engine_at(folder: Path) -> Engine:
    """An engine whose store and cache live in `folder`."""
    settings = replace(Settings(), data_dir=folder, store=StoreSettings(path=folder / "chroma"))
    return Engine.from_settings(settings)


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p95 in ms."""
    return {
        "p50": round(float(np.percentile(samples, 50)), 2),
        "p95": round(float(np.percentile(samples, 95)), 2),
        "n": len(samples),
    }


def timed_asks(engine: Engine, questions: list[str]) -> dict[str, float]:
    """Latency of `ask` in a warm engine (the first call loads the catalog and is excluded)."""
    engine.ask(questions[0])
    samples = []
    for q in questions:
        started = time.perf_counter()
        engine.ask(q)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def cold_start(folder: Path, question: str, runs: int = 3) -> dict[str, float]:
    """Seconds from `storybot ask` starting to its answer printed: cache miss, then cached."""
    env = {
        **os.environ,
        "CHROMA_PATH": str(folder / "chroma"),
        "STORYBOT_DATA_DIR": str(folder),
    }
    cache = folder / "cache"

    peak_kb: list[int] = []

    def once() -> float:
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", str(STORYBOT), "ask", question],
            env=env,
            check=True,
            capture_output=True,
            cwd=folder,
            text=True,
        )
        elapsed = time.perf_counter() - started
        peak_kb.append(int(done.stderr.strip().splitlines()[-1]))
        return elapsed

    if cache.exists():
        import shutil

        shutil.rmtree(cache)
    miss = once()
    cached = [once() for _ in range(runs)]
    return {
        "cache_miss_s": round(miss, 2),
        "cached_s": round(statistics.median(cached), 2),
        "peak_rss_mb": round(max(peak_kb) / 1024, 1),
    }


def evidence_questions(limit: int) -> tuple[list[EvalQuestion], dict[str, Document]]:
    """Answerable SQuAD questions with exact evidence offsets, spread over every article."""
    documents, questions, _ = load_eval_file(SHARED / "eval" / "squad2_dev.jsonl")
    usable = [q for q in questions if q.answerable and q.evidence]
    step = max(1, len(usable) // limit)
    return usable[::step][:limit], {d.id: d for d in documents}


def overlaps(span: tuple[int, int], evidence) -> bool:
    return any(s < span[1] and span[0] < e for s, e in evidence)


def ours_hits(engine: Engine, questions, documents) -> dict[str, float]:
    """How often our answer's first ≤3 cited sentences hold the evidence, and their size."""
    hits, chars, latencies = 0, [], []
    for q in questions:
        started = time.perf_counter()
        answer = engine.ask(q.question)
        latencies.append((time.perf_counter() - started) * 1000)
        shown = list(answer.citations or answer.closest)[:3]
        chars.append(sum(len(c.text) for c in shown))
        text = documents[q.doc_id].text
        for c in shown:
            at = text.find(c.text) if c.article_id == q.doc_id else -1
            if at >= 0 and overlaps((at, at + len(c.text)), q.evidence):
                hits += 1
                break
    return {
        "evidence_hit_rate": round(hits / len(questions), 4),
        "mean_chars_returned": round(statistics.mean(chars), 1),
        "latency_ms": percentiles(latencies),
    }


def baseline(embedder, documents: list[Document], questions, by_id) -> dict[str, object]:
    """llama-index's default: VectorStoreIndex, default SentenceSplitter, similarity_top_k=2."""
    # llama-index ships tiktoken's files; without this its splitter would try to download them.
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(static_dir() / "tiktoken_cache"))
    from llama_index.core import Document as LlamaDocument
    from llama_index.core import VectorStoreIndex

    started = time.perf_counter()
    index = VectorStoreIndex.from_documents(
        [LlamaDocument(text=d.text, id_=d.id) for d in documents],
        embed_model=embedder.as_llama_index(),
    )
    build_s = time.perf_counter() - started
    retriever = index.as_retriever(similarity_top_k=2)
    retriever.retrieve(questions[0].question)
    hits, chars, latencies = 0, [], []
    for q in questions:
        started = time.perf_counter()
        nodes = retriever.retrieve(q.question)
        latencies.append((time.perf_counter() - started) * 1000)
        chars.append(sum(len(n.node.get_content()) for n in nodes))
        for n in nodes:
            node = n.node
            span = (node.start_char_idx or 0, node.end_char_idx or 0)
            if node.ref_doc_id == q.doc_id and overlaps(span, q.evidence):
                hits += 1
                break
    return {
        "index_build_s": round(build_s, 2),
        "chunks": len(index.docstore.docs),
        "evidence_hit_rate": round(hits / len(questions), 4),
        "mean_chars_returned": round(statistics.mean(chars), 1),
        "latency_ms": percentiles(latencies),
    }


def e5_overhead(folder: Path, documents: list[Document]) -> dict[str, float]:
    """Ingest time against raw embedding time with e5, where the model dominates."""
    settings = replace(
        Settings(),
        data_dir=folder,
        store=StoreSettings(path=folder / "chroma"),
        index=replace(Settings().index, embedder="e5"),
    )
    engine = Engine.from_settings(settings)
    parsed = [parse_document(d, settings.index) for d in documents]
    texts = [s.text for p in parsed for s in p.sentences] + [
        c.text for p in parsed for c in p.chunks
    ]
    engine.embedder.embed_documents(texts[:8])
    started = time.perf_counter()
    engine.embedder.embed_documents(texts)
    raw_s = time.perf_counter() - started
    started = time.perf_counter()
    engine.ingest_documents(documents)
    ingest_s = time.perf_counter() - started
    return {
        "texts_embedded": len(texts),
        "raw_embedding_s": round(raw_s, 2),
        "ingest_s": round(ingest_s, 2),
        "overhead_vs_raw_embedding": round(ingest_s / raw_s - 1, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=400, help="SQuAD evidence questions")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "speed.json"))
    args = parser.parse_args()
    results: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    story = [str(SHARED / "stories")]
    squad_docs = {d.id: d for d in load_eval_file(SHARED / "eval" / "squad2_dev.jsonl")[0]}
    documents = list(squad_docs.values())
    documents += _plain("cnndm_frank") + _plain("qags_cnndm") + _plain("doc2dial_val")
    questions, _ = evidence_questions(args.questions)
    story_questions = [q.question for q in load_eval_file(SHARED / "eval" / "story_dev.jsonl")[1]]
    latency_questions = story_questions + [q.question for q in questions[:200]]

    with tempfile.TemporaryDirectory(prefix="storybot-bench-") as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        engine = engine_at(big)
        # 1. raw embedding of exactly the texts the pipeline embeds, then the pipeline itself
        parsed = [parse_document(d, engine.settings.index) for d in documents]
        texts = [s.text for p in parsed for s in p.sentences] + [
            c.text for p in parsed for c in p.chunks
        ]
        engine.embedder.embed_documents(texts[:100])  # load the model outside the timing
        started = time.perf_counter()
        for i in range(0, len(texts), 4096):
            engine.embedder.embed_documents(texts[i : i + 4096])
        raw_s = time.perf_counter() - started
        started = time.perf_counter()
        report = engine.ingest_documents(documents)
        engine.ingest(story)
        ingest_s = time.perf_counter() - started
        sentences = len(engine.catalog)
        results["ingest"] = {
            "articles": len(report.stored) + 2,
            "sentences": sentences,
            "texts_embedded": len(texts),
            "raw_embedding_s": round(raw_s, 2),
            "ingest_s": round(ingest_s, 2),
            "sentences_per_s": round(sentences / ingest_s, 1),
            "breakdown_ms": report.timings_ms,
            "overhead_vs_raw_embedding": round(ingest_s / raw_s - 1, 2),
        }
        print(json.dumps(results["ingest"], indent=2), flush=True)
        # 2. ask latency at 30k and at about 1k sentences
        results["ask_30k"] = timed_asks(engine, latency_questions)
        small_engine = engine_at(small)
        small_engine.ingest(story)
        for doc in squad_docs.values():  # SQuAD articles until about 1k sentences
            if len(small_engine.catalog) >= 1000:
                break
            small_engine.ingest_documents([doc])
        results["ask_1k"] = {
            **timed_asks(small_engine, latency_questions),
            "sentences": len(small_engine.catalog),
        }
        print(json.dumps({k: results[k] for k in ("ask_1k", "ask_30k")}, indent=2), flush=True)
        # 5. ours against the llama-index default, same questions, same embedder
        results["ours"] = ours_hits(engine, questions, squad_docs)
        results["llama_index_default"] = baseline(engine.embedder, documents, questions, squad_docs)
        print(json.dumps({k: results[k] for k in ("ours", "llama_index_default")}, indent=2))
        results["peak_rss_mb_in_process"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
        del engine, small_engine
        # 3. cold start of the CLI
        question = "How much aid did Rubio announce?"
        results["cold_start_1k"] = cold_start(small, question)
        results["cold_start_30k"] = cold_start(big, question)
        # 6. the pipeline's own overhead with a slow, strong embedder (e5), on a sample
        results["e5_sample"] = e5_overhead(Path(tmp) / "e5", list(squad_docs.values())[:2])
    print(json.dumps(results, indent=2))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
