"""The discord.py Bot: the one place in ``bot/`` that imports discord.

Everything else in ``bot/`` is plain Python the cogs call, so it can be tested without Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import secrets
import signal
import sys

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.errors import UserError
from bot.storage.circles import CircleRepository
from bot.storage.database import Database, DatabaseUnavailable

log = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """No privileged intents: guild events for the cache, message events to count participation (without
    their content), poll votes for poll participation."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.guild_messages = True
    chosen.guild_polls = True
    return chosen


class StartupError(Exception):
    """The bot cannot start for a reason the operator can fix; the message says which."""


class ErrorReportingTree(app_commands.CommandTree):
    """One error handler for every slash command: members get a short ephemeral message, logs the rest."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        if isinstance(cause, UserError):
            text = str(cause)
        elif isinstance(cause, app_commands.CheckFailure):
            text = str(cause) or "You can't use this command here."
        else:
            error_id = secrets.token_hex(4)
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("error %s in /%s", error_id, command, exc_info=cause)
            text = (
                f"Something went wrong on my side (error id `{error_id}`). Please try again, and tell "
                "the server's admins the id if it keeps happening."
            )
        await respond_ephemeral(interaction, text)


async def respond_ephemeral(interaction: discord.Interaction, text: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning("could not deliver an error message for interaction %s", interaction.id, exc_info=True)


class ReadingCircleBot(commands.Bot):
    """Holds what the cogs share: settings, the clock, the database and its repositories."""

    db: Database
    circles: CircleRepository

    def __init__(self, settings: Settings, clock: Clock) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            tree_cls=ErrorReportingTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.settings = settings
        self.clock = clock

    async def setup_hook(self) -> None:
        try:
            self.db = await Database.open(self.settings.database_path)
        except DatabaseUnavailable as err:
            raise StartupError(f"{err} (check DATABASE_PATH)") from err
        self.circles = CircleRepository(self.db)
        for name in cog_modules():
            await self.load_extension(name)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("synced %d application commands", len(synced))

    async def on_ready(self) -> None:
        log.info("logged in as %s in %d servers", self.user, len(self.guilds))

    async def close(self) -> None:
        await super().close()
        db = getattr(self, "db", None)
        if db is not None:
            await db.close()


def cog_modules() -> list[str]:
    """Every module in ``cogs/``: adding a feature is adding a file there."""
    return sorted(
        f"{cogs.__name__}.{info.name}" for info in pkgutil.iter_modules(cogs.__path__) if not info.name.startswith("_")
    )


def create_bot(settings: Settings | None = None, *, clock: Clock | None = None) -> ReadingCircleBot:
    settings = settings or Settings.from_env()
    return ReadingCircleBot(settings, clock or SystemClock())


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
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(sig)
    return 0
