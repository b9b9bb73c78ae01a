"""Answers, summaries and follow-up rewrites written by a language model, every sentence checked.

The engine retrieves and composes the extractive answer as always; this module then numbers
the retrieved sentences, asks the model (prompts/answer.md), parses its cited reply, checks
each sentence (bot.llm.verify), and returns what survives. It is never worse than extractive:
when the model fails, refuses where the extractive answer answers, or too little of its reply
holds up, the extractive answer is given with `mode="fallback"` and a one-line reason. All the
model calls of one answer share one deadline (`LLM_TIMEOUT_S`); a summary has its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.citations import CitationBook
from bot.llm.client import ModelClient
from bot.llm.grounding import Grounded, Offered, ground
from bot.llm.language import LANGUAGE_NAMES, language_of, refusal
from bot.llm.parse import clean, is_refusal, parse_bullets, parse_numbered, parse_sentences
from bot.llm.providers import UNREADABLE
from bot.llm.rewrite import acceptable_rewrite
from bot.llm.stream import CheckedStream
from bot.llm.verify import Checker, faithful_translation
from bot.protocols import Deadline, LLMClient, Partial
from bot.records import Answer, Claim, Summary, Turn
from index.errors import LLMError
from index.store.catalog import Catalog
from index.store.retrieve import Candidate

MAX_SOURCES = 8
MAX_ANSWER_SENTENCES = 3
HISTORY_TURNS = 6
REWRITE_TOKENS = 64
SUMMARY_TOKENS_PER_BULLET = 40
FALLBACK_ANSWER = "this answer quotes the articles instead"
FALLBACK_SUMMARY = "these bullets quote the articles instead"
NO_ANSWER_FOUND = "The language model found no answer in the sentences it was given"
NOTHING_OFFERED = "No sentence of the articles was close enough to offer the language model"
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
        timeout_s: float = 30.0,
        summary_timeout_s: float = 120.0,
        max_tokens: int = 256,
        max_sources: int = MAX_SOURCES,
        max_sentences: int = MAX_ANSWER_SENTENCES,
        max_question_chars: int = 1000,
    ) -> None:
        self.client = client
        self.checker = checker
        self.timeout_s = timeout_s
        self.summary_timeout_s = summary_timeout_s
        self.max_tokens = max_tokens
        self.max_sources = max_sources
        self.max_sentences = max_sentences
        self.max_question_chars = max_question_chars

    @classmethod
    def from_settings(cls, settings, embedder) -> LLMAnswerer:
        """The answerer for `settings.llm`, checking with the engine's embedder."""
        from bot.llm.prompts import load_prompts
        from bot.llm.providers import build_llm

        llm = settings.llm
        client = ModelClient(
            build_llm(llm), load_prompts(llm.prompts_dir), max_retries=llm.max_retries
        )
        return cls(
            client,
            Checker.calibrated(embedder, settings.index.embedder),
            timeout_s=llm.timeout_s,
            summary_timeout_s=llm.summary_timeout_s,
            max_tokens=llm.max_tokens,
            max_question_chars=settings.answer.max_question_chars,
        )

    def deadline(self) -> Deadline:
        """The deadline all model calls of one answer share, starting now."""
        return self.client.deadline(self.timeout_s)

    # -- follow-ups --------------------------------------------------------------------------

    def rewrite(
        self, question: str, history: Sequence[Turn], deadline: Deadline | None = None
    ) -> str | None:
        """The follow-up rewritten into a standalone question, or None (no history, the model
        failed, or its rewrite adds words the conversation never used: the engine's own
        resolution is used then)."""
        if not history:
            return None
        turns = "\n".join(
            f"{turn.role}: {_one_line(turn.text)[:600]}" for turn in history[-HISTORY_TURNS:]
        )
        values = {"history": turns, "question": _one_line(question)}
        try:
            reply = self.client.complete(
                "rewrite", values, deadline or self.deadline(), REWRITE_TOKENS
            )
        except LLMError:
            return None
        lines = [line for line in clean(reply).splitlines() if line.strip()]
        if not lines:
            return None
        rewritten = _REWRITE_PREFIX.sub("", lines[0]).strip().strip("\"“”'")
        if not 2 < len(rewritten) <= self.max_question_chars:
            return None
        return rewritten if acceptable_rewrite(question, rewritten, history) else None

    # -- answers -----------------------------------------------------------------------------

    def answer(
        self,
        question: str,
        candidates: Sequence[Candidate],
        catalog: Catalog,
        fallback: Answer,
        on_partial: Partial | None = None,
        deadline: Deadline | None = None,
        standalone: str | None = None,
    ) -> Answer:
        """The model's checked answer from the retrieved candidates, or `fallback` (the
        extractive answer) with `mode="fallback"` and a note saying why."""
        language = language_of(question)
        if not candidates:
            return _fall_back(fallback, NOTHING_OFFERED, FALLBACK_ANSWER, language=language)
        deadline = deadline or self.deadline()
        offered = Offered(tuple(c.index for c in candidates[: self.max_sources]))
        asked = _one_line(standalone or fallback.standalone_question or question)
        values = {
            "sources": offered.block(catalog),
            "question": asked,
            "max_sentences": self.max_sentences,
        }
        shown = None
        if on_partial is not None:
            shown = CheckedStream(on_partial, offered, catalog, self.checker, asked, language)
        try:
            reply = self.client.complete("answer", values, deadline, self.max_tokens, shown)
        except LLMError as exc:
            return _fall_back(fallback, exc.problem, FALLBACK_ANSWER, language=language)
        if is_refusal(reply):
            if fallback.answerable:  # never worse than extractive
                return _fall_back(fallback, NO_ANSWER_FOUND, FALLBACK_ANSWER, language=language)
            return self._refusal(fallback, offered, catalog, language)
        sentences = parse_sentences(reply)[: 2 * self.max_sentences]
        if not sentences:
            return _fall_back(fallback, UNREADABLE, FALLBACK_ANSWER, language=language)
        # Whether a sentence bears on the question is read in English only.
        about = asked if language == "en" else None
        grounded = ground(sentences, offered, catalog, self.checker, question=about)
        if not grounded.enough:
            return _fall_back(
                fallback, _too_little(grounded), FALLBACK_ANSWER, grounded.dropped, language
            )
        answer = Answer(
            question=question,
            answerable=True,
            claims=grounded.claims,
            citations=grounded.citations,
            standalone_question=standalone or fallback.standalone_question,
            mode="llm",
            notes=_removed_note(grounded, "answer"),
            dropped=grounded.dropped,
        )
        return answer if language == "en" else self._translate(answer, language, deadline)

    def _refusal(
        self, fallback: Answer, offered: Offered, catalog: Catalog, language: str
    ) -> Answer:
        """The model and the extractive answerer agree the articles don't say."""
        book = CitationBook(catalog)
        for index in offered.indices[:3]:
            book.cite(index)
        return replace(
            fallback,
            claims=(Claim(refusal(language), ()),),
            closest=fallback.closest or book.citations,
            mode="llm",
        )

    def _translate(self, answer: Answer, language: str, deadline: Deadline) -> Answer:
        """The checked English answer in the question's language, each line checked against
        its English sentence; the English answer, with a note, when that fails."""
        lines = "\n".join(f"[{i}] {claim.text}" for i, claim in enumerate(answer.claims, 1))
        values = {"language": LANGUAGE_NAMES[language], "sentences": lines}
        try:
            reply = self.client.complete("translate", values, deadline, self.max_tokens)
        except LLMError as exc:
            return _noted(answer, f"{exc.problem.rstrip('.')}; the answer is in English.")
        translated = parse_numbered(reply)
        claims = []
        for i, claim in enumerate(answer.claims, 1):
            text = translated.get(i)
            if not text or not faithful_translation(claim.text, text):
                return _noted(
                    answer, "The translation did not keep the answer's facts; it is in English."
                )
            claims.append(replace(claim, text=text))
        return replace(answer, claims=tuple(claims))

    # -- summaries ---------------------------------------------------------------------------

    def summarise(
        self, catalog: Catalog, article_id: str | None, count: int, fallback: Summary
    ) -> Summary:
        """`count` checked bullets written by the model, or `fallback` with a note."""
        from bot.summary import DIGEST, summarise

        deadline = self.client.deadline(self.summary_timeout_s)
        # The pool: salient facts, each offered once (the other versions' sentences that state
        # the same fact are cited with it afterwards), so the prompt stays small; a digest's
        # worth at least, the key facts among them.
        pool = summarise(catalog, article_id, min(max(count + 5, DIGEST), 24))
        leads, also = _leads(catalog, pool)
        offered = Offered(tuple(leads))
        if not offered:
            return fallback
        scope = "the whole story"
        if article_id is not None:
            article = catalog.articles[article_id]
            scope = f"the article “{article.title or article.label}”"
        values = {"sources": offered.block(catalog), "bullets": count, "scope": scope}
        tokens = SUMMARY_TOKENS_PER_BULLET * count + 30
        try:
            reply = self.client.complete("summary", values, deadline, tokens)
        except LLMError as exc:
            return _fall_back(fallback, exc.problem, FALLBACK_SUMMARY)
        bullets = parse_bullets(reply)
        if not bullets:
            return _fall_back(fallback, UNREADABLE, FALLBACK_SUMMARY)
        grounded = ground(bullets, offered, catalog, self.checker, limit=count, also=also)
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


def _leads(catalog: Catalog, pool: Summary) -> tuple[list[int], dict[int, list[int]]]:
    """Each pool bullet's quoted sentence, and the other versions' sentences cited with it."""
    by_number = {c.n: c for c in pool.citations}
    leads: list[int] = []
    also: dict[int, list[int]] = {}
    for claim in pool.claims:
        found = [
            catalog.index_of(by_number[n].article_id, by_number[n].sentence)
            for n in claim.citations
        ]
        indices = [i for i in found if i is not None]
        lead = next((i for i in indices if catalog.sentences[i].text == claim.text), None)
        if lead is None or lead in also:
            continue
        leads.append(lead)
        also[lead] = [i for i in indices if i != lead]
    return leads, also


def _fall_back(
    result, problem: str, instead: str, dropped: Sequence[dict] = (), language: str = "en"
):
    """The extractive answer or summary, marked as a fallback, with a one-line note on why."""
    note = f"{problem.rstrip('.')}; {instead}."
    if isinstance(result, Answer) and not result.answerable and language != "en":
        result = replace(result, claims=(Claim(refusal(language), ()),))
    return replace(
        result,
        mode="fallback",
        fallback_reason=problem.rstrip("."),
        notes=(*result.notes, note),
        dropped=(*result.dropped, *dropped),
    )


def _noted(answer: Answer, note: str) -> Answer:
    return replace(answer, notes=(*answer.notes, note))


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
