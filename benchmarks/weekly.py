"""1,000 circles whose weekly slot falls in the same minute, against a fake Discord that enforces a global
limit of 50 requests a second with 429 answers: does every reading post and thread go out, none twice, and
how fast?

The circles and their queued readings are created through the bot's own services on a real SQLite file;
the real bot (job runner, publisher, discord.py) then runs against the fake on a test clock moved to the
slot. Prints seconds from the slot to the last post, requests per second achieved against the limit, and
the 429 answers met (each an invalid request; Discord bans at 10,000 in 10 minutes).

    .venv/bin/python -m benchmarks.weekly [--circles 1000] [--rate 50]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.common import circle_with_sample_reading
from bot.config import Settings
from tests.clock import DEFAULT_START, FakeClock
from tests.fakediscord import FakeDiscord, running_bot


async def measure(circles: int, rate: int) -> None:
    fake = FakeDiscord(timeout=300)
    await fake.start()
    try:
        worlds = []
        for i in range(circles):
            guild = fake.add_guild(f"circle {i}", owner=f"owner-{i}")
            worlds.append((guild, fake.add_channel(guild, "reading-circle")))
        with tempfile.TemporaryDirectory() as folder, fake.patch_discord():
            settings = Settings(discord_token="fake-token", database_path=Path(folder) / "rc.db")
            clock = FakeClock(DEFAULT_START, timeout=600)  # Monday morning; every slot is Monday 18:00 UTC
            async with running_bot(fake, settings, clock=clock, timeout=300) as bot:
                services = bot.services  # type: ignore[attr-defined]
                for guild, channel in worlds:
                    await circle_with_sample_reading(services, guild.id, guild.owner_id, channel.id)
                fake.set_global_rate(rate)
                before = len(fake.requests)
                started = time.perf_counter()
                await clock.advance_to(DEFAULT_START + timedelta(hours=9, minutes=1))
                await services.runner.until_idle()
                elapsed = time.perf_counter() - started
                sent = len(fake.requests) - before
        per_channel = [len(fake.bot_messages(channel)) for _, channel in worlds]
        posts, threads = sum(per_channel), fake.threads()
        print(f"{circles} circles due at the same minute, global limit {rate} requests/s")
        print(f"reading posts: {posts} (channels with exactly one: {per_channel.count(1)}), threads: {len(threads)}")
        print(f"seconds from the slot to the last post: {elapsed:.1f}")
        print(f"requests: {sent}, {sent / elapsed:.1f} per second against {rate} allowed")
        print(f"429 answers: {fake.rate_limited} (invalid requests: {fake.invalid_requests})")
    finally:
        await fake.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--circles", type=int, default=1000)
    parser.add_argument("--rate", type=int, default=50)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    asyncio.run(measure(args.circles, args.rate))


if __name__ == "__main__":
    main()
