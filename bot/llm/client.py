"""One call to the language model with one prompt: bounded in time and in length, and every
failure turned into an `LLMError` whose message a user may read.

`ModelClient` implements `bot.protocols.LLMClient` over a `Backend` (bot/llm/providers.py).
A call has one deadline for everything, retries included: the reply is read in a worker thread
and the caller stops waiting when the deadline passes, whatever the server or the network do,
so the time the note states is the time the user waited. Every request carries `max_tokens`.
After the model is found unreachable, calls fail at once for a short while (`cooldown_s`)
instead of making every waiting user wait for the same connection error; one slow answer does
not stop the next question from being tried.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping

from bot.llm.prompts import Prompt
from bot.llm.providers import UNREADABLE, Backend, describe_failure
from bot.protocols import Deadline as DeadlineLike
from bot.protocols import Partial
from index.errors import LLMError

log = logging.getLogger(__name__)
COOLDOWN_S = 60.0
Clock = Callable[[], float]


class Deadline:
    """A point in time every model call of one request must finish by."""

    def __init__(self, seconds: float, clock: Clock = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        """Seconds left (0 when passed)."""
        return max(0.0, self.at - self.clock())

    def problem(self) -> str:
        """What the user is told when it passes."""
        return f"The language model did not answer within {self.seconds:g} s"


class ModelClient:
    """Fills a prompt, asks the model, returns its whole reply text."""

    def __init__(
        self,
        backend: Backend,
        prompts: Mapping[str, Prompt],
        *,
        max_retries: int = 1,
        cooldown_s: float = COOLDOWN_S,
        clock: Clock = time.monotonic,
    ) -> None:
        self.backend = backend
        self.prompts = prompts
        self.max_retries = max_retries
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._down_until = 0.0
        self._down_because = ""

    def deadline(self, seconds: float) -> Deadline:
        """A deadline `seconds` from now on this client's clock."""
        return Deadline(seconds, self.clock)

    def complete(
        self,
        prompt: str,
        values: Mapping[str, object],
        deadline: DeadlineLike,
        max_tokens: int,
        on_text: Partial | None = None,
    ) -> str:
        """The model's reply to one prompt, retried within `deadline`; with `on_text`, the
        reply so far is passed to it as it streams. Raises LLMError on any failure."""
        if self.clock() < self._down_until:
            raise LLMError(self._down_because)
        system, user = self.prompts[prompt].render(**values)
        attempt = 0
        while True:
            try:
                text = self._attempt(system, user, deadline, max_tokens, on_text)
            except LLMError:
                raise
            except Exception as exc:  # the backend boundary: any failure means "use the fallback"
                kind, problem = describe_failure(exc, deadline.seconds)
                log.warning("language model call failed: %s (%s: %s)", problem, type(exc), exc)
                if kind == "error" and attempt < self.max_retries and deadline.remaining() > 1:
                    attempt += 1
                    continue
                if kind == "unreachable":
                    self._cool_down(problem)
                raise LLMError(problem) from exc
            if not text.strip():
                raise LLMError(UNREADABLE)
            return text

    def _attempt(
        self,
        system: str,
        user: str,
        deadline: DeadlineLike,
        max_tokens: int,
        on_text: Partial | None,
    ) -> str:
        """One request, read in a worker thread; the caller waits no longer than the deadline."""
        timeout_s = deadline.remaining()
        if timeout_s <= 0:
            raise LLMError(deadline.problem())
        updates: queue.Queue[tuple[str, object]] = queue.Queue()
        stop = threading.Event()

        def read() -> None:
            try:
                for text in self.backend.stream(
                    system, user, max_tokens=max_tokens, timeout_s=timeout_s
                ):
                    if stop.is_set():
                        return  # closing the stream makes the server stop generating
                    updates.put(("text", text))
                updates.put(("done", None))
            except BaseException as exc:  # handed to the caller's thread
                updates.put(("error", exc))

        threading.Thread(target=read, name="llm-reply", daemon=True).start()
        text, show = "", _guarded(on_text) if on_text else None
        try:
            while True:
                try:
                    kind, value = updates.get(timeout=max(0.0, deadline.remaining()))
                except queue.Empty:
                    raise LLMError(deadline.problem()) from None
                if kind == "error":
                    raise value  # type: ignore[misc]
                if kind == "done":
                    return text
                text = str(value)
                if show:
                    show(text)
        finally:
            stop.set()

    def _cool_down(self, problem: str) -> None:
        self._down_until = self.clock() + self.cooldown_s
        self._down_because = problem


def _guarded(on_text: Partial) -> Partial:
    """The callback, unable to fail the answer: a chat that went away just sees no more text."""

    def call(text: str) -> None:
        try:
            on_text(text)
        except Exception:
            log.warning("showing partial text failed", exc_info=True)

    return call
