"""Adding, queueing, moving and posting readings, and the organiser's own prompts and polls."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.analysis.limits import MESSAGE_LIMIT, POLL_QUESTION_LIMIT
from bot.analysis.model import Analysis
from bot.circles import Actor, Circle, require_circle, require_organiser
from bot.clock import Clock
from bot.config import Settings
from bot.errors import UserError
from bot.ingest.errors import ReadingError
from bot.prepare import Progress, Stored, prepare
from bot.readings import CircleReading, Listed, check_text, clean_title, edited, for_the_week, moved, poll_answers
from bot.scheduling.model import JobKind, Week
from bot.scheduling.runner import JobRunner
from bot.scheduling.week import after_week
from bot.services.writing import model_for, worker_limits
from bot.storage import circles as circle_store
from bot.storage import readings as store
from bot.storage import schedule
from bot.storage.database import Database, Transaction
from bot.storage.times import to_db

DRAFT_LIFETIME = timedelta(days=1)  # a preview's buttons die after 15 minutes; its draft row soon after


@dataclass(frozen=True, slots=True)
class Scheduled:
    reading: Listed
    when: datetime | None  # None while the circle is paused
    timezone: str


class ReadingService:
    def __init__(self, db: Database, clock: Clock, runner: JobRunner) -> None:
        self.db = db
        self.clock = clock
        self.runner = runner

    async def organising(self, actor: Actor, guild_id: int, action: str) -> Circle:
        """The circle, if ``actor`` may ``action`` in it; checked before any slow work starts."""
        return require_organiser(actor, await circle_store.get(self.db, guild_id), action)

    # --- drafts -----------------------------------------------------------------------------------

    async def add_draft(
        self,
        actor: Actor,
        guild_id: int,
        *,
        title: str,
        author: str | None,
        text: str,
        words: int,
        minutes: int,
        analysis: Analysis,
        url: str | None = None,
        filename: str | None = None,
        file: bytes | None = None,
    ) -> CircleReading:
        now = self.clock.now()
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await circle_store.get(tx, guild_id), "add readings")
            assert circle.id is not None
            await store.purge_drafts(tx, to_db(now - DRAFT_LIFETIME))
            draft = CircleReading(
                circle_id=circle.id,
                status="draft",
                title=clean_title(title),
                author=" ".join(author.split())[:200] if author and author.strip() else None,
                text=text,
                words=words,
                minutes=minutes,
                analysis=for_the_week(analysis),
                added_by=actor.user_id,
                added_at=now,
                url=url,
                filename=filename,
            )
            return await store.insert(tx, draft, file)

    async def edit_draft(self, actor: Actor, reading_id: int, prompts_text: str, questions_text: str) -> CircleReading:
        async with self.db.transaction() as tx:
            reading = await self._own_draft(tx, actor, reading_id)
            reading = replace(reading, analysis=edited(reading.analysis, prompts_text, questions_text))
            await store.update(tx, reading)
        return reading

    async def rewrite_draft(
        self, actor: Actor, reading_id: int, settings: Settings, *, with_model: bool, progress: Progress | None = None
    ) -> CircleReading:
        """Write the draft's prompts and polls again from its stored text, which is never fetched or read
        again: with the model writer (if the circle still allows it) or with the embedded one. Edits the
        organiser made give way to the new prompts; the draft is saved only if it is still theirs."""
        reading = await self._own_draft(self.db, actor, reading_id)
        circle = require_organiser(actor, await circle_store.by_id(self.db, reading.circle_id), "rewrite prompts")
        model = model_for(settings, circle) if with_model else None
        if with_model and model is None:
            raise UserError("The model writer is off for this circle, so the prompts are unchanged.")
        try:
            prepared = await prepare(
                Stored(reading.text),
                title=reading.title,
                author=reading.author,
                limits=worker_limits(settings, model),
                progress=progress,
                model=model,
            )
        except ReadingError as err:
            raise UserError(f"{err} The preview is unchanged.") from err
        async with self.db.transaction() as tx:
            reading = await self._own_draft(tx, actor, reading_id)
            reading = replace(reading, analysis=for_the_week(prepared.analysis))
            await store.update(tx, reading)
        return reading

    async def queue_draft(self, actor: Actor, reading_id: int) -> Scheduled:
        async with self.db.transaction() as tx:
            reading = await self._own_draft(tx, actor, reading_id)
            circle = await circle_store.by_id(tx, reading.circle_id)
            require_organiser(actor, circle, "queue readings")
            queued = await store.queue_ids(tx, reading.circle_id)
            reading = replace(reading, status="queued", position=len(queued) + 1)
            await store.update(tx, reading)
        return next(s for s in await self._schedule(reading.circle_id) if s.reading.id == reading.id)

    async def discard_draft(self, actor: Actor, reading_id: int) -> None:
        async with self.db.transaction() as tx:
            reading = await self._own_draft(tx, actor, reading_id)
            await tx.execute("DELETE FROM readings WHERE id = ? AND status = 'draft'", (reading.id,))

    async def _own_draft(self, tx: Database | Transaction, actor: Actor, reading_id: int) -> CircleReading:
        reading = await store.get(tx, reading_id)
        if reading is None or reading.status != "draft":
            raise UserError("That preview has expired or was already used. Run /reading add again.")
        if reading.added_by != actor.user_id:
            raise UserError("Only the organiser who added this reading can use these buttons.")
        return reading

    # --- the queue ----------------------------------------------------------------------------------

    async def queue(self, guild_id: int) -> tuple[Circle, list[Scheduled]]:
        circle = await self._circle(guild_id)
        assert circle.id is not None
        return circle, await self._schedule(circle.id)

    async def _schedule(self, circle_id: int) -> list[Scheduled]:
        """Queued readings with the slot each will be posted at: the planned next week start (a skipped
        week moves everything one slot on), then one slot a week."""
        circle = await circle_store.by_id(self.db, circle_id)
        assert circle is not None
        queued = await store.listed(self.db, circle_id, "queued")
        start = await schedule.pending_week_start(self.db, circle_id)
        if circle.paused or start is None:
            return [Scheduled(r, None, circle.timezone) for r in queued]
        when = start.due_at
        if start.payload.get("skip"):
            when = after_week(circle, when, with_week=False)
        out = []
        for reading in queued:
            out.append(Scheduled(reading, when, circle.timezone))
            when = after_week(circle, when, with_week=True)
        return out

    async def remove(self, actor: Actor, guild_id: int, reading_id: int) -> CircleReading:
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await circle_store.get(tx, guild_id), "remove readings")
            reading = await self._queued(tx, circle, reading_id)
            await store.update(tx, replace(reading, status="removed", position=None))
            await store.renumber(tx, reading.circle_id, await store.queue_ids(tx, reading.circle_id))
        return reading

    async def move(self, actor: Actor, guild_id: int, reading_id: int, position: int) -> list[Scheduled]:
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await circle_store.get(tx, guild_id), "reorder the queue")
            await self._queued(tx, circle, reading_id)
            order = await store.queue_ids(tx, circle_id_of(circle))
            await store.renumber(tx, circle_id_of(circle), moved(order, reading_id, position))
        return await self._schedule(circle_id_of(circle))

    async def skip(self, actor: Actor, guild_id: int) -> datetime:
        """Skip the next week: no reading then, the queue moves one slot on. Returns the skipped slot."""
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await circle_store.get(tx, guild_id), "skip a week")
            start = await schedule.pending_week_start(tx, circle_id_of(circle))
            if circle.paused or start is None:
                raise UserError("The circle is paused, so no week is planned to skip. /circle resume starts it again.")
            if start.payload.get("skip"):
                raise UserError(
                    f"The week of {start.due_at:%Y-%m-%d} is already skipped. To skip more, run /circle pause."
                )
            await schedule.set_job(tx, start.id, skip=True)
        return start.due_at

    async def post_now(self, actor: Actor, guild_id: int) -> Listed:
        """Start the next reading's week now; a running week ends, its remaining posts are cancelled."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await circle_store.get(tx, guild_id), "post a reading")
            circle_id = circle_id_of(circle)
            if circle.paused:
                raise UserError("The circle is paused. /circle resume starts it again, then try /reading post-now.")
            queued = await store.listed(tx, circle_id, "queued")
            if not queued:
                raise UserError("Nothing is queued. Add a reading with /reading add first.")
            await schedule.cancel_jobs(tx, circle_id, kinds=("week_start",))
            await schedule.add_job(tx, circle_id, "week_start", now, now=True)
        self.runner.wake()
        return queued[0]

    # --- for everyone --------------------------------------------------------------------------------

    async def current(self, guild_id: int) -> tuple[CircleReading, Week] | None:
        circle = await self._circle(guild_id)
        week = await schedule.active_week(self.db, circle_id_of(circle))
        if week is None:
            return None
        reading = await store.get(self.db, week.reading_id)
        return (reading, week) if reading else None

    async def archive(self, guild_id: int) -> list[Listed]:
        circle = await self._circle(guild_id)
        return await store.listed(self.db, circle_id_of(circle), "done", "current")

    async def suggestions(self, guild_id: int, typed: str) -> list[Listed]:
        circle = await circle_store.get(self.db, guild_id)
        if circle is None or circle.id is None:
            return []
        needle = typed.strip().lower()
        return [r for r in await store.listed(self.db, circle.id, "queued") if needle in r.title.lower()][:25]

    # --- the organiser's own prompts and polls -----------------------------------------------------

    async def add_prompt(self, actor: Actor, guild_id: int, text: str) -> CircleReading:
        text = check_text(text, MESSAGE_LIMIT, "A prompt")
        return await self._add_to_week(actor, guild_id, "prompt", {"text": text})

    async def add_poll(self, actor: Actor, guild_id: int, question: str, answers: str, hours: int) -> CircleReading:
        question = check_text(question, POLL_QUESTION_LIMIT, "A poll question")
        if not 1 <= hours <= 768:
            raise UserError("A poll can run from 1 to 768 hours (32 days).")
        payload = {"question": question, "answers": list(poll_answers(answers)), "hours": hours}
        return await self._add_to_week(actor, guild_id, "poll", payload)

    async def _add_to_week(
        self, actor: Actor, guild_id: int, kind: JobKind, payload: dict[str, object]
    ) -> CircleReading:
        async with self.db.transaction() as tx:
            circle = require_organiser(actor, await circle_store.get(tx, guild_id), "add prompts and polls")
            week = await schedule.active_week(tx, circle_id_of(circle))
            if week is None:
                raise UserError("No reading's week is running, so there is no thread to post in yet.")
            if week.thread_id is None:
                raise UserError("This week's reading post has not gone out yet; try again once its thread exists.")
            await schedule.add_job(tx, week.circle_id, kind, self.clock.now(), week_id=week.id, **payload)
            reading = await store.get(tx, week.reading_id)
        self.runner.wake()
        assert reading is not None
        return reading

    # --- helpers ------------------------------------------------------------------------------------

    async def _circle(self, guild_id: int) -> Circle:
        return require_circle(await circle_store.get(self.db, guild_id))

    @staticmethod
    async def _queued(tx: Transaction, circle: Circle, reading_id: int) -> CircleReading:
        reading = await store.get(tx, reading_id)
        if reading is None or reading.circle_id != circle.id or reading.status != "queued":
            raise UserError("That reading is not in this circle's queue (pick one from the list as you type).")
        return reading


def circle_id_of(circle: Circle) -> int:
    assert circle.id is not None
    return circle.id
