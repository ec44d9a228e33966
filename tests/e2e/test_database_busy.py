"""The job runner against a database another process holds (a long backup, an operator's sqlite3 shell)
past the busy timeout, through the real bot and the fake Discord: a warning, no traceback, the job kept
pending and run once the lock is let go; a post Discord already has is not made twice."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.discordside.client import ReadingCircleBot
from tests.clock import FakeClock
from tests.e2e.circle import add_and_queue, set_up
from tests.fakediscord import FakeDiscord, World, running_bot

MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SLOT = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)  # Mondays 18:00 Berlin
RUNNER = "bot.scheduling.runner"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


@pytest.fixture
async def circle_bot(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[ReadingCircleBot]:
    """A circle with one queued reading, on a bot that waits 0.2 s (not 2 s) for a locked database."""
    monkeypatch.setattr("bot.discordside.client.BUSY_TIMEOUT_S", 0.2)
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world)
        await add_and_queue(fake, world)
        yield bot  # type: ignore[misc]


@pytest.fixture
def holder(settings: Settings) -> Iterator[sqlite3.Connection]:
    """Another process's connection to the bot's database file."""
    connection = sqlite3.connect(settings.database_path, isolation_level=None)
    yield connection
    connection.close()


def assert_warned_without_traceback(caplog: pytest.LogCaptureFixture) -> None:
    busy = [r for r in caplog.records if r.name == RUNNER and "database is busy" in r.getMessage()]
    assert busy and all(r.levelno == logging.WARNING for r in busy), caplog.text
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR], caplog.text


async def test_a_week_start_on_a_locked_database_waits_and_runs_once_it_is_free(
    fake: FakeDiscord,
    world: World,
    circle_bot: ReadingCircleBot,
    clock: FakeClock,
    holder: sqlite3.Connection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    holder.execute("BEGIN EXCLUSIVE")
    await clock.advance_to(SLOT + timedelta(minutes=1))
    await circle_bot.services.runner.until_idle()
    assert fake.bot_messages(world.channel) == []
    assert_warned_without_traceback(caplog)
    holder.execute("COMMIT")

    await clock.advance(timedelta(minutes=1))  # past the runner's first backoff (30 s)
    await circle_bot.services.runner.until_idle()
    (post,) = fake.bot_messages(world.channel)
    assert "Libraries" in post.content
    assert len(fake.threads(world.channel)) == 1
    jobs = await circle_bot.services.db.fetchall("SELECT kind, attempts, status FROM jobs WHERE kind != 'week_start'")
    assert ("reading_post", 0, "done") in [tuple(j) for j in jobs]


async def test_a_post_sent_while_the_database_locks_is_recorded_later_and_not_repeated(
    fake: FakeDiscord,
    world: World,
    circle_bot: ReadingCircleBot,
    clock: FakeClock,
    holder: sqlite3.Connection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Discord stores the reading post; before the bot can record it, a backup takes the lock. The job
    stays pending; its retry sends the same nonce, and Discord hands back the message it has."""
    hold = fake.hold_next("POST", rf"/channels/{world.channel.id}/messages$")
    advancing = asyncio.create_task(clock.advance_to(SLOT + timedelta(minutes=1)))
    await asyncio.wait_for(hold.reached.wait(), 10)
    holder.execute("BEGIN EXCLUSIVE")
    hold.release()
    await advancing
    await circle_bot.services.runner.until_idle()
    assert len(fake.bot_messages(world.channel)) == 1
    assert fake.threads(world.channel) == []  # the job stopped at recording, before the thread
    assert_warned_without_traceback(caplog)
    holder.execute("COMMIT")

    await clock.advance(timedelta(minutes=1))
    await circle_bot.services.runner.until_idle()
    assert len(fake.bot_messages(world.channel)) == 1
    assert len(fake.threads(world.channel)) == 1
    (row,) = await circle_bot.services.db.fetchall("SELECT COUNT(*) FROM posts WHERE kind = 'reading'")
    assert row[0] == 1
