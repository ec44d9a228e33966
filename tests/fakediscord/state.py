"""What the fake Discord remembers: users, guilds, roles, members, channels, threads, messages, polls, files.

Plain data plus the JSON shapes Discord sends for each, kept apart from the HTTP and gateway code so a
test can read the world directly (``fake.state``) and so payload shapes live in one place.
"""

from __future__ import annotations

import enum
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .snowflakes import iso, next_snowflake, now, snowflake_time


class Perm(enum.IntFlag):
    """Discord permission bits the harness talks about by name."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40
    SEND_POLLS = 1 << 49


ALL_PERMISSIONS = (1 << 51) - 1

EVERYONE_DEFAULT = (
    Perm.CREATE_INSTANT_INVITE
    | Perm.ADD_REACTIONS
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.CHANGE_NICKNAME
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.CREATE_PUBLIC_THREADS
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.SEND_POLLS
)

BOT_DEFAULT = EVERYONE_DEFAULT | Perm.MANAGE_THREADS | Perm.MANAGE_MESSAGES


class ChannelType(enum.IntEnum):
    TEXT = 0
    CATEGORY = 4
    ANNOUNCEMENT = 5
    ANNOUNCEMENT_THREAD = 10
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    FORUM = 15


THREAD_TYPES = {ChannelType.ANNOUNCEMENT_THREAD, ChannelType.PUBLIC_THREAD, ChannelType.PRIVATE_THREAD}


class MessageFlag(enum.IntFlag):
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7


def _union(values: Any) -> int:
    out = 0
    for value in values:
        out |= value
    return out


def as_int_permissions(value: Any) -> int:
    """Accept an int, a Perm, or a discord.Permissions, as test authors may pass any of them."""
    if value is None:
        return 0
    return int(getattr(value, "value", value))


@dataclass
class User:
    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False
    bot_id: int | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class Member:
    user: User
    guild_id: int
    role_ids: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: datetime = field(default_factory=now)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.username

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r) for r in self.role_ids],
            "nick": self.nick,
            "avatar": None,
            "joined_at": iso(self.joined_at),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class Overwrite:
    """A channel's permission overwrite for a role (type 0) or a member (type 1)."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0

    def payload(self) -> dict[str, Any]:
        return {"id": str(self.id), "type": self.type, "allow": str(self.allow), "deny": str(self.deny)}


@dataclass
class Channel:
    """A guild channel or a thread (Discord treats threads as channels too)."""

    id: int
    guild_id: int
    name: str
    type: int = ChannelType.TEXT
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    overwrites: dict[int, Overwrite] = field(default_factory=dict)
    # threads only
    owner_id: int | None = None
    auto_archive_duration: int = 1440
    archived: bool = False
    locked: bool = False
    message_count: int = 0
    starter_message_id: int | None = None
    created_at: datetime = field(default_factory=now)

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "guild_id": str(self.guild_id),
            "name": self.name,
            "type": int(self.type),
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "flags": 0,
            "rate_limit_per_user": 0,
            "last_message_id": None,
        }
        if self.is_thread:
            data.update(
                owner_id=str(self.owner_id),
                message_count=self.message_count,
                total_message_sent=self.message_count,
                member_count=1,
                thread_metadata={
                    "archived": self.archived,
                    "auto_archive_duration": self.auto_archive_duration,
                    "archive_timestamp": iso(self.created_at),
                    "locked": self.locked,
                    "create_timestamp": iso(self.created_at),
                    **({"invitable": True} if self.type == ChannelType.PRIVATE_THREAD else {}),
                },
            )
        else:
            data.update(
                position=self.position,
                permission_overwrites=[o.payload() for o in self.overwrites.values()],
                nsfw=False,
                topic=self.topic,
                default_auto_archive_duration=1440,
            )
        if self.type == ChannelType.FORUM:
            data.update(
                available_tags=[],
                default_reaction_emoji=None,
                default_sort_order=None,
                default_forum_layout=0,
                default_thread_rate_limit_per_user=0,
            )
        elif self.is_thread and self.type == ChannelType.PUBLIC_THREAD:
            data["applied_tags"] = []
        return data


@dataclass
class Attachment:
    id: int
    filename: str
    data: bytes
    url: str
    content_type: str | None = None
    description: str | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": self.url,
            "proxy_url": self.url,
        }
        if self.content_type:
            data["content_type"] = self.content_type
        if self.description:
            data["description"] = self.description
        return data


@dataclass
class PollAnswer:
    answer_id: int
    text: str | None
    emoji: dict[str, Any] | None = None
    voters: list[int] = field(default_factory=list)


@dataclass
class Poll:
    question: str
    answers: list[PollAnswer]
    expiry: datetime
    allow_multiselect: bool = False
    layout_type: int = 1
    finalized: bool = False

    @classmethod
    def from_request(cls, body: dict[str, Any], *, created: datetime) -> Poll:
        answers = [
            PollAnswer(
                answer_id=index,
                text=(answer.get("poll_media") or {}).get("text"),
                emoji=(answer.get("poll_media") or {}).get("emoji"),
            )
            for index, answer in enumerate(body.get("answers") or [], start=1)
        ]
        hours = body.get("duration") or 24
        return cls(
            question=(body.get("question") or {}).get("text") or "",
            answers=answers,
            expiry=created + timedelta(hours=hours),
            allow_multiselect=bool(body.get("allow_multiselect")),
            layout_type=body.get("layout_type") or 1,
        )

    def answer(self, answer_id: int) -> PollAnswer:
        for answer in self.answers:
            if answer.answer_id == answer_id:
                return answer
        raise KeyError(f"poll has no answer {answer_id}; answers are {[a.answer_id for a in self.answers]}")

    def counts(self) -> dict[int, int]:
        return {a.answer_id: len(a.voters) for a in self.answers}

    def payload(self) -> dict[str, Any]:
        def media(answer: PollAnswer) -> dict[str, Any]:
            out: dict[str, Any] = {"text": answer.text}
            if answer.emoji:
                out["emoji"] = answer.emoji
            return out

        return {
            "question": {"text": self.question},
            "answers": [{"answer_id": a.answer_id, "poll_media": media(a)} for a in self.answers],
            "expiry": iso(self.expiry),
            "allow_multiselect": self.allow_multiselect,
            "layout_type": self.layout_type,
            "results": {
                "is_finalized": self.finalized,
                "answer_counts": [
                    {"id": a.answer_id, "count": len(a.voters), "me_voted": False} for a in self.answers if a.voters
                ],
            },
        }


@dataclass
class Message:
    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    poll: Poll | None = None
    flags: int = 0
    type: int = 0
    nonce: str | int | None = None
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_metadata: dict[str, Any] | None = None
    thread_id: int | None = None
    message_reference: dict[str, Any] | None = None
    allowed_mentions: dict[str, Any] | None = None
    edited_at: datetime | None = None
    deleted: bool = False
    edits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def created_at(self) -> datetime:
        return snowflake_time(self.id)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & MessageFlag.LOADING)

    @property
    def text(self) -> str:
        """Everything a reader sees (content, embed text, poll), for assertions about meaning."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            parts += [(embed.get("author") or {}).get("name") or ""]
            for f in embed.get("fields") or []:
                parts += [f.get("name") or "", f.get("value") or ""]
            parts += [(embed.get("footer") or {}).get("text") or ""]
        if self.poll:
            parts.append(self.poll.question)
            parts += [a.text or "" for a in self.poll.answers]
        return "\n".join(p for p in parts if p)

    def custom_ids(self) -> list[str]:
        """The custom ids of every interactive component, in display order."""
        found: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                if "custom_id" in item and item.get("type") != 1:
                    found.append(item["custom_id"])
                walk(item.get("components") or [])
                if isinstance(item.get("accessory"), dict):
                    walk([item["accessory"]])

        walk(self.components)
        return found

    def find_component(self, custom_id: str) -> dict[str, Any]:
        def walk(items: list[dict[str, Any]]) -> dict[str, Any] | None:
            for item in items:
                if item.get("custom_id") == custom_id:
                    return item
                found = walk(item.get("components") or [])
                if found is None and isinstance(item.get("accessory"), dict):
                    found = walk([item["accessory"]])
                if found is not None:
                    return found
            return None

        component = walk(self.components)
        if component is None:
            raise KeyError(f"message {self.id} has no component {custom_id!r}; it has {self.custom_ids()}")
        return component

    def payload(self, *, member: Member | None = None, thread: Channel | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": iso(self.created_at),
            "edited_timestamp": iso(self.edited_at) if self.edited_at else None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [a.payload() for a in self.attachments],
            "embeds": [dict(e) for e in self.embeds],
            "pinned": False,
            "type": self.type,
            "flags": self.flags,
            "components": list(self.components),
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if member is not None:
            data["member"] = member.payload(with_user=False)
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.poll is not None:
            data["poll"] = self.poll.payload()
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            data["interaction_metadata"] = self.interaction_metadata
        if self.message_reference is not None:
            data["message_reference"] = self.message_reference
        if thread is not None:
            data["thread"] = thread.payload()
        return data


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    channel_ids: list[int] = field(default_factory=list)

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def role(self, name: str) -> Role:
        for role in self.roles.values():
            if role.name == name:
                return role
        raise KeyError(f"guild {self.name!r} has no role {name!r}")

    def member(self, name: str) -> Member:
        for member in self.members.values():
            if member.name == name:
                return member
        raise KeyError(f"guild {self.name!r} has no member {name!r}")


class State:
    """All the fake's data and the rules Discord applies to it, without any I/O."""

    def __init__(self, cdn_base: str) -> None:
        self.cdn_base = cdn_base
        self.now: Callable[[], datetime] = now  # the test clock's, once FakeDiscord.use_clock is called
        self.bot_user = User(id=next_snowflake(), username="Reading Circle", bot=True)
        self.application_id = self.bot_user.id
        self.app_owner = User(id=next_snowflake(), username="app-owner")
        self.users: dict[int, User] = {self.bot_user.id: self.bot_user, self.app_owner.id: self.app_owner}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.attachments: dict[int, Attachment] = {}
        self.global_commands: dict[str, dict[str, Any]] = {}
        self.guild_commands: dict[int, dict[str, dict[str, Any]]] = {}
        self.command_ids: dict[tuple[int | None, str, int], int] = {}

    # --- world building -------------------------------------------------------------------------

    def create_user(self, name: str, *, bot: bool = False) -> User:
        user = User(id=next_snowflake(), username=name, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, *, owner: User, bot_permissions: int) -> Guild:
        guild = Guild(id=next_snowflake(), name=name, owner_id=owner.id)
        guild.roles[guild.id] = Role(id=guild.id, guild_id=guild.id, name="@everyone", permissions=EVERYONE_DEFAULT)
        self.guilds[guild.id] = guild
        guild.members[owner.id] = Member(user=owner, guild_id=guild.id)
        bot_role = self.add_role(guild, self.bot_user.username, bot_permissions, managed=True)
        bot_role.bot_id = self.bot_user.id
        guild.members[self.bot_user.id] = Member(user=self.bot_user, guild_id=guild.id, role_ids=[bot_role.id])
        return guild

    def add_role(self, guild: Guild, name: str, permissions: int = 0, *, managed: bool = False) -> Role:
        role = Role(
            id=next_snowflake(),
            guild_id=guild.id,
            name=name,
            permissions=as_int_permissions(permissions),
            position=len(guild.roles),
            managed=managed,
        )
        guild.roles[role.id] = role
        return role

    def add_member(self, guild: Guild, user: User, roles: list[Role]) -> Member:
        member = Member(user=user, guild_id=guild.id, role_ids=[r.id for r in roles])
        guild.members[user.id] = member
        return member

    def add_channel(
        self, guild: Guild, name: str, *, type: int = ChannelType.TEXT, parent_id: int | None = None
    ) -> Channel:
        channel = Channel(
            id=next_snowflake(),
            guild_id=guild.id,
            name=name,
            type=type,
            position=len(guild.channel_ids),
            parent_id=parent_id,
        )
        self.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        return channel

    def add_attachment(
        self,
        filename: str,
        data: bytes,
        *,
        channel_id: int = 0,
        content_type: str | None = None,
        description: str | None = None,
    ) -> Attachment:
        attachment_id = next_snowflake()
        if content_type is None:
            content_type = mimetypes.guess_type(filename)[0]
        attachment = Attachment(
            id=attachment_id,
            filename=filename,
            data=data,
            url=f"{self.cdn_base}/attachments/{channel_id}/{attachment_id}/{filename}",
            content_type=content_type,
            description=description,
        )
        self.attachments[attachment_id] = attachment
        return attachment

    # --- rules ----------------------------------------------------------------------------------

    def permissions(self, guild: Guild, member: Member) -> int:
        """Guild-level permissions as Discord computes them (``channel_permissions`` adds overwrites)."""
        if member.id == guild.owner_id:
            return ALL_PERMISSIONS
        value = guild.everyone.permissions
        for role_id in member.role_ids:
            value |= guild.roles[role_id].permissions
        if value & Perm.ADMINISTRATOR:
            return ALL_PERMISSIONS
        return value

    def channel_permissions(self, channel: Channel, member: Member) -> int:
        """Permissions in a channel as Discord computes them: @everyone, then roles, then member overwrites.

        A thread takes its parent's overwrites; without View Channel a member has no permission there.
        """
        guild = self.guild_of(channel)
        value = self.permissions(guild, member)
        if value == ALL_PERMISSIONS:
            return value
        source = self.channels.get(channel.parent_id or 0, channel) if channel.is_thread else channel
        overwrites = source.overwrites
        if everyone := overwrites.get(guild.id):
            value = (value & ~everyone.deny) | everyone.allow
        roles = [overwrites[r] for r in member.role_ids if r in overwrites]
        value = (value & ~_union(o.deny for o in roles)) | _union(o.allow for o in roles)
        if own := overwrites.get(member.id):
            value = (value & ~own.deny) | own.allow
        return value if value & Perm.VIEW_CHANNEL else 0

    def delete_channel(self, channel: Channel) -> None:
        """Forget a channel and its threads (or a thread)."""
        gone = [channel] + [c for c in self.channels.values() if c.parent_id == channel.id and c.is_thread]
        for item in gone:
            del self.channels[item.id]
        guild = self.guild_of(channel)
        if channel.id in guild.channel_ids:
            guild.channel_ids.remove(channel.id)

    def guild_of(self, channel: Channel) -> Guild:
        return self.guilds[channel.guild_id]

    def member_of(self, guild_id: int | None, user: User) -> Member | None:
        if guild_id is None:
            return None
        return self.guilds[guild_id].members.get(user.id)

    def thread_of(self, message: Message) -> Channel | None:
        return self.channels.get(message.thread_id) if message.thread_id else None

    def channel_messages(self, channel_id: int) -> list[Message]:
        return sorted(
            (m for m in self.messages.values() if m.channel_id == channel_id and not m.deleted), key=lambda m: m.id
        )

    def create_message(
        self, channel: Channel, author: User, body: dict[str, Any], *, message_id: int | None = None, **extra: Any
    ) -> Message:
        """Store a message; ``message_id`` is given only for a forum post's first message (its thread's id)."""
        message = Message(
            id=message_id or next_snowflake(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=author,
            content=body.get("content") or "",
            embeds=[{"type": "rich", **e} for e in body.get("embeds") or []],
            components=list(body.get("components") or []),
            flags=int(body.get("flags") or 0),
            nonce=body.get("nonce"),
            allowed_mentions=body.get("allowed_mentions"),
            message_reference=body.get("message_reference"),
            poll=Poll.from_request(body["poll"], created=self.now()) if body.get("poll") else None,
            **extra,
        )
        self.messages[message.id] = message
        if channel.is_thread:
            channel.message_count += 1
        return message

    def edit_message(self, message: Message, body: dict[str, Any], new_files: list[Attachment]) -> None:
        message.edits.append(body)
        message.edited_at = self.now()
        if "content" in body:
            message.content = body["content"] or ""
        if "embeds" in body:
            message.embeds = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            message.components = list(body["components"] or [])
        if "flags" in body and body["flags"] is not None:
            keep = message.flags & MessageFlag.EPHEMERAL
            message.flags = (int(body["flags"]) & ~MessageFlag.LOADING) | keep
        if "attachments" in body and body["attachments"] is not None:
            kept_ids = {int(a["id"]) for a in body["attachments"] if str(a.get("id", "")).isdigit()}
            message.attachments = [a for a in message.attachments if a.id in kept_ids]
        message.attachments += new_files
        message.flags &= ~MessageFlag.LOADING

    def create_thread(
        self,
        parent: Channel,
        name: str,
        *,
        owner: User,
        type: int,
        auto_archive_duration: int | None,
        starter: Message | None = None,
    ) -> Channel:
        thread = Channel(
            id=starter.id if starter is not None else next_snowflake(),
            guild_id=parent.guild_id,
            name=name,
            type=type,
            parent_id=parent.id,
            owner_id=owner.id,
            auto_archive_duration=auto_archive_duration or 1440,
            starter_message_id=starter.id if starter is not None else None,
        )
        self.channels[thread.id] = thread
        if starter is not None:
            starter.thread_id = thread.id
        return thread

    # --- application commands ------------------------------------------------------------------

    def store_commands(self, guild_id: int | None, commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Replace a scope's commands as a bulk overwrite does, keeping ids stable by name and type."""
        stored: dict[str, dict[str, Any]] = {}
        for command in commands:
            stored[command["name"]] = self._stored_command(guild_id, command)
        if guild_id is None:
            self.global_commands = stored
        else:
            self.guild_commands[guild_id] = stored
        return list(stored.values())

    def upsert_command(self, guild_id: int | None, command: dict[str, Any]) -> dict[str, Any]:
        stored = self._stored_command(guild_id, command)
        scope = self.global_commands if guild_id is None else self.guild_commands.setdefault(guild_id, {})
        scope[command["name"]] = stored
        return stored

    def _stored_command(self, guild_id: int | None, command: dict[str, Any]) -> dict[str, Any]:
        ctype = command.get("type") or 1
        key = (guild_id, command["name"], ctype)
        command_id = self.command_ids.setdefault(key, next_snowflake())
        data = {
            "id": str(command_id),
            "application_id": str(self.application_id),
            "version": str(next_snowflake()),
            "type": ctype,
            "name": command["name"],
            "description": command.get("description", ""),
            "options": command.get("options") or [],
            "default_member_permissions": command.get("default_member_permissions"),
            "nsfw": bool(command.get("nsfw")),
            "name_localizations": command.get("name_localizations"),
            "description_localizations": command.get("description_localizations"),
            "contexts": command.get("contexts"),
            "integration_types": command.get("integration_types") or [0],
            "dm_permission": command.get("dm_permission", True),
        }
        if guild_id is not None:
            data["guild_id"] = str(guild_id)
        return data

    def find_command(self, guild_id: int | None, name: str) -> dict[str, Any] | None:
        """Guild commands shadow global ones with the same name, as in the Discord client."""
        if guild_id is not None and name in self.guild_commands.get(guild_id, {}):
            return self.guild_commands[guild_id][name]
        return self.global_commands.get(name)

    # --- payloads ------------------------------------------------------------------------------

    def guild_payload(self, guild: Guild, *, full: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in sorted(guild.roles.values(), key=lambda r: r.position)],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
        }
        if full:
            channels = [self.channels[c] for c in guild.channel_ids]
            threads = [c for c in self.channels.values() if c.guild_id == guild.id and c.is_thread and not c.archived]
            data.update(
                joined_at=iso(snowflake_time(guild.id)),
                large=False,
                unavailable=False,
                member_count=len(guild.members),
                members=[m.payload() for m in guild.members.values()],
                channels=[c.payload() for c in channels],
                threads=[t.payload() for t in threads],
                presences=[],
                voice_states=[],
                stage_instances=[],
                guild_scheduled_events=[],
                soundboard_sounds=[],
            )
        return data
