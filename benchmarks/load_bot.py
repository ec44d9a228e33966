"""The bot's half of ``benchmarks.load``: the real bot in a process of its own, as it runs in production.

Discord is another machine, so the fake Discord's work (OpenAPI validation of each request, JSON, its
gateway's buffers) must not be paid on the bot's event loop; the parent runs the fake and the load, this
process runs only the bot, against the fake's URLs, on a real SQLite file.

The two talk in JSON lines. Stdin brings the set-up (URLs, database path, the circles); this process sets
every circle up through the bot's services and runs the week to ``MID_WEEK`` on a test clock, then prints
``{"ready": ...}``. On the line ``finish`` it waits for every handler discord.py started, flushes the
participation writer and prints its figures: when each interaction reached the bot, how late the loop woke a
10 ms sleep, how long each garbage collection took, its peak RSS. Times are ``loop.time()``, which is
``time.monotonic()``: one clock for both processes on one machine.
"""

from __future__ import annotations

import asyncio
import cProfile
import gc
import json
import logging
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks.common import circle_with_sample_reading
from bot.app import create_bot
from bot.config import Settings
from tests.clock import DEFAULT_START, FakeClock
from tests.fakediscord.runner import started
from tests.fakediscord.server import pointed_at
from tests.fakediscord.waiting import settle

# DEFAULT_START is Monday morning; every circle posts Mondays 18:00 UTC
MID_WEEK = DEFAULT_START + timedelta(days=2, hours=10)  # Wednesday: the reading, its thread, prompts and a poll are up
TIMEOUT = 300.0


class Figures:
    """What only the bot's process can see, reported to the parent at the end."""

    def __init__(self) -> None:
        self.received: dict[int, float] = {}  # interaction id -> loop time the bot's listener got it
        self.lags: list[float] = []  # seconds the event loop was late waking a 10 ms sleep
        self.gc_pauses: list[float] = []  # seconds each garbage collection stopped the process
        self._gc_started = 0.0

    async def on_interaction(self, interaction: Any) -> None:
        self.received[interaction.id] = asyncio.get_running_loop().time()

    def on_gc(self, phase: str, _info: dict[str, int]) -> None:
        """A ``gc.callbacks`` hook: a collection stops every thread, so a long one is a stall in the tail."""
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.gc_pauses.append(time.perf_counter() - self._gc_started)


async def probe_loop(lags: list[float]) -> None:
    """How late this process's event loop wakes a 10 ms sleep, until cancelled: what every task waits extra."""
    loop = asyncio.get_running_loop()
    while True:
        asleep = loop.time()
        await asyncio.sleep(0.01)
        lags.append(loop.time() - asleep - 0.01)


def rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds() -> float:
    """CPU time of this process so far, every thread (the event loop and aiosqlite's) counted."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


async def run(config: dict[str, Any]) -> None:
    settings = Settings(discord_token="fake-token", database_path=Path(config["database"]))
    clock = FakeClock(DEFAULT_START, timeout=600)
    with pointed_at(config["api_base"], config["gateway_url"]):
        bot = create_bot(settings, clock=clock)
        bot._connection.guild_ready_timeout = 0.05  # the fake sends every guild straight after READY
        async with started(bot, "fake-token", timeout=TIMEOUT):
            figures = await drive(bot, clock, config)
    figures["children_rss_mib"] = rss_mib(resource.RUSAGE_CHILDREN)  # the chart worker, reaped by now
    say(figures)


async def drive(bot: Any, clock: FakeClock, config: dict[str, Any]) -> dict[str, Any]:
    services = bot.services
    for guild_id, owner_id, channel_id in config["circles"]:
        await circle_with_sample_reading(services, guild_id, owner_id, channel_id)
    await clock.advance_to(MID_WEEK)
    await services.runner.until_idle()

    figures = Figures()
    bot.add_listener(figures.on_interaction, "on_interaction")
    probe = asyncio.create_task(probe_loop(figures.lags))
    gc.callbacks.append(figures.on_gc)
    say({"ready": True, "rss_mib": rss_mib()})
    cpu_before = cpu_seconds()
    line = await asyncio.to_thread(sys.stdin.readline)
    if line.strip() != "finish":
        raise SystemExit(f"expected 'finish' from the benchmark, got {line!r}")
    await settle(set(), timeout=TIMEOUT, what="the load")
    settled_at = asyncio.get_running_loop().time()
    cpu = cpu_seconds() - cpu_before
    probe.cancel()
    gc.callbacks.remove(figures.on_gc)
    await services.participation.writer.flush()
    return {
        "received": figures.received,
        "lags": figures.lags,
        "gc_pauses": figures.gc_pauses,
        "settled_at": settled_at,
        "cpu_s": cpu,
        "rss_mib": rss_mib(),
    }


def main() -> None:
    config = json.loads(sys.stdin.readline())
    logging.disable(logging.WARNING)
    if config.get("profile"):
        profiler = cProfile.Profile()
        profiler.runcall(asyncio.run, run(config))
        profiler.dump_stats(config["profile"])
    else:
        asyncio.run(run(config))


if __name__ == "__main__":
    main()
