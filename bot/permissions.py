"""The Discord permissions the bot uses, in one list, so the invite link asks for exactly these.

Bits are from Discord's permission table; they are written here rather than taken from discord.py so that
``bot/`` stays importable without it (``reading-circle invite-url`` and ``analyze`` do not load discord.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

# name (as discord.py spells it) → bit, and why the bot needs it
REQUIRED_PERMISSIONS: dict[str, int] = {
    "view_channel": 1 << 10,  # see the circle's channel
    "send_messages": 1 << 11,  # post the weekly reading and recaps
    "embed_links": 1 << 14,  # reading posts and summaries are embeds
    "attach_files": 1 << 15,  # participation charts and CSV exports
    "read_message_history": 1 << 16,  # find its own earlier posts after a restart
    "create_public_threads": 1 << 35,  # one discussion thread per reading
    "send_messages_in_threads": 1 << 38,  # prompts go into the week's thread
    "send_polls": 1 << 49,  # polls built from the reading's arguments
}
SCOPES = ("bot", "applications.commands")


def permission_value() -> int:
    value = 0
    for bit in REQUIRED_PERMISSIONS.values():
        value |= bit
    return value


def invite_url(client_id: int) -> str:
    query = urlencode({"client_id": client_id, "permissions": permission_value(), "scope": " ".join(SCOPES)})
    return f"https://discord.com/oauth2/authorize?{query}"


def missing_permissions(granted: set[str]) -> list[str]:
    """Names of required permissions not in ``granted``, readable for an error message."""
    return [name.replace("_", " ").title() for name in REQUIRED_PERMISSIONS if name not in granted]
