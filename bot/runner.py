"""Running the bot as a process: signals, clean shutdown, one-line errors for the usual start failures."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sqlite3
import sys

import discord

from bot.app import create_bot
from bot.config import Settings

log = logging.getLogger(__name__)


async def run_until_stopped(settings: Settings, token: str) -> int:
    """Start the bot; SIGINT/SIGTERM close the gateway and the database before the process exits."""
    bot = create_bot(settings)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C still raises KeyboardInterrupt
            loop.add_signal_handler(sig, stopping.set)
    try:
        async with bot:
            running = asyncio.create_task(bot.start(token))
            stop_requested = asyncio.create_task(stopping.wait())
            await asyncio.wait({running, stop_requested}, return_when=asyncio.FIRST_COMPLETED)
            if stopping.is_set():
                log.info("shutting down")
                await bot.close()
            stop_requested.cancel()
            await running
    except discord.LoginFailure:
        print(
            "reading-circle: Discord rejected DISCORD_TOKEN. Reset the token on the Bot page of your "
            "application in the Developer Portal and update .env.",
            file=sys.stderr,
        )
        return 2
    except (OSError, sqlite3.Error) as err:
        print(
            f"reading-circle: cannot open the database at {settings.database_path}: {err} (check DATABASE_PATH)",
            file=sys.stderr,
        )
        return 2
    return 0
