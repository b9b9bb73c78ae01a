"""Millisecond timings for the `timings_ms` of answers, summaries and ingest reports."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


def ms_since(started: float) -> float:
    """Milliseconds elapsed since a `time.perf_counter()` reading."""
    return (time.perf_counter() - started) * 1000.0


@contextmanager
def timed(timings: dict[str, float], name: str) -> Iterator[None]:
    """Add the block's duration in ms to `timings[name]`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + ms_since(started)
