"""Open the configured store: an embedded Chroma folder (held through its lock), or a server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from index.store.chroma import ChromaStore, open_client
from index.store.lock import WAIT_S, StoreLock


def open_store(
    *,
    path: Path,
    host: str | None,
    port: int,
    ssl: bool,
    prefix: str,
    embedder: str,
    dim: int,
    writer: bool = False,
    command: str | None = None,
    wait_s: float = WAIT_S,
    lazy: bool = False,
) -> ChromaStore:
    """The store; an embedded one is held shared (readers) or exclusive (`writer`) while open.

    A writer takes the lock before anything is read, so a second `storybot ingest` waits for
    the first (up to `wait_s`) instead of both reading, then racing to write. `lazy`: take the
    lock and open Chroma only when first needed (a reader answered from the catalog cache
    needs neither); otherwise now, so that a store that cannot be opened is reported at once.
    """

    def connect() -> tuple[Any, StoreLock | None]:
        lock = (
            None
            if host
            else StoreLock.acquire(path, exclusive=writer, wait_s=wait_s, command=command)
        )
        try:
            return open_client(host, port, ssl, str(path)), lock
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    store = ChromaStore(
        connect,
        prefix,
        embedder,
        dim,
        folder=None if host else Path(path),
        server=f"{host}:{port}" if host else None,
    )
    if writer or not lazy:
        store.revision()  # opens it (and takes the lock) now
    return store
