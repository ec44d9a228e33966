"""A circle with weeks, threads, prompts and polls in a real SQLite file, as the weekly jobs would leave it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.participation.service import ParticipationService
from bot.storage.database import Database
from bot.storage.participation import ParticipationStore

GUILD = 100
CHANNEL = 200
START = datetime(2026, 1, 1, 18, 0, tzinfo=UTC)


@dataclass
class Circle:
    db: Database
    id: int
    guild_id: int


async def open_db(path: Path) -> Database:
    return await Database.open(path)


async def add_circle(db: Database, guild_id: int = GUILD) -> Circle:
    async with db.transaction() as tx:
        circle_id = await tx.insert(
            "INSERT INTO circles (guild_id, channel_id, timezone, weekday, post_time, created_by, created_at, "
            "updated_at) VALUES (?, ?, 'UTC', 3, '18:00', 1, ?, ?)",
            (guild_id, CHANNEL, START.isoformat(), START.isoformat()),
        )
    return Circle(db, circle_id, guild_id)


async def add_week(circle: Circle, *, thread_id: int, number: int, title: str | None = None) -> int:
    """Week ``number`` (0-based) of the circle, with its own reading and discussion thread."""
    starts = (START + timedelta(weeks=number)).strftime("%Y-%m-%dT%H:%M:%SZ")
    async with circle.db.transaction() as tx:
        reading = await tx.insert(
            "INSERT INTO readings (circle_id, status, title, text, words, minutes, analysis, added_by, added_at) "
            "VALUES (?, 'current', ?, 'text', 1, 1, '{}', 1, ?)",
            (circle.id, title or f"Reading {number}", starts),
        )
        return await tx.insert(
            "INSERT INTO weeks (circle_id, reading_id, starts_at, status, channel_id, thread_id) "
            "VALUES (?, ?, ?, 'active', ?, ?)",
            (circle.id, reading, starts, CHANNEL, thread_id),
        )


async def add_post(circle: Circle, week_id: int, kind: str, message_id: int, channel_id: int) -> int:
    async with circle.db.transaction() as tx:
        return await tx.insert(
            "INSERT INTO posts (week_id, kind, channel_id, message_id, posted_at) VALUES (?, ?, ?, ?, ?)",
            (week_id, kind, channel_id, message_id, START.isoformat()),
        )


async def events(db: Database) -> list[dict]:
    """Every stored event, oldest first, as plain dicts."""
    rows = await db.fetchall(
        "SELECT e.kind, e.user_id, e.week_id, e.message_id, e.answer_id, e.words, p.message_id AS post "
        "FROM participation_events e LEFT JOIN posts p ON p.id = e.post_id ORDER BY e.id"
    )
    return [dict(row) for row in rows]


def service(db: Database, **options) -> ParticipationService:
    options.setdefault("max_delay", 0.05)
    return ParticipationService(ParticipationStore(db), **options)
