"""The bot's hand-offs, as Protocols: what each side of a seam may rely on.

- `StoryEngine`: the engine as the adapters (CLI, Discord, Slack, via `bot.chat`) see it.
  `bot.engine.Engine` implements it, `bot.chat.lazy.LazyEngine` defers to one, and the tests'
  one fake engine (tests/fake_engine.py) implements it too.
- `LLMClient`: one filled prompt in, the model's reply out, within a deadline and a length
  limit; `bot.llm.client.ModelClient` implements it over a `bot.llm.providers.Backend`.

The store and the embedder are the index's hand-offs: `index/protocols.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from bot.records import Answer, Comparison, IngestReport, Quote, SourceInfo, Summary, Timeline, Turn

#: Ingest progress: (stage, articles done, articles in all).
Progress = Callable[[str, int, int], None]
#: Receives text while an answer is written: in the engine's `on_partial`, a placeholder and
#: then only sentences that passed the checker; inside bot.llm, the model's raw reply so far.
Partial = Callable[[str], None]


class StoryEngine(Protocol):
    """Ingest, ask, summarise, compare, list and quote over one store of articles."""

    def ingest(self, sources: Sequence[str], progress: Progress | None = None) -> IngestReport:
        """Read files, folders or URLs and store each article whole (or not at all)."""
        ...

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """Store one uploaded file; `name`'s extension (.txt, .md, .html) decides the format."""
        ...

    def forget(self, article_id: str) -> SourceInfo:
        """Remove one article and everything stored for it; NotFoundError if unknown."""
        ...

    def sources(self) -> list[SourceInfo]:
        """The stored articles, in id order."""
        ...

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer from the articles with cited sentences, or refuse with the closest ones."""
        ...

    def ask_stream(
        self, question: str, history: Sequence[Turn] = (), on_partial: Partial | None = None
    ) -> Answer:
        """Like `ask`; with an LLM, `on_partial` gets a placeholder, then checked sentences."""
        ...

    def summary(
        self, article_id: str | None = None, bullets: int | None = None, length: str = "bullets"
    ) -> Summary:
        """Cited bullets in story order for the whole story, or one article (brief, bullets or
        digest; `bullets` overrides the count)."""
        ...

    def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """One sentence with `context` neighbours each side; NotFoundError if out of range."""
        ...

    def compare(self, article_ids: Sequence[str] | None = None) -> Comparison:
        """What the articles all report, what only one has, and what they word differently."""
        ...

    def timeline(self, article_ids: Sequence[str] | None = None) -> Timeline:
        """The story's dated events in order, each cited."""
        ...


class Deadline(Protocol):
    """A point in time every model call of one request must finish by."""

    seconds: float

    def remaining(self) -> float:
        """Seconds left (0 when passed)."""
        ...

    def problem(self) -> str:
        """What the user is told when it passes."""
        ...


class LLMClient(Protocol):
    """Asks the language model one of the prompts in `prompts/`, filled with `values`."""

    def deadline(self, seconds: float) -> Deadline:
        """A deadline `seconds` from now, for one or more calls of one request."""
        ...

    def complete(
        self,
        prompt: str,
        values: Mapping[str, object],
        deadline: Deadline,
        max_tokens: int,
        on_text: Partial | None = None,
    ) -> str:
        """The model's whole reply within `deadline` (retries included), at most `max_tokens`;
        `on_text` sees the reply so far as it streams. Raises LLMError."""
        ...
