"""What each job does: plan a week, post the reading and its thread, a prompt, a poll, the recap.

Every post is recorded in the same transaction that marks its job done. The gap between Discord accepting a
message and that commit is covered by the job's nonce (``enforce_nonce``): a retry after a crash gets the
message Discord already has instead of a second one. A multi-step job (the reading post, then its thread)
commits each step's result before the next, so a retry resumes where it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from bot.analysis.model import Poll
from bot.circles import Circle
from bot.clock import Clock
from bot.publishing import Publisher, PublishError
from bot.readings import CircleReading, agreement_poll, second_poll
from bot.scheduling import posts
from bot.scheduling.cadence import next_slot, on_day
from bot.scheduling.model import Job, Post, PostKind, Week
from bot.scheduling.plan import POLL_HOURS
from bot.storage import circles as circle_store
from bot.storage import participation as participation_store
from bot.storage import readings as reading_store
from bot.storage import schedule
from bot.storage.database import Database, Transaction

log = logging.getLogger(__name__)

Flush = Callable[[], Awaitable[None]]  # writes the participation events still queued


def first_week_start(circle: Circle, now: datetime, active: Week | None = None) -> datetime:
    """When the circle's next week starts: its next slot, and never before the running week's last post."""
    after = now
    if active is not None:
        after = max(now, on_day(active.starts_at, circle.timezone, circle.plan.last_day))
    return next_slot(circle.timezone, circle.weekday, circle.post_time, after)


async def plan_next_week(tx: Transaction, circle: Circle, now: datetime) -> datetime:
    """Replace the circle's pending week start with one at its next slot (after any running week)."""
    assert circle.id is not None
    await schedule.cancel_jobs(tx, circle.id, kinds=("week_start",))
    due = first_week_start(circle, now, await schedule.active_week(tx, circle.id))
    await schedule.add_job(tx, circle.id, "week_start", due)
    return due


class WeekJobs:
    """Runs one job; raises ``PublishError`` for the runner to retry or park."""

    def __init__(
        self, db: Database, publisher: Publisher, clock: Clock, flush_participation: Flush | None = None
    ) -> None:
        self.db = db
        self.publisher = publisher
        self.clock = clock
        self._flush_participation = flush_participation

    async def run(self, job: Job) -> None:
        handler = {
            "week_start": self.start_week,
            "reading_post": self.post_reading,
            "prompt": self.post_prompt,
            "poll": self.post_poll,
            "recap": self.post_recap,
        }[job.kind]
        await handler(job)

    # --- planning (database only) ------------------------------------------------------------------

    async def start_week(self, job: Job) -> None:
        """Take the next queued reading and plan its week from this job's due time; plan the week after."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            circle = await circle_store.by_id(tx, job.circle_id)
            if circle is None or circle.id is None or circle.paused:
                await schedule.finish_job(tx, job.id, "cancelled", now)
                return
            queued = await reading_store.queue_ids(tx, circle.id)
            start = job.due_at
            skipped = bool(job.payload.get("skip"))
            if skipped or not queued:
                await schedule.finish_job(tx, job.id, "done", now, "skipped" if skipped else "nothing queued")
                await schedule.add_job(tx, job.circle_id, "week_start", after_week(circle, start, with_week=False))
            else:
                await self._begin(tx, circle, queued, start)
                await schedule.finish_job(tx, job.id, "done", now)
                await schedule.add_job(tx, job.circle_id, "week_start", after_week(circle, start, with_week=True))
                return
        if not skipped:
            await self.tell_organisers(
                circle,
                "No reading is queued, so nothing was posted this week. Queue one with /reading add; "
                "it goes out at the next weekly slot (or now, with /reading post-now).",
            )

    async def _begin(self, tx: Transaction, circle: Circle, queued: list[int], start: datetime) -> None:
        assert circle.id is not None
        active = await schedule.active_week(tx, circle.id)
        if active is not None:
            await self._end(tx, active)
        first, rest = queued[0], queued[1:]
        reading = await reading_store.get(tx, first)
        assert reading is not None and reading.id is not None
        await reading_store.update(tx, replace(reading, status="current", position=None))
        await reading_store.renumber(tx, circle.id, rest)
        week_id = await schedule.add_week(tx, circle.id, reading.id, start, circle.channel_id)
        await schedule.add_job(tx, circle.id, "reading_post", start, week_id=week_id)
        prompt = 0
        for day, step in circle.plan.steps():
            due = on_day(start, circle.timezone, day)
            if step == "prompt":
                if prompt < len(reading.analysis.prompts):
                    await schedule.add_job(tx, circle.id, "prompt", due, week_id=week_id, item=prompt)
                prompt += 1
            elif step == "recap":
                await schedule.add_job(tx, circle.id, "recap", due, week_id=week_id)
            else:
                poll = "convinced" if step == "convinced_poll" else "agreement"
                await schedule.add_job(tx, circle.id, "poll", due, week_id=week_id, poll=poll, hours=POLL_HOURS[step])

    async def _end(self, tx: Transaction, week: Week) -> None:
        await schedule.end_week(tx, week.id)
        await schedule.cancel_jobs(tx, week.circle_id, week_id=week.id)
        reading = await reading_store.get(tx, week.reading_id)
        if reading is not None and reading.status == "current":
            await reading_store.update(tx, replace(reading, status="done"))

    # --- posting ----------------------------------------------------------------------------------

    async def post_reading(self, job: Job) -> None:
        week, reading, circle = await self._context(job)
        file = await reading_store.file_of(self.db, week.reading_id) if reading.filename else None
        message = posts.reading_post(reading, job.nonce, member_role=circle.member_role_id, file=file)
        name = posts.thread_name(reading)
        if await self.publisher.channel_kind(week.channel_id) == "forum":
            sent = await self.publisher.post_forum(week.channel_id, name, message)
            message_id, thread_id = sent.message_id, sent.thread_id
        else:
            done_before = job.progress.get("message_id")  # an earlier try sent the post, then stopped
            if done_before is None:
                message_id = (await self.publisher.post(week.channel_id, message)).message_id
                async with self.db.transaction() as tx:
                    await schedule.save_progress(tx, job.id, {"message_id": message_id})
            else:
                message_id = int(done_before)
            thread_id = await self.publisher.start_thread(week.channel_id, message_id, name)
        assert thread_id is not None
        async with self.db.transaction() as tx:
            await schedule.set_week_post(tx, week.id, week.channel_id, message_id, thread_id)
            await self._record(tx, job, week, "reading", week.channel_id, message_id)

    async def post_prompt(self, job: Job) -> None:
        week, reading, _ = await self._context(job)
        thread = _thread(week)
        if "text" in job.payload:
            text = str(job.payload["text"])
        else:
            item = int(job.payload.get("item", 0))
            if item >= len(reading.analysis.prompts):
                await self._finish(job, "cancelled", "the reading has no such prompt any more")
                return
            text = reading.analysis.prompts[item].text
        sent = await self.publisher.post(thread, posts.prompt_post(text, job.nonce))
        async with self.db.transaction() as tx:
            await self._record(tx, job, week, "prompt", thread, sent.message_id)

    async def post_poll(self, job: Job) -> None:
        week, reading, _ = await self._context(job)
        thread = _thread(week)
        hours = int(job.payload.get("hours", 24))
        poll: Poll | None
        if "question" in job.payload:
            poll = Poll(str(job.payload["question"]), tuple(job.payload["answers"]), None)
        else:
            kind = job.payload.get("poll")
            poll = second_poll(reading.analysis) if kind == "convinced" else agreement_poll(reading.analysis)
            if poll is None:
                await self._finish(job, "cancelled", f"the reading has no {kind} poll")
                return
        sent = await self.publisher.post(thread, posts.poll_post(poll, hours, job.nonce))
        async with self.db.transaction() as tx:
            await self._record(tx, job, week, "poll", thread, sent.message_id)

    async def post_recap(self, job: Job) -> None:
        """The polls' results from Discord (one request a poll), and who took part from the participation
        log (one query, none of the thread's history or the polls' voter lists fetched)."""
        week, reading, _ = await self._context(job)
        thread = _thread(week)
        polls = await schedule.posts_of_week(self.db, week.id, "poll")
        results = [await self.publisher.poll_result(p.channel_id, p.message_id) for p in polls]
        if self._flush_participation is not None:
            await self._flush_participation()  # a vote cast a moment ago counts
        members = await participation_store.week_members(self.db, week.id)
        sent = await self.publisher.post(thread, posts.recap_post(reading, results, members, job.nonce))
        async with self.db.transaction() as tx:
            await self._record(tx, job, week, "recap", thread, sent.message_id)

    async def _context(self, job: Job) -> tuple[Week, CircleReading, Circle]:
        assert job.week_id is not None
        week = await schedule.week(self.db, job.week_id)
        reading = await reading_store.get(self.db, week.reading_id) if week else None
        circle = await circle_store.by_id(self.db, job.circle_id)
        if week is None or reading is None or circle is None:
            raise LookupError(f"job {job.id} refers to a week, reading or circle that no longer exists")
        return week, reading, circle

    async def _record(
        self, tx: Transaction, job: Job, week: Week, kind: PostKind, channel_id: int, message_id: int
    ) -> None:
        now = self.clock.now()
        await schedule.add_post(tx, Post(week.id, kind, channel_id, message_id, now, job.id))
        await schedule.finish_job(tx, job.id, "done", now)

    async def _finish(self, job: Job, status: str, reason: str) -> None:
        async with self.db.transaction() as tx:
            await schedule.finish_job(tx, job.id, status, self.clock.now(), reason)

    # --- the organisers ------------------------------------------------------------------------------

    async def tell_organisers(self, circle: Circle, text: str) -> None:
        """A line in the circle's log channel when it has one; the log always has it."""
        log.warning("circle %s (guild %s): %s", circle.id, circle.guild_id, text)
        if circle.log_channel_id is None:
            return
        try:
            await self.publisher.notify(circle.log_channel_id, text)
        except PublishError as err:
            log.warning("could not tell the organisers of guild %s: %s", circle.guild_id, err)


def _thread(week: Week) -> int:
    if week.thread_id is None:
        raise PublishError("missing", "the week's reading post and thread have not gone out yet")
    return week.thread_id


def after_week(circle: Circle, start: datetime, *, with_week: bool) -> datetime:
    """The slot after a week that started at ``start`` (after its last post when it has posts). The queue's
    dates come from here too, so what `/reading queue` shows is what the runner will do."""
    end = on_day(start, circle.timezone, circle.plan.last_day) if with_week else start
    return next_slot(circle.timezone, circle.weekday, circle.post_time, end)
