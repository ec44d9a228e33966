"""A test clock: virtual time that moves only when the test moves it, waking the code that waits on it.

The bot reads time only through ``clock.now()`` and waits only through ``await clock.sleep_until(when)``
(bot/clock.py), so a test drives a whole week in milliseconds::

    clock = FakeClock(datetime(2025, 3, 3, 18, tzinfo=UTC), settle=fake.settle)
    async with running_bot(fake, settings, clock=clock):
        await clock.run_until(clock.now() + timedelta(days=7))

Moving time wakes every sleeper whose deadline has passed, earliest first (ties in the order they went to
sleep), with ``now()`` set to that deadline, and lets the woken code run to its next wait before waking the
next one. "Ran to its next wait" is known without sleeping: the woken task is asleep on this clock again or
finished, and so is every task started since the wake (tasks parked on an ``asyncio.Event``, ``Condition``
or ``Queue`` until signalled, and long-lived infrastructure such as aiohttp's connection handlers and
discord.py view timeouts, aside). When the sleeper was a bare
``asyncio.create_task(clock.sleep_until(...))`` raced against "a job was added", the woken work is the
code awaiting that task: it is back when it calls ``sleep_until`` again or has finished. The optional
``settle`` hook (``FakeDiscord.settle``) then lets the fake's gateway events reach the bot and waits for
its handlers. Anything still running after ``timeout`` real seconds fails the test, naming the tasks.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

DEFAULT_START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday, weeks before Europe's DST change
DEFAULT_TIMEOUT = 5.0

_AIOHTTP_DIR = str(Path(aiohttp.__file__).parent)
# Tasks that live for minutes by design and belong to no single wake: waiting for them would never end.
_LONG_LIVED = ("__timeout_task_impl", "Loop._loop")
# Where a task parked until someone signals it waits; a lock is left out, since its holder is working.
_PARKED_IN = ("Event.wait", "Condition.wait", "Queue.get")


class ClockTimeout(AssertionError):
    """Code woken by the clock did not get back to sleep (or finish) in time; the message names it."""


@dataclass(eq=False)
class _Sleeper:
    deadline: datetime
    order: int
    future: asyncio.Future[None]
    task: asyncio.Task[object] | None
    bare: bool  # the task does nothing but this sleep: its awaiter is the real actor


class FakeClock:
    """Implements the bot's Clock protocol (``now``, ``sleep_until``) on virtual time; see the module doc."""

    def __init__(
        self,
        start: datetime = DEFAULT_START,
        *,
        settle: Callable[[], Awaitable[None]] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._now = _utc(start)
        self.settle = settle
        self.timeout = timeout
        self._sleepers: list[_Sleeper] = []
        self._order = itertools.count()
        self._registrations = 0
        self._activity: asyncio.Future[None] | None = None

    def now(self) -> datetime:
        return self._now

    async def sleep_until(self, when: datetime) -> None:
        """Wait until virtual time reaches ``when``; a deadline not in the future returns at once."""
        deadline = _utc(when)
        if deadline <= self._now:
            await asyncio.sleep(0)
            return
        task = asyncio.current_task()
        sleeper = _Sleeper(
            deadline,
            next(self._order),
            asyncio.get_running_loop().create_future(),
            task,
            bare=task is not None and _runs_only_sleep_until(task),
        )
        self._sleepers.append(sleeper)
        self._registrations += 1
        self._notify()
        try:
            await sleeper.future
        finally:
            if sleeper in self._sleepers:  # cancelled while asleep
                self._sleepers.remove(sleeper)
                self._notify()

    @property
    def sleepers(self) -> list[datetime]:
        """The deadlines still waited on, earliest first."""
        return sorted(s.deadline for s in self._sleepers)

    async def advance(self, delta: timedelta) -> int:
        """Move time forward by ``delta``; returns how many sleepers were woken."""
        if delta < timedelta(0):
            raise ValueError(f"time does not go backwards (advance by {delta})")
        return await self.advance_to(self._now + delta)

    async def advance_to(self, when: datetime) -> int:
        """Move time to ``when``, waking due sleepers one at a time in deadline order."""
        target = _utc(when)
        if target < self._now:
            raise ValueError(f"time does not go backwards (now {self._now.isoformat()}, asked {target.isoformat()})")
        woken = 0
        while due := [s for s in self._sleepers if s.deadline <= target]:
            sleeper = min(due, key=lambda s: (s.deadline, s.order))
            self._now = max(self._now, sleeper.deadline)
            await self._wake(sleeper)
            woken += 1
        self._now = target
        return woken

    async def run_until(self, when: datetime, *, step: timedelta | None = None) -> int:
        """Advance to ``when``, in increments of ``step`` if given (for code that polls ``now()``)."""
        if step is None:
            return await self.advance_to(when)
        if step <= timedelta(0):
            raise ValueError(f"step must be positive, not {step}")
        target = _utc(when)
        woken = 0
        while self._now < target:
            woken += await self.advance_to(min(self._now + step, target))
        return woken

    # --- waking one sleeper and waiting for what it does ------------------------------------------

    async def _wake(self, sleeper: _Sleeper) -> None:
        before = asyncio.all_tasks()
        registrations = self._registrations
        awaiters = _awaiters(sleeper.task) if sleeper.bare and sleeper.task is not None else set()
        self._sleepers.remove(sleeper)
        sleeper.future.set_result(None)
        await self._until_quiet(sleeper, awaiters, before, registrations)
        if self.settle is not None:
            await self.settle()
            await self._until_quiet(sleeper, awaiters, before, registrations)

    async def _until_quiet(
        self,
        sleeper: _Sleeper,
        awaiters: set[asyncio.Task[object]],
        before: set[asyncio.Task[object]],
        registrations: int,
    ) -> None:
        asleep_tasks = {s.task for s in self._sleepers}
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    asleep_tasks = {s.task for s in self._sleepers}
                    busy = {t for t in _work_tasks(asyncio.all_tasks() - before) if t not in asleep_tasks}
                    actor = sleeper.task
                    if actor is not None and not sleeper.bare and not actor.done() and actor not in asleep_tasks:
                        busy.add(actor)
                    # a bare sleep's awaiter is back when it sleeps again (a new sleep_until) or has finished
                    waiting_for_bare = (
                        sleeper.bare
                        and self._registrations == registrations
                        and not (awaiters and all(t.done() for t in awaiters))
                    )
                    if not busy and not waiting_for_bare:
                        return
                    busy |= {t for t in awaiters if not t.done()}
                    activity = self._activity_future()
                    await asyncio.wait({*busy, activity}, return_when=asyncio.FIRST_COMPLETED)
        except TimeoutError:
            names = sorted(t.get_name() for t in _work_tasks(asyncio.all_tasks() - before) if t not in asleep_tasks)
            detail = (
                "the code awaiting it never called sleep_until again"
                if sleeper.bare and self._registrations == registrations
                else f"still running: {', '.join(names) or (sleeper.task and sleeper.task.get_name())}"
            )
            raise ClockTimeout(
                f"timed out after {self.timeout:g} s waiting for the code woken at {sleeper.deadline.isoformat()} "
                f"to get back to sleep or finish; {detail}"
            ) from None

    def _activity_future(self) -> asyncio.Future[None]:
        if self._activity is None or self._activity.done():
            self._activity = asyncio.get_running_loop().create_future()
        return self._activity

    def _notify(self) -> None:
        if self._activity is not None and not self._activity.done():
            self._activity.set_result(None)


def _utc(when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"the clock works in aware datetimes only, not naive {when.isoformat()}")
    return when.astimezone(UTC)


def _runs_only_sleep_until(task: asyncio.Task[object]) -> bool:
    code = getattr(task.get_coro(), "cr_code", None)
    return code is FakeClock.sleep_until.__code__


def _awaiters(future: asyncio.Future[object]) -> set[asyncio.Task[object]]:
    """The tasks suspended until ``future`` is done: directly, or through asyncio.wait/gather's waiter.

    Read from asyncio's bookkeeping (a task's ``_fut_waiter``, a future's done callbacks), since asyncio
    offers no public way to ask who awaits a task.
    """
    waited = {future}
    for callback, _context in getattr(future, "_callbacks", None) or []:
        for cell in getattr(callback, "__closure__", None) or ():
            with contextlib.suppress(ValueError):  # an empty cell
                if isinstance(cell.cell_contents, asyncio.Future):
                    waited.add(cell.cell_contents)
    return {t for t in asyncio.all_tasks() if getattr(t, "_fut_waiter", None) in waited}


def _work_tasks(tasks: Iterable[asyncio.Task[object]]) -> set[asyncio.Task[object]]:
    """Tasks whose end means the woken work is done: not finished, not infrastructure that lives on."""
    out = set()
    for task in tasks:
        if task.done():
            continue
        code = getattr(task.get_coro(), "cr_code", None)
        if code is not None and (code.co_filename.startswith(_AIOHTTP_DIR) or code.co_qualname.endswith(_LONG_LIVED)):
            continue
        if _innermost_coroutine(task).endswith(_PARKED_IN):
            continue
        out.add(task)
    return out


def _innermost_coroutine(task: asyncio.Task[object]) -> str:
    """The qualified name of the coroutine at the bottom of the task's await chain."""
    coro: object = task.get_coro()
    name = ""
    while hasattr(coro, "cr_code"):
        name = coro.cr_code.co_qualname  # type: ignore[attr-defined]
        coro = getattr(coro, "cr_await", None)
    return name
