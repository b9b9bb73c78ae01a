"""An engine that is built on first use, so creating a chat adapter touches no store."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from bot.protocols import StoryEngine

#: The engine methods a LazyEngine offers: exactly those of the StoryEngine protocol.
METHODS = frozenset(
    name for name, value in vars(StoryEngine).items() if callable(value) and name[0] != "_"
)


class LazyEngine:
    """A StoryEngine that calls `factory()` once, on the first engine call (in a worker thread).

    Looking a method up (as ChatService does on the event loop) never builds the engine:
    each method is a stand-in that builds it, then calls the real one.
    """

    def __init__(self, factory: Callable[[], StoryEngine]) -> None:
        self._factory = factory
        self._engine: StoryEngine | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """True once the real engine has been built."""
        return self._engine is not None

    def load(self) -> StoryEngine:
        """Build the engine now (if not yet built) and return it; errors propagate."""
        with self._lock:
            if self._engine is None:
                self._engine = self._factory()
            return self._engine

    def __getattr__(self, name: str) -> Any:
        if name not in METHODS:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

        def call(*args: Any, **kwargs: Any) -> Any:
            return getattr(self.load(), name)(*args, **kwargs)

        call.__name__ = name
        return call
