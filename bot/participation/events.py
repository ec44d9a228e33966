"""What the listeners observed, queued for the writer: ids and times only, never message text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MessagePosted:
    guild_id: int
    channel_id: int
    message_id: int
    user_id: int
    at: int  # milliseconds since the Unix epoch, UTC
    reply_to: int | None = None
    words: int | None = None


@dataclass(frozen=True, slots=True)
class MessageDeleted:
    message_id: int


@dataclass(frozen=True, slots=True)
class VoteAdded:
    guild_id: int
    user_id: int
    poll_message_id: int
    answer_id: int
    at: int


@dataclass(frozen=True, slots=True)
class VoteRemoved:
    guild_id: int
    user_id: int
    poll_message_id: int
    answer_id: int


Event = MessagePosted | MessageDeleted | VoteAdded | VoteRemoved
