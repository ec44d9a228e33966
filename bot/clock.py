"""The time source the bot asks for "now" and waits on, so tests can move time instead of waiting for it.

The scheduler waits only through ``Clock.sleep_until``: a test clock then drives a whole week in
milliseconds, and the system clock re-checks the wall time at least every few minutes, so a suspended
laptop or a corrected system time never leaves a post waiting on a stale timer.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Protocol

_LONGEST_NAP = 300.0  # seconds the system clock sleeps before looking at the wall time again


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...

    async def sleep_until(self, when: datetime) -> None:
        """Return once ``now() >= when``; at once when that is already so. Cancellable."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime) -> None:
        while (remaining := (when - self.now()).total_seconds()) > 0:
            await asyncio.sleep(min(remaining, _LONGEST_NAP))
