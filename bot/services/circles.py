"""Setting up, pausing and planning a circle; every change that moves the schedule wakes the runner."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.circles import Actor, Circle, configure, require_circle, require_organiser
from bot.clock import Clock
from bot.errors import UserError
from bot.scheduling.plan import Plan
from bot.scheduling.runner import JobRunner
from bot.scheduling.week import plan_next_week
from bot.storage import circles as store
from bot.storage import schedule
from bot.storage.database import Database


class CircleService:
    def __init__(self, db: Database, clock: Clock, runner: JobRunner) -> None:
        self.db = db
        self.clock = clock
        self.runner = runner

    async def get(self, guild_id: int) -> Circle | None:
        return await store.get(self.db, guild_id)

    async def require(self, guild_id: int) -> Circle:
        return require_circle(await self.get(guild_id))

    async def setup(self, actor: Actor, *, guild_id: int, **options: Any) -> tuple[Circle, bool, datetime | None]:
        """Create or change the circle; returns it, whether it is new, and when its next week starts."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            existing = await store.get(tx, guild_id)
            circle = configure(existing, actor, guild_id=guild_id, now=now, **options)
            circle = await store.save(tx, circle)
            assert circle.id is not None
            next_start = None
            if not circle.paused:
                next_start = await plan_next_week(tx, circle, now)
                await schedule.unpark_jobs(tx, circle.id, now)
        self.runner.wake()
        return circle, existing is None, next_start

    async def next_start(self, circle: Circle) -> datetime | None:
        assert circle.id is not None
        job = await schedule.pending_week_start(self.db, circle.id)
        return job.due_at if job else None

    async def pause(self, actor: Actor, guild_id: int) -> Circle:
        """No posts until resumed: the next week is unplanned and the running week's posts wait."""
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await store.get(tx, guild_id), "pause the circle")
            if circle.paused:
                raise UserError("The circle is already paused. /circle resume starts it again.")
            circle = await store.save(tx, replace(circle, paused=True, updated_at=self.clock.now()))
            assert circle.id is not None
            await schedule.cancel_jobs(tx, circle.id, kinds=("week_start",))
            await schedule.park_pending(tx, circle.id, "the circle is paused")
        self.runner.wake()
        return circle

    async def resume(self, actor: Actor, guild_id: int) -> tuple[Circle, datetime, int]:
        """Posting again: waiting posts go out (at once if overdue) and the next week is planned."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await store.get(tx, guild_id), "resume the circle")
            circle = await store.save(tx, replace(circle, paused=False, updated_at=now))
            assert circle.id is not None
            released = await schedule.unpark_jobs(tx, circle.id, now)
            next_start = await plan_next_week(tx, circle, now)
        self.runner.wake()
        return circle, next_start, released

    async def set_plan(self, actor: Actor, guild_id: int, plan: Plan) -> Circle:
        """The plan applies from the next week on; the running week keeps the posts already planned."""
        if not plan.steps():
            raise UserError("A week needs at least one prompt, poll or recap after the reading post.")
        now = self.clock.now()
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await store.get(tx, guild_id), "change the week's plan")
            circle = await store.save(tx, replace(circle, plan=plan, updated_at=now))
            if not circle.paused:
                await plan_next_week(tx, circle, now)
        self.runner.wake()
        return circle

    async def set_model_writer(self, actor: Actor, guild_id: int, on: bool) -> Circle:
        """Whether this circle's readings may go to the configured model writer (the embedded writer
        otherwise); applies to readings added from now on, not to those already queued."""
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await store.get(tx, guild_id), "change the prompt writer")
            return await store.save(tx, replace(circle, model_writer=on, updated_at=self.clock.now()))
