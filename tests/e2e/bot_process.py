"""The real bot in its own process, pointed at a fake Discord in the test's process; the test kills it.

``python -m tests.e2e.bot_process`` reads FAKE_API_BASE, FAKE_GATEWAY and DATABASE_PATH from the
environment and runs ``reading-circle run``'s loop (``bot.app.run_until_stopped``) with the system clock.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

import discord.gateway
import discord.http
import yarl

from bot.app import run_until_stopped
from bot.config import Settings


def main() -> int:
    discord.http.Route.BASE = os.environ["FAKE_API_BASE"]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["FAKE_GATEWAY"])
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    settings = Settings(discord_token="fake-token", database_path=Path(os.environ["DATABASE_PATH"]), dev_guild_id=None)
    return asyncio.run(run_until_stopped(settings, "fake-token"))


if __name__ == "__main__":
    sys.exit(main())
