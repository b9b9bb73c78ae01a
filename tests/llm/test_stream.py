"""Partial text from the engine's thread to a chat message: newest text, one edit per interval."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from pathlib import Path

from bot.chat.feedback import FeedbackStore
from bot.chat.service import ChatService
from bot.chat.stream import PartialRelay
from bot.records import Answer, Claim
from bot.settings import ChatSettings

INTERVAL = 0.2


class Recorder:
    """An async `show` that records what it was given and when."""

    def __init__(self, fail_first: bool = False) -> None:
        self.calls: list[tuple[float, str]] = []
        self.fail_first = fail_first

    async def __call__(self, text: str) -> None:
        self.calls.append((time.monotonic(), text))
        if self.fail_first and len(self.calls) == 1:
            raise RuntimeError("the platform refused the edit")

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.calls]


def feed(relay: PartialRelay, texts: list[str], gap_s: float) -> threading.Thread:
    """Push texts from another thread, as the engine's worker does."""

    def run() -> None:
        for text in texts:
            relay.push(text)
            time.sleep(gap_s)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


async def test_the_newest_text_is_shown_at_most_once_per_interval():
    """Twenty growing texts over ~0.5 s: the first at once, then one per interval, in order."""
    show = Recorder()
    texts = [" ".join(["word"] * n) for n in range(1, 21)]
    async with PartialRelay(show, INTERVAL) as relay:
        thread = feed(relay, texts, 0.025)
        while thread.is_alive():
            await _tick()
        thread.join()
        await _tick(INTERVAL * 1.5)
    closed_at = time.monotonic()
    times = [t for t, _ in show.calls]
    assert show.texts[0] == texts[0] and show.texts[-1] == texts[-1]
    assert 2 <= len(show.calls) <= 5
    assert show.texts == sorted(show.texts, key=len)
    assert all(b - a >= INTERVAL * 0.95 for a, b in itertools.pairwise(times))
    assert closed_at - times[-1] >= INTERVAL * 0.95  # the final edit keeps the pace too


async def test_nothing_is_shown_after_the_relay_closes():
    """Text pushed during the wait for the next slot is dropped once the answer is done."""
    show = Recorder()
    async with PartialRelay(show, INTERVAL) as relay:
        relay.push("first")
        await _tick()
        relay.push("second, overtaken by the final answer")
    await _tick(INTERVAL)
    assert show.texts == ["first"]


async def test_a_failed_edit_does_not_stop_the_stream():
    """The platform refusing one edit: the next text is still shown."""
    show = Recorder(fail_first=True)
    async with PartialRelay(show, 0.05) as relay:
        relay.push("one")
        await _tick(0.1)
        relay.push("one two")
        await _tick(0.1)
    assert show.texts == ["one", "one two"]


class StreamingEngine:
    """An engine whose answer streams three partial texts from the worker thread."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def ask_stream(self, question, history, on_partial) -> Answer:
        self.threads.append(threading.current_thread().name)
        for text in ("Rubio", "Rubio announced", "Rubio announced aid."):
            on_partial(text)
            time.sleep(0.05)
        return Answer(question, True, (Claim("Rubio announced aid.", (1,)),), (), mode="llm")

    def ask(self, question, history=()) -> Answer:
        raise AssertionError("a streaming engine is asked to stream")


def service(engine, tmp_path: Path) -> ChatService:
    return ChatService(engine, ChatSettings(), FeedbackStore(tmp_path / "votes.jsonl"))


async def test_the_chat_service_bridges_partial_text_to_the_event_loop(tmp_path):
    """The engine runs in a worker thread; `show` runs on the loop with its texts."""
    engine = StreamingEngine()
    show = Recorder()
    answer = await service(engine, tmp_path).ask_stream("q", (), show, interval_s=0.01)
    assert answer.mode == "llm" and show.texts[0] == "Rubio"
    assert show.texts[-1] == "Rubio announced aid."
    assert engine.threads[0] != threading.current_thread().name


async def _tick(seconds: float = 0.01) -> None:
    await asyncio.sleep(seconds)
