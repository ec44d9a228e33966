"""What the bot lacks in a channel, read from discord.py's computed permissions (setup checks it, the
publisher names it when Discord refuses a post)."""

from __future__ import annotations

import discord

from bot.permissions import REQUIRED_PERMISSIONS, missing_permissions


def missing_in(channel: discord.abc.GuildChannel | discord.Thread, me: discord.Member) -> list[str]:
    """The required permissions ``me`` lacks in ``channel``, as readable names (empty when none)."""
    permissions = channel.permissions_for(me)
    # getattr, not iteration: iterating yields canonical names ("read_messages"), not aliases ("view_channel")
    return missing_permissions({name for name in REQUIRED_PERMISSIONS if getattr(permissions, name)})
