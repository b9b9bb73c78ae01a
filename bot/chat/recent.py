"""A bounded memory of ids seen lately: each Slack delivery (or click) is acted on once."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


class RecentIds:
    """The last `capacity` ids, each forgotten after `ttl_s` seconds; oldest dropped first.

    Slack redelivers an event it thinks was missed (`X-Slack-Retry-Num`, Socket Mode's
    `retry_attempt`) with the same `event_id`, minutes later at most: an hour is plenty.
    """

    def __init__(
        self,
        capacity: int = 10_000,
        ttl_s: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = capacity
        self.ttl_s = ttl_s
        self.clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, key: str) -> bool:
        """True the first time `key` is offered (and remember it); False for a repeat."""
        now = self.clock()
        while self._seen:
            oldest, at = next(iter(self._seen.items()))
            if now - at < self.ttl_s and len(self._seen) < self.capacity:
                break
            self._seen.pop(oldest)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True

    def __len__(self) -> int:
        return len(self._seen)
