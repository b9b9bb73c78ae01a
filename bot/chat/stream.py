"""Partial answer text, from the engine's worker thread to a chat message, one edit a second.

The engine calls `push` from its thread each time the model's reply grows; `PartialRelay`
hands the newest text to the adapter's async `show` (which posts a message the first time and
edits it afterwards), never more often than once per `interval_s`, skipping texts that were
overtaken meanwhile. Closing the relay stops it (no partial is shown after the answer is done)
and waits until the final edit is allowed too, so every edit of the message keeps the pace.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)
EDIT_INTERVAL_S = 1.0
Show = Callable[[str], Awaitable[None]]


class PartialRelay:
    """Shows the newest partial text with `show`, at most once per `interval_s`."""

    def __init__(
        self,
        show: Show,
        interval_s: float = EDIT_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.show = show
        self.interval_s = interval_s
        self.clock = clock
        self.shown: list[str] = []
        self._latest: str | None = None
        self._last_at: float | None = None
        self._wake = asyncio.Event()
        self._closed = False
        self._showing = False
        self._task: asyncio.Task[None] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._loop = asyncio.get_running_loop()

    def push(self, text: str) -> None:
        """Offer newer text; safe to call from any thread (it hops onto the event loop)."""
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is watching any more
            self._loop.call_soon_threadsafe(self._offer, text)

    def _offer(self, text: str) -> None:
        if not self._closed:
            self._latest = text
            self._wake.set()

    async def __aenter__(self) -> PartialRelay:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Show nothing more; return once the next edit (the final one) keeps the pace."""
        self._closed = True
        self._wake.set()
        if self._timer is not None:
            self._timer.cancel()
        if self._task is not None:
            if not self._showing:
                self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        wait = self._wait()
        if wait > 0:
            await asyncio.sleep(wait)

    async def _run(self) -> None:
        # Woken by new text, or by the timer armed when text came too soon after the last
        # edit (so the newest text is shown even if no more arrives).
        while True:
            await self._wake.wait()
            self._wake.clear()
            if self._closed:
                return
            wait = self._wait()
            if wait > 0:
                self._arm(wait)
                continue
            text, self._latest = self._latest, None
            if text is None:
                continue
            self._showing = True
            self._last_at = self.clock()
            try:
                await self.show(text)
                self.shown.append(text)
            except Exception:  # a failed edit is overwritten by the final one
                log.warning("showing a partial answer failed", exc_info=True)
            finally:
                self._showing = False

    def _wait(self) -> float:
        """Seconds until the next edit is allowed (0 or less: now)."""
        if self._last_at is None:
            return 0.0
        return self._last_at + self.interval_s - self.clock()

    def _arm(self, wait: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._loop.call_later(wait, self._wake.set)
