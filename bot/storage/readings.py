"""Readings table: drafts being previewed, the queue, the current reading and the archive."""

from __future__ import annotations

import json
from dataclasses import replace

import aiosqlite

from bot.analysis.serialize import analysis_from_dict, analysis_to_dict
from bot.readings import CircleReading, Listed
from bot.storage.database import Database, Transaction
from bot.storage.times import from_db, to_db

_COLUMNS = (
    "circle_id, status, position, title, author, url, filename, text, words, minutes, analysis, added_by, added_at"
)
_LIGHT = "id, " + _COLUMNS  # every column but the file itself, which only the reading post needs
_LIST_ORDER = "ORDER BY position IS NULL, position, added_at DESC, id DESC"


async def insert(tx: Transaction, reading: CircleReading, file: bytes | None = None) -> CircleReading:
    new_id = await tx.insert(
        f"INSERT INTO readings ({_COLUMNS}, file) VALUES ({', '.join('?' * 14)})",
        (*_values(reading), file),
    )
    return replace(reading, id=new_id)


async def update(tx: Transaction, reading: CircleReading) -> None:
    sets = ", ".join(f"{c} = ?" for c in _COLUMNS.split(", "))
    await tx.execute(f"UPDATE readings SET {sets} WHERE id = ?", (*_values(reading), reading.id))


async def get(q: Database | Transaction, reading_id: int) -> CircleReading | None:
    row = await q.fetchone(f"SELECT {_LIGHT} FROM readings WHERE id = ?", (reading_id,))
    return _reading(row) if row else None


async def file_of(q: Database | Transaction, reading_id: int) -> bytes | None:
    row = await q.fetchone("SELECT file FROM readings WHERE id = ?", (reading_id,))
    return bytes(row[0]) if row and row[0] is not None else None


async def listed(q: Database | Transaction, circle_id: int, *statuses: str) -> list[Listed]:
    """Readings of a circle in these states: queued ones in queue order, others newest first."""
    marks = ", ".join("?" * len(statuses))
    rows = await q.fetchall(
        f"SELECT id, position, title, url FROM readings WHERE circle_id = ? AND status IN ({marks}) {_LIST_ORDER}",
        (circle_id, *statuses),
    )
    return [Listed(**dict(r)) for r in rows]


async def queue_ids(q: Database | Transaction, circle_id: int) -> list[int]:
    """The ids of a circle's queued readings in queue order."""
    rows = await q.fetchall(
        f"SELECT id FROM readings WHERE circle_id = ? AND status = 'queued' {_LIST_ORDER}", (circle_id,)
    )
    return [r[0] for r in rows]


async def renumber(tx: Transaction, circle_id: int, order: list[int]) -> None:
    """Queue positions 1..n in the given order of reading ids."""
    await tx.executemany(
        "UPDATE readings SET position = ? WHERE id = ? AND circle_id = ?",
        [(i, reading_id, circle_id) for i, reading_id in enumerate(order, start=1)],
    )


# Runs on every `/reading add`, inside the write lock: the partial index readings_drafts (migration 0006)
# keeps it to the drafts.
PURGE_DRAFTS = "DELETE FROM readings WHERE status = 'draft' AND added_at < ?"


async def purge_drafts(tx: Transaction, older_than: str) -> int:
    return await tx.execute(PURGE_DRAFTS, (older_than,))


def _values(r: CircleReading) -> tuple[object, ...]:
    return (
        r.circle_id,
        r.status,
        r.position,
        r.title,
        r.author,
        r.url,
        r.filename,
        r.text,
        r.words,
        r.minutes,
        json.dumps(analysis_to_dict(r.analysis), ensure_ascii=False),
        r.added_by,
        to_db(r.added_at),
    )


def _reading(row: aiosqlite.Row) -> CircleReading:
    data = dict(row)
    data["analysis"] = analysis_from_dict(json.loads(data["analysis"]))
    data["added_at"] = from_db(data["added_at"])
    return CircleReading(**data)
