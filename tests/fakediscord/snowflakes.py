"""Snowflake ids shaped like Discord's, so code that reads a timestamp out of an id sees a sane time."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1420070400000

_lock = threading.Lock()
_last = 0
_increment = itertools.count()


def next_snowflake() -> int:
    """Return a new id, strictly greater than every id handed out before in this process.

    One process-wide sequence keeps ids monotonic across several fake servers and bot restarts
    in one test, as Discord's are; ids derive from the wall clock like real ones.
    """
    global _last
    with _lock:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        candidate = (ms << 22) | (1 << 17) | (next(_increment) & 0xFFF)
        if candidate <= _last:
            candidate = _last + 1
        _last = candidate
        return candidate


def snowflake_time(snowflake: int) -> datetime:
    """The creation time Discord clients read from an id."""
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


def iso(dt: datetime) -> str:
    """Discord's timestamp format (ISO 8601 with offset)."""
    return dt.isoformat()


def now() -> datetime:
    return datetime.now(UTC)
