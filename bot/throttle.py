"""At most N calls at a time into one object, from any number of threads."""

from __future__ import annotations

import functools
import threading
from typing import Any


class Throttled:
    """Wraps an object so that at most `limit` of its method calls run at once; others wait.

    The engine wraps its language model answerer in one, so a burst of questions never sends
    the model server more requests at a time than LLM_CONCURRENCY. Attributes that are not
    methods are read straight through.
    """

    def __init__(self, inner: Any, limit: int) -> None:
        self._inner = inner
        self._slots = threading.BoundedSemaphore(max(1, limit))
        self.limit = max(1, limit)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr) or name.startswith("__"):
            return attr

        @functools.wraps(attr)
        def call(*args: Any, **kwargs: Any) -> Any:
            with self._slots:
                return attr(*args, **kwargs)

        return call
