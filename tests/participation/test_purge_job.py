"""The daily purge as a job on the scheduler, and migration 0004 that lets the jobs table hold it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.participation.rules import Author
from bot.scheduling.purge import CircleAndPurgeJobs, ensure_purge_job, next_purge
from bot.scheduling.runner import JobRunner
from bot.storage import database
from bot.storage.database import Database
from tests.clock import FakeClock
from tests.participation.world import GUILD, START, add_circle, add_post, add_week, events, open_db, service

THREAD = 1000


async def test_the_purge_runs_daily_on_the_job_runner(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "rc.db")
    circle = await add_circle(db)
    await add_week(circle, thread_id=THREAD, number=0)
    clock = FakeClock(START)
    svc = service(db, clock=clock)
    for message, age in ((2000, 366), (2100, 364.5), (2200, 100)):
        await svc.message_posted(
            guild_id=GUILD, channel_id=THREAD, message_id=message, author=Author(7),
            created_at=START - timedelta(days=age),
        )  # fmt: skip
    runner = JobRunner(
        db, clock, CircleAndPurgeJobs(db, None, clock, lambda: svc.purge(365)), grace=timedelta(hours=12)
    )  # type: ignore[arg-type]
    await ensure_purge_job(db, clock.now())
    await ensure_purge_job(db, clock.now())  # at most one is planned
    runner.start()
    try:
        await runner.until_idle()
        assert [e["message_id"] for e in await events(db)] == [2100, 2200]
        await clock.advance_to(START + timedelta(days=1))
        await runner.until_idle()
        assert [e["message_id"] for e in await events(db)] == [2200]
        jobs = await db.fetchall("SELECT circle_id, status, due_at FROM jobs WHERE kind = 'purge' ORDER BY id")
        assert [(row[0], row[1]) for row in jobs] == [(None, "done"), (None, "done"), (None, "pending")]
    finally:
        await runner.stop()
        await svc.close()
        await db.close()


async def test_a_missed_purge_is_planned_again_at_the_next_start(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "rc.db")
    clock = FakeClock(START)
    await ensure_purge_job(db, START)
    await clock.advance_to(START + timedelta(days=2))  # the bot was down past the grace window
    runner = JobRunner(db, clock, CircleAndPurgeJobs(db, None, clock, _never), grace=timedelta(hours=12))  # type: ignore[arg-type]
    runner.start()
    try:
        await runner.until_idle()
        await ensure_purge_job(db, clock.now())  # what the next start does
        rows = await db.fetchall("SELECT status, due_at FROM jobs WHERE kind = 'purge' ORDER BY id")
        assert [row[0] for row in rows] == ["missed", "pending"]
    finally:
        await runner.stop()
        await db.close()


async def _never() -> int:
    raise AssertionError("a missed purge must not run")


def test_next_purge_is_a_day_on_and_never_in_the_past() -> None:
    assert next_purge(START, START + timedelta(hours=1)) == START + timedelta(days=1)
    assert next_purge(START, START + timedelta(days=3, hours=1)) == START + timedelta(days=4)


async def test_migration_0004_keeps_jobs_and_the_posts_that_point_at_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = database.migrations()
    monkeypatch.setattr(database, "migrations", lambda: every[:3])
    db = await open_db(tmp_path / "rc.db")
    circle = await add_circle(db)
    week = await add_week(circle, thread_id=THREAD, number=0)
    async with db.transaction() as tx:
        job = await tx.insert(
            "INSERT INTO jobs (circle_id, week_id, kind, due_at, status) VALUES (?, ?, 'prompt', '2026-01-02', 'done')",
            (circle.id, week),
        )
    post = await add_post(circle, week, "prompt", 3000, THREAD)
    async with db.transaction() as tx:
        await tx.execute("UPDATE posts SET job_id = ? WHERE id = ?", (job, post))
    await db.close()

    monkeypatch.setattr(database, "migrations", lambda: every)
    db = await Database.open(tmp_path / "rc.db")
    try:
        assert await db.version() == len(every)
        assert tuple(await db.fetchone("SELECT job_id FROM posts WHERE id = ?", (post,))) == (job,)
        kept = await db.fetchone("SELECT circle_id, week_id, kind, status FROM jobs WHERE id = ?", (job,))
        assert tuple(kept) == (circle.id, week, "prompt", "done")
        assert (await db.fetchone("PRAGMA foreign_key_check")) is None
        await ensure_purge_job(db, START)
        with pytest.raises(Exception, match="CHECK"):
            async with db.transaction() as tx:  # a circle's job still needs its circle
                await tx.insert("INSERT INTO jobs (kind, due_at, status) VALUES ('prompt', 'x', 'pending')")
    finally:
        await db.close()
