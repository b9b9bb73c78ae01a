"""A small file beside an embedded store saying which revision it holds, written by its writers.

A reader that finds the mark can key its catalog cache on it without opening Chroma, so a cold
`storybot ask` never imports chromadb. Every write through `ChromaStore` marks the file
"writing" before it touches the store and records the new revision after the commit; readers
trust only a "written" mark. A crash mid-write leaves "writing": readers then ask Chroma itself
until the next write completes. Nothing but storybot's own writers changes a store's revision
counter either, so the mark is as current as the counter it copies.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from index.errors import StoreError

log = logging.getLogger(__name__)


class RevisionMark:
    """`<folder>/<name>.revision.json`: {"state": "writing" | "written", "key": id-revision}."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = Path(folder) / f"{name}.revision.json"

    def key(self) -> str | None:
        """The store's `<store id>-<revision>` as last written, or None (absent, mid-write,
        unreadable)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("state") != "written":
            return None
        key = data.get("key")
        return key if isinstance(key, str) and key else None

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

    def written(self, store_id: str, revision: int) -> None:
        """After a committed write: the store now holds this revision."""
        try:
            self._put({"state": "written", "key": f"{store_id}-{revision}"})
        except OSError as exc:  # the mark still says "writing": readers ask Chroma instead
            log.warning("could not update %s: %s", self.path, exc)

    def _put(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, staging = tempfile.mkstemp(prefix=".mark-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f)
            os.replace(staging, self.path)
        finally:
            Path(staging).unlink(missing_ok=True)
