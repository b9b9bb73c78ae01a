"""One writer per embedded store, enforced: a lock file in the store's folder.

Chroma's embedded store keeps its HNSW index in each process's memory and rewrites the index
files on disk as it writes; two writers, or a reader loading the files while a writer rewrites
them, corrupt the store (one index file grew to 72 GB that way). So every process that opens the
store holds a shared lock on `storybot.lock` for as long as it has it open, and a write needs
the lock exclusive: one writer at a time, with no other process beside it. Readers share.

The locks are POSIX record locks (`fcntl.lockf`), held by the kernel: a process that exits or is
killed (kill -9 included) releases them, so a lock can never outlive its holder. Changing a held
lock from shared to exclusive is atomic (it fails without dropping the shared one), and the locks
belong to the process, so several engines in one process share one lock. The lock file holds the
current writer's pid and command, and `storybot.lock.d/<pid>` one line per process that has the
store open, so a process that has to wait can say who holds the store; entries left by processes
that are gone are stale, and are removed by whoever finds them.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import fcntl
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import StoreError

log = logging.getLogger(__name__)
LOCK_NAME = "storybot.lock"
HOLDERS_NAME = "storybot.lock.d"
WAIT_S = 10.0
_POLL_S = 0.05
_registry: dict[str, _Held] = {}
_registry_lock = threading.Lock()


@dataclass(frozen=True)
class Holder:
    """A process that has the store open: its pid, command, mode and since when."""

    pid: int
    command: str
    mode: str
    since: float

    def describe(self) -> str:
        """`storybot ingest (pid 4242, since 10:02:11)`."""
        since = time.strftime("%H:%M:%S", time.localtime(self.since))
        return f"{self.command} (pid {self.pid}, since {since})"


class StoreLock:
    """This process's hold on one embedded store: shared while open, exclusive while writing."""

    def __init__(self, held: _Held, exclusive: bool, wait_s: float) -> None:
        self._held = held
        self._exclusive = exclusive
        self._wait_s = wait_s
        self._released = False

    @classmethod
    def acquire(
        cls,
        folder: Path | str,
        *,
        exclusive: bool = False,
        wait_s: float = WAIT_S,
        command: str | None = None,
    ) -> StoreLock:
        """Hold the store in `folder` (shared, or exclusive for a writer), waiting up to `wait_s`.

        StoreError after the wait, naming the process that holds it and what to do.
        """
        folder = Path(folder)
        key = str(folder.resolve())
        with _registry_lock:
            held = _registry.get(key)
            if held is None:
                held = _registry[key] = _Held(folder, command or _this_command())
            held.users += 1
        lock = cls(held, exclusive=exclusive, wait_s=wait_s)
        try:
            # A writer goes straight to exclusive: two writers that each held a shared lock
            # while waiting to upgrade would wait for each other until both gave up.
            held.hold(
                shared=0 if exclusive else 1,
                exclusive=int(exclusive),
                wait_s=wait_s,
                writing=exclusive,
            )
        except BaseException:
            with _registry_lock:
                held.users -= 1
                if held.users == 0:
                    _registry.pop(key, None)
                    held.close()
            lock._released = True
            raise
        return lock

    @property
    def folder(self) -> Path:
        """The store's folder."""
        return self._held.folder

    @property
    def exclusive(self) -> bool:
        """True while this holder writes (or was opened as a writer)."""
        return self._exclusive

    @contextlib.contextmanager
    def writing(self, wait_s: float | None = None) -> Iterator[None]:
        """Hold the store exclusively for one write (at once if this holder is a writer)."""
        if self._exclusive:
            yield
            return
        waiting = self._wait_s if wait_s is None else wait_s
        self._held.hold(shared=0, exclusive=1, wait_s=waiting, writing=True)
        try:
            yield
        finally:
            self._held.hold(shared=0, exclusive=-1)

    def release(self) -> None:
        """Let go of the store (the last holder in the process closes the lock file)."""
        if self._released:
            return
        self._released = True
        held = self._held
        with _registry_lock:
            held.users -= 1
            last = held.users == 0
            if last:
                _registry.pop(str(held.folder.resolve()), None)
        held.hold(shared=0 if self._exclusive else -1, exclusive=-1 if self._exclusive else 0)
        if last:
            held.close()

    def holders(self) -> list[Holder]:
        """The processes that have this store open (stale entries removed)."""
        return live_holders(self._held.folder)


class _Held:
    """The process's one open lock file for a store, and how many of its users need which mode."""

    def __init__(self, folder: Path, command: str) -> None:
        self.folder = folder
        self.command = command
        self.users = 0
        self.shared = 0
        self.exclusive = 0
        self._mutex = threading.RLock()
        self._fd: int | None = None
        self._mode: str | None = None
        self.since = time.time()

    def hold(self, *, shared: int, exclusive: int, wait_s: float = 0.0, writing=False) -> None:
        """Change the counts of shared and exclusive users, locking or unlocking as needed."""
        with self._mutex:
            want_ex = self.exclusive + exclusive > 0
            want_any = want_ex or self.shared + shared > 0
            target = "exclusive" if want_ex else "shared" if want_any else None
            if target != self._mode:
                self._set(target, wait_s, writing)
            self.shared += shared
            self.exclusive += exclusive

    def _set(self, mode: str | None, wait_s: float, writing: bool) -> None:
        if mode is None:
            self._unlock()
            return
        fd = self._open()
        kind = fcntl.LOCK_EX if mode == "exclusive" else fcntl.LOCK_SH
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.lockf(fd, kind | fcntl.LOCK_NB, 1, 0)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise StoreError(
                        f"Cannot lock the store in {self.folder} ({exc.strerror})",
                        "Put CHROMA_PATH on a local disk that supports file locks",
                    ) from None
                if time.monotonic() >= deadline:
                    holders = live_holders(self.folder)
                    raise busy_error(self.folder, holders, writing, wait_s) from None
                time.sleep(_POLL_S)
        if mode == "exclusive":
            self._note_writer(fd)
        elif self._mode == "exclusive":
            os.ftruncate(fd, 0)
        self._mode = mode
        self._write_holder(mode)

    def _open(self) -> int:
        if self._fd is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                (self.folder / HOLDERS_NAME).mkdir(exist_ok=True)
                self._fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise StoreError(
                    f"Cannot open the store's lock file in {self.folder} ({exc.strerror})",
                    "Check that the folder is writable, or set CHROMA_PATH to another folder",
                ) from None
            atexit.register(self.close)
            live_holders(self.folder)  # sweeps entries left by processes that are gone
        return self._fd

    def _note_writer(self, fd: int) -> None:
        """Write our pid into the lock file; a pid already there is a writer that died."""
        before = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
        stale = _parse_holder(before)
        if stale is not None and stale.pid != os.getpid():
            log.warning(
                "took over the store lock in %s from %s, which is no longer running",
                self.folder,
                stale.describe(),
            )
        line = json.dumps(self._record("exclusive")).encode("utf-8") + b"\n"
        os.ftruncate(fd, 0)
        os.pwrite(fd, line, 0)

    def _record(self, mode: str) -> dict:
        return {"pid": os.getpid(), "command": self.command, "mode": mode, "since": self.since}

    def _write_holder(self, mode: str | None) -> None:
        entry = self.folder / HOLDERS_NAME / str(os.getpid())
        try:
            if mode is None:
                entry.unlink(missing_ok=True)
            else:
                entry.write_text(json.dumps(self._record(mode)) + "\n", encoding="utf-8")
        except OSError:  # only the description of who holds the store is lost
            log.debug("could not record the store holder in %s", entry)

    def _unlock(self) -> None:
        if self._fd is not None and self._mode is not None:
            if self._mode == "exclusive":
                os.ftruncate(self._fd, 0)
            fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, 0)
        self._mode = None
        self._write_holder(None)

    def close(self) -> None:
        """Release everything and close the lock file (also run at exit)."""
        with self._mutex:
            if self._fd is None:
                return
            with contextlib.suppress(OSError):
                self._unlock()
            os.close(self._fd)  # closing drops this process's locks on the file
            self._fd = None
            self.shared = self.exclusive = 0


def live_holders(folder: Path | str) -> list[Holder]:
    """Processes recorded as holding the store in `folder`; entries of dead processes removed."""
    holders = []
    directory = Path(folder) / HOLDERS_NAME
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    for entry in entries:
        try:
            holder = _parse_holder(entry.read_text(encoding="utf-8"))
        except OSError:
            continue
        if holder is None or not _alive(holder.pid):
            with contextlib.suppress(OSError):
                entry.unlink()
            continue
        if holder.pid != os.getpid():
            holders.append(holder)
    return sorted(holders, key=lambda h: (h.mode != "exclusive", h.since))


def busy_error(folder: Path, holders: list[Holder], writing: bool, wait_s: float) -> StoreError:
    """The one line for a store another process holds: who, and what to do."""
    waited = f"waited {wait_s:g} s"
    writer = next((h for h in holders if h.mode == "exclusive"), None)
    share = "or share the store through a Chroma server (set CHROMA_HOST; see README)"
    if writer is not None:
        return StoreError(
            f"The store in {folder} is being written by {writer.describe()}; {waited}",
            f"Try again when it finishes, {share}",
        )
    who = ", ".join(h.describe() for h in holders[:3]) or "another process"
    problem = f"The store in {folder} is in use by {who}; {waited}"
    if not writing:
        return StoreError(problem, f"Try again when it finishes, {share}")
    bots = [h for h in holders if h.command.endswith(("discord", "slack"))]
    via_bot = "add articles through the running bot (/ingest), " if bots else ""
    return StoreError(
        problem, f"Wait for it to finish, {via_bot}stop it first, {share.removeprefix('or ')}"
    )


def _parse_holder(text: str) -> Holder | None:
    try:
        data = json.loads(text)
        return Holder(
            int(data["pid"]), str(data["command"]), str(data["mode"]), float(data["since"])
        )
    except (ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _this_command() -> str:
    """The program's name, when the caller did not say which command holds the store."""
    return Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
