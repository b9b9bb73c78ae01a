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
