"""SIGTERM and SIGINT as a request to stop: finish (or tell) the answers in flight, then close.

Docker and systemd stop a service with SIGTERM, a terminal with Ctrl-C (SIGINT). Either sets
`Stop.requested` instead of killing the process mid-answer; the adapter then stops taking new
questions, gives those in flight `CHAT_SHUTDOWN_GRACE_S` to finish, tells the rest, and closes
its connection cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.chat.service import ChatService

log = logging.getLogger(__name__)
SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stop:
    """Set by SIGTERM or SIGINT once `install`ed on the running loop (or by `request`)."""

    def __init__(self) -> None:
        self.requested = asyncio.Event()
        self.signal: str | None = None
        self._installed: list[signal.Signals] = []

    def install(self) -> Stop:
        """Handle SIGTERM and SIGINT on the running loop (where the platform allows)."""
        loop = asyncio.get_running_loop()
        for sig in SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.request, sig.name)
                self._installed.append(sig)
        return self

    def uninstall(self) -> None:
        """Give the signals back to their default handling."""
        loop = asyncio.get_running_loop()
        for sig in self._installed:
            with contextlib.suppress(RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
        self._installed.clear()

    def request(self, why: str = "request") -> None:
        """Ask the adapter to stop (what a signal does)."""
        if not self.requested.is_set():
            log.warning("%s received: finishing the answers in flight, then stopping", why)
        self.signal = why
        self.requested.set()

    async def wait(self) -> None:
        """Return once a stop was requested."""
        await self.requested.wait()


class InFlight:
    """The answers an adapter is writing: counted, and cut (to be told) when a stop runs late."""

    def __init__(self, service: ChatService, grace_s: float) -> None:
        self.service = service
        self.grace_s = grace_s
        self.stopping = False
        self._tasks: set[asyncio.Task[Any]] = set()

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        """Around one whole reply (engine call and sending): counted in flight until it ends."""
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            with self.service.tracked():
                yield
        finally:
            if task is not None:
                self._tasks.discard(task)

    async def wind_down(self) -> int:
        """Stop taking questions; wait up to `grace_s` for the replies in flight, then cancel the
        rest (each catches the cancellation and tells its asker). Returns how many were cut."""
        self.stopping = True
        if await self.service.drain(self.grace_s):
            return 0
        cut = [t for t in self._tasks if not t.done()]
        log.warning("stopping: %d answer(s) still in flight; their askers are told", len(cut))
        for task in cut:
            task.cancel()
        if cut:
            await asyncio.wait(cut, timeout=5)
        return len(cut)
