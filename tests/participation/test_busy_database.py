"""The participation writer against a database another process holds (a backup, an operator's sqlite3
shell) for longer than the busy timeout: the batch is kept and written once the lock is let go."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.participation.rules import Author
from bot.storage.database import Database
from tests.participation.world import GUILD, START, add_circle, add_post, add_week, events, service

THREAD = 1000


async def test_a_batch_refused_by_a_locked_database_is_kept_and_written_later(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "rc.db"
    db = await Database.open(path, busy_timeout=0.1)
    circle = await add_circle(db)
    week = await add_week(circle, thread_id=THREAD, number=0)
    await add_post(circle, week, "prompt", 2000, THREAD)
    svc = service(db, max_delay=0.01)
    await svc.start()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # as a backup would: past the 0.1 s the writer waits for it
        for message_id in (2100, 2200):
            await svc.message_posted(
                guild_id=GUILD, channel_id=THREAD, message_id=message_id, author=Author(7), created_at=START
            )
        async with asyncio.timeout(10):
            await svc.writer.flush()  # returns once the write is refused: a command reads what is committed
        assert svc.writer.pending == 2 and svc.writer.failed == 0
        holder.execute("COMMIT")
        async with asyncio.timeout(10):
            await svc.writer.flush()
        assert [(e["message_id"], e["kind"]) for e in await events(db)] == [(2100, "answer"), (2200, "answer")]
        assert svc.writer.pending == 0 and svc.writer.failed == 0
        refused = [r for r in caplog.records if r.name == "bot.participation.writer"]
        assert refused and all(r.levelno == logging.WARNING and r.exc_info is None for r in refused), refused
        assert "keeping them to try again" in refused[0].getMessage()
    finally:
        holder.close()
        await svc.close()
        await db.close()


async def test_closing_on_a_database_that_stays_locked_gives_up_after_a_few_tries(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Shutdown cannot hang on a lock that is never let go: a few more tries, then one error line."""
    path = tmp_path / "rc.db"
    db = await Database.open(path, busy_timeout=0.05)
    await add_circle(db)
    svc = service(db, max_delay=60)
    await svc.start()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        await svc.message_posted(guild_id=GUILD, channel_id=THREAD, message_id=1, author=Author(7), created_at=START)
        async with asyncio.timeout(20):
            await svc.close()
        assert svc.writer.failed == 1
        assert "could not write 1 participation events before closing" in caplog.text
    finally:
        holder.close()
        await db.close()
