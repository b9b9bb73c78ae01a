"""One writer per embedded store: the lock file, who holds it, waits, refusals and stale locks.

Other holders are real processes (a small Python script holding the lock), so the kernel's
record locks are exercised as they are between two `storybot` commands.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from index.errors import StoreError
from index.store.lock import HOLDERS_NAME, LOCK_NAME, StoreLock, live_holders

ROOT = Path(__file__).resolve().parents[2]
HOLD = textwrap.dedent(
    """
    import sys, time
    from index.store.lock import StoreLock
    lock = StoreLock.acquire(sys.argv[1], exclusive=sys.argv[2] == "exclusive",
                             wait_s=float(sys.argv[4]), command=sys.argv[3])
    print("held", flush=True)
    sys.stdin.readline()
    if sys.argv[5:] == ["upgrade"]:
        try:
            with lock.writing(wait_s=0.2):
                print("wrote", flush=True)
        except Exception as exc:
            print("refused:", exc, flush=True)
        sys.stdin.readline()
    """
)


class Holder:
    """A separate process holding the store lock until told to stop."""

    def __init__(self, folder: Path, mode: str, command: str, wait_s: float = 0.0, *extra: str):
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(folder), mode, command, str(wait_s), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def wait_held(self) -> None:
        assert self.process.stdout is not None and self.process.stderr is not None
        assert self.process.stdout.readline().strip() == "held", self.process.stderr.read()

    def stop(self) -> str:
        out, _ = self.process.communicate("go\n", timeout=30)
        return out

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "chroma"


def test_a_second_writer_waits_the_stated_time_then_names_the_holder(store):
    """A writer next to a running bot waits, then says who holds the store and what to do."""
    bot = Holder(store, "shared", "storybot discord")
    bot.wait_held()
    started = time.monotonic()
    with pytest.raises(StoreError) as caught:
        StoreLock.acquire(store, exclusive=True, wait_s=0.5, command="storybot ingest")
    waited = time.monotonic() - started
    bot.stop()
    message = caught.value.message
    assert 0.5 <= waited < 5
    assert f"in use by storybot discord (pid {bot.process.pid}, since " in message
    assert "waited 0.5 s" in message
    assert "/ingest" in message and "CHROMA_HOST" in message
    assert "\n" not in message


def test_a_reader_next_to_a_writer_is_told_who_writes(store):
    """`ask` during an ingest waits, then says the store is being written and by whom."""
    ingest = Holder(store, "exclusive", "storybot ingest")
    ingest.wait_held()
    with pytest.raises(StoreError) as caught:
        StoreLock.acquire(store, wait_s=0.2, command="storybot ask")
    ingest.stop()
    assert f"being written by storybot ingest (pid {ingest.process.pid}" in caught.value.message
    assert "Try again when it finishes" in caught.value.message


def test_readers_share_the_store(store):
    """Two readers (a bot and `storybot ask`) hold the store at once."""
    bot = Holder(store, "shared", "storybot discord")
    bot.wait_held()
    lock = StoreLock.acquire(store, wait_s=0.2, command="storybot ask")
    assert [h.command for h in lock.holders()] == ["storybot discord"]
    lock.release()
    bot.stop()


def test_a_writer_waits_for_a_short_reader_and_then_writes(store):
    """An orderly wait: the writer gets the store as soon as the reader lets go."""
    reader = Holder(store, "shared", "storybot ask")
    reader.wait_held()
    threading.Timer(0.5, reader.stop).start()
    started = time.monotonic()
    lock = StoreLock.acquire(store, exclusive=True, wait_s=10, command="storybot ingest")
    assert 0.4 < time.monotonic() - started < 10
    assert lock.exclusive
    lock.release()


def test_a_killed_writer_leaves_no_lock_behind(store, caplog):
    """kill -9 of a writer frees the store at once; its pid in the lock file is noticed as stale."""
    writer = Holder(store, "exclusive", "storybot ingest")
    writer.wait_held()
    assert json.loads((store / LOCK_NAME).read_text())["pid"] == writer.process.pid
    writer.kill()
    with caplog.at_level(logging.WARNING, logger="index.store.lock"):
        lock = StoreLock.acquire(store, exclusive=True, wait_s=0.0, command="storybot ingest")
    assert f"from storybot ingest (pid {writer.process.pid}" in caplog.text
    assert "no longer running" in caplog.text
    assert json.loads((store / LOCK_NAME).read_text())["pid"] == os.getpid()
    assert not (store / HOLDERS_NAME / str(writer.process.pid)).exists()
    lock.release()
    assert (store / LOCK_NAME).read_text() == ""


def test_stale_holder_entries_are_ignored_and_removed(store):
    """An entry naming a process that is gone does not block anyone and is cleaned up."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    (store / HOLDERS_NAME).mkdir(parents=True)
    entry = store / HOLDERS_NAME / str(dead.pid)
    record = {"pid": dead.pid, "command": "storybot ingest", "mode": "exclusive", "since": 0}
    entry.write_text(json.dumps(record))
    lock = StoreLock.acquire(store, exclusive=True, wait_s=0.0)
    assert live_holders(store) == []
    assert not entry.exists()
    lock.release()


def test_a_reader_takes_the_store_exclusive_only_to_write(store):
    """A bot holds the store shared, and exclusive for a write when no other process has it."""
    lock = StoreLock.acquire(store, wait_s=0.0, command="storybot discord")
    with lock.writing():
        other = Holder(store, "shared", "storybot ask", 0.0)
        _, err = other.process.communicate("", timeout=30)
        assert "being written by storybot discord" in err
    other = Holder(store, "shared", "storybot ask")
    other.wait_held()
    with pytest.raises(StoreError, match=r"in use by storybot ask"), lock.writing(wait_s=0.2):
        pass
    other.stop()
    lock.release()


def test_a_shared_holder_keeps_its_lock_when_an_upgrade_fails(store):
    """A failed upgrade leaves the process still holding the store shared (no gap for a writer)."""
    reader = Holder(store, "shared", "storybot slack", 0.0, "upgrade")
    reader.wait_held()
    mine = StoreLock.acquire(store, wait_s=0.0, command="storybot discord")
    reader.process.stdin.write("go\n")
    reader.process.stdin.flush()
    assert "in use by storybot discord" in reader.process.stdout.readline()
    mine.release()
    writer = Holder(store, "exclusive", "storybot ingest", 0.0)
    _, err = writer.process.communicate("", timeout=30)
    assert "in use by storybot slack" in err
    reader.stop()


def test_engines_in_one_process_share_the_lock(store):
    """Two holders in one process never wait for each other (the lock belongs to the process)."""
    first = StoreLock.acquire(store, exclusive=True, wait_s=0.0)
    second = StoreLock.acquire(store, wait_s=0.0)
    with second.writing(wait_s=0.0):
        pass
    second.release()
    first.release()
    assert not (store / HOLDERS_NAME / str(os.getpid())).exists()
