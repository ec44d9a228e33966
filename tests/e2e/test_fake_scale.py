"""A 1,000-guild world, as issue 7's benchmark builds it, starts the real client with every guild.

How long it takes is printed here (``pytest -s``) and measured in ``python -m benchmarks.fake_discord``.
"""

from __future__ import annotations

import time

import discord
from discord.ext import commands

from tests.fakediscord import FakeDiscord, running_bot

GUILDS = 1000


async def test_a_thousand_guilds_each_with_a_channel_and_owner_start(fake: FakeDiscord) -> None:
    channels = []
    for i in range(GUILDS):
        guild = fake.add_guild(f"circle {i}", owner=f"owner-{i}")
        channels.append(fake.add_channel(guild, "reading-circle"))
    started = time.perf_counter()
    factory = lambda settings: commands.Bot("!", intents=discord.Intents.default())  # noqa: E731
    async with running_bot(fake, factory=factory, timeout=60) as bot:
        elapsed = time.perf_counter() - started
        assert len(bot.guilds) == GUILDS
        assert all(bot.get_channel(c.id) is not None for c in channels)
        owners = {g.owner_id for g in bot.guilds}
        assert len(owners) == GUILDS
    [session] = fake.gateway.known.values()
    assert session.dispatched["GUILD_CREATE"] == GUILDS
    print(f"READY + {GUILDS} GUILD_CREATE handled by the client in {elapsed:.2f} s")
