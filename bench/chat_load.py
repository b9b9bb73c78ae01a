"""Many people asking at once through the chat service: `./run bench chat_load`.

In one run, on this machine, the real engine over the story (an embedded store in a temporary
folder) behind `ChatService`, exactly as the Discord and Slack adapters call it:
1. Five questions at once against a fake OpenAI-compatible model on loopback that takes
   `--model-s` seconds (3) before its first token: when each asker sees the first text, and the
   checked answer. Baseline: CHAT_WORKERS=1, which is what the old single lock did.
2. Fifty questions at once with no model (extractive answers): how many are answered and how
   long the last one waits. Same baseline.
Results: printed as Markdown and written to bench/results/chat_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bot.chat.feedback import FeedbackStore
from bot.chat.service import ChatService
from bot.engine import Engine
from bot.llm.answerer import LLMAnswerer
from bot.settings import ChatSettings, LLMSettings, Settings, StoreSettings
from tests.llm.fake_llm import FakeLLM, Reply
from tests.llm.support import offered

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT.parent / "shared" / "stories"
QUESTIONS = (
    "How much aid did Rubio announce?",
    "Which groups were designated as terrorist organizations?",
    "What will Ecuador's Navy get?",
    "Who is Ecuador's president?",
    "What did Rubio say about intelligence sharing?",
)


def story_engine(folder: Path) -> Engine:
    """The real engine with the story ingested into `folder`."""
    settings = Settings(data_dir=folder, store=StoreSettings(path=folder / "db"))
    engine = Engine.from_settings(settings)
    engine.ingest([str(STORIES)])
    return engine


def with_model(base: Engine, fake: FakeLLM, model_s: float) -> Engine:
    """The same store and embedder, answering through the fake model."""
    llm = LLMSettings(
        provider="openai",
        base_url=fake.openai_url,
        model="fake-model",
        timeout_s=model_s + 30,
        max_retries=0,
    )
    settings = replace(base.settings, llm=llm)
    answerer = LLMAnswerer.from_settings(settings, base.embedder)

    def reply(prompt: str) -> Reply:
        # The best offered sentence, quoted and cited: an answer the checker keeps.
        n, sentence = next(iter(offered(prompt).items()))
        return Reply(f"{sentence} [{n}]", delay_s=model_s, chunk_delay_s=0.02)

    fake.script(*[reply] * 100)
    return Engine(base.store, base.embedder, settings, llm=answerer)


def service(engine: Engine, workers: int, folder: Path) -> ChatService:
    chat = ChatSettings(user_rate=0, channel_rate=0, workers=workers)
    return ChatService(engine, chat, FeedbackStore(folder / "votes.jsonl"))


async def first_text(chat: ChatService, questions: list[str]) -> list[tuple[float, float]]:
    """(seconds to the first partial text, seconds to the checked answer) for each asker."""
    started = time.perf_counter()

    async def one(question: str) -> tuple[float, float]:
        first: list[float] = []

        async def show(text: str) -> None:
            if not first:
                first.append(time.perf_counter() - started)

        answer = await chat.ask_stream(question, (), show)
        done = time.perf_counter() - started
        assert answer.mode == "llm", answer.notes
        return (first[0] if first else done), done

    return await asyncio.gather(*(one(q) for q in questions))


async def burst(chat: ChatService, questions: list[str]) -> tuple[int, list[float]]:
    """How many of the questions got an answer, and each one's wait in seconds."""
    started = time.perf_counter()

    async def one(question: str) -> float:
        await chat.ask(question)
        return time.perf_counter() - started

    waits = await asyncio.gather(*(one(q) for q in questions), return_exceptions=True)
    answered = [w for w in waits if isinstance(w, float)]
    return len(answered), answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-s", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=ChatSettings().workers)
    parser.add_argument("--burst", type=int, default=50)
    args = parser.parse_args()
    results: dict[str, object] = {"model_s": args.model_s, "workers": args.workers}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = story_engine(folder)
        base.ask(QUESTIONS[0])  # warm: the catalog and the embedder are loaded once per process
        fake = FakeLLM().start()
        try:
            llm_engine = with_model(base, fake, args.model_s)
            for name, workers in (("baseline (1 worker)", 1), ("pool", args.workers)):
                times = asyncio.run(first_text(service(llm_engine, workers, folder), QUESTIONS))
                results[f"llm {name}"] = times
        finally:
            fake.stop()
        asked = [QUESTIONS[i % len(QUESTIONS)] for i in range(args.burst)]
        for name, workers in (("baseline (1 worker)", 1), ("pool", args.workers)):
            answered, waits = asyncio.run(burst(service(base, workers, folder), asked))
            results[f"burst {name}"] = {"answered": answered, "waits": waits}
    report(results, args)
    out = ROOT / "bench" / "results" / "chat_load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


def report(results: dict, args: argparse.Namespace) -> None:
    print(f"### Five questions at once, a {args.model_s:g} s model\n")
    print("| chat service | first text, each asker (s) | slowest first text | last answer |")
    print("|---|---|---:|---:|")
    for name in ("baseline (1 worker)", "pool"):
        times = sorted(results[f"llm {name}"])
        label = name if name != "pool" else f"pool of {args.workers} workers"
        firsts = ", ".join(f"{f:.1f}" for f, _ in times)
        slowest = max(f for f, _ in times)
        last = max(d for _, d in times)
        print(f"| {label} | {firsts} | {slowest:.1f} s | {last:.1f} s |")
    print(f"\n### {args.burst} questions at once, no model\n")
    print("| chat service | answered | median wait | slowest wait |")
    print("|---|---:|---:|---:|")
    for name in ("baseline (1 worker)", "pool"):
        burst_result = results[f"burst {name}"]
        waits = burst_result["waits"]
        label = name if name != "pool" else f"pool of {args.workers} workers"
        print(
            f"| {label} | {burst_result['answered']}/{args.burst} | "
            f"{statistics.median(waits) * 1000:.0f} ms | {max(waits) * 1000:.0f} ms |"
        )


if __name__ == "__main__":
    main()
