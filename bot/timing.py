"""Millisecond timings for the `timings_ms` of answers, summaries and ingest reports."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


def process_ms() -> float | None:
    """Milliseconds since this process started (interpreter start-up and imports included), or
    None where the system does not say (read from /proc on Linux; 10 ms resolution)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            started_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        ticks = os.sysconf("SC_CLK_TCK")
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started_ticks / ticks) * 1000.0
    except (OSError, ValueError, IndexError, AttributeError):
        return None


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
