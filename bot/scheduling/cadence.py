"""Weekly slots in the circle's own time zone.

Slots are computed on the local calendar and only then converted to UTC, so a Thursday 19:30 slot stays at
19:30 on the wall clock across daylight-saving changes (the UTC instant moves by an hour instead). A local
time that does not exist on a spring-forward night (02:30 in Europe/Berlin) resolves as zoneinfo does with
``fold=0``: the offset before the change, which lands an hour later on the wall clock (03:30); a time that
exists twice on a fall-back night takes its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def _local_time(post_time: str) -> time:
    hours, minutes = post_time.split(":")
    return time(int(hours), int(minutes))


def next_slot(timezone: str, weekday: int, post_time: str, after: datetime) -> datetime:
    """The first weekly slot strictly after ``after``, in UTC."""
    zone = ZoneInfo(timezone)
    local_after = after.astimezone(zone)
    wall = _local_time(post_time)
    day = local_after.date() + timedelta(days=(weekday - local_after.weekday()) % 7)
    for _ in range(3):  # this week's slot may already be past; next week's never is
        candidate = datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)
        if candidate > after:
            return candidate
        day += timedelta(days=7)
    raise AssertionError("unreachable: a slot two weeks ahead is always after `after`")


def on_day(start: datetime, timezone: str, day: int) -> datetime:
    """The instant ``day`` local calendar days after ``start``, at the same local wall time, in UTC."""
    zone = ZoneInfo(timezone)
    local = start.astimezone(zone)
    target = datetime.combine(local.date() + timedelta(days=day), local.time().replace(tzinfo=None), tzinfo=zone)
    return target.astimezone(UTC)
