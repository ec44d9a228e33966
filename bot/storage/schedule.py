"""Weeks, jobs and posts: the durable schedule."""

from __future__ import annotations

import json
from datetime import datetime

import aiosqlite

from bot.scheduling.model import Job, JobKind, Post, Week
from bot.storage.database import Database, Transaction
from bot.storage.times import from_db, to_db

Query = Database | Transaction
_JOB = "id, circle_id, week_id, kind, payload, due_at, status, attempts, last_error, progress"
_WEEK = "id, circle_id, reading_id, starts_at, status, channel_id, post_message_id, thread_id"


# --- jobs -----------------------------------------------------------------------------------------------


async def add_job(
    tx: Transaction,
    circle_id: int | None,
    kind: JobKind,
    due_at: datetime,
    *,
    week_id: int | None = None,
    **payload: object,
) -> int:
    return await tx.insert(
        "INSERT INTO jobs (circle_id, week_id, kind, payload, due_at, status) VALUES (?, ?, ?, ?, ?, 'pending')",
        (circle_id, week_id, kind, json.dumps(payload), to_db(due_at)),
    )


async def job(q: Query, job_id: int) -> Job | None:
    row = await q.fetchone(f"SELECT {_JOB} FROM jobs WHERE id = ?", (job_id,))
    return _job(row) if row else None


async def next_due_at(q: Query) -> datetime | None:
    row = await q.fetchone("SELECT min(due_at) FROM jobs WHERE status = 'pending'")
    return from_db(row[0]) if row and row[0] else None


async def due_jobs(q: Query, now: datetime, limit: int = 5000) -> list[Job]:
    rows = await q.fetchall(
        f"SELECT {_JOB} FROM jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?",
        (to_db(now), limit),
    )
    return [_job(r) for r in rows]


async def pending_week_start(q: Query, circle_id: int) -> Job | None:
    row = await q.fetchone(
        f"SELECT {_JOB} FROM jobs WHERE circle_id = ? AND kind = 'week_start' AND status = 'pending'", (circle_id,)
    )
    return _job(row) if row else None


async def has_pending(q: Query, kind: JobKind) -> bool:
    """Whether a job of this kind waits to run (the bot-wide purge: at most one)."""
    return await q.fetchone("SELECT 1 FROM jobs WHERE kind = ? AND status = 'pending'", (kind,)) is not None


async def finish_job(tx: Transaction, job_id: int, status: str, now: datetime, error: str | None = None) -> None:
    await tx.execute(
        "UPDATE jobs SET status = ?, finished_at = ?, last_error = coalesce(?, last_error) WHERE id = ?",
        (status, to_db(now), error, job_id),
    )


async def retry_job(tx: Transaction, job_id: int, due_at: datetime, error: str) -> None:
    await tx.execute(
        "UPDATE jobs SET due_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
        (to_db(due_at), error, job_id),
    )


async def park_job(tx: Transaction, job_id: int, error: str) -> None:
    await tx.execute("UPDATE jobs SET status = 'parked', last_error = ? WHERE id = ?", (error, job_id))


async def park_pending(tx: Transaction, circle_id: int, error: str) -> int:
    """Park every pending job of a circle at once, as ``park_job`` parks one."""
    return await tx.execute(
        "UPDATE jobs SET status = 'parked', last_error = ? WHERE circle_id = ? AND status = 'pending'",
        (error, circle_id),
    )


async def save_progress(tx: Transaction, job_id: int, progress: dict[str, object]) -> None:
    await tx.execute("UPDATE jobs SET progress = ? WHERE id = ?", (json.dumps(progress), job_id))


async def set_job(tx: Transaction, job_id: int, *, due_at: datetime | None = None, **payload: object) -> None:
    """Move a pending job and/or merge keys into its payload."""
    current = await job(tx, job_id)
    if current is None:
        return
    await tx.execute(
        "UPDATE jobs SET due_at = ?, payload = ? WHERE id = ?",
        (to_db(due_at or current.due_at), json.dumps(current.payload | payload), job_id),
    )


async def cancel_jobs(
    tx: Transaction, circle_id: int, *, kinds: tuple[str, ...] | None = None, week_id: int | None = None
) -> int:
    sql = "UPDATE jobs SET status = 'cancelled' WHERE circle_id = ? AND status IN ('pending', 'parked')"
    params: list[object] = [circle_id]
    if kinds:
        sql += f" AND kind IN ({', '.join('?' * len(kinds))})"
        params += kinds
    if week_id is not None:
        sql += " AND week_id = ?"
        params.append(week_id)
    return await tx.execute(sql, params)


async def unpark_jobs(tx: Transaction, circle_id: int, now: datetime) -> int:
    """Parked jobs of a circle run again: at once if they are overdue, else when due."""
    stamp = to_db(now)
    return await tx.execute(
        "UPDATE jobs SET status = 'pending', attempts = 0, due_at = max(due_at, ?) "
        "WHERE circle_id = ? AND status = 'parked'",
        (stamp, circle_id),
    )


def _job(row: aiosqlite.Row) -> Job:
    data = dict(row)
    data["payload"] = json.loads(data["payload"])
    data["progress"] = json.loads(data["progress"])
    data["due_at"] = from_db(data["due_at"])
    return Job(**data)


# --- weeks ----------------------------------------------------------------------------------------------


async def add_week(tx: Transaction, circle_id: int, reading_id: int, starts_at: datetime, channel_id: int) -> int:
    return await tx.insert(
        "INSERT INTO weeks (circle_id, reading_id, starts_at, status, channel_id) VALUES (?, ?, ?, 'active', ?)",
        (circle_id, reading_id, to_db(starts_at), channel_id),
    )


async def week(q: Query, week_id: int) -> Week | None:
    row = await q.fetchone(f"SELECT {_WEEK} FROM weeks WHERE id = ?", (week_id,))
    return _week(row) if row else None


async def active_week(q: Query, circle_id: int) -> Week | None:
    row = await q.fetchone(
        f"SELECT {_WEEK} FROM weeks WHERE circle_id = ? AND status = 'active' ORDER BY starts_at DESC LIMIT 1",
        (circle_id,),
    )
    return _week(row) if row else None


async def set_week_post(tx: Transaction, week_id: int, channel_id: int, message_id: int, thread_id: int) -> None:
    await tx.execute(
        "UPDATE weeks SET channel_id = ?, post_message_id = ?, thread_id = ? WHERE id = ?",
        (channel_id, message_id, thread_id, week_id),
    )


async def end_week(tx: Transaction, week_id: int) -> None:
    await tx.execute("UPDATE weeks SET status = 'ended' WHERE id = ?", (week_id,))


def _week(row: aiosqlite.Row) -> Week:
    data = dict(row)
    data["starts_at"] = from_db(data["starts_at"])
    return Week(**data)


# --- posts ----------------------------------------------------------------------------------------------


async def add_post(tx: Transaction, post: Post) -> None:
    await tx.execute(
        "INSERT INTO posts (week_id, job_id, kind, channel_id, message_id, posted_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (message_id) DO NOTHING",
        (post.week_id, post.job_id, post.kind, post.channel_id, post.message_id, to_db(post.posted_at)),
    )


async def posts_of_week(q: Query, week_id: int, kind: str | None = None) -> list[Post]:
    sql = "SELECT week_id, kind, channel_id, message_id, posted_at, job_id FROM posts WHERE week_id = ?"
    params: list[object] = [week_id]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    rows = await q.fetchall(sql + " ORDER BY posted_at, id", params)
    return [Post(**(dict(r) | {"posted_at": from_db(r["posted_at"])})) for r in rows]
