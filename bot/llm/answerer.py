"""Answers, summaries and follow-up rewrites written by a language model, every sentence checked.

The engine retrieves and composes the extractive answer as always; this module then numbers
the retrieved sentences, asks the model (prompts/answer.md), parses its cited reply, checks
each sentence (bot.llm.verify), and returns what survives, or the extractive answer with a
one-line note when the model fails or too little of its reply is supported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answers.extractive import NOT_IN_ARTICLES
from bot.citations import CitationBook
from bot.llm.client import ModelClient
from bot.llm.grounding import Grounded, Offered, ground
from bot.llm.parse import clean, is_refusal, parse_bullets, parse_sentences
from bot.llm.providers import UNREADABLE
from bot.llm.verify import Checker
from bot.protocols import LLMClient, Partial
from bot.records import Answer, Claim, Summary, Turn
from bot.settings import Settings
from index.errors import LLMError
from index.protocols import TextEmbedder
from index.store.catalog import Catalog
from index.store.retrieve import Candidate

MAX_SOURCES = 8
MAX_ANSWER_SENTENCES = 3
HISTORY_TURNS = 6
FALLBACK_ANSWER = "this answer quotes the articles instead"
FALLBACK_SUMMARY = "these bullets quote the articles instead"
_REWRITE_PREFIX = re.compile(
    r"^\s*(?:standalone question|rewritten question|question)\s*:\s*", re.I
)


class LLMAnswerer:
    """The language-model side of the engine; the extractive results are its fallback."""

    def __init__(
        self,
        client: LLMClient,
        checker: Checker,
        *,
        max_sources: int = MAX_SOURCES,
        max_sentences: int = MAX_ANSWER_SENTENCES,
        max_question_chars: int = 1000,
    ) -> None:
        self.client = client
        self.checker = checker
        self.max_sources = max_sources
        self.max_sentences = max_sentences
        self.max_question_chars = max_question_chars

    @classmethod
    def from_settings(cls, settings: Settings, embedder: TextEmbedder) -> LLMAnswerer:
        """The answerer for `settings.llm`, checking with the engine's embedder."""
        from bot.llm.prompts import load_prompts
        from bot.llm.providers import build_llm

        llm = settings.llm
        client = ModelClient(build_llm(llm), load_prompts(llm.prompts_dir), llm.timeout_s)
        checker = Checker.calibrated(embedder, settings.index.embedder)
        return cls(client, checker, max_question_chars=settings.answer.max_question_chars)

    # -- follow-ups --------------------------------------------------------------------------

    def rewrite(self, question: str, history: Sequence[Turn]) -> str | None:
        """The follow-up rewritten into a standalone question, or None (no history, or the
        model failed: the engine's own resolution is used then)."""
        if not history:
            return None
        turns = "\n".join(
            f"{turn.role}: {_one_line(turn.text)[:600]}" for turn in history[-HISTORY_TURNS:]
        )
        try:
            reply = self.client.complete(
                "rewrite", {"history": turns, "question": _one_line(question)}
            )
        except LLMError:
            return None
        lines = [line for line in clean(reply).splitlines() if line.strip()]
        if not lines:
            return None
        rewritten = _REWRITE_PREFIX.sub("", lines[0]).strip().strip("\"“”'")
        if not 2 < len(rewritten) <= self.max_question_chars:
            return None
        return rewritten

    # -- answers -----------------------------------------------------------------------------

    def answer(
        self,
        question: str,
        candidates: Sequence[Candidate],
        catalog: Catalog,
        fallback: Answer,
        on_partial: Partial | None = None,
    ) -> Answer:
        """The model's checked answer from the retrieved candidates, or `fallback` with a note."""
        if not candidates:
            return fallback  # nothing to read: the extractive refusal says so already
        offered = Offered(tuple(c.index for c in candidates[: self.max_sources]))
        values = {
            "sources": offered.block(catalog),
            "question": _one_line(fallback.standalone_question or question),
            "max_sentences": self.max_sentences,
        }
        try:
            reply = self.client.complete("answer", values, on_partial)
        except LLMError as exc:
            return _fall_back(fallback, exc.problem, FALLBACK_ANSWER)
        if is_refusal(reply):
            return self._refusal(fallback, offered, catalog)
        sentences = parse_sentences(reply)
        if not sentences:
            return _fall_back(fallback, UNREADABLE, FALLBACK_ANSWER)
        grounded = ground(sentences, offered, catalog, self.checker)
        if not grounded.enough:
            return _fall_back(fallback, _too_little(grounded), FALLBACK_ANSWER, grounded.dropped)
        return Answer(
            question=question,
            answerable=True,
            claims=grounded.claims,
            citations=grounded.citations,
            standalone_question=fallback.standalone_question,
            mode="llm",
            notes=_removed_note(grounded, "answer"),
            dropped=grounded.dropped,
        )

    def _refusal(self, fallback: Answer, offered: Offered, catalog: Catalog) -> Answer:
        """The model says the articles don't say: a refusal with the closest sentences."""
        if not fallback.answerable:
            return replace(fallback, mode="llm")
        book = CitationBook(catalog)
        for index in offered.indices[:3]:
            book.cite(index)
        return Answer(
            question=fallback.question,
            answerable=False,
            claims=(Claim(NOT_IN_ARTICLES, ()),),
            citations=(),
            closest=book.citations,
            standalone_question=fallback.standalone_question,
            mode="llm",
        )

    # -- summaries ---------------------------------------------------------------------------

    def summarise(
        self, catalog: Catalog, article_id: str | None, count: int, fallback: Summary
    ) -> Summary:
        """`count` checked bullets written by the model, or `fallback` with a note."""
        from bot.summary import DIGEST, summarise

        # The model writes from a digest's worth of facts at least (the key facts among them).
        pool = summarise(catalog, article_id, min(max(3 * count, DIGEST), 40))
        indices = [catalog.index_of(c.article_id, c.sentence) for c in pool.citations]
        offered = Offered(tuple(dict.fromkeys(i for i in indices if i is not None)))
        if not offered:
            return fallback
        scope = "the whole story"
        if article_id is not None:
            article = catalog.articles[article_id]
            scope = f"the article “{article.title or article.label}”"
        values = {"sources": offered.block(catalog), "bullets": count, "scope": scope}
        try:
            reply = self.client.complete("summary", values)
        except LLMError as exc:
            return _fall_back(fallback, exc.problem, FALLBACK_SUMMARY)
        bullets = parse_bullets(reply)
        if not bullets:
            return _fall_back(fallback, UNREADABLE, FALLBACK_SUMMARY)
        grounded = ground(bullets, offered, catalog, self.checker, limit=count)
        if not grounded.enough:
            return _fall_back(fallback, _too_little(grounded), FALLBACK_SUMMARY, grounded.dropped)
        return Summary(
            article_id,
            grounded.claims,
            grounded.citations,
            mode="llm",
            notes=_removed_note(grounded, "summary"),
            dropped=grounded.dropped,
        )


def _fall_back(result, problem: str, instead: str, dropped: Sequence[dict] = ()):
    """The extractive answer or summary, with a one-line note on why."""
    note = f"{problem.rstrip('.')}; {instead}."
    return replace(result, notes=(*result.notes, note), dropped=(*result.dropped, *dropped))


def _too_little(grounded: Grounded) -> str:
    kept, total = len(grounded.claims), grounded.total
    return (
        f"The language model's reply could not be checked against the articles "
        f"({kept} of {total} sentence{'s' if total != 1 else ''} supported)"
    )


def _removed_note(grounded: Grounded, what: str) -> tuple[str, ...]:
    removed = sum(1 for d in grounded.dropped if "citations" in d)
    if not removed:
        return ()
    noun = "sentence" if removed == 1 else "sentences"
    return (
        f"{removed} {noun} of the model's {what} removed: not supported by the sentences cited.",
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
