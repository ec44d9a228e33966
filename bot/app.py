"""Process entry for the bot: build it with its cogs, run it until a signal, report start-up failures.

Only this module imports ``cogs``; cogs import the shared Discord side from ``bot.discordside``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pkgutil
import signal
import socket
import sys

import aiohttp
import discord

import cogs
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.discordside.client import ReadingCircleBot, StartupError

log = logging.getLogger(__name__)


def cog_modules() -> list[str]:
    """Every module in ``cogs/``: adding a feature is adding a file there."""
    return sorted(
        f"{cogs.__name__}.{info.name}" for info in pkgutil.iter_modules(cogs.__path__) if not info.name.startswith("_")
    )


def create_bot(settings: Settings | None = None, *, clock: Clock | None = None) -> ReadingCircleBot:
    bot = ReadingCircleBot(settings or Settings.from_env(), clock or SystemClock())
    bot.extension_names = cog_modules()
    return bot


async def run_until_stopped(settings: Settings, token: str, *, bot: ReadingCircleBot | None = None) -> int:
    """Start the bot; SIGINT/SIGTERM close the gateway and the database before the process exits."""
    bot = bot or create_bot(settings)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C still raises KeyboardInterrupt
            loop.add_signal_handler(sig, stopping.set)
    try:
        async with bot:
            await bot.open_database()  # before any network: a database fault is reported as itself
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
    except StartupError as err:
        print(f"reading-circle: {err}", file=sys.stderr)
        return 2
    except (aiohttp.ClientError, OSError, TimeoutError) as err:
        print(
            f"reading-circle: could not reach Discord to log in ({_network_reason(err)}); check the "
            "network connection, DNS and any firewall, then start the bot again.",
            file=sys.stderr,
        )
        return 3
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(sig)
    return 0


def _network_reason(err: BaseException) -> str:
    """The operating system's reason (refused, no route, name not known) without aiohttp's wrapping."""
    cause = getattr(err, "os_error", None) or err
    errno = cause.errno if isinstance(cause, OSError) and not isinstance(cause, socket.gaierror) else None
    if errno is not None and errno > 0:
        return os.strerror(errno)  # "Connection refused", not asyncio's "Connect call failed (…)"
    return getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
