"""A small file beside an embedded store saying what it holds, written by its writers.

A reader that finds the mark can key its catalog cache on it, and check the cache's articles
against the listing it records, without opening Chroma: a cold `storybot ask` never imports
chromadb. Every write through `ChromaStore` marks the file "writing" (under the store's
exclusive lock) before it touches the store, and records the new revision and a digest of the
store's articles after the commit; readers trust only a "written" mark. A crash mid-write
leaves "writing": readers then ask Chroma itself, and the next open recovers the revision and
rewrites the mark. Nothing but storybot's own writers moves a store's revision counter either,
so the mark is as current as the counter it copies.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from index.errors import StoreError
from index.records import StoreMark

log = logging.getLogger(__name__)


def digest(articles: dict[str, tuple[str, int]]) -> str:
    """A digest of a store's listing: each article's id, version and sentence count."""
    rows = sorted(f"{i}\t{version}\t{count}" for i, (version, count) in articles.items())
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


class RevisionMark:
    """`<folder>/<name>.revision.json`: {"state": "writing" | "written", "key", "listing"}."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = Path(folder) / f"{name}.revision.json"

    def read(self) -> StoreMark | None:
        """What the last write recorded, or None (absent, mid-write, unreadable)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("state") != "written":
            return None
        key, listing = data.get("key"), data.get("listing")
        if not (isinstance(key, str) and key and isinstance(listing, str) and listing):
            return None
        return StoreMark(key, listing)

    def writing(self) -> None:
        """Before a write: readers stop trusting the mark until `written`. StoreError when the
        old mark can be neither replaced nor removed (readers would trust it after the write)."""
        try:
            self._put({"state": "writing"})
        except OSError as exc:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                raise StoreError(
                    f"Cannot update {self.path} ({exc.strerror})",
                    "Check that the store folder is writable, then try again",
                ) from None

    def written(self, store_id: str, revision: int, articles: dict[str, tuple[str, int]]) -> None:
        """After a committed write: the store now holds this revision and these articles."""
        data = {"state": "written", "key": f"{store_id}-{revision}", "listing": digest(articles)}
        try:
            self._put(data)
        except OSError as exc:  # the mark still says "writing": readers ask Chroma instead
            log.info("could not update %s: %s", self.path, exc)

    def _put(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, staging = tempfile.mkstemp(prefix=".mark-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f)
            os.replace(staging, self.path)
        finally:
            Path(staging).unlink(missing_ok=True)
