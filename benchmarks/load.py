"""The bot under a busy evening: 50 guilds of 100 members each, mid-week, with 2,000 member messages a
second for 10 s in the weeks' threads and a burst of 500 slash commands on top.

Every circle is set up and its reading queued through the bot's own services on a real SQLite file; a
test clock then runs the week to its first prompt and poll, so each guild has a thread, prompts and
polls. The load goes through the fake Discord's gateway as members would make it: MESSAGE_CREATE (plain
thread messages and replies to prompts), poll votes, and INTERACTION_CREATE for /reading queue, /me stats
and /participation summary, each sent without waiting for the bot (the fake's ``send_*`` path) at the
wall-clock rate asked for.

Prints: events sent vs participation rows in SQLite once the writer has flushed (every event logged:
equal); interactions answered and p50/p95/p99 from dispatch to the first response (Discord drops an
interaction not answered in 3 s; the goal is p99 <= 200 ms on loopback); peak memory of this process,
which holds the bot *and* the fake (ru_maxrss); the rate achieved and the wall time. The bot and the fake
share one event loop and one core, so the fake's own work counts against the bot's figures.

    .venv/bin/python -m benchmarks.load [--guilds 50] [--members 100] [--rate 2000] [--seconds 10]
                                        [--commands 500] [--burst-seconds 1] [--no-validate]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import resource
import sqlite3
import statistics
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import circle_with_sample_reading
from bot.config import Settings
from tests.clock import FakeClock
from tests.fakediscord import (
    Channel,
    FakeDiscord,
    Guild,
    InteractionResult,
    Member,
    Message,
    SpecMissingWarning,
    running_bot,
)
from tests.fakediscord.validation import SPEC_PATH

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # Monday morning; every circle posts Mondays 18:00 UTC
MID_WEEK = START + timedelta(days=2, hours=10)  # Wednesday: the reading, its thread, prompts and a poll are up
REPLY_SHARE = 0.25  # of member messages, replies to a prompt (the rest are plain thread messages)
VOTE_SHARE = 0.05  # of all events, poll votes (each member votes once per poll, as Discord allows)
SUMMARY_SHARE = 0.1  # of the commands, /participation summary by the owner (the rest: /reading queue, /me stats)


@dataclass
class Circle:
    guild: Guild
    channel: Channel
    members: list[Member]
    thread: Channel | None = None
    prompts: list[Message] = field(default_factory=list)
    polls: list[Message] = field(default_factory=list)
    unvoted: list[tuple[Message, Member]] = field(default_factory=list)


@dataclass
class Sent:
    messages: int = 0
    votes: int = 0
    commands: list[InteractionResult] = field(default_factory=list)
    seconds: float = 0.0
    received: dict[int, float] = field(default_factory=dict)  # interaction id -> loop time the bot got it
    lags: list[float] = field(default_factory=list)  # seconds the event loop was late waking a 10 ms sleep

    async def on_interaction(self, interaction: object) -> None:
        self.received[interaction.id] = asyncio.get_running_loop().time()  # type: ignore[attr-defined]

    async def probe_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            asleep = loop.time()
            await asyncio.sleep(0.01)
            self.lags.append(loop.time() - asleep - 0.01)


async def set_up(fake: FakeDiscord, bot: object, clock: FakeClock, circles: list[Circle]) -> None:
    """Each circle through the services, as /circle setup and /reading add would; then run to mid-week."""
    services = bot.services  # type: ignore[attr-defined]
    for circle in circles:
        await circle_with_sample_reading(services, circle.guild.id, circle.guild.owner_id, circle.channel.id)
    await clock.advance_to(MID_WEEK)
    await services.runner.until_idle()
    for circle in circles:
        (circle.thread,) = fake.threads(circle.channel)
        posts = fake.bot_messages(circle.thread)
        circle.polls = [m for m in posts if m.poll]
        circle.prompts = [m for m in posts if not m.poll]
        circle.unvoted = [(poll, member) for poll in circle.polls for member in circle.members]
        random.shuffle(circle.unvoted)
        if not circle.prompts or not circle.polls:
            raise SystemExit(f"guild {circle.guild.name}: the week has no prompt or no poll by {MID_WEEK:%A %H:%M}")


async def send_load(fake: FakeDiscord, circles: list[Circle], rate: int, seconds: float, sent: Sent) -> None:
    """Member events at ``rate`` a second by the wall clock, catching up when the loop falls behind."""
    total = int(rate * seconds)
    started = time.perf_counter()
    done = 0
    while done < total:
        due = min(total, int((time.perf_counter() - started) * rate) + 1)
        for _ in range(due - done):
            await send_one(fake, random.choice(circles), sent)
        done = due
        await asyncio.sleep(0.002)
    sent.seconds = time.perf_counter() - started


async def send_one(fake: FakeDiscord, circle: Circle, sent: Sent) -> None:
    assert circle.thread is not None
    if circle.unvoted and random.random() < VOTE_SHARE:
        poll, member = circle.unvoted.pop()
        assert poll.poll is not None
        await fake.send_vote(poll, random.choice(poll.poll.answers).answer_id, member=member)
        sent.votes += 1
        return
    member = random.choice(circle.members)
    reply_to = random.choice(circle.prompts) if random.random() < REPLY_SHARE else None
    await fake.send_message(circle.thread, member, "I think the second argument holds up.", reply_to=reply_to)
    sent.messages += 1


async def send_commands(
    fake: FakeDiscord, circles: list[Circle], count: int, after: float, spread: float, sent: Sent
) -> None:
    """``count`` commands from random members, evenly over ``spread`` seconds, ``after`` seconds in."""
    await asyncio.sleep(after)
    started = time.perf_counter()
    for i in range(count):
        circle = circles[i % len(circles)]
        if random.random() < SUMMARY_SHARE:
            command, member = "participation summary", circle.guild.members[circle.guild.owner_id]
        else:
            command, member = random.choice(("reading queue", "me stats")), random.choice(circle.members)
        sent.commands.append(await fake.send_command(command, member=member, channel=circle.channel))
        wait = started + spread * (i + 1) / count - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def measure(args: argparse.Namespace) -> None:
    random.seed(11)
    if args.no_validate:
        warnings.simplefilter("ignore", SpecMissingWarning)
    fake = FakeDiscord(timeout=300, spec_path=None if args.no_validate else SPEC_PATH)
    await fake.start()
    wall = time.perf_counter()
    try:
        circles = []
        for g in range(args.guilds):
            guild = fake.add_guild(f"circle {g}", owner=f"owner-{g}")
            members = [guild.members[guild.owner_id]]
            members += [fake.add_member(guild, f"reader-{g}-{m}") for m in range(args.members - 1)]
            circles.append(Circle(guild, fake.add_channel(guild, "reading-circle"), members))
        with tempfile.TemporaryDirectory() as folder, fake.patch_discord():
            database = Path(folder) / "rc.db"
            settings = Settings(discord_token="fake-token", database_path=database)
            clock = FakeClock(START, timeout=600)
            sent = Sent()
            async with running_bot(fake, settings, clock=clock, timeout=300) as bot:
                await set_up(fake, bot, clock, circles)
                bot.add_listener(sent.on_interaction, "on_interaction")
                probe = asyncio.create_task(sent.probe_loop())
                ready_rss = rss_mib()
                load_started = time.perf_counter()
                await asyncio.gather(
                    send_load(fake, circles, args.rate, args.seconds, sent),
                    send_commands(fake, circles, args.commands, args.seconds / 3, args.burst_seconds, sent),
                )
                await fake.settle(timeout=300)
                await fake.wait_until(
                    lambda: all(r.record.answered or r.record.expired for r in sent.commands),
                    "every command answered",
                    timeout=30,
                )
                drained = time.perf_counter() - load_started
                probe.cancel()
                await bot.services.participation.writer.flush()  # type: ignore[attr-defined]
            with sqlite3.connect(database) as db:
                stored = db.execute("SELECT count(*) FROM participation_events").fetchone()[0]
        report(args, sent, stored, ready_rss, drained, time.perf_counter() - wall)
    finally:
        await fake.close()


def report(args: argparse.Namespace, sent: Sent, stored: int, ready_rss: float, drained: float, wall: float) -> None:
    events = sent.messages + sent.votes
    records = [r.record for r in sent.commands]
    answered = [r for r in records if r.answered and r.answered_at is not None]
    print(
        f"{args.guilds} guilds, {args.guilds * args.members} members; {args.rate} events/s asked for "
        f"{args.seconds:g} s; {len(records)} commands over {args.burst_seconds:g} s"
    )
    print(
        f"member events sent: {events} ({sent.messages} messages, {sent.votes} votes) in {sent.seconds:.1f} s "
        f"= {events / sent.seconds:.0f}/s; all handled {drained:.1f} s after the load began"
    )
    verdict = "equal" if stored == events else "DIFFER"
    print(f"participation rows in SQLite after the writer flushed: {stored} ({verdict})")
    expired = sum(r.expired for r in records)
    print(f"commands answered: {len(answered)} of {len(records)} ({expired} too late for Discord's 3 s)")
    if answered:
        print(f"dispatch to first response, ms: {spread([r.answered_at - r.dispatched_at for r in answered])}")
        print("  goal: p99 <= 200 ms on loopback; Discord drops an interaction not answered in 3 s")
        gateway = [sent.received[r.id] - r.dispatched_at for r in records if r.id in sent.received]
        print(f"  of which the gateway (the fake sends, discord.py parses): {spread(gateway)}")
        print(f"  event loop late waking a 10 ms sleep: {spread(sent.lags)}")
        for name in sorted({r.name for r in answered}):
            mine = [r.answered_at - r.dispatched_at for r in answered if r.name == name]
            print(f"  /{name} ({len(mine)}): {spread(mine)}")
    summaries = [r for r in records if r.name == "participation summary"]
    followed = sum(bool(r.followup_ids) for r in summaries)
    print(f"/participation summary followed by its CSV and chart: {followed} of {len(summaries)}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak RSS of this process (bot + fake): {rss_mib():.0f} MiB (after setup: {ready_rss:.0f} MiB); "
        f"chart worker process: {children:.0f} MiB"
    )
    print(f"wall time: {wall:.1f} s")


def spread(seconds: list[float]) -> str:
    """p50/p95/p99/max in milliseconds."""
    ms = sorted(1000 * s for s in seconds)
    if not ms:
        return "none"
    cut = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [ms[0]] * 99
    return f"p50 {cut[49]:.0f}, p95 {cut[94]:.0f}, p99 {cut[98]:.0f}, max {ms[-1]:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guilds", type=int, default=50)
    parser.add_argument("--members", type=int, default=100, help="per guild, the owner included")
    parser.add_argument("--rate", type=int, default=2000, help="member events per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--commands", type=int, default=500)
    parser.add_argument("--burst-seconds", type=float, default=1.0, help="the commands spread over this; 0: at once")
    parser.add_argument(
        "--no-validate",
        action="store_true",
        help="skip the fake's OpenAPI check of the bot's requests (the fake's cost, paid on the bot's event loop)",
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    asyncio.run(measure(args))


if __name__ == "__main__":
    main()
