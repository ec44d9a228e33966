"""A reading circle's settings and the rules for changing them, independent of Discord."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from bot.errors import PermissionDenied, UserError
from bot.scheduling.plan import Plan
from bot.timezones import parse_timezone

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_WEEKDAY = 0
DEFAULT_TIME = "18:00"
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


@dataclass(frozen=True, slots=True)
class Circle:
    guild_id: int
    channel_id: int
    timezone: str
    weekday: int
    post_time: str
    created_by: int
    created_at: datetime
    updated_at: datetime
    member_role_id: int | None = None
    organiser_role_id: int | None = None
    moderator_role_id: int | None = None
    log_channel_id: int | None = None
    paused: bool = False
    plan: Plan = field(default_factory=Plan)
    model_writer: bool = True
    id: int | None = None

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.weekday]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, as far as permissions go: the bot checks these itself rather than trusting the
    command's default permissions, which server admins can override."""

    user_id: int
    role_ids: frozenset[int]
    manage_guild: bool


def parse_time(value: str) -> str:
    """Normalise "18:30", "8:05" or "18.30" to "HH:MM"; anything else is a ``UserError``."""
    match = _TIME.match(value)
    if not match:
        raise UserError(f"“{value.strip()[:40]}” is not a time. Use 24-hour HH:MM, for example 18:30.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def may_organise(actor: Actor, circle: Circle | None) -> bool:
    """Manage Server always may; otherwise only holders of the circle's organiser role."""
    if actor.manage_guild:
        return True
    return bool(circle and circle.organiser_role_id and circle.organiser_role_id in actor.role_ids)


def may_moderate(actor: Actor, circle: Circle | None) -> bool:
    if may_organise(actor, circle):
        return True
    return bool(circle and circle.moderator_role_id and circle.moderator_role_id in actor.role_ids)


def configure(
    existing: Circle | None,
    actor: Actor,
    *,
    guild_id: int,
    channel_id: int,
    timezone: str,
    now: datetime,
    weekday: int | None = None,
    post_time: str | None = None,
    member_role_id: int | None = None,
    organiser_role_id: int | None = None,
    moderator_role_id: int | None = None,
    log_channel_id: int | None = None,
) -> Circle:
    """The circle after ``/circle setup``: validates everything before anything is stored.

    Options left out keep their current value on a re-run, so an organiser can change one thing at a time.
    """
    if not may_organise(actor, existing):
        raise PermissionDenied(
            "Only members with the Manage Server permission or the circle's organiser role can set up "
            "the reading circle. Nothing was changed."
        )
    zone = parse_timezone(timezone).key
    if weekday is not None and not 0 <= weekday <= 6:
        raise UserError("The weekday must be one of Monday to Sunday.")
    time = parse_time(post_time) if post_time is not None else None
    if existing is None:
        return Circle(
            guild_id=guild_id,
            channel_id=channel_id,
            timezone=zone,
            weekday=DEFAULT_WEEKDAY if weekday is None else weekday,
            post_time=time or DEFAULT_TIME,
            created_by=actor.user_id,
            created_at=now,
            updated_at=now,
            member_role_id=member_role_id,
            organiser_role_id=organiser_role_id,
            moderator_role_id=moderator_role_id,
            log_channel_id=log_channel_id,
        )
    return replace(
        existing,
        channel_id=channel_id,
        timezone=zone,
        weekday=existing.weekday if weekday is None else weekday,
        post_time=time or existing.post_time,
        updated_at=now,
        member_role_id=member_role_id if member_role_id is not None else existing.member_role_id,
        organiser_role_id=organiser_role_id if organiser_role_id is not None else existing.organiser_role_id,
        moderator_role_id=moderator_role_id if moderator_role_id is not None else existing.moderator_role_id,
        log_channel_id=log_channel_id if log_channel_id is not None else existing.log_channel_id,
    )


def require_circle(circle: Circle | None) -> Circle:
    """The server's circle; before /circle setup there is none, and the user is told how to start one."""
    if circle is None:
        raise UserError(
            "This server has no reading circle yet. Someone with Manage Server can start one with /circle setup."
        )
    return circle


def require_organiser(actor: Actor, circle: Circle | None, action: str) -> Circle:
    """The circle, when ``actor`` may organise it; a refusal naming ``action`` otherwise."""
    circle = require_circle(circle)
    if not may_organise(actor, circle):
        raise PermissionDenied(
            f"Only the circle's organisers (its organiser role, or Manage Server) can {action}. Nothing was changed."
        )
    return circle
