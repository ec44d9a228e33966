"""The fake Discord on the test clock: a scheduled bot, polls that end in virtual time, nonces across restarts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import discord
import pytest
from discord.ext import commands

from tests.clock import FakeClock
from tests.fakediscord import FakeDiscord, World, running_bot

MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


class WeeklyBot(commands.Bot):
    """A miniature of the weekly rhythm: at each slot, a post with a thread and a poll, then a recap."""

    def __init__(self, clock: FakeClock, channel_id: int) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=discord.Intents.default())
        self.clock = clock
        self.channel_id = channel_id
        self.slots = [MONDAY + timedelta(hours=h) for h in (9, 33, 57)]  # 18:00 on three days
        self.updates: list[int] = []
        self.runner: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        self.runner = asyncio.create_task(self.run_slots(), name="weekly runner")

    async def run_slots(self) -> None:
        await self.wait_until_ready()
        for day, slot in enumerate(self.slots):
            await self.clock.sleep_until(slot)
            channel = self.get_channel(self.channel_id)
            assert isinstance(channel, discord.TextChannel)
            if day == 0:
                post = await channel.send(f"Reading posted at {self.clock.now():%a %H:%M}")
                thread = await post.create_thread(name="Week 1")
            elif day == 1:
                poll = discord.Poll(question="Agree?", duration=timedelta(hours=24))
                poll.add_answer(text="Yes").add_answer(text="No")
                await thread.send(poll=poll)
            else:
                [poll_message] = [m async for m in thread.history(limit=10) if m.poll is not None]
                assert poll_message.poll is not None
                counts = [a.vote_count for a in poll_message.poll.answers]
                final = poll_message.poll.is_finalized()
                await thread.send(f"Recap: {counts} final={final}")

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        self.updates.append(payload.message_id)

    async def close(self) -> None:
        if self.runner is not None:
            self.runner.cancel()
        await super().close()


@pytest.fixture
def clock(fake: FakeDiscord) -> FakeClock:
    clock = FakeClock(MONDAY)
    fake.use_clock(clock)
    return clock


@pytest.fixture
async def weekly(fake: FakeDiscord, world: World, clock: FakeClock) -> AsyncIterator[WeeklyBot]:
    async with running_bot(fake, factory=lambda settings: WeeklyBot(clock, world.channel.id)) as bot:
        assert isinstance(bot, WeeklyBot)
        yield bot


async def test_the_clock_drives_a_bot_through_its_week_against_the_fake(
    fake: FakeDiscord, world: World, clock: FakeClock, weekly: WeeklyBot
) -> None:
    """Each wake-up's posts are in the fake before the next; the poll ends in virtual time; votes count."""
    await fake.settle()  # the runner reached its first sleep
    assert clock.sleepers == [weekly.slots[0]]
    await clock.advance_to(weekly.slots[0])
    [thread] = fake.threads(world.channel)
    assert [m.content for m in fake.messages(world.channel)] == ["Reading posted at Mon 18:00"]
    await clock.advance(timedelta(days=1))
    [poll_message] = fake.messages(thread)
    assert poll_message.poll is not None
    assert poll_message.poll.expiry == weekly.slots[1] + timedelta(hours=24)
    await fake.vote(poll_message, 1, member=world.member)
    await fake.vote(poll_message, 1, member=world.organiser)
    await fake.vote(poll_message, 2, member=world.moderator)
    assert await clock.run_until(clock.now() + timedelta(days=2), step=timedelta(hours=1)) == 2
    assert poll_message.poll.finalized and poll_message.id in weekly.updates
    assert [m.content for m in fake.messages(thread)][-1] == "Recap: [2, 1] final=True"
    assert clock.sleepers == []


async def test_poll_results_follow_the_votes(fake: FakeDiscord, world: World, clock: FakeClock) -> None:
    """A fetched poll carries results: per-answer counts as members vote, is_finalized once it ends."""
    async with running_bot(fake, factory=lambda settings: commands.Bot("!", intents=discord.Intents.default())) as bot:
        channel = bot.get_channel(world.channel.id)
        assert isinstance(channel, discord.TextChannel)
        poll = discord.Poll(question="Which argument convinced you most?", duration=timedelta(hours=48))
        poll.add_answer(text="The first").add_answer(text="The second").add_answer(text="Neither")
        sent = await channel.send(poll=poll)
        [stored] = fake.messages(world.channel)
        await fake.vote(stored, 2, member=world.member)
        await fake.vote(stored, 3, member=world.organiser)
        await fake.vote(stored, 2, member=world.organiser)  # a changed mind moves the vote
        fetched = await channel.fetch_message(sent.id)
        assert fetched.poll is not None and not fetched.poll.is_finalized()
        assert [(a.id, a.vote_count) for a in fetched.poll.answers] == [(1, 0), (2, 2), (3, 0)]
        assert fetched.poll.total_votes == 2
        await clock.advance(timedelta(hours=47))
        assert stored.poll is not None and not stored.poll.finalized
        await clock.advance(timedelta(hours=1))
        ended = await channel.fetch_message(sent.id)
        assert ended.poll is not None and ended.poll.is_finalized()
        assert ended.poll.expires_at == MONDAY + timedelta(hours=48)


async def test_an_enforced_nonce_returns_the_first_message_after_a_restart_within_the_window(
    fake: FakeDiscord, world: World, clock: FakeClock
) -> None:
    """The gap between send and record: a restarted bot resending a job's nonce gets the first message back."""

    def plain(settings: object = None) -> commands.Bot:
        return commands.Bot("!", intents=discord.Intents.default())

    async def send_week(bot: commands.Bot) -> discord.Message:
        channel = bot.get_channel(world.channel.id)
        assert isinstance(channel, discord.TextChannel)
        return await channel.send("Week 1", nonce="job-7-post")

    async with running_bot(fake, factory=plain) as first:
        original = await send_week(first)
    await clock.advance(timedelta(minutes=4))
    async with running_bot(fake, factory=plain) as second:
        retried = await send_week(second)
    assert retried.id == original.id
    assert [m.content for m in fake.messages(world.channel)] == ["Week 1"]
    assert fake.nonce_hits and fake.requests[-1].body["enforce_nonce"] is True
    await clock.advance(timedelta(minutes=2))  # Discord remembers a nonce for minutes, not for ever
    async with running_bot(fake, factory=plain) as third:
        late = await send_week(third)
    assert late.id != original.id and len(fake.messages(world.channel)) == 2
