"""The fake Discord at the scale of issue 7: 1,000 guilds, and what an unpaced burst meets at 50 requests/s.

Prints (1) the seconds to build a world of N guilds (one owner and one channel each) and for the real
discord.py client to log in and become ready with every guild (READY + N GUILD_CREATE), and (2) what
happens when that client sends one message to every channel at once, unpaced, against Discord's global
limit: seconds, messages posted, sends discord.py gave up on (it retries a 429 five times, then raises)
and 429 answers (invalid requests; Discord bans at 10,000 in 10 minutes). (2) is the baseline a paced
scheduler must beat, not a target.

    .venv/bin/python -m benchmarks.fake_discord [--guilds 1000] [--rate 50]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time

import discord
from discord.ext import commands

from tests.fakediscord import FakeDiscord, running_bot


def plain_bot(settings: object = None) -> commands.Bot:
    return commands.Bot(command_prefix=commands.when_mentioned, intents=discord.Intents.default())


async def measure(guilds: int, rate: int) -> None:
    fake = FakeDiscord(timeout=120)
    await fake.start()
    try:
        started = time.perf_counter()
        channels = []
        for i in range(guilds):
            guild = fake.add_guild(f"circle {i}", owner=f"owner-{i}")
            channels.append(fake.add_channel(guild, "reading-circle"))
        built = time.perf_counter()
        with fake.patch_discord():
            async with running_bot(fake, factory=plain_bot, timeout=120) as bot:
                ready = time.perf_counter()
                creates = fake.gateway.sessions[0].dispatched["GUILD_CREATE"]
                print(f"world of {guilds} guilds built in {built - started:.2f} s")
                print(f"client ready with {len(bot.guilds)} guilds ({creates} GUILD_CREATE) in {ready - built:.2f} s")

                fake.set_global_rate(rate)
                burst = time.perf_counter()
                sends = [_send(bot, c.id) for c in channels]
                results = await asyncio.gather(*sends, return_exceptions=True)
                elapsed = time.perf_counter() - burst
                failed = sum(isinstance(r, BaseException) for r in results)
                posted = sum(len(fake.messages(c)) for c in channels)
                print(
                    f"unpaced burst of {guilds} sends at {rate}/s: {elapsed:.2f} s, {posted} posted, "
                    f"{failed} given up by discord.py, {fake.rate_limited} answers 429 "
                    f"({fake.invalid_requests} invalid requests)"
                )
    finally:
        await fake.close()


async def _send(bot: commands.Bot, channel_id: int) -> discord.Message:
    channel = bot.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    return await channel.send("week 1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guilds", type=int, default=1000)
    parser.add_argument("--rate", type=int, default=50, help="the global limit, requests per second")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # discord.py logs every 429; the figures say it once
    asyncio.run(measure(args.guilds, args.rate))


if __name__ == "__main__":
    main()
