"""The SQLite connection: opened once per process, migrated before anything reads it.

Migrations are plain numbered SQL files in ``migrations/``; ``PRAGMA user_version`` records the last one
applied, so upgrading is "run every file with a higher number", each in its own transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.errors import UserError

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


class DatabaseBusy(UserError):
    """Another process (a backup, a second bot, an operator's sqlite3 shell) held the write lock longer than
    the busy timeout; nothing was written, and trying again later is the whole remedy."""

    def __init__(self) -> None:
        super().__init__(
            "The circle's database is busy (a backup or maintenance is holding it); please try again in a "
            "minute. Nothing was changed."
        )


@contextlib.contextmanager
def _busy_is_transient() -> Iterator[None]:
    """SQLite's "database is locked" (another process kept the lock past the busy timeout) as
    ``DatabaseBusy``: callers outside storage never see sqlite3, and the job runner and the participation
    writer tell a wait-and-retry fault from a bug by its type alone."""
    try:
        yield
    except sqlite3.OperationalError as err:
        if err.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):  # any extended code
            raise DatabaseBusy() from err
        raise


Params = Iterable[object]


class Transaction:
    """The statements of one ``Database.transaction()``: they commit together or not at all."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        async with self._conn.execute(sql, tuple(params)) as cur:
            return cur.rowcount

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id."""
        async with self._conn.execute(sql, tuple(params)) as cur:
            return int(cur.lastrowid or 0)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._conn.executemany(sql, [tuple(r) for r in rows])

    # Reads are one trip to aiosqlite's thread (execute_fetchall), not three (execute, fetch, close): each
    # trip waits a turn of a busy event loop while holding the database lock (benchmarks/load.py).
    # fetchone is for queries of one row (by id, LIMIT 1, an aggregate), so fetching all costs nothing.

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        rows = await self._conn.execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        return list(await self._conn.execute_fetchall(sql, tuple(params)))


class Database:
    """One aiosqlite connection for writing, with WAL and foreign keys, and one for reading; repositories
    borrow them.

    Every write goes through :meth:`transaction`, which takes one lock: the connection is shared by every
    coroutine, and without the lock one coroutine's statements could land inside another's open
    transaction (and be committed or rolled back with it). The read helpers use the reading connection
    (query-only) without that lock, and WAL gives each read the last committed state even while a
    transaction is open, so members' commands never queue behind the participation writer's batches.

    That reading connection is plain ``sqlite3`` on the event loop's own thread: the reads members' commands
    make are index lookups of a few rows that take tens of microseconds, and a trip to a thread costs far
    more than that under load. The thread needs the GIL to take each query and to hand back each result,
    and while the loop is busy parsing gateway events each hand-over can wait the 5 ms switch interval
    (longer when the OS has preempted the thread holding it); one reading thread served every command's
    reads in turn, so 500 commands in a second during 2,000 messages a second waited 0.1–0.8 s per read
    (benchmarks/load.py). Reads that walk many rows (a summary over many weeks, an export) use
    :meth:`scan`, which runs in a worker thread on a connection of its own. An in-memory database cannot
    be opened twice, so there reads share the writer.
    """

    def __init__(self, path: Path, connection: aiosqlite.Connection, reader: sqlite3.Connection | None = None) -> None:
        self.path = path
        self.conn = connection
        self.reader = reader
        self._busy_timeout = 5.0
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One writer at a time; everything inside commits together, or rolls back on any exception."""
        async with self._lock:
            with _busy_is_transient():
                await self.conn.execute("BEGIN IMMEDIATE")  # waits up to the busy timeout for the write lock
            with _busy_is_transient():
                try:
                    yield Transaction(self.conn)
                    await self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:  # else ROLLBACK fails and hides the real error
                        await self.conn.execute("ROLLBACK")
                    raise

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        """A read of one row (by id, LIMIT 1, an aggregate) on the loop's thread; see the class docstring."""
        return next(iter(await self.fetchall(sql, params)), None)

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """A read of a few rows by an index on the loop's thread; one that walks many rows is a :meth:`scan`."""
        with _busy_is_transient():
            if self.reader is not None:
                return self.reader.execute(sql, tuple(params)).fetchall()
            async with self._lock:
                return await Transaction(self.conn).fetchall(sql, params)

    async def scan(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """A read that may walk many rows, in a worker thread so the event loop goes on meanwhile."""
        if self.reader is None:
            return await self.fetchall(sql, params)
        with _busy_is_transient():
            return await asyncio.to_thread(_scan, self.path, self._busy_timeout, sql, tuple(params))

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True, busy_timeout: float = 5.0) -> Database:
        """Open (creating it and its folder if need be) and migrate; every way this can fail is one
        ``DatabaseUnavailable`` naming the path and what is wrong with it."""
        path = Path(path)
        if str(path) != ":memory:" and path.exists() and not path.is_file():
            kind = "a folder" if path.is_dir() else "not a regular file"
            raise DatabaseUnavailable(f"the database path {path} is {kind}; set DATABASE_PATH to a file")
        try:
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error, ValueError) as err:
            raise DatabaseUnavailable(f"cannot open the database at {path}: {err}") from err
        db = cls(path, conn)
        try:
            conn.row_factory = aiosqlite.Row
            # first, so a locked file waits rather than fails
            await conn.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA synchronous=NORMAL")
            # Statement journals in memory: every event insert runs the participation rollup's triggers,
            # which make SQLite journal each statement; on disk that halved the ingest rate (migration 0005).
            await conn.execute("PRAGMA temp_store=MEMORY")
            if migrate:
                await db.upgrade()
            if str(path) != ":memory:":
                # Never wait on the loop's thread. In WAL nothing keeps a reader waiting: another process's
                # transaction leaves the last commit readable, and nobody can take the file exclusively
                # while it is open here (tests/storage/test_database.py).
                db.reader = _open_reader(path, 0)
                db._busy_timeout = busy_timeout
        except BaseException as err:
            await conn.close()
            if isinstance(err, sqlite3.Error):
                raise DatabaseUnavailable(_explain(path, err)) from err
            raise
        return db

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
        await self.conn.close()

    async def version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row is not None else 0

    async def upgrade(self) -> list[str]:
        """Apply pending migrations; returns their names. Refuses a database newer than this code."""
        current = await self.version()
        available = migrations()
        if current > len(available):
            raise DatabaseUnavailable(
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
                if self.conn.in_transaction:  # else ROLLBACK fails and hides the real error
                    await self.conn.execute("ROLLBACK")
                raise
            log.info("applied migration %s", migration.name)
            applied.append(migration.name)
        return applied

    async def backup(self, destination: Path | str) -> None:
        """A consistent copy while the bot may be writing, via SQLite's online backup API.

        The destination is a new file or an earlier backup; anything else (a folder, a device such as
        /dev/null, a file that is not a database) is refused with ``DatabaseUnavailable`` rather than
        overwritten or half-written."""
        destination = Path(destination)
        if destination.exists() and not destination.is_file():
            raise DatabaseUnavailable(f"cannot back up to {destination}: it is not a regular file")
        if destination.is_file() and destination.stat().st_size and not _is_sqlite(destination):
            raise DatabaseUnavailable(
                f"cannot back up to {destination}: it exists and is not a database; choose a new file name"
            )
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(destination)
        except (OSError, sqlite3.Error, ValueError) as err:
            raise DatabaseUnavailable(f"cannot back up to {destination}: {err}") from err
        try:
            await self.conn.backup(target)
        except sqlite3.Error as err:
            raise DatabaseUnavailable(_explain(self.path, err, backup=destination)) from err
        finally:
            target.close()


def _open_reader(path: Path, busy_timeout: float, *, same_thread: bool = True) -> sqlite3.Connection:
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=same_thread)
    try:
        reader.row_factory = sqlite3.Row
        reader.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        reader.execute("PRAGMA query_only=ON")  # a write through the read helpers is a bug: refuse it
    except BaseException:
        reader.close()
        raise
    return reader


def _scan(path: Path, busy_timeout: float, sql: str, params: tuple[object, ...]) -> list[sqlite3.Row]:
    """One long read on a connection of its own (a worker thread must not share the loop's)."""
    reader = _open_reader(path, busy_timeout, same_thread=False)
    try:
        return reader.execute(sql, params).fetchall()
    finally:
        reader.close()


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def _explain(path: Path, err: sqlite3.Error, *, backup: Path | None = None) -> str:
    """SQLite's terse error, said in terms of what the operator can fix."""
    message = str(err)
    if "locked" in message or "busy" in message:
        return f"the database at {path} is locked by another process (is the bot, or another backup, running?)"
    if "readonly" in message or "read-only" in message:
        return f"the database at {path} is read-only; give the bot's user write access to it and its folder"
    if "not a database" in message or "malformed" in message:
        return f"{path} is not a Reading Circle database, or it is damaged ({message}); restore a backup"
    where = f"backing up {path} to {backup}" if backup else f"using the database at {path}"
    return f"failed {where}: {message}"


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
