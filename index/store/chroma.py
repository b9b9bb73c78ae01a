"""The Chroma store: articles, sentences and chunks, each article stored whole or not at all.

This is the only module that imports chromadb. Sentences and chunks are written and queried as
llama-index nodes through `ChromaVectorStore`, so a llama-index user can open the chunk
collection with `VectorStoreIndex.from_vector_store`. Collections use cosine space and are
given our own vectors (`embedding_function=None`: Chroma's default would download a model).

Writes follow one protocol so a crash or error never leaves a half-written article visible:
nodes of the new version go in first (ids carry the version), then the article record, the
commit point, then the old version's nodes are deleted. Readers only see sentences whose
version matches a committed article record, and leftovers are swept at the next write.
"""

from __future__ import annotations

import contextlib
import logging
import math
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import StoreError
from index.records import Article, Chunk, Hit, ParsedArticle, Sentence, StoreMark
from index.store.lock import StoreLock
from index.store.marker import RevisionMark
from index.store.space import (
    StalledWrite,
    bytes_needed,
    check_space,
    disk_full_error,
    guarded,
)

log = logging.getLogger(__name__)
_PAGE = 5000
_ARTICLE_FIELDS = ("title", "source", "byline", "date", "url", "header")


def open_client(host: str | None, port: int, ssl: bool, path: str) -> Any:
    """A Chroma client: a server at host:port, or an embedded store in `path`; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    options = ChromaSettings(anonymized_telemetry=False)
    if host:
        try:
            client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=options)
            client.heartbeat()
        except Exception as exc:  # chromadb raises several types for a server that is down
            raise StoreError(
                f"Cannot reach the Chroma server at {host}:{port} ({type(exc).__name__})",
                "Start it with `chroma run --path storybot-data/chroma --port "
                f"{port}`, or unset CHROMA_HOST to use the embedded store",
            ) from None
        return client
    try:
        return chromadb.PersistentClient(path=path, settings=options)
    except Exception as exc:
        raise StoreError(
            f"Cannot open the Chroma store in {path} ({exc})",
            "Check that the folder is writable, or set CHROMA_PATH to another folder",
        ) from None


# Made when the store is first used (`ChromaStore._open`), not when it is created.
_OPENED = frozenset(
    ("client", "lock", "articles", "sentences", "chunks", "store_id", "sentence_nodes",
     "chunk_nodes", "max_batch")
)  # fmt: skip


class ChromaStore:
    """Articles, sentences and chunks of one embedder's vectors in three Chroma collections.

    Nothing is opened until it is used: `connect` takes the store's lock and makes the client
    on first need, so a reader served from the catalog cache (see `marked`) neither imports
    chromadb nor waits for a writer.
    """

    client: Any
    #: This process's hold on an embedded store (index/store/lock.py); writes take it
    #: exclusive. None for a Chroma server, which orders writers itself.
    lock: StoreLock | None
    articles: Any
    sentences: Any
    chunks: Any
    #: Identifies this store's contents across processes (with the revision, for caches).
    store_id: str
    sentence_nodes: Any
    chunk_nodes: Any
    #: Chroma refuses larger writes (5461 rows for the embedded store).
    max_batch: int

    def __init__(
        self,
        connect: Callable[[], tuple[Any, StoreLock | None]],
        prefix: str,
        embedder: str,
        dim: int,
        *,
        folder: Path | None = None,
        server: str | None = None,
    ) -> None:
        """`connect`: takes the lock (if any) and makes the Chroma client. `folder`: an embedded
        store's folder (its lock, revision mark and free space); `server`: a Chroma server's
        host:port (for messages)."""
        self._connect = connect
        self.dim = dim
        self.name = f"{prefix}-{embedder}"
        self.folder = folder
        self.server = server
        self.mark = RevisionMark(folder, self.name) if folder is not None else None
        self.broken: str | None = None  # set when a write was abandoned inside Chroma
        self._meta = {"embedder": embedder, "dim": dim}

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not set yet: the ones the first use opens.
        if name not in _OPENED or "_connect" not in self.__dict__:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")
        self._open()
        return self.__dict__[name]

    def _open(self) -> None:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        client, lock = self._connect()
        try:
            try:
                articles = self._collection(
                    client,
                    f"{self.name}-articles",
                    {**self._meta, "revision": 0, "store_id": uuid.uuid4().hex},
                )
                sentences = self._collection(client, f"{self.name}-sentences", self._meta)
                chunks = self._collection(client, f"{self.name}-chunks", self._meta)
            except StoreError:
                raise
            except Exception as exc:
                raise StoreError(
                    f"Cannot open the Chroma collections ({type(exc).__name__}: {exc})",
                    "Check CHROMA_PATH or the Chroma server",
                ) from None
            try:
                max_batch = max(1, min(int(client.get_max_batch_size()), _PAGE))
            except Exception as exc:
                raise self._error("read", exc) from None
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        opened = {
            "client": client,
            "lock": lock,
            "articles": articles,
            "sentences": sentences,
            "chunks": chunks,
            "store_id": str((articles.metadata or {}).get("store_id", self.name)),
            "sentence_nodes": ChromaVectorStore(chroma_collection=sentences),
            "chunk_nodes": ChromaVectorStore(chroma_collection=chunks),
            "max_batch": max_batch,
        }
        for name, value in opened.items():  # what a test put in place already stays
            self.__dict__.setdefault(name, value)
        try:
            self._recover_revision()
            self._refresh_mark()
        except StoreError:
            raise
        except Exception as exc:
            raise self._error("read", exc) from None

    def _refresh_mark(self) -> None:
        """Make the revision mark say what the store holds, if it does not (a store from before
        marks, or a write that crashed). Whoever has the store open holds its lock, so no write
        is under way now."""
        if self.mark is None:
            return
        revision = self.revision()
        current = self.mark.read()
        if current is None or current.key != f"{self.store_id}-{revision}":
            self.mark.written(self.store_id, revision, self.article_versions())

    @property
    def is_open(self) -> bool:
        """True once the first use has opened the store."""
        return "client" in self.__dict__

    def _collection(self, client: Any, name: str, metadata: dict[str, Any]) -> Any:
        collection = client.get_or_create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata=metadata,
        )
        stored_dim = (collection.metadata or {}).get("dim")
        if stored_dim not in (None, self.dim):
            raise StoreError(
                f"Collection {name} holds {stored_dim}-d vectors, the embedder makes {self.dim}-d",
                "Use another CHROMA_PATH or CHROMA_COLLECTION_PREFIX for this embedder",
            )
        return collection

    # -- reading -----------------------------------------------------------------------------

    def marked(self) -> StoreMark | None:
        """What the revision mark says the store holds, read without opening the store; None
        when there is no trustworthy mark (then ask the store itself)."""
        return self.mark.read() if self.mark else None

    def revision(self) -> int:
        """A counter bumped by every write, so readers can tell when to reload."""
        self._check_usable()
        try:
            fresh = self.client.get_collection(self.articles.name, embedding_function=None)
        except Exception as exc:
            raise self._error("read", exc) from None
        return int((fresh.metadata or {}).get("revision", 0))

    def list_articles(self) -> list[Article]:
        """Every committed article, in id order."""
        try:
            got = self.articles.get(include=["documents", "metadatas"])
        except Exception as exc:
            raise self._error("read", exc) from None
        articles = [
            _article_from(i, d, m)
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        return sorted(articles, key=lambda a: a.id)

    def get_article(self, article_id: str) -> Article | None:
        """One committed article, or None."""
        self._check_usable()
        try:
            got = self.articles.get(ids=[article_id], include=["documents", "metadatas"])
        except Exception as exc:
            raise self._error("read", exc) from None
        if not got["ids"]:
            return None
        return _article_from(got["ids"][0], got["documents"][0], got["metadatas"][0])

    def load_sentences(self, articles: Sequence[Article]) -> tuple[list[Sentence], np.ndarray]:
        """All sentences of the given committed articles, in (article, n) order, with vectors."""
        versions = {a.id: a.version for a in articles}
        rows: list[tuple[Sentence, Any]] = []
        try:
            offset = 0
            while True:
                got = self.sentences.get(
                    include=["documents", "metadatas", "embeddings"], limit=_PAGE, offset=offset
                )
                for text, meta, vec in zip(
                    got["documents"], got["metadatas"], got["embeddings"], strict=True
                ):
                    if versions.get(meta["article_id"]) == meta["version"]:
                        rows.append((_sentence_from(text, meta), vec))
                if len(got["ids"]) < _PAGE:
                    break
                offset += _PAGE
        except Exception as exc:
            raise self._error("read", exc) from None
        rows.sort(key=lambda r: (r[0].article_id, r[0].n))
        vectors = np.asarray([r[1] for r in rows], dtype=np.float32).reshape(-1, self.dim)
        return [r[0] for r in rows], vectors

    def query_sentences(self, vector: np.ndarray, k: int) -> list[Hit]:
        """The k nearest sentences; hits may include uncommitted versions, callers filter."""
        return [
            Hit(m["article_id"], m["version"], int(m["n"]), c)
            for m, c in self._query(self.sentence_nodes, vector, k)
        ]

    def query_chunks(self, vector: np.ndarray, k: int) -> list[Hit]:
        """The k nearest chunks, each with its sentence range; callers filter versions."""
        return [
            Hit(m["article_id"], m["version"], int(m["n"]), c, int(m["first"]), int(m["last"]))
            for m, c in self._query(self.chunk_nodes, vector, k)
        ]

    def _query(self, nodes: Any, vector: np.ndarray, k: int) -> list[tuple[dict, float]]:
        from llama_index.core.vector_stores.types import VectorStoreQuery

        if k <= 0:
            return []
        try:
            result = nodes.query(
                VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=k)
            )
        except Exception as exc:
            raise self._error("search", exc) from None
        # ChromaVectorStore reports exp(-distance); with cosine space, cosine = 1 - distance.
        return [
            (node.metadata, 1.0 + math.log(max(sim, 1e-12)))
            for node, sim in zip(result.nodes, result.similarities, strict=True)
        ]

    # -- writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Exclusive hold of an embedded store for one write (nothing to take for a server),
        with the revision mark saying "writing" until the new revision is recorded."""
        lock = self.lock
        with lock.writing() if lock is not None else contextlib.nullcontext():
            if self.mark:
                self.mark.writing()
            yield

    def close(self) -> None:
        """Close the client, then let go of the store's lock (exiting does the same).

        In that order: once the lock is free another process may write, and a Chroma client
        left open here would keep an index in memory that no longer matches the files.
        """
        if not self.is_open:
            return
        try:
            self.client.close()
        except Exception:  # closing twice, or a server already gone
            log.debug("the Chroma client did not close cleanly", exc_info=True)
        if self.lock is not None:
            self.lock.release()

    def write_many(self, items: Sequence[tuple[ParsedArticle, np.ndarray, np.ndarray]]) -> None:
        """Store several articles, each whole, in a few large writes.

        Nodes of the new versions go in first; one upsert of the article records commits them
        all; then older versions of the same articles are deleted. If anything fails before
        the commit, the new nodes are removed again and the stored versions stay as they were.
        """
        if not items:
            return
        self._check_usable()
        with self._writing():
            if self.folder is None:
                self._write_many(items)
                return
            check_space(self.folder, bytes_needed(items, self.dim))
            self._guarded(lambda: self._write_many(items))

    def _guarded(self, write: Any) -> None:
        """A write to the embedded store, abandoned (and the store closed) if it stops answering."""
        assert self.folder is not None
        try:
            guarded(write, self.folder)
        except StalledWrite as exc:
            self.broken = exc.message
            raise

    def _check_usable(self) -> None:
        if self.broken:
            raise StoreError(
                f"The store stopped answering earlier ({self.broken.rstrip('.')})",
                "Restart storybot once the disk has room",
            )

    def _write_many(self, items: Sequence[tuple[ParsedArticle, np.ndarray, np.ndarray]]) -> None:
        ids = [p.article.id for p, _, _ in items]
        versions = [p.article.version for p, _, _ in items]
        fresh = {"$and": [{"article_id": {"$in": ids}}, {"version": {"$in": versions}}]}
        # The revision goes into the article records themselves, so a crash after the commit
        # but before the counter moves is recovered when the store is next opened.
        revision = self.revision() + 1
        try:
            self._delete_where(fresh, only_if_any=True)  # leftovers of an interrupted write
            for parsed, sentence_vectors, chunk_vectors in items:
                ref = f"{parsed.article.id}@{parsed.article.version}"
                self._add(self.sentence_nodes, _sentence_nodes, parsed, sentence_vectors, ref)
                self._add(self.chunk_nodes, _chunk_nodes, parsed, chunk_vectors, ref)
            for first in range(0, len(items), self.max_batch):
                batch = items[first : first + self.max_batch]
                self.articles.upsert(
                    ids=[p.article.id for p, _, _ in batch],
                    documents=[p.article.text for p, _, _ in batch],
                    embeddings=[_centroid(v).tolist() for _, v, _ in batch],
                    metadatas=[_article_metadata(p, revision) for p, _, _ in batch],
                )
        except Exception as exc:
            try:
                self._delete_where(fresh)
            except Exception:  # the sweep at the next write removes what is left
                log.warning("could not roll back a failed write; its rows stay invisible")
            raise self._error("write", exc) from None
        try:
            self._delete_where(
                {"$and": [{"article_id": {"$in": ids}}, {"version": {"$nin": versions}}]}
            )
        except Exception as exc:  # one line for the user; the traceback only at DEBUG
            # Recovered by itself (the next write sweeps them): not worth a line for the user.
            log.info("old versions remain (invisible) until the next write: %s", exc)
            log.debug("sweep of old versions failed", exc_info=True)
        self._bump_revision(revision)

    def _add(self, nodes: Any, make: Any, parsed: ParsedArticle, vectors: Any, ref: str) -> None:
        """Add one article's sentence or chunk nodes in writes of at most Chroma's batch size.

        Nodes are built a batch at a time: a 40,000-sentence article never holds all of its
        nodes (each with its vector as a Python list) in memory at once.
        """
        for first in range(0, len(vectors), self.max_batch):
            nodes.add(make(parsed, vectors, ref, first, first + self.max_batch))

    def delete(self, article_id: str) -> None:
        """Remove an article: its record first (so readers stop seeing it), then its nodes."""
        self._check_usable()
        with self._writing():
            if self.folder is None:
                self._delete(article_id)
            else:
                self._guarded(lambda: self._delete(article_id))

    def _delete(self, article_id: str) -> None:
        try:
            self.articles.delete(ids=[article_id])
            for collection in (self.sentences, self.chunks):
                collection.delete(where={"article_id": article_id})
        except Exception as exc:
            raise self._error("delete from", exc) from None
        self._bump_revision()

    def _delete_where(self, where: dict[str, Any], only_if_any: bool = False) -> None:
        for collection in (self.sentences, self.chunks):
            if only_if_any and not collection.get(where=where, limit=1, include=[])["ids"]:
                continue
            collection.delete(where=where)

    def _bump_revision(self, at_least: int = 0) -> None:
        """Move the counter past its value and `at_least`; a failure is recovered at next open."""
        try:
            fresh = self.client.get_collection(self.articles.name, embedding_function=None)
            meta = dict(fresh.metadata or {})
            meta["revision"] = max(int(meta.get("revision", 0)) + 1, at_least)
            fresh.modify(metadata=meta)
        except Exception:
            log.info("could not move the store revision; the next start recovers it")
            return
        if self.mark:  # only now may readers trust the mark again
            try:
                self.mark.written(self.store_id, meta["revision"], self.article_versions())
            except StoreError:  # the mark still says "writing": readers ask the store
                log.info("could not list the articles for the revision mark")

    def _recover_revision(self) -> None:
        """Raise the counter to the newest revision committed with an article, if it lags."""
        got = self.articles.get(include=["metadatas"])
        committed = max((int(m.get("revision", 0)) for m in got["metadatas"] or []), default=0)
        if committed <= self.revision():
            return
        try:
            with self.lock.writing(wait_s=0) if self.lock else contextlib.nullcontext():
                self._bump_revision(committed)
            log.info("the store revision lagged its articles; moved it to %d", committed)
        except StoreError:  # others have the store open; caches are checked against it anyway
            log.info("the store revision lags its articles; another process will move it")

    def article_versions(self) -> dict[str, tuple[str, int]]:
        """Each committed article's version and sentence count (what caches are checked against)."""
        try:
            got = self.articles.get(include=["metadatas"])
        except Exception as exc:
            raise self._error("read", exc) from None
        return {
            i: (str(m["version"]), int(m.get("sentences", -1)))
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
        }

    def _error(self, action: str, exc: Exception) -> StoreError:
        """The one line for a failed store call: a full disk or a lost server named as such."""
        text = str(exc).lower()
        if self.folder is not None and any(s in text for s in _DISK_FULL):
            return disk_full_error(self.folder)
        if self.server is not None and _lost_connection(exc):
            return StoreError(
                f"Lost the Chroma server at {self.server} ({type(exc).__name__})",
                "Start it again; storybot reconnects by itself, and a write it broke off is "
                "never shown half-done",
            )
        return _store_error(action, exc)


_DISK_FULL = ("disk is full", "no space left", "file too large", "disk full", "(code: 13)")


def _lost_connection(exc: BaseException) -> bool:
    """True for the errors httpx and chromadb raise when the server is gone or drops a call."""
    names = {type(e).__name__ for e in (exc, exc.__cause__, exc.__context__) if e is not None}
    lost = ("ConnectError", "ReadError", "RemoteProtocolError", "WriteError", "ConnectTimeout")
    return any(n in lost for n in names) or isinstance(exc, ConnectionError)


def _store_error(action: str, exc: Exception) -> StoreError:
    return StoreError(
        f"Could not {action} the Chroma store ({type(exc).__name__}: {exc})",
        "Check that the store folder is writable or the Chroma server is up, then try again",
    )


def _centroid(vectors: np.ndarray) -> np.ndarray:
    centroid = vectors.mean(axis=0)
    return centroid / (np.linalg.norm(centroid) or 1.0)


def _article_metadata(parsed: ParsedArticle, revision: int) -> dict[str, Any]:
    a = parsed.article
    meta: dict[str, Any] = {
        "version": a.version,
        "revision": revision,
        "origin": a.origin,
        "sentences": len(parsed.sentences),
        "chunks": len(parsed.chunks),
    }
    meta.update({f: getattr(a, f) for f in _ARTICLE_FIELDS if getattr(a, f)})
    return meta


def _article_from(article_id: str, text: str, meta: dict[str, Any]) -> Article:
    return Article(
        id=article_id,
        origin=meta.get("origin", ""),
        text=text or "",
        version=meta["version"],
        **{f: meta.get(f) or None for f in _ARTICLE_FIELDS},
    )


def _sentence_from(text: str, meta: dict[str, Any]) -> Sentence:
    return Sentence(
        article_id=meta["article_id"],
        n=int(meta["n"]),
        paragraph=int(meta["paragraph"]),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=text,
    )


def _node(node_id: str, text: str, vector: np.ndarray, ref: str, meta: dict[str, Any]) -> Any:
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    return TextNode(
        id_=node_id,
        text=text,
        embedding=vector.tolist(),
        metadata=meta,
        excluded_embed_metadata_keys=list(meta),
        excluded_llm_metadata_keys=list(meta),
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=ref)},
    )


def _sentence_nodes(
    parsed: ParsedArticle, vectors: np.ndarray, ref: str, first: int = 0, stop: int | None = None
) -> list[Any]:
    fields = ("paragraph", "start", "end")
    return _nodes(parsed, vectors, ref, "s", parsed.sentences[first:stop], fields, first)


def _chunk_nodes(
    parsed: ParsedArticle, vectors: np.ndarray, ref: str, first: int = 0, stop: int | None = None
) -> list[Any]:
    return _nodes(parsed, vectors, ref, "c", parsed.chunks[first:stop], ("first", "last"), first)


def _nodes(
    parsed: ParsedArticle,
    vectors: np.ndarray,
    ref: str,
    kind: str,
    items: Sequence[Sentence | Chunk],
    fields: tuple[str, ...],
    offset: int = 0,
) -> list[Any]:
    """One node per sentence or chunk: id `<article>@<version>#<kind><n>`, with its metadata.

    `items` are the article's sentences or chunks from position `offset` on (vectors align
    with the whole article's)."""
    version = parsed.article.version
    return [
        _node(
            f"{ref}#{kind}{item.n}",
            item.text,
            vectors[offset + i],
            ref,
            {
                "article_id": item.article_id,
                "version": version,
                "n": item.n,
                **{f: getattr(item, f) for f in fields},
            },
        )
        for i, item in enumerate(items)
    ]
