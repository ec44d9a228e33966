"""Small things every cog does with an interaction: who acts, and an ephemeral answer that cannot ping."""

from __future__ import annotations

import logging
import math
import secrets
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import discord

from bot.circles import Actor
from bot.errors import UserError

log = logging.getLogger(__name__)
NO_PINGS = discord.AllowedMentions.none()


def actor_of(interaction: discord.Interaction) -> Actor:
    member = interaction.user
    roles = frozenset(r.id for r in getattr(member, "roles", ()))
    manage = isinstance(member, discord.Member) and member.guild_permissions.manage_guild
    return Actor(user_id=member.id, role_ids=roles, manage_guild=manage)


def guild_id_of(interaction: discord.Interaction) -> int:
    if interaction.guild_id is None:
        raise UserError("Reading circles live in servers; use this command in one.")
    return interaction.guild_id


async def respond_ephemeral(
    interaction: discord.Interaction,
    text: str,
    *,
    file: discord.File | None = None,
    view: discord.ui.View | None = None,
) -> None:
    """Answer (or follow up) privately, with a file (a member's own export) or buttons (a confirmation) if
    given; a failure to deliver is logged, never raised into a handler."""
    extra: dict[str, Any] = {"file": file} if file is not None else {}  # discord.py wants them absent, not None
    if view is not None:
        extra["view"] = view
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS, **extra)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS, **extra)
    except discord.HTTPException:
        log.warning("could not deliver a message for interaction %s", interaction.id, exc_info=True)


def local_time(when: datetime, timezone: str) -> str:
    """A UTC instant as the circle reads it, plus Discord's own timestamp that each member sees locally."""
    local = when.astimezone(ZoneInfo(timezone))
    return f"{local:%a %d %b %Y, %H:%M} ({timezone}) · <t:{int(when.timestamp())}:R>"


def log_error(where: str, error: BaseException) -> str:
    """Log an unexpected error with a short id a member or organiser can quote; returns the id."""
    error_id = secrets.token_hex(4)
    logging.getLogger("bot.app").error("error %s in %s", error_id, where, exc_info=error)
    return error_id


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """The one way an interaction's failure reaches a member: a ``UserError`` as it is, a failed check as
    its reason, anything else as a short apology with an error id (the log has the rest)."""
    if isinstance(error, UserError):
        text = str(error)
    elif isinstance(error, discord.app_commands.CommandOnCooldown):
        command = interaction.command.qualified_name if interaction.command else "this command"
        text = (
            f"/{command} is costly for me, so each member may use it {error.cooldown.rate} times a minute; "
            f"try again in {math.ceil(error.retry_after)} s. Nothing was changed."
        )
    elif isinstance(error, discord.app_commands.CheckFailure):
        text = str(error) or "You can't use this command here."
    else:
        command = interaction.command.qualified_name if interaction.command else "a button or form"
        text = (
            f"Something went wrong on my side (error id `{log_error(f'/{command}', error)}`). Please try again, "
            "and tell the server's admins the id if it keeps happening."
        )
    await respond_ephemeral(interaction, text)
