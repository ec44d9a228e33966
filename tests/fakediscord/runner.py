"""Start and stop the real bot against the fake, as production starts it (``bot.start(token)``)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

from discord.ext import commands

from .server import FakeDiscord
from .waiting import FakeDiscordTimeout

BotFactory = Callable[..., commands.Bot]


def default_factory(settings: Any, *, clock: Any = None) -> commands.Bot:
    """The application's own factory, imported late so the harness works before bot.app exists."""
    from bot.app import create_bot

    return create_bot(settings, clock=clock) if clock is not None else create_bot(settings)


@contextlib.asynccontextmanager
async def running_bot(
    fake: FakeDiscord,
    settings: Any = None,
    *,
    factory: BotFactory | None = None,
    clock: Any = None,
    token: str | None = None,
    timeout: float | None = None,
) -> AsyncIterator[commands.Bot]:
    """Run a bot against ``fake`` until the block ends (see ``started``); a second block on the same settings
    is a restart.

    discord.py waits ``guild_ready_timeout`` after the last GUILD_CREATE before it is ready; that is
    shortened here (the fake sends every guild straight after READY, so nothing is missed).
    """
    timeout = fake.timeout if timeout is None else timeout
    if factory is None:
        bot = default_factory(settings, clock=clock)
    else:
        bot = factory(settings, clock=clock) if clock is not None else factory(settings)
    bot._connection.guild_ready_timeout = fake.guild_ready_timeout

    def last_requests() -> str:
        return "; last requests: " + (", ".join(str(r) for r in fake.requests[-8:]) or "no REST calls")

    async with started(bot, token or fake.token or "fake-token", timeout=timeout, waiting_on=last_requests):
        missing = [g.name for g in fake.state.guilds.values() if bot.get_guild(g.id) is None]
        if missing:
            raise FakeDiscordTimeout(f"the bot became ready without guilds {missing}")
        yield bot


@contextlib.asynccontextmanager
async def started(
    bot: commands.Bot, token: str, *, timeout: float, waiting_on: Callable[[], str] | None = None
) -> AsyncIterator[commands.Bot]:
    """Start ``bot`` with ``token``, yield it once ready, close it when the block ends; whatever it logs in to.

    The start task and the ready event are awaited together, so a bot whose ``setup_hook`` raises fails at
    once with its own exception instead of a timeout; ``waiting_on`` adds to the timeout's message what the
    caller knows of what the bot was doing.
    """
    ready = asyncio.Event()

    async def on_ready() -> None:
        ready.set()

    bot.add_listener(on_ready, "on_ready")
    start = asyncio.create_task(bot.start(token), name="fake-discord: bot.start")
    ready_wait = asyncio.create_task(ready.wait(), name="fake-discord: wait for ready")
    try:
        done, _ = await asyncio.wait({start, ready_wait}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if start in done:
            start.result()  # raises the bot's own startup error
            raise FakeDiscordTimeout("bot.start() returned before the bot became ready")
        if ready_wait not in done:
            known = waiting_on() if waiting_on is not None else ""
            raise FakeDiscordTimeout(f"the bot was not ready after {timeout:g} s{known}")
        yield bot
    finally:
        ready_wait.cancel()
        await _stop(bot, start, timeout)


async def _stop(bot: commands.Bot, start: asyncio.Task[None], timeout: float) -> None:
    await bot.close()
    if start.done():
        if not start.cancelled():
            start.exception()  # retrieved: the error, if any, was already raised to the test
        return
    try:
        async with asyncio.timeout(timeout):
            await start
    except TimeoutError:
        start.cancel()
        raise FakeDiscordTimeout(f"bot.start() did not return within {timeout:g} s of bot.close()") from None
