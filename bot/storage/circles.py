"""Circles table: one row per Discord server."""

from __future__ import annotations

from dataclasses import replace

import aiosqlite

from bot.circles import Circle
from bot.scheduling.plan import Plan
from bot.storage.database import Database, Transaction
from bot.storage.times import from_db

_COLUMNS = (
    "guild_id, channel_id, timezone, weekday, post_time, member_role_id, organiser_role_id, "
    "moderator_role_id, log_channel_id, paused, plan, model_writer, created_by, created_at, updated_at"
)
_UPDATED = [c.strip() for c in _COLUMNS.split(",") if c.strip() not in ("guild_id", "created_by", "created_at")]


async def get(q: Database | Transaction, guild_id: int) -> Circle | None:
    row = await q.fetchone(f"SELECT id, {_COLUMNS} FROM circles WHERE guild_id = ?", (guild_id,))
    return _circle(row) if row else None


async def by_id(q: Database | Transaction, circle_id: int | None) -> Circle | None:
    """The circle with this row id; None for a job that belongs to no circle (the daily purge)."""
    if circle_id is None:
        return None
    row = await q.fetchone(f"SELECT id, {_COLUMNS} FROM circles WHERE id = ?", (circle_id,))
    return _circle(row) if row else None


async def save(tx: Transaction, circle: Circle) -> Circle:
    """Insert or update the server's circle in one statement, so a crash leaves the old or the new row."""
    values = (
        circle.guild_id,
        circle.channel_id,
        circle.timezone,
        circle.weekday,
        circle.post_time,
        circle.member_role_id,
        circle.organiser_role_id,
        circle.moderator_role_id,
        circle.log_channel_id,
        int(circle.paused),
        None if circle.plan == Plan() else circle.plan.to_json(),
        int(circle.model_writer),
        circle.created_by,
        circle.created_at.isoformat(),
        circle.updated_at.isoformat(),
    )
    updates = ", ".join(f"{c} = excluded.{c}" for c in _UPDATED)
    row = await tx.fetchone(
        f"INSERT INTO circles ({_COLUMNS}) VALUES ({', '.join('?' * len(values))}) "
        f"ON CONFLICT (guild_id) DO UPDATE SET {updates} RETURNING id",
        values,
    )
    assert row is not None
    return replace(circle, id=int(row[0]))


def _circle(row: aiosqlite.Row) -> Circle:
    data = dict(row)
    data["created_at"] = from_db(data["created_at"])
    data["updated_at"] = from_db(data["updated_at"])
    data["paused"] = bool(data["paused"])
    data["model_writer"] = bool(data["model_writer"])
    data["plan"] = Plan.from_json(data["plan"])
    return Circle(**data)
