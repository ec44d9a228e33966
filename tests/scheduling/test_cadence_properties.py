"""Property-based tests of the weekly slot maths, across every time zone and its daylight-saving changes.

The rules (bot/scheduling/cadence.py): the next slot is strictly after the given instant and the first
such; it falls on the chosen weekday at the chosen wall time, except when that wall time does not exist
that day (a spring-forward gap, or Samoa's skipped day), where it lands as zoneinfo resolves it with
``fold=0``; ``on_day`` keeps the wall time of the week's start.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheduling.cadence import next_slot, on_day

zones = st.timezone_keys(allow_prefix=False)
instants = st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC))
walls = st.times().map(lambda t: time(t.hour, t.minute))


def exists(day: date, wall: time, zone: ZoneInfo) -> bool:
    """Whether ``wall`` happens on ``day`` in ``zone`` (not inside a spring-forward gap)."""
    naive = datetime.combine(day, wall)
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def resolved(day: date, wall: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


@settings(max_examples=400, deadline=None)
@given(key=zones, weekday=st.integers(0, 6), wall=walls, after=instants)
def test_next_slot_is_the_first_slot_strictly_after(key: str, weekday: int, wall: time, after: datetime) -> None:
    zone = ZoneInfo(key)
    slot = next_slot(key, weekday, f"{wall:%H:%M}", after)
    assert slot.tzinfo is UTC and slot > after
    local = slot.astimezone(zone)
    # the slot's calendar day: its own, or (when a gap pushed it past midnight) the day before
    day = next(d for d in (local.date(), local.date() - timedelta(days=1)) if d.weekday() == weekday)
    assert resolved(day, wall, zone) == slot
    if exists(day, wall, zone):
        assert (local.date(), local.time()) == (day, wall)
    assert resolved(day - timedelta(days=7), wall, zone) <= after  # the week before's slot was not after


@settings(max_examples=400, deadline=None)
@given(key=zones, weekday=st.integers(0, 6), wall=walls, after=instants, days=st.integers(0, 13))
def test_on_day_keeps_the_wall_time(key: str, weekday: int, wall: time, after: datetime, days: int) -> None:
    zone = ZoneInfo(key)
    start = next_slot(key, weekday, f"{wall:%H:%M}", after)
    later = on_day(start, key, days)
    local_start = start.astimezone(zone)
    target = local_start.date() + timedelta(days=days)
    assert later.tzinfo is UTC
    assert later == resolved(target, local_start.time(), zone)
    if exists(target, local_start.time(), zone):
        assert later.astimezone(zone).replace(tzinfo=None) == datetime.combine(target, local_start.time())
    if days:
        assert later > start
