"""Circles table: one row per Discord server."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import aiosqlite

from bot.circles import Circle
from bot.storage.database import Database

_COLUMNS = (
    "guild_id, channel_id, timezone, weekday, post_time, member_role_id, organiser_role_id, "
    "moderator_role_id, created_by, created_at, updated_at"
)


class CircleRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, guild_id: int) -> Circle | None:
        async with self._db.conn.execute(f"SELECT id, {_COLUMNS} FROM circles WHERE guild_id = ?", (guild_id,)) as cur:
            row = await cur.fetchone()
        return _circle(row) if row else None

    async def save(self, circle: Circle) -> Circle:
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
            circle.created_by,
            circle.created_at.isoformat(),
            circle.updated_at.isoformat(),
        )
        async with self._db.conn.execute(
            f"INSERT INTO circles ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, "
            "timezone = excluded.timezone, weekday = excluded.weekday, post_time = excluded.post_time, "
            "member_role_id = excluded.member_role_id, organiser_role_id = excluded.organiser_role_id, "
            "moderator_role_id = excluded.moderator_role_id, updated_at = excluded.updated_at "
            "RETURNING id",
            values,
        ) as cur:
            row = await cur.fetchone()
        return replace(circle, id=int(row[0]))


def _circle(row: aiosqlite.Row) -> Circle:
    data = dict(row)
    data["created_at"] = datetime.fromisoformat(data["created_at"])
    data["updated_at"] = datetime.fromisoformat(data["updated_at"])
    return Circle(**data)
