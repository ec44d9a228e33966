"""Each feature's orchestration (load → rule → save, post → record), between the thin cogs and storage.

The bot holds one ``Services``; a cog calls ``bot.services.<feature>.<action>(…)`` and renders the answer,
so adding a feature adds a service here, not an attribute to the Bot class.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.config import Settings
from bot.participation.service import ParticipationService
from bot.publishing import Publisher
from bot.scheduling.purge import CircleAndPurgeJobs, ensure_purge_job
from bot.scheduling.runner import JobRunner
from bot.services.circles import CircleService
from bot.services.readings import ReadingService
from bot.storage.database import Database
from bot.storage.participation import ParticipationStore


@dataclass
class Services:
    db: Database
    clock: Clock
    settings: Settings
    circles: CircleService
    readings: ReadingService
    runner: JobRunner
    participation: ParticipationService

    @classmethod
    def create(cls, db: Database, clock: Clock, publisher: Publisher, settings: Settings) -> Services:
        participation = ParticipationService(
            ParticipationStore(db), content_intent=settings.message_content_intent, clock=clock
        )
        jobs = CircleAndPurgeJobs(
            db, publisher, clock, lambda: participation.purge(settings.retention_days), participation.writer.flush
        )
        runner = JobRunner(db, clock, jobs, grace=timedelta(hours=settings.missed_grace_hours))
        return cls(
            db=db,
            clock=clock,
            settings=settings,
            circles=CircleService(db, clock, runner),
            readings=ReadingService(db, clock, runner),
            runner=runner,
            participation=participation,
        )

    async def start(self) -> None:
        """Before the listeners run: load the opt-outs, and plan the daily purge if none is planned."""
        await self.participation.start()
        await ensure_purge_job(self.db, self.clock.now())
