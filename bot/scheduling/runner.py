"""The durable job runner: sleeps until the next due job through the clock, runs what is due, and decides
what a failure means.

- A job due longer ago than the grace window (the bot was down) is marked missed and the organisers are
  told; a missed week start leaves its reading queued for the next slot.
- ``PublishError("forbidden" | "missing")`` parks the job, and the circle's later jobs behind it, until an
  organiser acts (``/circle resume``, ``/circle setup``) and tells them what to fix; ``transient`` failures
  and unexpected errors retry with exponential backoff, and park after ``MAX_ATTEMPTS``, so a broken
  channel is never hammered (Discord bans a bot after 10,000 invalid requests in ten minutes).
- ``DatabaseBusy`` (another process, such as a backup, held the database past the busy timeout) is no
  job's fault: the pass ends with a warning, the jobs stay pending as stored (what a job already sent is
  kept in its progress, a repeat is deduplicated by its nonce), and the runner tries again after the same
  backoff, counted in busy passes in a row rather than against any job's attempts.
- Jobs of one circle run one after another in due order (the reading post before its first prompt);
  circles run side by side, at most ``concurrency`` at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.publishing import PublishError
from bot.scheduling.model import Job
from bot.scheduling.week import WeekJobs, first_week_start
from bot.storage import circles as circle_store
from bot.storage import readings as reading_store
from bot.storage import schedule
from bot.storage.database import Database, DatabaseBusy, Transaction

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
FIRST_BACKOFF = timedelta(seconds=30)
LONGEST_BACKOFF = timedelta(hours=1)
# Nothing pending (every job parked, or none planned): look again after this long, or at once on wake().
# Sleeping through the clock even then keeps one way of waiting, which a test clock can drive.
IDLE_NAP = timedelta(days=1)


def backoff(attempts: int) -> timedelta:
    return min(FIRST_BACKOFF * (2**attempts), LONGEST_BACKOFF)


class JobRunner:
    def __init__(self, db: Database, clock: Clock, jobs: WeekJobs, *, grace: timedelta, concurrency: int = 50) -> None:
        self.db = db
        self.clock = clock
        self.jobs = jobs
        self.grace = grace
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._nap: asyncio.Future[None] | None = None
        self._busy_passes = 0  # passes in a row ended by a busy database: the backoff's exponent

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run_forever(), name="reading-circle: job runner")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def wake(self) -> None:
        """A job was added or moved: look at the schedule again now instead of at the old next due time."""
        self._idle.clear()
        self._wake.set()
        if self._nap is not None and not self._nap.done():
            self._nap.cancel()

    async def until_idle(self) -> None:
        """Wait until every job due now has run (tests and benchmarks drive time with a test clock)."""
        self.wake()
        await self._idle.wait()

    async def _run_forever(self) -> None:
        while True:
            self._wake.clear()
            try:
                while await self.run_due():
                    pass
                next_due = await schedule.next_due_at(self.db) or self.clock.now() + IDLE_NAP
                self._busy_passes = 0
            except asyncio.CancelledError:
                raise
            except DatabaseBusy:
                wait = backoff(self._busy_passes)
                self._busy_passes += 1
                log.warning("the database is busy (held by another process); running due jobs in %s", wait)
                next_due = self.clock.now() + wait
            except Exception:
                error_id = secrets.token_hex(4)
                log.exception("error %s in the job runner; trying again in a minute", error_id)
                next_due = self.clock.now() + timedelta(minutes=1)
            if self._wake.is_set():
                continue
            await self._sleep(next_due)

    async def _sleep(self, until: datetime) -> None:
        """Sleep through the clock until ``until`` or until ``wake()``; the nap is awaited directly (not
        raced in ``asyncio.wait``) so a test clock sees this task as the one it wakes."""
        self._nap = asyncio.ensure_future(self.clock.sleep_until(until))
        self._idle.set()  # after the nap is scheduled: it registers with the clock before a waiter resumes
        try:
            await self._nap
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if not self._wake.is_set() or (task is not None and task.cancelling()):
                raise  # the runner itself is being stopped, not woken
        finally:
            self._nap = None
        self._idle.clear()

    async def run_due(self) -> bool:
        """Run every job due now; True when any ran (new jobs may have become due)."""
        due = await schedule.due_jobs(self.db, self.clock.now())
        if not due:
            return False
        by_circle: dict[int | None, list[Job]] = defaultdict(list)
        for job in due:
            by_circle[job.circle_id].append(job)
        # Every circle's pass ends before a failure is raised: none is left running into the next pass.
        outcomes = await asyncio.gather(
            *(self._run_circle(jobs) for jobs in by_circle.values()), return_exceptions=True
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return True

    async def _run_circle(self, jobs: list[Job]) -> None:
        async with self._slots:
            for job in jobs:
                current = await schedule.job(self.db, job.id)
                if current is None or current.status != "pending":
                    continue  # an earlier job of this pass cancelled it (a week ended)
                if not await self._run_one(current):
                    break  # a parked or retried job holds back the circle's later jobs, keeping their order

    async def _run_one(self, job: Job) -> bool:
        now = self.clock.now()
        if now - job.due_at > self.grace:
            await self._missed(job)
            return True
        try:
            await self.jobs.run(job)
            return True
        except PublishError as err:
            if err.kind == "transient":
                return await self._retry(job, str(err))
            await self._park(job, str(err))
            return False
        except (asyncio.CancelledError, DatabaseBusy):
            raise
        except Exception:
            error_id = secrets.token_hex(4)
            log.exception("error %s in %s job %s of circle %s", error_id, job.kind, job.id, job.circle_id)
            return await self._retry(job, f"unexpected error {error_id}")

    async def _retry(self, job: Job, error: str) -> bool:
        if job.attempts + 1 >= MAX_ATTEMPTS:
            await self._park(job, f"gave up after {MAX_ATTEMPTS} tries: {error}")
            return False
        async with self.db.transaction() as tx:
            await schedule.retry_job(tx, job.id, self.clock.now() + backoff(job.attempts), error)
        log.warning("%s job %s failed (%s); trying again later", job.kind, job.id, error)
        return False

    async def _park(self, job: Job, error: str) -> None:
        """Park the job and, behind it, the circle's other pending jobs: what broke this post (a deleted
        channel, a missing permission) breaks the later ones too, and trying each as it falls due would
        tell the organisers the same thing again and add to Discord's count of invalid requests."""
        async with self.db.transaction() as tx:
            await schedule.park_job(tx, job.id, error)
            if job.circle_id is not None:  # the bot-wide purge holds back nothing
                await schedule.park_pending(tx, job.circle_id, f"waiting for the week’s {_describe(job)}")
        circle = await circle_store.by_id(self.db, job.circle_id)
        if circle is not None:
            await self.jobs.tell_organisers(
                circle,
                f"I could not post the week’s {_describe(job)}: {error}. Fix it, then run /circle resume "
                "and I will post it.",
            )

    async def _missed(self, job: Job) -> None:
        """Too late to be useful: mark it missed, keep what can be kept, and say so."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            await schedule.finish_job(tx, job.id, "missed", now, "the bot was offline when it was due")
            circle = await circle_store.by_id(tx, job.circle_id)
            if circle is None:
                return
            if job.kind == "week_start":
                await schedule.add_job(tx, job.circle_id, "week_start", first_week_start(circle, now))
            elif job.kind == "reading_post" and job.week_id is not None:
                await self._undo_week(tx, job)
        when = job.due_at.strftime("%Y-%m-%d %H:%M UTC")
        await self.jobs.tell_organisers(
            circle, f"I was offline when the week’s {_describe(job)} was due ({when}), so it was not posted."
        )

    async def _undo_week(self, tx: Transaction, job: Job) -> None:
        """A week whose reading never went out did not happen: its reading goes back to the front of the queue."""
        week = await schedule.week(tx, job.week_id) if job.week_id is not None else None
        if week is None:
            return
        await schedule.end_week(tx, week.id)
        await schedule.cancel_jobs(tx, week.circle_id, week_id=week.id)
        reading = await reading_store.get(tx, week.reading_id)
        if reading is not None and reading.id is not None:
            queued = await reading_store.queue_ids(tx, week.circle_id)
            await reading_store.update(tx, replace(reading, status="queued"))
            await reading_store.renumber(tx, week.circle_id, [reading.id, *queued])


def _describe(job: Job) -> str:
    if job.kind == "week_start":
        return "reading (the start of the week)"
    if job.kind == "reading_post":
        return "reading post"
    if job.kind == "poll":
        return f"{job.payload.get('poll', 'organiser’s')} poll"
    return job.kind
