"""What the weekly jobs send, described without discord.py, and the publisher interface that sends it.

Services build ``Outgoing`` messages and hand them to a ``Publisher``; the Discord side implements it
(``bot.discordside.publisher``) and tests may read what was built. Every publisher failure is one of three
``PublishError`` kinds, because the runner's answer depends only on that: wait for an organiser
(``forbidden``, ``missing``) or try again later (``transient``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Card:
    """An embed: the reading post's title, link, thesis and arguments."""

    title: str
    description: str = ""
    url: str | None = None
    author: str | None = None
    fields: tuple[Field, ...] = ()
    footer: str | None = None


@dataclass(frozen=True, slots=True)
class PollSpec:
    question: str
    answers: tuple[str, ...]
    hours: int


@dataclass(frozen=True, slots=True)
class FileSpec:
    filename: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message. ``nonce`` comes from the job, so a retry after a crash is deduplicated by Discord;
    ``ping_role`` is the only mention it may make (the circle's member role on the reading post)."""

    nonce: str
    content: str = ""
    card: Card | None = None
    poll: PollSpec | None = None
    file: FileSpec | None = None
    ping_role: int | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    channel_id: int
    message_id: int
    thread_id: int | None = None


@dataclass(frozen=True, slots=True)
class PollResult:
    question: str
    counts: tuple[tuple[str, int], ...]
    finalized: bool


ErrorKind = Literal["forbidden", "missing", "transient"]


class PublishError(Exception):
    """``forbidden``: the bot lacks a permission (the message names it); ``missing``: the channel, thread or
    message is gone; ``transient``: Discord or the network failed and a later try may work."""

    def __init__(self, kind: ErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind


ChannelKind = Literal["text", "forum"]


class Publisher(Protocol):
    async def channel_kind(self, channel_id: int) -> ChannelKind: ...

    async def post(self, channel_id: int, message: Outgoing) -> Sent: ...

    async def start_thread(self, channel_id: int, message_id: int, name: str) -> int:
        """The thread on that message, created now or found if an earlier try created it."""
        ...

    async def post_forum(self, forum_id: int, name: str, message: Outgoing) -> Sent:
        """A forum post: a thread whose starter message is ``message``."""
        ...

    async def poll_result(self, channel_id: int, message_id: int) -> PollResult: ...

    async def notify(self, channel_id: int, text: str) -> None:
        """A plain message to the organisers' log channel (no mentions)."""
        ...
