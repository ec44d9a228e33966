"""A queue that writes events in batches, so a burst of messages costs a few transactions, not one each.

A batch is written when ``flush_at`` events are waiting, when the oldest waiting event is ``max_delay``
seconds old, when someone awaits :meth:`BatchWriter.flush`, and on :meth:`BatchWriter.close`.

What a crash can lose: only events not yet committed, and there are never more than ``max_pending`` of them
(waiting plus the batch being written): :meth:`BatchWriter.put` waits for room beyond that. While the
database keeps up, an event is committed within ``max_delay`` seconds plus one transaction of being put, so a
crash loses at most the events of the last ``max_delay`` seconds and never more than ``max_pending``.

A batch the sink refuses with one of the ``transient`` errors (the database held by a backup) is kept, in
front of what arrived since, and written again after a pause that doubles up to ``LONGEST_PAUSE``; while
closing it is tried ``CLOSING_TRIES`` times more, so a shutdown cannot hang on a database that stays locked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

Sink = Callable[[list[T]], Awaitable[None]]
FIRST_PAUSE = 0.5  # seconds before a refused batch is written again; doubles each time it is refused
LONGEST_PAUSE = 30.0
CLOSING_TRIES = 3


class WriterClosed(RuntimeError):
    """An event was put after :meth:`BatchWriter.close`."""


class BatchWriter(Generic[T]):
    def __init__(
        self,
        sink: Sink[T],
        *,
        flush_at: int = 500,
        max_delay: float = 1.0,
        max_pending: int = 5000,
        transient: tuple[type[Exception], ...] = (),
    ) -> None:
        if not 0 < flush_at <= max_pending:
            raise ValueError("flush_at must be between 1 and max_pending")
        self._sink = sink
        self._transient = transient
        self._refusals = 0  # times in a row the sink refused with a transient error
        self._closing_tries = 0  # of those, how many since close() was called
        self._refused = 0  # batches kept after a transient error, ever: ends a flush() that would hang
        self.flush_at = flush_at
        self.max_delay = max_delay
        self.max_pending = max_pending
        self._waiting: list[T] = []
        self._in_flight = 0
        self._oldest = 0.0
        self._accepted = 0  # events put so far
        self._finished = 0  # events whose batch was written (or failed and was logged)
        self.failed = 0  # events in batches the sink raised on
        self._wake = asyncio.Event()
        self._progress = asyncio.Condition()
        self._flush_wanted = False
        self._closing = False
        self._task: asyncio.Task[None] | None = None

    @property
    def pending(self) -> int:
        """Events accepted and not yet committed: what a crash now would lose."""
        return len(self._waiting) + self._in_flight

    async def put(self, item: T) -> None:
        """Queue one event; waits only when ``max_pending`` are already uncommitted (back-pressure)."""
        if self._closing:
            raise WriterClosed("the participation writer is closed")
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="participation-writer")
        task = self._task
        while self.pending >= self.max_pending:
            async with self._progress:
                await self._progress.wait_for(lambda: self.pending < self.max_pending or task.done())
            if task.done():
                raise WriterClosed("the participation writer stopped")
        if not self._waiting:
            self._oldest = asyncio.get_running_loop().time()
            self._wake.set()  # the writer sleeps without a deadline while nothing waits
        self._waiting.append(item)
        self._accepted += 1
        if len(self._waiting) >= self.flush_at:
            self._wake.set()

    async def flush(self) -> None:
        """Return once every event put before this call is written, or once a write of them was refused
        with a transient error: the caller (a member's command) then reads what is committed instead of
        waiting out a backup; the refused events stay queued."""
        target, refused = self._accepted, self._refused
        task = self._task
        if task is None or self._finished >= target:
            return
        self._flush_wanted = True
        self._wake.set()
        async with self._progress:
            await self._progress.wait_for(lambda: self._finished >= target or task.done() or self._refused > refused)

    async def close(self) -> None:
        """Write everything still waiting, then stop; later puts raise :class:`WriterClosed`."""
        self._closing = True
        self._wake.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            if not self._waiting:
                if self._closing:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            due = self._oldest + self.max_delay - loop.time()
            if len(self._waiting) < self.flush_at and not (self._flush_wanted or self._closing) and due > 0:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(due):
                        await self._wake.wait()
                continue
            await self._write_waiting()

    async def _write_waiting(self) -> None:
        batch, self._waiting = self._waiting, []
        self._flush_wanted = False
        self._in_flight = len(batch)
        kept = False
        try:
            await self._sink(batch)
            self._refusals = 0
        except self._transient as err:
            kept = self._keep(batch, err)
            self.failed += 0 if kept else len(batch)
        except Exception:
            # Keep running: one bad batch must not stop logging for the rest of the bot's life.
            self.failed += len(batch)
            log.exception("could not write %d participation events; they are lost", len(batch))
        finally:
            self._in_flight = 0
            self._finished += 0 if kept else len(batch)
            self._refused += kept
            async with self._progress:
                self._progress.notify_all()
        if kept:
            await self._pause()

    def _keep(self, batch: list[T], err: Exception) -> bool:
        """Put a refused batch back in front of the queue; False when closing and out of tries (logged)."""
        self._refusals += 1
        self._closing_tries += self._closing
        if self._closing_tries > CLOSING_TRIES:
            log.error("could not write %d participation events before closing (%s); they are lost", len(batch), err)
            return False
        log.warning("could not write %d participation events (%s); keeping them to try again", len(batch), err)
        self._waiting = batch + self._waiting
        return True

    async def _pause(self) -> None:
        """Wait before writing a refused batch again; close() or flush() cuts the wait short."""
        pause = FIRST_PAUSE if self._closing else min(FIRST_PAUSE * 2 ** (self._refusals - 1), LONGEST_PAUSE)
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(pause):
                await self._wake.wait()
