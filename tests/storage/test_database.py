"""The SQLite database: pragmas, migrations, backup, and the circles repository on real files."""

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.circles import Circle
from bot.storage import circles, readings
from bot.storage.database import Database, DatabaseUnavailable, migrations

NOW = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)


def a_circle(**changes) -> Circle:
    values = dict(
        guild_id=1,
        channel_id=2,
        timezone="Europe/Berlin",
        weekday=2,
        post_time="19:30",
        created_by=3,
        created_at=NOW,
        updated_at=NOW,
    )
    return Circle(**{**values, **changes})


async def test_open_creates_file_with_wal_foreign_keys_and_schema(tmp_path: Path) -> None:
    """Opening a new path creates its folder and applies every migration."""
    db = await Database.open(tmp_path / "sub" / "rc.db")
    try:
        assert await db.version() == len(migrations())
        async with db.conn.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"
        async with db.conn.execute("PRAGMA foreign_keys") as cur:
            assert (await cur.fetchone())[0] == 1
    finally:
        await db.close()


async def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    """A second upgrade applies nothing."""
    db = await Database.open(tmp_path / "rc.db")
    try:
        assert await db.upgrade() == []
    finally:
        await db.close()


async def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails half-way leaves the schema and version as they were."""
    from bot.storage import database

    broken = [
        *migrations(),
        database.Migration(
            len(migrations()) + 1, "9999_broken.sql", "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;"
        ),
    ]
    db = await Database.open(tmp_path / "rc.db")
    monkeypatch.setattr(database, "migrations", lambda: broken)
    try:
        with pytest.raises(sqlite3.OperationalError):
            await db.upgrade()
        assert await db.version() == len(broken) - 1
        async with db.conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'") as cur:
            assert await cur.fetchone() is None
    finally:
        await db.close()


async def test_refuses_database_newer_than_code(tmp_path: Path) -> None:
    """A database from a newer release is not touched by older code."""
    path = tmp_path / "rc.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(DatabaseUnavailable, match="newer"):
        await Database.open(path)


async def test_circle_round_trip_and_update(tmp_path: Path) -> None:
    """A saved circle reads back equal; saving again for the same server updates the one row."""
    db = await Database.open(tmp_path / "rc.db")
    try:
        assert await circles.get(db, 1) is None
        async with db.transaction() as tx:
            saved = await circles.save(tx, a_circle(organiser_role_id=9))
        assert saved.id is not None
        assert await circles.get(db, 1) == saved
        later = datetime(2026, 12, 1, tzinfo=UTC)
        async with db.transaction() as tx:
            updated = await circles.save(tx, a_circle(timezone="Asia/Tokyo", updated_at=later))
        assert updated.id == saved.id
        got = await circles.get(db, 1)
        assert got.timezone == "Asia/Tokyo" and got.updated_at == later and got.created_at == NOW
    finally:
        await db.close()


async def test_backup_is_a_readable_copy(tmp_path: Path) -> None:
    """The online backup holds the same rows as the live database."""
    db = await Database.open(tmp_path / "rc.db")
    try:
        async with db.transaction() as tx:
            await circles.save(tx, a_circle())
        await db.backup(tmp_path / "copy" / "backup.db")
    finally:
        await db.close()
    copy = await Database.open(tmp_path / "copy" / "backup.db")
    try:
        assert (await circles.get(copy, 1)).timezone == "Europe/Berlin"
    finally:
        await copy.close()


@pytest.mark.parametrize("path", ["/dev/null", "{tmp}"], ids=["device", "folder"])
async def test_open_refuses_what_is_not_a_file(tmp_path: Path, path: str) -> None:
    """/dev/null used to fail later as "cannot rollback", hiding the real error; a folder as "unable to open"."""
    with pytest.raises(DatabaseUnavailable, match=r"is (a folder|not a regular file)"):
        await Database.open(path.format(tmp=tmp_path))


async def test_open_names_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "rc.db"
    path.write_text("not a database")
    with pytest.raises(DatabaseUnavailable, match="not a Reading Circle database"):
        await Database.open(path)


async def test_backup_never_overwrites_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    db = await Database.open(tmp_path / "rc.db")
    try:
        with pytest.raises(DatabaseUnavailable, match="not a database"):
            await db.backup(notes)
        with pytest.raises(DatabaseUnavailable, match="not a regular file"):
            await db.backup("/dev/null")
    finally:
        await db.close()
    assert notes.read_text() == "keep me"


async def test_reads_see_committed_state_without_waiting_for_an_open_transaction(tmp_path: Path) -> None:
    """The read helpers use their own query-only connection: a read while a transaction is open returns
    at once with what was committed (it used to wait for the writer's lock), then sees the commit."""
    db = await Database.open(tmp_path / "rc.db")
    try:
        async with db.transaction() as tx:
            await circles.save(tx, a_circle(guild_id=1))
        async with db.transaction() as tx:
            await circles.save(tx, a_circle(guild_id=2))
            rows = await asyncio.wait_for(db.fetchall("SELECT guild_id FROM circles ORDER BY guild_id"), 5)
            assert [r[0] for r in rows] == [1]
        rows = await db.fetchall("SELECT guild_id FROM circles ORDER BY guild_id")
        assert [r[0] for r in rows] == [1, 2]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await db.fetchall("DELETE FROM circles")
    finally:
        await db.close()


async def test_reads_on_the_loop_thread_are_never_kept_waiting_by_another_process(tmp_path: Path) -> None:
    """Reads run on the event loop's thread and never wait for a lock (busy timeout 0), which is safe
    because in WAL mode nothing another process can do blocks them: a writer's open transaction leaves
    the last commit readable, and taking the file exclusively is refused while the bot has it open."""
    db = await Database.open(tmp_path / "rc.db")
    other = sqlite3.connect(tmp_path / "rc.db", isolation_level=None)
    try:
        async with db.transaction() as tx:
            await circles.save(tx, a_circle(guild_id=1))
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE circles SET guild_id = 7")
        assert [r[0] for r in await db.fetchall("SELECT guild_id FROM circles")] == [1]
        other.execute("ROLLBACK")
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN EXCLUSIVE")
        assert [r[0] for r in await db.fetchall("SELECT guild_id FROM circles")] == [1]
    finally:
        other.close()
        await db.close()


async def test_purging_old_drafts_reads_only_the_drafts(tmp_path: Path) -> None:
    """`/reading add` purges stale drafts inside the write lock: SQLite must find them by the partial index,
    not by reading every stored text."""
    db = await Database.open(tmp_path / "rc.db")
    try:
        plan = await db.fetchall("EXPLAIN QUERY PLAN " + readings.PURGE_DRAFTS, ("2026-01-01",))
    finally:
        await db.close()
    details = " ".join(row[3] for row in plan)
    assert "USING INDEX readings_drafts" in details, details
