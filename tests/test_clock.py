"""The test clock on its own, without Discord: virtual time, ordered wake-ups, waiting for the woken work."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.clock import ClockTimeout, FakeClock

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


async def test_now_is_aware_utc_and_naive_times_are_refused() -> None:
    clock = FakeClock(datetime(2025, 3, 3, 10, 0, tzinfo=datetime.now().astimezone().tzinfo))
    assert clock.now().tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        FakeClock(datetime(2025, 3, 3))
    with pytest.raises(ValueError, match="naive"):
        await clock.sleep_until(datetime(2025, 3, 4))


async def test_a_deadline_not_in_the_future_returns_at_once() -> None:
    clock = FakeClock(START)
    await asyncio.wait_for(clock.sleep_until(START - timedelta(days=1)), timeout=1)
    await asyncio.wait_for(clock.sleep_until(START), timeout=1)
    assert clock.sleepers == []


async def test_advance_wakes_due_sleepers_in_deadline_order_at_their_deadline() -> None:
    clock = FakeClock(START)
    woke: list[tuple[str, datetime]] = []

    async def sleeper(name: str, hours: int) -> None:
        await clock.sleep_until(START + timedelta(hours=hours))
        woke.append((name, clock.now()))

    tasks = [asyncio.create_task(sleeper(n, h)) for n, h in [("c", 3), ("a", 1), ("later", 30), ("b", 2), ("b2", 2)]]
    await asyncio.sleep(0)
    assert clock.sleepers == [START + timedelta(hours=h) for h in (1, 2, 2, 3, 30)]
    assert await clock.advance(timedelta(hours=3)) == 4
    assert woke == [(n, START + timedelta(hours=h)) for n, h in [("a", 1), ("b", 2), ("b2", 2), ("c", 3)]]
    assert clock.now() == START + timedelta(hours=3)
    assert clock.sleepers == [START + timedelta(hours=30)]
    with pytest.raises(ValueError, match="backwards"):
        await clock.advance_to(START)
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_woken_work_finishes_before_the_next_sleeper_wakes() -> None:
    """A woken coroutine runs to its next sleep, through threads and the tasks it starts, before the next wakes."""
    clock = FakeClock(START)
    log: list[str] = []

    async def post(name: str) -> None:
        await asyncio.to_thread(time.sleep, 0.01)  # a database write in aiosqlite's thread, say
        log.append(f"{name} posted")

    async def runner(name: str, hours: list[int]) -> None:
        for h in hours:
            await clock.sleep_until(START + timedelta(hours=h))
            log.append(f"{name} woke at {clock.now():%H}")
            await asyncio.to_thread(time.sleep, 0.01)
            asyncio.create_task(post(name))  # noqa: RUF006 - the clock waits for it: that is the point

    tasks = [asyncio.create_task(runner("x", [1, 3])), asyncio.create_task(runner("y", [2]))]
    await asyncio.sleep(0)
    await clock.advance(timedelta(hours=5))
    assert log == ["x woke at 10", "x posted", "y woke at 11", "y posted", "x woke at 12", "x posted"]
    await asyncio.gather(*tasks)


async def test_a_runner_that_also_waits_for_new_jobs_is_followed() -> None:
    """The runner shape with a wake-early event: a bare sleep task raced against 'a job was added'."""
    clock = FakeClock(START)
    due = [START + timedelta(days=d) for d in (1, 3)]
    ran: list[datetime] = []
    added = asyncio.Event()

    async def run_jobs() -> None:
        while due:
            sleep = asyncio.create_task(clock.sleep_until(min(due)))
            changed = asyncio.create_task(added.wait())
            await asyncio.wait({sleep, changed}, return_when=asyncio.FIRST_COMPLETED)
            sleep.cancel()
            changed.cancel()
            added.clear()
            for when in sorted(w for w in due if w <= clock.now()):
                await asyncio.to_thread(time.sleep, 0.005)  # send, then record
                ran.append(clock.now())
                due.remove(when)

    runner = asyncio.create_task(run_jobs())
    await asyncio.sleep(0)
    due.append(START + timedelta(days=2))
    added.set()
    await asyncio.sleep(0.01)
    assert clock.sleepers == [START + timedelta(days=1)]
    await clock.advance(timedelta(days=2, hours=12))
    assert ran == [START + timedelta(days=1), START + timedelta(days=2)]
    assert clock.sleepers == [START + timedelta(days=3)]
    await clock.advance(timedelta(days=1))
    assert ran[-1] == START + timedelta(days=3)
    await asyncio.wait_for(runner, timeout=1)


async def test_sleep_until_is_cancellable() -> None:
    clock = FakeClock(START)
    task = asyncio.create_task(clock.sleep_until(START + timedelta(hours=1)))
    await asyncio.sleep(0)
    assert clock.sleepers == [START + timedelta(hours=1)]
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert clock.sleepers == []
    assert await clock.advance(timedelta(hours=2)) == 0


async def test_run_until_drives_a_week_of_daily_jobs_in_milliseconds() -> None:
    clock = FakeClock(START)
    seen: list[datetime] = []

    async def daily() -> None:
        while True:
            await clock.sleep_until(clock.now().replace(hour=18, minute=0) + timedelta(days=1))
            seen.append(clock.now())

    task = asyncio.create_task(daily())
    await asyncio.sleep(0)
    started = time.perf_counter()
    woken = await clock.run_until(START + timedelta(days=7), step=timedelta(hours=6))
    elapsed = time.perf_counter() - started
    assert woken == 6 and [d.day for d in seen] == [4, 5, 6, 7, 8, 9]
    assert all(d.hour == 18 for d in seen)
    assert clock.now() == START + timedelta(days=7)
    print(f"a simulated week with {woken} wake-ups took {elapsed * 1000:.1f} ms")
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def test_settle_hook_runs_after_each_wake() -> None:
    clock = FakeClock(START)
    order: list[str] = []

    async def settle() -> None:
        order.append("settled")

    clock.settle = settle

    async def once() -> None:
        await clock.sleep_until(START + timedelta(minutes=1))
        order.append("woke")

    task = asyncio.create_task(once())
    await asyncio.sleep(0)
    await clock.advance(timedelta(minutes=5))
    assert order == ["woke", "settled"]
    await task


async def test_woken_code_that_never_sleeps_again_fails_with_its_name() -> None:
    clock = FakeClock(START, timeout=0.2)
    stuck = asyncio.Event()

    async def hangs() -> None:
        await clock.sleep_until(START + timedelta(minutes=1))
        await stuck.wait()

    task = asyncio.create_task(hangs(), name="job-runner")
    await asyncio.sleep(0)
    with pytest.raises(ClockTimeout, match="job-runner"):
        await clock.advance(timedelta(minutes=1))
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
