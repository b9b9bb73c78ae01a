"""Many questions at once: the chat service's pool, the engine's readers, the LLM's slots."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.chat.feedback import FeedbackStore
from bot.chat.service import ChatService
from bot.records import Answer, Claim
from bot.settings import ChatSettings
from bot.throttle import Throttled

pytestmark = pytest.mark.timeout(60)


class Overlap:
    """Counts how many calls are inside at once; each call waits at a barrier of `parties`."""

    def __init__(self, parties: int, hold_s: float = 0.0) -> None:
        self.barrier = threading.Barrier(parties, timeout=5)
        self.hold_s = hold_s
        self.inside = 0
        self.most = 0
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def enter(self) -> None:
        with self._lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
            self.threads.add(threading.current_thread().name)

    def leave(self) -> None:
        with self._lock:
            self.inside -= 1


class BarrierEngine:
    """An engine whose `ask` returns only once `parties` asks are running together."""

    def __init__(self, overlap: Overlap) -> None:
        self.overlap = overlap

    def ask(self, question, history=()) -> Answer:
        self.overlap.enter()
        try:
            self.overlap.barrier.wait()
            return Answer(question, True, (Claim(f"answer to {question}", ()),), ())
        finally:
            self.overlap.leave()


class SlowEngine:
    """An engine whose `ask` takes `hold_s` seconds, counting how many run at once."""

    def __init__(self, overlap: Overlap) -> None:
        self.overlap = overlap

    def ask(self, question, history=()) -> Answer:
        self.overlap.enter()
        try:
            time.sleep(self.overlap.hold_s)
            return Answer(question, True, (Claim(f"answer to {question}", ()),), ())
        finally:
            self.overlap.leave()


def service(engine, tmp_path: Path, workers: int = 8) -> ChatService:
    settings = ChatSettings(user_rate=0, channel_rate=0, workers=workers)
    return ChatService(engine, settings, FeedbackStore(tmp_path / "votes.jsonl"))


async def test_five_questions_are_answered_together_not_one_after_another(tmp_path):
    """Five asks that can only finish together (a barrier of five) all finish."""
    overlap = Overlap(parties=5)
    chat = service(BarrierEngine(overlap), tmp_path)
    answers = await asyncio.gather(*(chat.ask(f"q{i}") for i in range(5)))
    assert [a.question for a in answers] == [f"q{i}" for i in range(5)]
    assert overlap.most == 5 and threading.current_thread().name not in overlap.threads


async def test_the_pool_is_bounded_by_chat_workers(tmp_path):
    """With CHAT_WORKERS=3, twelve questions are all answered, never more than three at once."""
    overlap = Overlap(parties=1, hold_s=0.05)
    chat = service(SlowEngine(overlap), tmp_path, workers=3)
    answers = await asyncio.gather(*(chat.ask(f"q{i}") for i in range(12)))
    assert len(answers) == 12 and overlap.most == 3


async def test_the_event_loop_keeps_running_while_the_engine_works(tmp_path):
    """A heartbeat on the loop ticks while five slow asks run (a gateway would stay alive)."""
    overlap = Overlap(parties=1, hold_s=0.3)
    chat = service(SlowEngine(overlap), tmp_path)
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beating = asyncio.create_task(heartbeat())
    await asyncio.gather(*(chat.ask(f"q{i}") for i in range(5)))
    beating.cancel()
    assert ticks >= 10


async def test_drain_waits_for_the_answers_in_flight(tmp_path):
    """`drain` returns True once the running asks are done, False if they outlast it."""
    overlap = Overlap(parties=1, hold_s=0.3)
    chat = service(SlowEngine(overlap), tmp_path)
    asking = asyncio.gather(*(chat.ask(f"q{i}") for i in range(3)))
    await asyncio.sleep(0.05)
    assert chat.in_flight == 3
    assert not await chat.drain(0.01)
    assert await chat.drain(5)
    assert chat.in_flight == 0 and len(await asking) == 3


class CountingAnswerer:
    """Stands in for the LLM answerer: counts overlapping calls, each taking `hold_s`."""

    def __init__(self, hold_s: float) -> None:
        self.overlap = Overlap(parties=1, hold_s=hold_s)
        self.client = "the model client"

    def answer(self, question: str) -> str:
        self.overlap.enter()
        try:
            time.sleep(self.overlap.hold_s)
            return question.upper()
        finally:
            self.overlap.leave()


def test_throttled_calls_run_at_most_limit_at_a_time():
    """Eight threads call through a limit of two: all return, never more than two inside."""
    inner = CountingAnswerer(hold_s=0.05)
    throttled = Throttled(inner, 2)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(throttled.answer, [f"q{i}" for i in range(8)]))
    assert results == [f"Q{i}" for i in range(8)]
    assert inner.overlap.most == 2
    assert throttled.client == "the model client"  # plain attributes read straight through


def test_the_engine_limits_its_language_model_to_llm_concurrency(tmp_path):
    """Engine(llm=…) wraps the answerer with LLM_CONCURRENCY slots."""
    from bot.engine import Engine
    from bot.settings import LLMSettings, Settings

    answerer = CountingAnswerer(hold_s=0.0)
    engine = Engine(None, None, Settings(llm=LLMSettings(concurrency=3)), llm=answerer)
    assert isinstance(engine.llm, Throttled) and engine.llm.limit == 3
    assert engine.llm.answer("q") == "Q"


@pytest.fixture
def own_story_engine(tmp_path: Path, story_dir: Path):
    """A real engine over the story in this test's own small store."""
    from bot.engine import Engine
    from bot.settings import Settings, StoreSettings

    engine = Engine.from_settings(Settings(data_dir=tmp_path, store=StoreSettings(tmp_path / "db")))
    assert len(engine.ingest([str(story_dir)]).stored) == 2
    return engine


QUESTIONS = (
    "How much aid did Rubio announce?",
    "Which groups were designated as terrorist organizations?",
    "What will Ecuador's Navy get?",
    "Who is Ecuador's president?",
)


def _key(answer: Answer) -> tuple:
    return answer.text, tuple((c.article_id, c.sentence) for c in answer.citations)


def test_the_real_engine_answers_forty_questions_from_eight_threads_as_it_does_alone(
    own_story_engine, tmp_path
):
    """Concurrent readers get exactly the answers a lone reader gets, while an ingest writes."""
    engine = own_story_engine
    alone = {q: _key(engine.ask(q)) for q in QUESTIONS}
    extra = tmp_path / "port.txt"
    extra.write_text(
        "Port upgrade planned\n\nEcuador plans new cranes for the port of Guayaquil.\n",
        encoding="utf-8",
    )
    asked = [QUESTIONS[i % len(QUESTIONS)] for i in range(40)]
    with ThreadPoolExecutor(8) as pool:
        writing = pool.submit(engine.ingest, [str(extra)])
        together = list(pool.map(lambda q: (q, _key(engine.ask(q))), asked))
        assert len(writing.result().stored) == 1
    assert all(key == alone[q] for q, key in together)
    assert len(engine.sources()) == 3
