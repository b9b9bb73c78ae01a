"""Disk space: writes that would not fit are refused first; a write that hangs is abandoned."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from index.errors import StoreError
from index.store.space import RESERVE_BYTES, StalledWrite, check_space, guarded

MB = 2**20


def test_a_write_that_would_not_fit_is_refused_before_it_starts(tmp_path):
    """The refusal says how much is needed, how much is free, and what to do."""
    with pytest.raises(StoreError) as caught:
        check_space(tmp_path, 40 * MB, free=lambda _: 30 * MB)
    message = caught.value.message
    assert "needs about 56 MB, 30 MB free" in message  # 40 MB plus the 16 MB reserve
    assert "nothing was stored" in message and "CHROMA_PATH" in message


def test_a_write_that_fits_with_the_reserve_goes_ahead(tmp_path):
    check_space(tmp_path, 40 * MB, free=lambda _: 40 * MB + RESERVE_BYTES)


def test_a_guarded_write_returns_its_value_and_raises_its_errors(tmp_path):
    assert guarded(lambda: 42, tmp_path) == 42
    with pytest.raises(ValueError, match="boom"):
        guarded(lambda: (_ for _ in ()).throw(ValueError("boom")), tmp_path)


@pytest.mark.parametrize(
    ("free_mb", "expected", "within_s"),
    [(1, "is full", 3), (500, "stopped answering", 3)],
    ids=["disk found nearly full", "disk fine but no answer"],
)
def test_a_write_that_hangs_is_abandoned_within_seconds(tmp_path, free_mb, expected, within_s):
    """A write blocked inside Chroma (as on a full disk) gives the caller a StoreError in time."""
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(StalledWrite) as caught:
        guarded(
            release.wait,
            Path(tmp_path),
            free=lambda _: free_mb * MB,
            stall_low_s=0.5,
            stall_s=1.5,
        )
    release.set()
    assert time.monotonic() - started < within_s
    assert expected in caught.value.message


CHROMA_ERRORS = {
    "sqlite full": "Query error: Database error: (code: 13) database or disk is full",
    "no space": "[Errno 28] No space left on device",
    "file size cap": "[Errno 27] File too large",
}


@pytest.mark.parametrize("text", CHROMA_ERRORS.values(), ids=CHROMA_ERRORS.keys())
def test_chroma_errors_from_a_full_disk_are_named_as_such(real_story_engine, text):
    """Not "check that the folder is writable": the disk is full, and what to do about it."""
    error = real_story_engine.store._error("write", RuntimeError(text))
    assert "is full" in error.message and "CHROMA_PATH" in error.message
    assert "writable" not in error.message
