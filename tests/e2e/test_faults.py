"""Discord misbehaving mid-week, through the fake: rate limits, refusals, deleted channels, outages and a
dropped gateway. In every case each post goes out exactly once (or waits, parked, until an organiser fixes
the cause and resumes), the organisers are told what to fix, and the bot stays far below Discord's ban
threshold of 10,000 invalid requests in ten minutes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.discordside.client import ReadingCircleBot
from bot.storage import schedule
from tests.clock import FakeClock
from tests.e2e.circle import add_and_queue, set_up
from tests.fakediscord import Channel, FakeDiscord, Perm, World, running_bot

ROOT = Path(__file__).resolve().parents[2]
MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # the circle posts Mondays 18:00 Berlin (17:00 UTC)
READING_POSTED = MONDAY + timedelta(hours=9)  # just after the slot
WEEK_DONE = MONDAY + timedelta(days=7)
FEW_INVALID = 20  # a whole week's faults cost a handful of invalid requests, not thousands
MESSAGES = r"/channels/\d+/messages$"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY, timeout=30)  # discord.py waits out a 429 in real seconds


@pytest.fixture
def log_channel(fake: FakeDiscord, world: World) -> Channel:
    return fake.add_channel(world.guild, "organisers")


@pytest.fixture
async def circle_bot(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock, log_channel: Channel
) -> AsyncIterator[ReadingCircleBot]:
    """A circle with a log channel and one queued reading, due Monday 18:00 Berlin."""
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world, log_channel=log_channel)
        await add_and_queue(fake, world)
        yield bot  # type: ignore[misc]


async def run_until(clock: FakeClock, bot: ReadingCircleBot, when: datetime) -> None:
    await clock.advance_to(when)
    await bot.services.runner.until_idle()


def week_posts(fake: FakeDiscord, world: World) -> list[Any]:
    """Every message the bot posted for the circle: the reading post, then the thread's."""
    threads = fake.threads(world.channel)
    return fake.bot_messages(world.channel) + [m for t in threads for m in fake.bot_messages(t)]


def assert_one_whole_week(fake: FakeDiscord, world: World) -> None:
    """The reading post, two prompts, two polls and a recap, each once (a duplicate shows as a seventh)."""
    assert len(fake.bot_messages(world.channel)) == 1
    (thread,) = fake.threads(world.channel)
    in_thread = fake.bot_messages(thread)
    assert len(in_thread) == 5, [m.content[:40] for m in in_thread]
    assert len({m.content for m in in_thread if not m.poll}) == 3


async def test_route_rate_limit_waits_then_posts_once(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock
) -> None:
    """A 429 for the messages route (retry_after 0.3 s) on the reading post and a prompt: discord.py waits
    and retries itself; every post goes out once."""
    limited = fake.fail_next("POST", MESSAGES, 429, retry_after=0.3, times=2)
    await run_until(clock, circle_bot, WEEK_DONE)
    assert limited.hits == 2
    assert_one_whole_week(fake, world)
    assert fake.rate_limited == 2 and fake.invalid_requests == 2


async def test_global_rate_limit_waits_then_posts_once(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock
) -> None:
    """Three requests a second for the whole bot: the week's posts queue behind Discord's global 429s."""
    fake.set_global_rate(3)
    await run_until(clock, circle_bot, WEEK_DONE)
    fake.set_global_rate(None)
    assert_one_whole_week(fake, world)
    assert fake.invalid_requests < FEW_INVALID


async def test_missing_permission_parks_tells_organisers_and_resume_posts_once(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock, log_channel: Channel
) -> None:
    """Send Messages denied in the circle's channel: the reading post parks, the log channel names the
    permission, and after it is given back /circle resume posts the reading once."""
    bot_role = fake.bot_role(world.guild)
    await fake.set_permissions(world.channel, bot_role, deny=Perm.SEND_MESSAGES)
    await run_until(clock, circle_bot, READING_POSTED)
    await run_until(clock, circle_bot, READING_POSTED + timedelta(hours=6))  # parked: nothing more is tried
    assert fake.bot_messages(world.channel) == []
    parked = await schedule.due_jobs(circle_bot.services.db, clock.now())
    assert parked == []  # nothing left due: the job waits for an organiser, it is not retried
    (told,) = fake.bot_messages(log_channel)
    assert "Send Messages" in told.content and f"<#{world.channel.id}>" in told.content
    assert "/circle resume" in told.content
    assert fake.invalid_requests <= 2

    await fake.set_permissions(world.channel, bot_role)
    resumed = await fake.invoke("circle resume", member=world.organiser, channel=world.channel)
    assert "waiting posts go out now" in resumed.content
    await circle_bot.services.runner.until_idle()
    assert len(fake.bot_messages(world.channel)) == 1
    await run_until(clock, circle_bot, WEEK_DONE)
    assert_one_whole_week(fake, world)
    assert fake.invalid_requests <= 2


async def test_deleted_thread_parks_and_tells_organisers(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock, log_channel: Channel
) -> None:
    """The week's thread deleted after the reading post: the next prompt gets 404, parks, and the
    organisers are told; the bot does not keep knocking on a thread that is gone."""
    await run_until(clock, circle_bot, READING_POSTED)
    (thread,) = fake.threads(world.channel)
    await fake.delete_channel(thread)
    await run_until(clock, circle_bot, WEEK_DONE)
    told = [m.content for m in fake.bot_messages(log_channel)]
    assert len(told) == 1 and "no longer exists" in told[0], told
    attempts = [r for r in fake.requests if r.path == f"/channels/{thread.id}/messages" and r.method == "POST"]
    assert len(attempts) == 1
    assert fake.invalid_requests == 0  # 404 is not one of the invalid statuses, and it was asked once


async def test_deleted_channel_parks_the_reading_post(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock, log_channel: Channel
) -> None:
    await fake.delete_channel(world.channel)
    await run_until(clock, circle_bot, WEEK_DONE)
    told = [m.content for m in fake.bot_messages(log_channel)]
    assert len(told) == 1 and "reading post" in told[0] and "no longer exists" in told[0], told
    attempts = [r for r in fake.requests if r.path.startswith(f"/channels/{world.channel.id}")]
    assert len(attempts) == 1, attempts  # one look (404), then the week waits for an organiser


async def test_server_errors_are_retried_with_backoff_and_post_once(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock
) -> None:
    """503 (which discord.py does not retry itself) three times: the runner backs off 30 s, 60 s, 120 s
    of the test clock, then the reading goes out once and the week carries on."""
    outage = fake.fail_next("POST", MESSAGES, 503, times=3)
    slot = MONDAY + timedelta(hours=8)
    await run_until(clock, circle_bot, slot)
    for wait in (30, 60, 120):
        assert fake.bot_messages(world.channel) == []
        await run_until(clock, circle_bot, clock.now() + timedelta(seconds=wait))
    assert outage.hits == 3
    assert len(fake.bot_messages(world.channel)) == 1
    await run_until(clock, circle_bot, WEEK_DONE)
    assert_one_whole_week(fake, world)
    assert fake.invalid_requests == 0  # 5xx answers are not among Discord's invalid requests


@pytest.mark.parametrize("resumable", [True, False], ids=["resumed", "identified-again"])
async def test_gateway_dropped_mid_week_reconnects_and_posts_once(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock, resumable: bool
) -> None:
    """The gateway closes after the reading post: discord.py resumes (or identifies again when the
    session is gone), commands are answered and a member's message is logged again, and the rest of the
    week posts once."""
    await run_until(clock, circle_bot, READING_POSTED)
    identifies = len(fake.gateway.identifies)
    await fake.gateway.drop(resumable=resumable)
    await fake.gateway.connected.wait_until(lambda: fake.gateway.live, timeout=10, what="the bot to reconnect")
    assert len(fake.gateway.identifies) == identifies + (0 if resumable else 1)
    shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
    assert shown.ephemeral
    (thread,) = fake.threads(world.channel)
    await fake.post_message(thread, world.member, "Posted after the gateway came back")
    await circle_bot.services.participation.writer.flush()
    logged = await circle_bot.services.db.fetchall("SELECT user_id FROM participation_events")
    assert [row[0] for row in logged] == [world.member.id]
    await run_until(clock, circle_bot, WEEK_DONE)
    assert_one_whole_week(fake, world)
    assert fake.invalid_requests == 0


async def test_database_held_by_another_process_commands_wait_or_answer_politely(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, settings: Settings
) -> None:
    """Another process holds the write lock (as a long backup or an operator's sqlite3 shell would): a
    command waits for a lock released within the busy timeout, and otherwise answers within Discord's
    3 seconds that the database is busy, having changed nothing."""
    holder = sqlite3.connect(settings.database_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        asyncio.get_running_loop().call_later(1.0, holder.execute, "COMMIT")
        started = time.monotonic()
        paused = await fake.invoke("circle pause", member=world.organiser, channel=world.channel)
        assert paused.content.startswith("Paused") and time.monotonic() - started >= 0.9

        holder.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        busy = await fake.invoke("circle resume", member=world.organiser, channel=world.channel)
        assert time.monotonic() - started < 3
        assert busy.ephemeral and "database is busy" in busy.content and "Nothing was changed" in busy.content
        holder.execute("COMMIT")
    finally:
        holder.close()
    shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
    assert shown.ephemeral
    resumed = await fake.invoke("circle resume", member=world.organiser, channel=world.channel)
    assert resumed.content.startswith("Resumed"), resumed.content  # it was still paused: nothing had changed


async def test_sigkill_between_send_and_record_posts_once_after_restart(
    fake: FakeDiscord, world: World, settings: Settings, log_channel: Channel
) -> None:
    """The bot runs in its own process; Discord stores the reading post, and before the bot hears so
    (let alone records it) the process is SIGKILLed. Restarted on the same database, the job runs again
    with the same nonce and Discord keeps the one message."""
    now = datetime.now(UTC)
    clock = FakeClock(now - timedelta(minutes=1))
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world, timezone="UTC")
        await add_and_queue(fake, world)
        fake.fail_next("POST", MESSAGES, 503)  # the first try fails: its retry is due 30 s later, before `now`
        await fake.invoke("reading post-now", member=world.organiser, channel=world.channel)
        await bot.services.runner.until_idle()
    assert fake.bot_messages(world.channel) == []

    hold = fake.hold_next("POST", rf"/channels/{world.channel.id}/messages$")
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.bot_process",
        cwd=ROOT,
        env={
            **os.environ,
            "FAKE_API_BASE": fake.api_base,
            "FAKE_GATEWAY": fake.gateway_url,
            "DATABASE_PATH": str(settings.database_path),
        },
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await asyncio.wait_for(hold.reached.wait(), 30)
        assert len(fake.bot_messages(world.channel)) == 1  # Discord has it; the bot has not heard back
        child.send_signal(signal.SIGKILL)
        assert await asyncio.wait_for(child.wait(), 10) == -signal.SIGKILL
    finally:
        hold.release()
        if child.returncode is None:
            child.kill()
            await child.wait()

    async with running_bot(fake, settings, clock=FakeClock(datetime.now(UTC))) as bot:
        await bot.services.runner.until_idle()
    assert len(fake.bot_messages(world.channel)) == 1
    assert len(fake.nonce_hits) == 1 and len(fake.threads(world.channel)) == 1
