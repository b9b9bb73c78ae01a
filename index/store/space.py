"""Disk space for the embedded store: checked before each write, watched while it runs.

When the disk fills up in the middle of a write, Chroma either fails with "database or disk is
full" (and the store can be unreadable until space is freed) or waits forever inside its SQLite
pool. So a write starts only when the disk has room for about twice what it will add, plus a
reserve; and a write that stops answering is abandoned within seconds when the disk was found
nearly full while it ran (a minute otherwise), leaving the store unusable in this process
until a restart rather than leaving the user waiting.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from index.errors import StoreError
from index.records import ParsedArticle

T = TypeVar("T")
RESERVE_BYTES = 16 * 2**20
# Measured on the CNN/DailyMail corpus: about 6 KB a sentence or chunk row (metadata, the
# node's JSON, full-text index, the vector in the log and in HNSW), and text stored ~5 times.
_ROW_BYTES = 3072
_TEXT_FACTOR = 6
_STALL_LOW_S = 3.0
_STALL_S = 60.0
_POLL_S = 0.1

FIX_SPACE = "Free some space there, or set CHROMA_PATH to a folder on a bigger disk"


class StalledWrite(StoreError):
    """A write that stopped answering and was abandoned; the store is unusable until restart."""


def bytes_needed(items: Sequence[tuple[ParsedArticle, np.ndarray, np.ndarray]], dim: int) -> int:
    """About how much a write of these articles adds to the store, doubled for its journals."""
    rows = sum(len(p.sentences) + len(p.chunks) for p, _, _ in items)
    text = sum(
        len(p.article.text.encode("utf-8"))
        + sum(len(s.text.encode("utf-8")) for s in p.sentences)
        + sum(len(c.text.encode("utf-8")) for c in p.chunks)
        for p, _, _ in items
    )
    return 2 * (rows * (_ROW_BYTES + 8 * dim) + _TEXT_FACTOR * text)


def index_bytes(folder: Path) -> int:
    """The size of the store's vector index files, which Chroma rewrites as it persists them."""
    total = 0
    for segment in folder.iterdir() if folder.is_dir() else ():
        if segment.is_dir() and len(segment.name) == 36:  # Chroma's segment folders are uuids
            total += sum(f.stat().st_size for f in segment.iterdir() if f.is_file())
    return total


def check_space(
    folder: Path, need: int, free: Callable[[Path], int] | None = None, reserve: int = RESERVE_BYTES
) -> None:
    """StoreError before a write that would leave less than `reserve` bytes free in `folder`."""
    available = (free or free_bytes)(folder)
    want = need + index_bytes(folder) + reserve
    if available < want:
        raise StoreError(
            f"Not enough disk space for the store in {folder}: this write needs about "
            f"{_mb(want)}, {_mb(available)} free; nothing was stored from it",
            FIX_SPACE,
        )


def free_bytes(folder: Path) -> int:
    """Bytes free for this process on the disk holding `folder`."""
    return shutil.disk_usage(folder).free


def disk_full_error(folder: Path, free: Callable[[Path], int] | None = None) -> StoreError:
    """The one line for a write that hit a full disk."""
    try:
        left = f" ({_mb((free or free_bytes)(folder))} free)"
    except OSError:
        left = ""
    return StoreError(
        f"The disk holding the store in {folder} is full{left}; nothing was stored from this write",
        FIX_SPACE,
    )


def guarded(
    write: Callable[[], T],
    folder: Path,
    *,
    free: Callable[[Path], int] | None = None,
    reserve: int = RESERVE_BYTES,
    stall_low_s: float = _STALL_LOW_S,
    stall_s: float = _STALL_S,
) -> T:
    """Run `write` on a worker thread; StoreError if it stops answering.

    It is abandoned `stall_low_s` after the disk was seen with less than `reserve` free while
    it ran, or after `stall_s` in any case. The abandoned thread may stay blocked inside Chroma;
    the caller must not use the store again (see ChromaStore.broken).
    """
    measure = free or free_bytes
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["value"] = write()
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name="storybot-store-write", daemon=True).start()
    started = time.monotonic()
    low_since: float | None = None
    while not done.wait(_POLL_S):
        now = time.monotonic()
        if low_since is None and _free_or_none(measure, folder) < reserve:
            low_since = now
        if low_since is not None and now - low_since >= stall_low_s:
            full = disk_full_error(folder, measure)
            raise StalledWrite(full.problem, full.fix)
        if now - started >= stall_s:
            raise StalledWrite(
                f"The store in {folder} stopped answering during a write ({stall_s:g} s)",
                "Check the disk holding it, then restart storybot",
            )
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _free_or_none(measure: Callable[[Path], int], folder: Path) -> float:
    try:
        return measure(folder)
    except OSError:
        return float("inf")


def _mb(size: float) -> str:
    return f"{size / 2**20:.1f} MB" if size < 10 * 2**20 else f"{size / 2**20:.0f} MB"
