"""What a chat shows while the model writes: a placeholder, then only checked sentences.

The model's raw text is never shown (a wrong amount would be on screen until the final answer
replaced it). Each sentence is checked against its citations as soon as the next one starts,
and only those that pass are passed on; a question in another language shows the placeholder
until the translated answer is ready.
"""

from __future__ import annotations

from bot.llm.grounding import Offered, cited_texts
from bot.llm.parse import parse_sentences
from bot.llm.verify import Checker
from bot.protocols import Partial
from index.store.catalog import Catalog

WRITING = "Writing the answer…"


class CheckedStream:
    """Called with the reply so far; calls `show` with what may be shown of it."""

    def __init__(
        self,
        show: Partial,
        offered: Offered,
        catalog: Catalog,
        checker: Checker,
        question: str,
        language: str = "en",
    ) -> None:
        self.show = show
        self.offered = offered
        self.catalog = catalog
        self.checker = checker
        self.question = question
        self.only_placeholder = language != "en"
        self.kept: list[str] = []
        self.seen = 0
        self.started = False

    def __call__(self, text: str) -> None:
        if not self.started:
            self.started = True
            self.show(WRITING)
        if self.only_placeholder:
            return
        complete = parse_sentences(text)[:-1]  # the last one may still be growing
        fresh = complete[self.seen :]
        if not fresh:
            return
        self.seen = len(complete)
        pairs = [(s.text, cited_texts(s, self.offered, self.catalog)) for s in fresh]
        about = None if self.only_placeholder else self.question
        verdicts = self.checker.check_many(pairs, question=about)
        passed = [s.text for s, v in zip(fresh, verdicts, strict=True) if v.supported]
        if passed:
            self.kept += passed
            self.show(" ".join(self.kept))
