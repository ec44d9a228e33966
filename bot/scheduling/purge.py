"""The daily participation purge, as a job on the same scheduler as the weeks.

The purge belongs to no circle (``circle_id`` is NULL), so the runner runs it apart from every circle's
posts: a purge that fails and retries never holds back a week. Each run removes events older than the
retention period and plans the next run a day later, in one transaction with marking itself done.
A purge the runner marks missed (the bot was down longer than the grace window) plans no successor, so
:func:`ensure_purge_job` plans one at every start.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.publishing import Publisher
from bot.scheduling.model import Job
from bot.scheduling.week import Flush, WeekJobs
from bot.storage import schedule
from bot.storage.database import Database

log = logging.getLogger(__name__)
PURGE_EVERY = timedelta(days=1)

Purge = Callable[[], Awaitable[int]]  # removes what is past retention; returns how many rows went


class CircleAndPurgeJobs(WeekJobs):
    """The week's jobs, plus the purge: one runner, one schedule, one place where jobs are retried."""

    def __init__(
        self, db: Database, publisher: Publisher, clock: Clock, purge: Purge, flush_participation: Flush | None = None
    ) -> None:
        super().__init__(db, publisher, clock, flush_participation)
        self._purge = purge

    async def run(self, job: Job) -> None:
        if job.kind != "purge":
            await super().run(job)
            return
        removed = await self._purge()
        now = self.clock.now()
        async with self.db.transaction() as tx:
            await schedule.finish_job(tx, job.id, "done", now, f"removed {removed} participation events")
            await schedule.add_job(tx, None, "purge", next_purge(job.due_at, now))
        log.info("participation purge removed %d events", removed)


def next_purge(last_due: datetime, now: datetime) -> datetime:
    """A day after the last run was due, at the same time of day, and never in the past."""
    due = last_due + PURGE_EVERY
    while due <= now:
        due += PURGE_EVERY
    return due


async def ensure_purge_job(db: Database, now: datetime) -> None:
    """Plan a purge now unless one is pending (a fresh database, or the last one was missed)."""
    async with db.transaction() as tx:
        if not await schedule.has_pending(tx, "purge"):
            await schedule.add_job(tx, None, "purge", now)
