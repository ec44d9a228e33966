"""The SQLite connection: opened once per process, migrated before anything reads it.

Migrations are plain numbered SQL files in ``migrations/``; ``PRAGMA user_version`` records the last one
applied, so upgrading is "run every file with a higher number", each in its own transaction.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with the package, in order; a gap or a duplicate number is a packaging bug."""
    found = []
    for entry in resources.files("bot.storage").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {[m.name for m in found]}")
    return found


class DatabaseUnavailable(Exception):
    """The database file cannot be opened or created (a bad path, permissions, a corrupt file)."""


class Database:
    """One aiosqlite connection with WAL and foreign keys; repositories borrow it."""

    def __init__(self, path: Path, connection: aiosqlite.Connection) -> None:
        self.path = path
        self.conn = connection

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True) -> Database:
        path = Path(path)
        try:
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as err:
            raise DatabaseUnavailable(f"cannot open the database at {path}: {err}") from err
        db = cls(path, conn)
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA synchronous=NORMAL")
            if migrate:
                await db.upgrade()
        except BaseException:
            await conn.close()
            raise
        return db

    async def close(self) -> None:
        await self.conn.close()

    async def version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0])

    async def upgrade(self) -> list[str]:
        """Apply pending migrations; returns their names. Refuses a database newer than this code."""
        current = await self.version()
        available = migrations()
        if current > len(available):
            raise RuntimeError(
                f"the database at {self.path} is at schema version {current}, newer than this version of "
                f"Reading Circle knows ({len(available)}); upgrade the bot instead of the database"
            )
        applied = []
        for migration in available[current:]:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(migration.sql):
                    await self.conn.execute(statement)
                await self.conn.execute(f"PRAGMA user_version = {migration.version}")
                await self.conn.execute("COMMIT")
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            log.info("applied migration %s", migration.name)
            applied.append(migration.name)
        return applied

    async def backup(self, destination: Path | str) -> None:
        """A consistent copy while the bot may be writing, via SQLite's online backup API."""
        destination = Path(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(destination)
        try:
            await self.conn.backup(target)
        finally:
            target.close()


def _statements(sql: str) -> list[str]:
    """Split a migration into statements so each runs inside the migration's transaction.

    ``executescript`` would commit on its own and break the all-or-nothing promise.
    """
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
