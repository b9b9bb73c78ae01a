"""Sliding-window rate limits per user and per channel."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable

from index.errors import StorybotError


class RateLimited(StorybotError):
    """The user or channel asked too often; the message says when to try again."""

    def __init__(self, retry_after_s: float, scope: str) -> None:
        self.retry_after_s = retry_after_s
        self.scope = scope
        wait = max(1, math.ceil(retry_after_s))
        who = "You are" if scope == "user" else "This channel is"
        super().__init__(f"{who} asking a little fast", f"Please try again in {wait} s")


class RateLimiter:
    """Allows `limit` events per `window_s` seconds for each key; `limit` 0 means unlimited."""

    def __init__(
        self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._events: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may act again; 0 when it may act now. Records nothing."""
        if self.limit <= 0:
            return 0.0
        events = self._prune(key)
        if len(events) < self.limit:
            return 0.0
        return events[0] + self.window_s - self.clock()

    def hit(self, key: str) -> None:
        """Record one event for `key`."""
        if self.limit > 0:
            self._events[key].append(self.clock())

    def _prune(self, key: str) -> deque[float]:
        events = self._events[key]
        cutoff = self.clock() - self.window_s
        while events and events[0] <= cutoff:
            events.popleft()
        return events


class ChatLimits:
    """The per-user and per-channel limits of one chat adapter, checked together."""

    def __init__(
        self,
        user_rate: int,
        channel_rate: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.users = RateLimiter(user_rate, window_s, clock)
        self.channels = RateLimiter(channel_rate, window_s, clock)

    def check(self, user_id: str, channel_id: str) -> None:
        """Record a request, or raise RateLimited (recording nothing) if either limit is reached."""
        wait_user = self.users.retry_after(user_id)
        if wait_user > 0:
            raise RateLimited(wait_user, "user")
        wait_channel = self.channels.retry_after(channel_id)
        if wait_channel > 0:
            raise RateLimited(wait_channel, "channel")
        self.users.hit(user_id)
        self.channels.hit(channel_id)
