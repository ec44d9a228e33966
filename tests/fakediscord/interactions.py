"""Interactions: what the fake sends the bot for a slash command, a button, a modal, and what came back.

Payloads are built from the commands the bot actually synced, so a test naming an option the bot does
not register, or a choice it does not offer, fails the way a Discord user could not have done it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .snowflakes import next_snowflake
from .state import Attachment, Channel, Guild, Member, Message, Role, State, User

if TYPE_CHECKING:
    from .server import FakeDiscord


class InteractionType:
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType:
    MESSAGE = 4
    DEFERRED_MESSAGE = 5
    DEFERRED_UPDATE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9


class OptionType:
    SUB_COMMAND = 1
    SUB_COMMAND_GROUP = 2
    STRING = 3
    INTEGER = 4
    BOOLEAN = 5
    USER = 6
    CHANNEL = 7
    ROLE = 8
    MENTIONABLE = 9
    NUMBER = 10
    ATTACHMENT = 11


ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


@dataclass
class InteractionRecord:
    """One interaction the fake sent and everything the bot did with its token."""

    id: int
    token: str
    type: int
    name: str
    user: User
    guild_id: int | None
    channel_id: int
    payload: dict[str, Any]
    dispatched_at: float = 0.0
    answered_at: float | None = None  # loop time the first callback arrived (dispatch to here is the latency)
    response_type: int | None = None
    response_data: dict[str, Any] | None = None
    original_message_id: int | None = None
    source_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    expired: bool = False

    @property
    def answered(self) -> bool:
        return self.response_type is not None


class InteractionResult:
    """What a test sees after an interaction: the response as it stands now, plus follow-ups.

    Properties read the fake's live state, so after a later edit (a deferred command finishing, a
    button updating the message) the same object shows the new content.
    """

    def __init__(self, fake: FakeDiscord, record: InteractionRecord) -> None:
        self._fake = fake
        self.record = record

    def __repr__(self) -> str:
        return (
            f"<InteractionResult {self.record.name!r} type={self.type} ephemeral={self.ephemeral} text={self.text!r}>"
        )

    @property
    def type(self) -> int | None:
        return self.record.response_type

    @property
    def deferred(self) -> bool:
        return self.type in (CallbackType.DEFERRED_MESSAGE, CallbackType.DEFERRED_UPDATE)

    @property
    def data(self) -> dict[str, Any]:
        return self.record.response_data or {}

    @property
    def original(self) -> Message | None:
        """The message the response created or (for a component) updated, after any edits."""
        mid = self.record.original_message_id
        return self._fake.state.messages.get(mid) if mid is not None else None

    message = original

    @property
    def followups(self) -> list[Message]:
        return [self._fake.state.messages[m] for m in self.record.followup_ids]

    @property
    def messages(self) -> list[Message]:
        original = self.original
        return ([original] if original is not None else []) + self.followups

    @property
    def content(self) -> str:
        original = self.original
        return original.content if original is not None else (self.data.get("content") or "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        original = self.original
        return original.embeds if original is not None else list(self.data.get("embeds") or [])

    @property
    def embed(self) -> dict[str, Any]:
        embeds = self.embeds
        if not embeds:
            raise AssertionError(f"the response has no embed: {self!r}")
        return embeds[0]

    @property
    def components(self) -> list[dict[str, Any]]:
        original = self.original
        return original.components if original is not None else list(self.data.get("components") or [])

    @property
    def flags(self) -> int:
        original = self.original
        return original.flags if original is not None else int(self.data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    @property
    def edits(self) -> list[dict[str, Any]]:
        original = self.original
        return original.edits if original is not None else []

    @property
    def text(self) -> str:
        """All text of the response and its follow-ups, for asserting on meaning."""
        return "\n".join(m.text for m in self.messages if m.text)

    @property
    def choices(self) -> list[dict[str, Any]]:
        if self.type != CallbackType.AUTOCOMPLETE_RESULT:
            raise AssertionError(f"not an autocomplete result: {self!r}")
        return list(self.data.get("choices") or [])

    @property
    def modal(self) -> dict[str, Any]:
        if self.type != CallbackType.MODAL:
            raise AssertionError(f"the bot did not open a modal: {self!r}")
        return self.data


def new_record(
    type: int,
    name: str,
    *,
    member: Member,
    channel: Channel,
    payload_data: dict[str, Any],
    state: State,
    extra: dict[str, Any] | None = None,
) -> InteractionRecord:
    guild = state.guilds[channel.guild_id]
    permissions = state.permissions(guild, member)
    bot_member = guild.members[state.bot_user.id]
    interaction_id = next_snowflake()
    token = f"fake-interaction-{interaction_id}-{secrets.token_urlsafe(12)}"
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(state.application_id),
        "type": type,
        "token": token,
        "version": 1,
        "guild_id": str(guild.id),
        "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
        "channel_id": str(channel.id),
        "channel": channel.payload() | {"permissions": str(permissions)},
        "member": member.payload(permissions=permissions),
        "app_permissions": str(state.permissions(guild, bot_member)),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "data": payload_data,
        **(extra or {}),
    }
    return InteractionRecord(
        id=interaction_id,
        token=token,
        type=type,
        name=name,
        user=member.user,
        guild_id=guild.id,
        channel_id=channel.id,
        payload=payload,
    )


# --- application commands ----------------------------------------------------------------------


def command_data(
    state: State,
    guild: Guild,
    member: Member,
    command: dict[str, Any],
    path: list[str],
    options: dict[str, Any],
    *,
    focused: str | None = None,
) -> dict[str, Any]:
    """The ``data`` of an application-command interaction, nested and typed like Discord's."""
    defs: list[dict[str, Any]] = command.get("options") or []
    chain: list[dict[str, Any]] = []
    for part in path[1:]:
        sub = _find_option(defs, part, types=(OptionType.SUB_COMMAND, OptionType.SUB_COMMAND_GROUP))
        if sub is None:
            names = [o["name"] for o in defs if o["type"] in (1, 2)]
            raise ValueError(f"/{' '.join(path)}: {command['name']} has no subcommand {part!r}; it has {names}")
        chain.append(sub)
        defs = sub.get("options") or []
    subcommands = [o["name"] for o in defs if o["type"] in (1, 2)]
    if subcommands:
        raise ValueError(f"/{' '.join(path)} is a group; Discord requires a subcommand: {subcommands}")

    resolved: dict[str, dict[str, Any]] = {}
    leaf = _typed_options(state, guild, member, defs, options, resolved, focused=focused, where="/" + " ".join(path))
    for sub in reversed(chain):
        leaf = [{"name": sub["name"], "type": sub["type"], "options": leaf}]
    data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": command.get("type", 1)}
    if leaf:
        data["options"] = leaf
    if resolved:
        data["resolved"] = resolved
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    return data


def _find_option(
    defs: list[dict[str, Any]], name: str, *, types: tuple[int, ...] | None = None
) -> dict[str, Any] | None:
    for option in defs:
        if option["name"] == name and (types is None or option["type"] in types):
            return option
    return None


def _typed_options(
    state: State,
    guild: Guild,
    member: Member,
    defs: list[dict[str, Any]],
    given: dict[str, Any],
    resolved: dict[str, dict[str, Any]],
    *,
    focused: str | None,
    where: str,
) -> list[dict[str, Any]]:
    names = [d["name"] for d in defs]
    for name in given:
        if name not in names:
            raise ValueError(f"{where} has no option {name!r}; its options are {names}")
    if focused is not None and focused not in given:
        raise ValueError(f"{where}: the focused option {focused!r} needs a (partial) value in options")
    out: list[dict[str, Any]] = []
    for definition in defs:  # Discord sends options in the command's order
        name = definition["name"]
        if name not in given:
            if definition.get("required") and focused is None:
                raise ValueError(f"{where}: option {name!r} is required; Discord would not send the command")
            continue
        value = given[name]
        if name == focused:
            if not definition.get("autocomplete"):
                raise ValueError(f"{where}: option {name!r} has no autocomplete")
            out.append({"name": name, "type": definition["type"], "value": str(value), "focused": True})
            continue
        option = {"name": name, "type": definition["type"]}
        option["value"] = _option_value(state, guild, member, definition, value, resolved, where=f"{where} {name}")
        out.append(option)
    return out


def _option_value(
    state: State,
    guild: Guild,
    member: Member,
    definition: dict[str, Any],
    value: Any,
    resolved: dict[str, dict[str, Any]],
    *,
    where: str,
) -> Any:
    kind = definition["type"]
    if kind in (OptionType.STRING, OptionType.INTEGER, OptionType.NUMBER):
        value = _choice_value(definition, value, where)
        if kind == OptionType.STRING:
            value = str(value)
            low, high = definition.get("min_length"), definition.get("max_length")
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                raise ValueError(f"{where}: length {len(value)} outside {low}..{high}; Discord would refuse it")
            return value
        value = int(value) if kind == OptionType.INTEGER else float(value)
        low, high = definition.get("min_value"), definition.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"{where}: {value} outside {low}..{high}; Discord would refuse it")
        return value
    if kind == OptionType.BOOLEAN:
        return bool(value)
    if kind == OptionType.USER or (kind == OptionType.MENTIONABLE and isinstance(value, Member | User)):
        return _resolve_user(state, guild, value, resolved)
    if kind == OptionType.ROLE or kind == OptionType.MENTIONABLE:
        role = value if isinstance(value, Role) else guild.roles[int(value)]
        resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)
    if kind == OptionType.CHANNEL:
        channel = value if isinstance(value, Channel) else state.channels[int(value)]
        allowed = definition.get("channel_types")
        if allowed and channel.type not in allowed:
            raise ValueError(f"{where}: channel type {channel.type} not in {allowed}; Discord would not offer it")
        entry: dict[str, Any] = {
            "id": str(channel.id),
            "name": channel.name,
            "type": int(channel.type),
            "permissions": str(state.permissions(guild, member)),
            "parent_id": str(channel.parent_id) if channel.parent_id else None,
        }
        if channel.is_thread:
            entry["thread_metadata"] = channel.payload()["thread_metadata"]
        resolved.setdefault("channels", {})[str(channel.id)] = entry
        return str(channel.id)
    if kind == OptionType.ATTACHMENT:
        attachment = value if isinstance(value, Attachment) else state.attachments[int(value)]
        resolved.setdefault("attachments", {})[str(attachment.id)] = attachment.payload()
        return str(attachment.id)
    raise ValueError(f"{where}: unsupported option type {kind}")


def _choice_value(definition: dict[str, Any], value: Any, where: str) -> Any:
    choices = definition.get("choices")
    if not choices:
        return value
    for choice in choices:
        if choice["value"] == value:
            return value
    for choice in choices:  # a test may name the choice as the user sees it
        if choice["name"] == value:
            return choice["value"]
    shown = [c["name"] for c in choices]
    raise ValueError(f"{where}: {value!r} is not one of the offered choices {shown}")


def _resolve_user(state: State, guild: Guild, value: Any, resolved: dict[str, dict[str, Any]]) -> str:
    if isinstance(value, Member):
        user, member = value.user, value
    else:
        user = value if isinstance(value, User) else state.users[int(value)]
        member = guild.members.get(user.id)
    resolved.setdefault("users", {})[str(user.id)] = user.payload()
    if member is not None:
        resolved.setdefault("members", {})[str(user.id)] = member.payload(
            with_user=False, permissions=state.permissions(guild, member)
        )
    return str(user.id)


# --- modals -------------------------------------------------------------------------------------


def modal_submission(modal: dict[str, Any], values: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``components`` of a modal submit, mirroring the layout the bot sent (rows or labels)."""
    known: list[str] = []
    out: list[dict[str, Any]] = []

    def answer(component: dict[str, Any]) -> dict[str, Any]:
        custom_id = component["custom_id"]
        known.append(custom_id)
        if component["type"] == 4:  # text input
            value = values.get(custom_id, component.get("value") or "")
            if not value and component.get("required", True):
                raise ValueError(f"modal field {custom_id!r} is required; Discord would not submit it empty")
            return {"type": 4, "custom_id": custom_id, "value": str(value)}
        picked = values.get(custom_id, [])
        return {"type": component["type"], "custom_id": custom_id, "values": list(picked)}

    for component in modal.get("components") or []:
        if component["type"] == 1:
            out.append({"type": 1, "components": [answer(c) for c in component.get("components") or []]})
        elif component["type"] == 18:
            out.append({"type": 18, "component": answer(component["component"])})
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(f"modal {modal.get('custom_id')!r} has no fields {sorted(unknown)}; it has {known}")
    return out
