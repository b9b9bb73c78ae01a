"""One call to the language model with one prompt: streamed or not, bounded in time, and every
failure turned into an `LLMError` whose message a user may read. `ModelClient` implements
`bot.protocols.LLMClient` over a llama-index LLM (OpenAI-compatible or Ollama).

After the model is found unreachable or too slow, calls fail at once for a short while
(`cooldown_s`) instead of making every waiting user sit through the same timeout.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from bot.llm.parse import strip_marks
from bot.llm.prompts import Prompt
from bot.llm.providers import UNREADABLE, describe_failure
from bot.protocols import Partial
from index.errors import LLMError

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

log = logging.getLogger(__name__)
COOLDOWN_S = 60.0


class ModelClient:
    """Fills a prompt, asks the model, returns its whole reply text."""

    def __init__(
        self,
        llm: LLM,
        prompts: Mapping[str, Prompt],
        timeout_s: float,
        *,
        cooldown_s: float = COOLDOWN_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.llm = llm
        self.prompts = prompts
        self.timeout_s = timeout_s
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._down_until = 0.0
        self._down_because = ""

    def complete(
        self, prompt: str, values: Mapping[str, object], on_partial: Partial | None = None
    ) -> str:
        """The model's reply to one prompt; with `on_partial`, the reply so far (without its
        [n] markers) is passed to it as it streams. Raises LLMError on any failure."""
        if self.clock() < self._down_until:
            raise LLMError(self._down_because)
        from llama_index.core.llms import ChatMessage

        system, user = self.prompts[prompt].render(**values)
        messages = [
            ChatMessage(role="system", content=system),
            ChatMessage(role="user", content=user),
        ]
        try:
            text = self._stream(messages, on_partial) if on_partial else self._once(messages)
        except Exception as exc:  # the backend boundary: any failure means "use the fallback"
            kind, problem = describe_failure(exc, self.timeout_s)
            log.warning("language model call failed: %s (%s: %s)", problem, type(exc).__name__, exc)
            if kind in ("timeout", "unreachable"):
                self._down_until = self.clock() + self.cooldown_s
                self._down_because = problem
            raise LLMError(problem) from exc
        if not text.strip():
            raise LLMError(UNREADABLE)
        return text

    def _once(self, messages: list) -> str:
        return self.llm.chat(messages).message.content or ""

    def _stream(self, messages: list, on_partial: Partial) -> str:
        deadline = self.clock() + self.timeout_s
        show = _guarded(on_partial)
        chunks = self.llm.stream_chat(messages)
        text, shown = "", ""
        try:
            for chunk in chunks:
                text = chunk.message.content or text
                if self.clock() > deadline:
                    raise TimeoutError(f"streaming took longer than {self.timeout_s} s")
                partial = strip_marks(text)
                if partial and partial != shown:
                    shown = partial
                    show(partial)
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
        return text


def _guarded(on_partial: Partial) -> Partial:
    """The callback, unable to fail the answer: a chat that went away just sees no more text."""

    def call(text: str) -> None:
        try:
            on_partial(text)
        except Exception:
            log.warning("showing partial text failed", exc_info=True)

    return call
