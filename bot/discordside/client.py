"""The discord.py Bot: its intents, one error handler for slash commands and one for everything else."""

from __future__ import annotations

import gc
import logging
import sys

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import Clock
from bot.config import Settings
from bot.discordside.publisher import DiscordPublisher
from bot.discordside.replies import log_error, report_error
from bot.services import Services
from bot.storage.database import Database, DatabaseUnavailable

log = logging.getLogger("bot.app")
# How long a command waits for a database another process is writing (a backup, a held transaction) before
# it answers that the database is busy: Discord drops an interaction not answered within 3 seconds.
BUSY_TIMEOUT_S = 2.0


def intents(settings: Settings | None = None) -> discord.Intents:
    """No privileged intents unless the operator turns them on: guild events for the cache, message events
    to count participation (without their content), poll votes for poll participation. Message Content
    (word counts) and Server Members (who holds the member role) only with their settings."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.guild_messages = True
    chosen.guild_polls = True
    if settings is not None:
        chosen.message_content = settings.message_content_intent
        chosen.members = settings.members_intent
    return chosen


class StartupError(Exception):
    """The bot cannot start for a reason the operator can fix; the message says which."""


class ErrorReportingTree(app_commands.CommandTree):
    """One error handler for every slash command (views and modals call the same ``report_error``)."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error.original if isinstance(error, app_commands.CommandInvokeError) else error)


class ReadingCircleBot(commands.Bot):
    """Holds the services the cogs call; starts the job runner once connected."""

    services: Services

    def __init__(self, settings: Settings, clock: Clock) -> None:
        # This bot never joins voice; without this discord.py warns at every start that PyNaCl and davey,
        # which only voice needs, are missing.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(settings),
            tree_cls=ErrorReportingTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            # No message cache: every listener takes what it needs from the event itself (deletes and poll
            # votes through the raw events, replies through ``message.reference``), and keeping the last
            # 1,000 messages costs a linear search of them for each delete and poll vote.
            max_messages=None,
        )
        self.settings = settings
        self.clock = clock
        self.publisher = DiscordPublisher(self)
        self.extension_names: list[str] = []
        self._database: Database | None = None

    async def on_message(self, message: discord.Message, /) -> None:
        """Nothing: every command is a slash command, so a member's message is not parsed for a prefix one
        (commands.Bot does that for each message: about 5% of the bot's CPU at 2,000 messages a second).
        The cogs' listeners still receive every message."""

    async def open_database(self) -> None:
        """Open and migrate the database; ``run`` calls this before logging in, so a database fault is
        reported as itself rather than hidden behind (or after) a network error."""
        if self._database is None:
            try:
                self._database = await Database.open(self.settings.database_path, busy_timeout=BUSY_TIMEOUT_S)
            except DatabaseUnavailable as err:
                raise StartupError(f"{err} (check DATABASE_PATH)") from err

    async def setup_hook(self) -> None:
        await self.open_database()
        assert self._database is not None
        self.services = Services.create(self._database, self.clock, self.publisher, self.settings)
        await self.services.start()
        for name in self.extension_names:
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
        self.services.runner.start()  # after READY: jobs need the guilds in the cache
        if gc.get_freeze_count() == 0:  # the first READY only: later ones would freeze replaced objects
            # What is alive now (modules, the guild cache) lives as long as the bot: out of the collector's
            # sight, the longest collection in benchmarks/load.py is 5-58 ms, not 91-172.
            gc.collect()
            gc.freeze()

    async def on_error(self, event_method: str, /, *args: object, **kwargs: object) -> None:
        """A failing listener is logged with an error id and the bot goes on (discord.py's default prints)."""
        error = sys.exc_info()[1]
        log_error(f"listener {event_method}", error if error is not None else RuntimeError("unknown error"))

    async def close(self) -> None:
        services = getattr(self, "services", None)
        if services is not None:
            await services.runner.stop()
        await super().close()
        if services is not None:
            await services.participation.close()  # the queued events, before the database goes
        if self._database is not None:
            await self._database.close()
            self._database = None
