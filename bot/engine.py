"""The story engine: the one facade every adapter (CLI, Discord, Slack) calls.

`Engine` implements `bot.protocols.StoryEngine`, the engine as the adapters see it. It wires
the index (reading, sentences, Chroma, retrieval) to the answerer and summariser.
Dependencies come in through the constructor; `Engine.from_settings` builds the real ones.

Safe for concurrent readers: questions, summaries and quotes may run in many threads at once.
Each reads one immutable catalog (swapped whole when the store's revision changes, never edited
in place); writes (ingest, forget) take the write lock, so readers never wait for a write.
Language model calls run at most `LLM_CONCURRENCY` at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.protocols import Partial, Progress
from bot.records import Answer, Comparison, IngestReport, Quote, SourceInfo, Summary, Timeline, Turn
from bot.settings import Settings
from bot.throttle import Throttled
from bot.timing import ms_since, timed
from index.errors import InputError, NotFoundError, StorybotError
from index.protocols import Store, TextEmbedder
from index.records import Document, Sentence
from index.store.catalog import Catalog
from index.store.catalog_cache import load_catalog

if TYPE_CHECKING:
    from bot.llm.answerer import LLMAnswerer

log = logging.getLogger(__name__)


class Engine:
    """Ingest, ask, summarise, list and quote over one store."""

    def __init__(
        self,
        store: Store,
        embedder: TextEmbedder,
        settings: Settings | None = None,
        *,
        llm: LLMAnswerer | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        """`llm`: an LLMAnswerer (bot/llm) to write checked answers; None keeps them extractive.

        `cache_dir`: where to keep a local copy of the catalog for fast cold starts (None: none).
        """
        from bot.answers.reading.model import ReaderModel

        self.store = store
        self.embedder = embedder
        self.settings = settings or Settings()
        self.cache_dir = cache_dir
        # The reading step's model, calibrated for this embedder (bench/calibrate_refusal.py).
        self.answerability = ReaderModel.load(self.settings.index.embedder)
        self._catalog: Catalog | None = None
        self._lock = threading.RLock()  # writers: ingest and forget, one at a time
        self._reload = threading.Lock()  # one reader rebuilds a stale catalog, the rest wait
        self.llm = None if llm is None else Throttled(llm, self.settings.llm.concurrency)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        writer: bool = False,
        command: str | None = None,
        lazy: bool = False,
    ) -> Engine:
        """The engine on the configured store and embedder.

        An embedded store is held for as long as the engine has it open (index/store/lock.py):
        shared, and exclusive while writing; `writer` holds it exclusive from the start (the
        CLI's ingest and forget). `command` names this process to others that must wait.
        `lazy`: open the store on first need (the CLI's readers: a question answered from the
        catalog cache never opens it); otherwise now, so a broken store is reported at once.
        """
        from index.embedders import get_embedder
        from index.store.opening import open_store

        embedder = get_embedder(settings.index.embedder)
        llm = None
        if settings.llm.enabled:  # checked before the store is opened (and its folder made)
            from bot.llm.answerer import LLMAnswerer

            llm = LLMAnswerer.from_settings(settings, embedder)
        s = settings.store
        store = open_store(
            path=s.path,
            host=s.host,
            port=s.port,
            ssl=s.ssl,
            prefix=s.collection_prefix,
            embedder=settings.index.embedder,
            dim=embedder.dim,
            writer=writer,
            command=command,
            lazy=lazy and not writer,
        )
        cache_dir = settings.data_dir / "cache"
        return cls(store, embedder, settings, llm=llm, cache_dir=cache_dir)

    def close(self) -> None:
        """Let go of the store (its lock); the engine is not used afterwards."""
        self.store.close()

    # -- the catalog -------------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """The current catalog, reloaded when a writer (here or elsewhere) changed the store.

        The first load may come from the cache without opening the store (`load_catalog`);
        later calls ask the store for its revision, to notice other writers.
        """
        current = self._catalog
        if current is not None and current.revision == self.store.revision():
            return current
        with self._reload:
            current = self._catalog
            if current is None or current.revision != self.store.revision():
                current = self._catalog = load_catalog(self.store, self.cache_dir)
            return current

    def _require_articles(self) -> Catalog:
        catalog = self.catalog
        if not catalog.articles:
            raise NotFoundError(
                "No articles are stored yet", "Add some with `storybot ingest PATH_OR_URL`"
            )
        return catalog

    # -- ingest ------------------------------------------------------------------------------

    def ingest(self, sources: Sequence[str], progress: Progress | None = None) -> IngestReport:
        """Read files, folders or URLs and store each article whole (or not at all)."""
        from index.reading.sources import expand_sources, read_source

        expanded = expand_sources(sources)
        limits = self._limits()
        documents: list[Document | tuple[str, StorybotError]] = []
        for i, source in enumerate(expanded):
            if progress:
                progress("read", i, len(expanded))
            try:
                documents.append(read_source(source, **limits))
            except StorybotError as exc:
                documents.append((source, exc))
        return self.ingest_documents(documents, progress)

    def ingest_bytes(self, name: str, data: bytes) -> IngestReport:
        """Store one uploaded file; `name`'s extension (.txt, .md, .html) decides the format."""
        from index.reading.sources import document_from_bytes

        return self.ingest_documents([document_from_bytes(name, data, **self._limits())])

    def ingest_documents(
        self,
        documents: Sequence[Document | tuple[str, StorybotError]],
        progress: Progress | None = None,
    ) -> IngestReport:
        """Clean, split, embed and store documents; a (source, error) pair records a failure."""
        from bot.ingest import Ingester

        started = time.perf_counter()
        with self._lock:
            ingester = Ingester(self.store, self.embedder, self.settings.index, progress)
            results = ingester.run(documents)
            self._catalog = None
        return IngestReport(tuple(results), {**ingester.timings, "total": ms_since(started)})

    def _limits(self) -> dict[str, Any]:
        index = self.settings.index
        return {
            "max_bytes": int(index.max_file_mb * 2**20),
            "fetch_timeout_s": index.fetch_timeout_s,
        }

    def forget(self, article_id: str) -> SourceInfo:
        """Remove one article and everything stored for it; NotFoundError if unknown."""
        with self._lock:
            catalog = self.catalog
            article = catalog.require_article(article_id)
            info = _source_info(article, len(catalog.span(article_id)))
            self.store.delete(article_id)
            self._catalog = None
        return info

    # -- reading -----------------------------------------------------------------------------

    def sources(self) -> list[SourceInfo]:
        """The stored articles, in id order."""
        catalog = self.catalog
        return [_source_info(a, len(catalog.span(a.id))) for a in catalog.articles.values()]

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer from the articles with cited sentences, or refuse with the closest ones."""
        return self.ask_ranked(question, history)[0]

    def ask_stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        on_partial: Partial | None = None,
    ) -> Answer:
        """Like `ask`; with an LLM, `on_partial` gets what may be shown while the answer is
        written: a placeholder, then only sentences that passed the checker (no citations).
        The returned Answer is the final one."""
        return self.ask_ranked(question, history, on_partial=on_partial)[0]

    def ask_ranked(
        self,
        question: str,
        history: Sequence[Turn] = (),
        k: int = 5,
        on_partial: Partial | None = None,
    ) -> tuple[Answer, list[Sentence]]:
        """The answer, and the k best sentences retrieval found (for evaluation)."""
        from bot.answers.about import answer_about_articles
        from bot.answers.extractive import compose_answer
        from bot.answers.followup import resolve_followup
        from bot.answers.reading.spelling import correct_spelling
        from index.store.retrieve import make_query, retrieve

        timings: dict[str, float] = {}
        started = time.perf_counter()
        question = self._check_question(question)
        with timed(timings, "load"):
            catalog = self._require_articles()
        with timed(timings, "resolve"):
            # The extractive answer always uses the engine's own resolution of a follow-up, so
            # a bad rewrite by the model never reaches it (it is the model's fallback).
            standalone = resolve_followup(question, history)
            # The model's deadline starts at its first call: the rewrite, or else the answer.
            deadline, rewritten = None, None
            if self.llm is not None and history:
                deadline = self.llm.deadline()
                rewritten = self.llm.rewrite(question, history, deadline)
            about = answer_about_articles(standalone, catalog)
        if about is not None:
            return _with_timings(about, timings, started), []
        with timed(timings, "model"):  # the first question of a process loads the model
            self.embedder.load()
        with timed(timings, "embed"):
            query = make_query(correct_spelling(standalone, catalog), self.embedder)
        with timed(timings, "retrieve"):
            candidates = retrieve(query, catalog, self.store)
        with timed(timings, "compose"):
            answer = compose_answer(
                question,
                query,
                candidates,
                catalog,
                max_sentences=self.settings.answer.max_sentences,
                answerability=self.answerability,
            )
        if self.llm is not None:
            with timed(timings, "llm"):
                offered = candidates
                if rewritten and rewritten != standalone:
                    offered = retrieve(make_query(rewritten, self.embedder), catalog, self.store)
                answer = self.llm.answer(
                    question, offered, catalog, answer, on_partial, deadline, rewritten
                )
        ranked = [catalog.sentences[c.index] for c in candidates[:k]]
        return _with_timings(answer, timings, started), ranked

    def _check_question(self, question: str) -> str:
        question = " ".join((question or "").split())
        if not question:
            raise InputError(
                "The question is empty", "Ask something about the story, e.g. who said what"
            )
        limit = self.settings.answer.max_question_chars
        if len(question) > limit:
            raise InputError(
                f"The question is {len(question):,} characters long; the limit is {limit:,}",
                "Ask a shorter question",
            )
        return question

    def summary(
        self,
        article_id: str | None = None,
        bullets: int | None = None,
        length: str = "bullets",
    ) -> Summary:
        """Cited bullets in story order for the whole story, or one article.

        `length`: "brief" (one line), "bullets" (the configured default, 7) or "digest" (12);
        `bullets` overrides the count.
        """
        from bot.summary import LENGTHS, bullet_count, summarise

        started = time.perf_counter()
        catalog = self._require_articles()
        if article_id is not None:
            catalog.require_article(article_id)
        if length not in LENGTHS:
            raise InputError(f"No summary length {length!r}", "Use brief, bullets or digest")
        default = self.settings.answer.summary_bullets
        count = bullet_count(length, default) if bullets is None else bullets
        if not 1 <= count <= 20:
            raise InputError(f"{count} bullets is out of range", "Ask for 1 to 20 bullets")
        summary = summarise(catalog, article_id, count)
        if self.llm is not None:
            summary = self.llm.summarise(catalog, article_id, count, summary)
        return replace(summary, length=length, timings_ms={"total": ms_since(started)})

    def quote(self, article_id: str, sentence: int, context: int = 1) -> Quote:
        """One sentence with `context` neighbours each side; NotFoundError if out of range."""
        from bot.citations import CitationBook

        catalog = self._require_articles()
        catalog.require_article(article_id)
        index = catalog.index_of(article_id, sentence)
        if index is None:
            count = len(catalog.span(article_id))
            raise NotFoundError(
                f"Article {article_id} has no sentence {sentence}",
                f"Pick a sentence from 1 to {count}",
            )
        book = CitationBook(catalog)
        around = list(catalog.neighbours(index, context, context))
        cited = {i: book.cite(i) for i in [index, *around]}
        citations = {c.n: c for c in book.citations}
        return Quote(
            citation=citations[cited[index]],
            before=tuple(citations[cited[i]] for i in around if i < index),
            after=tuple(citations[cited[i]] for i in around if i > index),
        )

    # -- across the articles -----------------------------------------------------------------

    def compare(self, article_ids: Sequence[str] | None = None) -> Comparison:
        """What the articles all report, what only one has, and what they word differently.

        Default: every stored article (at most 10), the first in id order being the reference
        the others are aligned against; see bot/compare.py.
        """
        from bot.compare import choose_articles, compare

        started = time.perf_counter()
        catalog = self._require_articles()
        ids = choose_articles(catalog, article_ids, at_least=2)
        return replace(compare(catalog, ids), timings_ms={"total": ms_since(started)})

    def timeline(self, article_ids: Sequence[str] | None = None) -> Timeline:
        """The story's dated events in order, each cited (default: every stored article)."""
        from bot.compare import choose_articles
        from bot.timeline import build_timeline

        started = time.perf_counter()
        catalog = self._require_articles()
        ids = choose_articles(catalog, article_ids, at_least=1, at_most=None)
        return replace(build_timeline(catalog, ids), timings_ms={"total": ms_since(started)})


def _source_info(article, sentences: int) -> SourceInfo:
    return SourceInfo(
        id=article.id,
        title=article.title,
        source=article.source,
        byline=article.byline,
        date=article.date,
        url=article.url,
        origin=article.origin,
        sentences=sentences,
    )


def _with_timings(answer: Answer, timings: dict[str, float], started: float) -> Answer:
    return replace(answer, timings_ms={**timings, "total": ms_since(started)})
