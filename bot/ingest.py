"""Ingest: documents → cleaned articles → sentences and chunks → vectors → the store.

Every article is fully parsed and embedded before anything of it is written, and the store
commits it whole (see index/store/chroma.py), so a broken file never leaves a trace.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.protocols import Progress
from bot.records import IngestedArticle
from bot.settings import IndexSettings
from bot.timing import timed
from index.errors import InputError, StoreError, StorybotError
from index.protocols import Store, TextEmbedder
from index.reading.articles import clean_document
from index.records import Document, ParsedArticle
from index.text.chunks import make_chunks
from index.text.sentences import split_article

# Texts (sentences and chunks) embedded and written together; Chroma is fastest in big writes.
BATCH_SENTENCES = 4096


def parse_document(document: Document, settings: IndexSettings) -> ParsedArticle:
    """Clean a document and cut it into sentences and chunks; InputError if nothing is left."""
    article = clean_document(document)
    sentences = split_article(article)
    if not sentences:
        raise InputError(
            f"{document.origin} has no sentences to cite", "Check that it holds article text"
        )
    chunks = make_chunks(article, sentences, settings.chunk_sentences, settings.chunk_overlap)
    return ParsedArticle(article, sentences, chunks)


class Ingester:
    """Runs one ingest over a list of documents, recording what happened to each."""

    def __init__(
        self,
        store: Store,
        embedder: TextEmbedder,
        settings: IndexSettings,
        progress: Progress | None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self.progress = progress or (lambda stage, done, total: None)
        self.timings = {"parse": 0.0, "embed": 0.0, "store": 0.0}
        self._stored = 0
        self._store_error: StoreError | None = None

    def run(
        self, documents: Sequence[Document | tuple[str, StorybotError]]
    ) -> list[IngestedArticle]:
        """Ingest every document; failures are reported, never half-stored."""
        results: list[IngestedArticle | None] = [None] * len(documents)
        pending: list[tuple[int, ParsedArticle, str]] = []
        seen: dict[str, str] = {}
        for i, item in enumerate(documents):
            if isinstance(item, tuple):
                results[i] = _failed(item[0], "", item[1])
                continue
            try:
                with timed(self.timings, "parse"):
                    parsed = parse_document(item, self.settings)
            except StorybotError as exc:
                results[i] = _failed(item.origin, item.id, exc)
                continue
            article = parsed.article
            if article.id in seen:
                results[i] = _failed(
                    article.origin,
                    article.id,
                    InputError(
                        f"{article.origin} and {seen[article.id]} both give the id {article.id}",
                        "Rename one of them",
                    ),
                )
                continue
            seen[article.id] = article.origin
            stored = self.store.get_article(article.id)
            if stored is not None and stored.version == article.version:
                results[i] = _result(parsed, "unchanged")
                continue
            pending.append((i, parsed, "replaced" if stored else "added"))
        stopped: StoreError | None = None
        for batch in _batches(pending):
            if stopped is not None:  # a full disk or a lost server fails every later batch too
                for i, parsed, _ in batch:
                    results[i] = _failed(parsed.article.origin, parsed.article.id, stopped)
                continue
            for i, status in self._store_batch(batch, len(pending)):
                results[i] = status
            stopped = self._store_error
        return [r for r in results if r is not None]

    def _store_batch(self, batch, total: int) -> list[tuple[int, IngestedArticle]]:
        texts = [s.text for _, p, _ in batch for s in p.sentences]
        texts += [c.text for _, p, _ in batch for c in p.chunks]
        with timed(self.timings, "embed"):
            vectors = self.embedder.embed_documents(texts)
        items, offset = [], 0
        chunk_offset = sum(len(p.sentences) for _, p, _ in batch)
        for _, parsed, _ in batch:
            ns, nc = len(parsed.sentences), len(parsed.chunks)
            items.append(
                (
                    parsed,
                    vectors[offset : offset + ns],
                    vectors[chunk_offset : chunk_offset + nc],
                )
            )
            offset, chunk_offset = offset + ns, chunk_offset + nc
        try:
            with timed(self.timings, "store"):
                self.store.write_many(items)
            out = [(i, _result(parsed, status)) for i, parsed, status in batch]
        except StorybotError as exc:
            out = [(i, _failed(p.article.origin, p.article.id, exc)) for i, p, _ in batch]
            self._store_error = exc if isinstance(exc, StoreError) else None
        self._stored += len(batch)
        self.progress("store", self._stored, total)
        return out


def _batches(pending: list[tuple[int, ParsedArticle, str]]):
    batch, size = [], 0
    for item in pending:
        batch.append(item)
        size += len(item[1].sentences) + len(item[1].chunks)
        if size >= BATCH_SENTENCES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _result(parsed: ParsedArticle, status) -> IngestedArticle:
    a = parsed.article
    return IngestedArticle(a.id, a.origin, status, len(parsed.sentences), len(parsed.chunks))


def _failed(origin: str, article_id: str, exc: StorybotError) -> IngestedArticle:
    return IngestedArticle(article_id, origin, "failed", error=exc.message)
