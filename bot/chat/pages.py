"""Long views (/compare, /timeline) kept page by page, so ◀ ▶ buttons can show one at a time."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any


class PageLog:
    """The pages of the last `capacity` paged views, oldest dropped first; thread-safe."""

    def __init__(self, capacity: int = 500) -> None:
        self.capacity = capacity
        self._views: OrderedDict[str, tuple[Any, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, pages: Sequence[Any]) -> str:
        """Keep the pages of one view; the id its buttons carry."""
        view_id = uuid.uuid4().hex[:16]
        with self._lock:
            self._views[view_id] = tuple(pages)
            while len(self._views) > self.capacity:
                self._views.popitem(last=False)
        return view_id

    def get(self, view_id: str) -> tuple[Any, ...] | None:
        """The pages of a view, or None once they were dropped (or after a restart)."""
        with self._lock:
            return self._views.get(view_id)
