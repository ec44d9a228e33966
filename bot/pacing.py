"""A token bucket for the scheduler's own requests, so a thousand circles due in the same minute go out at
Discord's pace instead of meeting its global limit (50 requests a second) as a wall of 429 answers, each
of which counts towards the 10,000-invalid-requests ban."""

from __future__ import annotations

import asyncio


class Pacer:
    """At most ``rate`` acquisitions per second on average, ``burst`` at once."""

    def __init__(self, rate: float, burst: int | None = None) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else max(1, int(rate))
        self._tokens = float(self.burst)
        self._updated: float | None = None
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:  # one waiter refills and sleeps at a time, so order is first come, first served
            loop = asyncio.get_running_loop()
            now = loop.time()
            if self._updated is not None:
                self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            if self._tokens < 1:
                await asyncio.sleep((1 - self._tokens) / self.rate)
                self._tokens = 1.0
                self._updated = loop.time()
            self._tokens -= 1
