"""Participation events and opt-outs: the writer's batches, members' own rows, the summaries' queries."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.participation.events import Event, MessageDeleted, MessagePosted, VoteAdded, VoteRemoved
from bot.participation.rules import answered_prompt
from bot.reports.model import MemberSummary, MemberWeek, Week, WeekTotals
from bot.storage.database import Database, Transaction, migrations

_INSERT = (
    "INSERT OR IGNORE INTO participation_events "
    "(circle_id, week_id, post_id, user_id, kind, message_id, answer_id, at, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
PURGE_CHUNK = 5000  # events the purge removes per transaction (about 0.1 s with the rollup triggers)
_DELETE_MESSAGE = "DELETE FROM participation_events WHERE message_id = ?"
_DELETE_VOTE = "DELETE FROM participation_events WHERE post_id = ? AND user_id = ? AND answer_id = ?"

# A member's rows as they are exported to them: what was logged, where, and about which reading. The
# export and its count (/privacy status) share the FROM and WHERE, so the count is what the export holds.
_MEMBER_FROM = """
FROM participation_events e
JOIN circles c ON c.id = e.circle_id
JOIN weeks w ON w.id = e.week_id
JOIN readings r ON r.id = w.reading_id
LEFT JOIN posts p ON p.id = e.post_id
WHERE e.user_id = ? AND c.guild_id = ?
"""
_MEMBER_ROWS = f"""
SELECT e.kind, e.at, w.starts_at AS week_starts_at, r.title AS reading, p.kind AS post_kind,
       p.message_id AS post_message_id, e.message_id, e.answer_id, e.words
{_MEMBER_FROM}
ORDER BY e.at, e.id
"""
_MEMBER_COUNT = f"SELECT count(*) {_MEMBER_FROM}"

# The summaries read the rollups that migration 0005's triggers keep in step with the events, never the
# events themselves: a million events are ~300,000 member-weeks and one row per week.
# A member's totals over a set of weeks: read in key order (circle, user, week), so grouping needs no sort.
MEMBER_TOTALS = """
SELECT user_id, sum(thread_messages), sum(prompts_answered), sum(poll_votes), count(*), max(last_at)
FROM participation_member_weeks
WHERE circle_id = ? AND week_id IN (SELECT value FROM json_each(?))
GROUP BY user_id
"""

WEEK_TOTALS = """
SELECT week_id, active, wrote, answered, voted, thread_messages, prompts_answered, poll_votes
FROM participation_weeks
WHERE circle_id = ? AND week_id IN (SELECT value FROM json_each(?))
"""

# Members active in any of several weeks (a reading that ran more than one week of the window).
READERS = """
SELECT count(DISTINCT user_id) FROM participation_member_weeks
WHERE circle_id = ? AND week_id IN (SELECT value FROM json_each(?))
"""

USER_WEEKS = """
SELECT week_id, user_id, thread_messages, answers, prompts_answered, poll_votes, last_at
FROM participation_member_weeks
WHERE circle_id = ? AND user_id = ?
"""

WEEKS = """
SELECT w.id, w.starts_at, w.reading_id, r.title
FROM weeks w JOIN readings r ON r.id = w.reading_id
WHERE w.circle_id = ?
ORDER BY w.starts_at, w.id
"""


class ParticipationStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def write(self, events: Sequence[Event]) -> None:
        """Attribute and store a batch in one transaction, in the order the events happened.

        Attribution is done here, at write time, so it always sees the weeks and posts committed so far
        (a prompt posted a second ago) without a cache to keep fresh.
        """
        async with self._db.transaction() as tx:
            lookups = await _Lookups.load(tx, events)
            for sql, rows in _statements(events, lookups):
                await tx.executemany(sql, rows)

    async def opt_outs(self) -> dict[int, set[int]]:
        """Every opted-out member, by server; small, so the service keeps it in memory."""
        found: dict[int, set[int]] = {}
        for row in await self._db.fetchall("SELECT guild_id, user_id FROM participation_opt_outs"):
            found.setdefault(row[0], set()).add(row[1])
        return found

    async def set_opt_out(self, guild_id: int, user_id: int, since: int) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT OR IGNORE INTO participation_opt_outs (guild_id, user_id, since) VALUES (?, ?, ?)",
                (guild_id, user_id, since),
            )

    async def clear_opt_out(self, guild_id: int, user_id: int) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "DELETE FROM participation_opt_outs WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            )

    async def opted_out_since(self, guild_id: int, user_id: int) -> datetime | None:
        row = await self._db.fetchone(
            "SELECT since FROM participation_opt_outs WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        return as_datetime(row[0]) if row else None

    async def member_rows(self, guild_id: int, user_id: int) -> list[dict[str, Any]]:
        """Every event row about a member in a server, for their own export."""
        rows = await self._db.scan(_MEMBER_ROWS, (user_id, guild_id))  # a year of an active member's events
        return [{**dict(row), "at": as_datetime(row["at"]).isoformat()} for row in rows]

    async def member_row_count(self, guild_id: int, user_id: int) -> int:
        """How many rows ``member_rows`` would export, without reading them."""
        rows = await self._db.scan(_MEMBER_COUNT, (user_id, guild_id))  # counts a year of events
        return int(rows[0][0])

    async def delete_member(self, guild_id: int, user_id: int) -> int:
        """Remove every event about a member in a server; returns how many rows went."""
        async with self._db.transaction() as tx:
            return await tx.execute(
                "DELETE FROM participation_events WHERE user_id = ? "
                "AND circle_id IN (SELECT id FROM circles WHERE guild_id = ?)",
                (user_id, guild_id),
            )

    async def purge_before(self, cutoff: int, *, chunk: int = PURGE_CHUNK) -> int:
        """Remove events older than ``cutoff`` (epoch milliseconds); returns how many.

        In transactions of ``chunk`` rows: the rollup triggers make a delete cost ~20 µs a row, so a first
        purge of half a million events would otherwise hold the one write lock for seconds while the
        listeners' batches wait behind it."""
        removed = 0
        while True:
            async with self._db.transaction() as tx:
                gone = await tx.execute(
                    "DELETE FROM participation_events WHERE id IN "
                    "(SELECT id FROM participation_events WHERE at < ? ORDER BY at LIMIT ?)",
                    (cutoff, chunk),
                )
            removed += gone
            if gone < chunk:
                return removed

    async def circle_id(self, guild_id: int) -> int | None:
        row = await self._db.fetchone("SELECT id FROM circles WHERE guild_id = ?", (guild_id,))
        return int(row[0]) if row else None

    async def weeks(self, circle_id: int) -> list[Week]:
        """The circle's weeks, oldest first."""
        return [Week(*row) for row in await self._db.fetchall(WEEKS, (circle_id,))]

    async def member_totals(self, circle_id: int, week_ids: Collection[int]) -> list[MemberSummary]:
        """Each member's totals over the given weeks (members with no activity there are absent)."""
        rows = await self._db.scan(MEMBER_TOTALS, (circle_id, _ids(week_ids)))  # every member, every week asked
        return [MemberSummary(row[0], row[1], row[2], row[3], row[4], as_datetime(row[5])) for row in rows]

    async def week_totals(self, circle_id: int, week_ids: Collection[int]) -> dict[int, WeekTotals]:
        """The given weeks' figures, by week id; a week nobody took part in is absent."""
        rows = await self._db.scan(WEEK_TOTALS, (circle_id, _ids(week_ids)))
        return {row[0]: WeekTotals(*row) for row in rows}

    async def readers(self, circle_id: int, week_ids: Collection[int]) -> int:
        """How many members took part in any of the given weeks."""
        row = next(iter(await self._db.scan(READERS, (circle_id, _ids(week_ids)))), None)
        return int(row[0]) if row is not None else 0

    async def user_weeks(self, circle_id: int, user_id: int) -> list[MemberWeek]:
        """One member's weeks, every week kept (for their streak)."""
        return [MemberWeek(*row) for row in await self._db.fetchall(USER_WEEKS, (circle_id, user_id))]


async def week_members(q: Database | Transaction, week_id: int) -> int:
    """How many members took part in a week (wrote in its thread, answered a prompt or voted): one row of
    the rollup. Bots, webhooks and opted-out members were never logged, so they are not counted."""
    row = await q.fetchone("SELECT active FROM participation_weeks WHERE week_id = ?", (week_id,))
    return int(row[0]) if row is not None else 0


async def open_read_only(path: Path | str) -> Database:
    """The database for reading only, as the offline report uses it next to a running bot.

    SQLite's read-only mode takes no write lock, and WAL lets it read while the bot writes.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no database at {path}")
    conn = await aiosqlite.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = aiosqlite.Row
    db = Database(path, conn)
    if await db.version() < len(migrations()):
        await conn.close()
        raise RuntimeError(f"the database at {path} is older than this code: run `reading-circle db upgrade` first")
    return db


class _Lookups:
    """The weeks, prompts and polls a batch refers to, read once per batch."""

    def __init__(self) -> None:
        self.week_of_thread: dict[int, tuple[int, int]] = {}  # thread id -> (week id, circle id)
        self.post: dict[int, tuple[int, int, int, str]] = {}  # message id -> (post id, week id, circle id, kind)
        self.prompts: dict[int, dict[int, int]] = {}  # week id -> {prompt message id: post id}

    @classmethod
    async def load(cls, tx: Transaction, events: Iterable[Event]) -> _Lookups:
        threads, targets = set(), set()
        for event in events:
            if isinstance(event, MessagePosted):
                threads.add(event.channel_id)
                if event.reply_to is not None:
                    targets.add(event.reply_to)
            elif isinstance(event, VoteAdded | VoteRemoved):
                targets.add(event.poll_message_id)
        found = cls()
        if threads:
            for row in await tx.fetchall(
                "SELECT thread_id, id, circle_id FROM weeks WHERE thread_id IN (SELECT value FROM json_each(?))",
                (_ids(threads),),
            ):
                found.week_of_thread[row[0]] = (row[1], row[2])
        if targets:
            for row in await tx.fetchall(
                "SELECT p.message_id, p.id, p.week_id, w.circle_id, p.kind FROM posts p "
                "JOIN weeks w ON w.id = p.week_id WHERE p.message_id IN (SELECT value FROM json_each(?))",
                (_ids(targets),),
            ):
                found.post[row[0]] = (row[1], row[2], row[3], row[4])
        weeks = {week for week, _circle in found.week_of_thread.values()}
        weeks |= {week for _post, week, _circle, kind in found.post.values() if kind == "prompt"}
        if weeks:
            for row in await tx.fetchall(
                "SELECT week_id, message_id, id FROM posts WHERE kind = 'prompt' "
                "AND week_id IN (SELECT value FROM json_each(?))",
                (_ids(weeks),),
            ):
                found.prompts.setdefault(row[0], {})[row[1]] = row[2]
        return found


def _statements(events: Sequence[Event], found: _Lookups) -> list[tuple[str, list[tuple]]]:
    """The batch as runs of one statement each, in event order: a vote added, removed and added again
    within one batch must end added, which doing all inserts before all deletes would get wrong."""
    runs: list[tuple[str, list[tuple]]] = []

    def emit(sql: str, row: tuple) -> None:
        if runs and runs[-1][0] == sql:
            runs[-1][1].append(row)
        else:
            runs.append((sql, [row]))

    for event in events:
        if isinstance(event, MessagePosted):
            row = _message_row(event, found)
            if row is not None:
                emit(_INSERT, row)
        elif isinstance(event, MessageDeleted):
            emit(_DELETE_MESSAGE, (event.message_id,))
        else:
            post = found.post.get(event.poll_message_id)
            if post is None or post[3] != "poll":
                continue  # a vote on a poll that is not one of the circle's
            if isinstance(event, VoteAdded):
                emit(_INSERT, (post[2], post[1], post[0], event.user_id, "vote", None, event.answer_id, event.at, None))
            else:
                emit(_DELETE_VOTE, (post[0], event.user_id, event.answer_id))
    return runs


def _message_row(event: MessagePosted, found: _Lookups) -> tuple | None:
    """A member's message as an event row, or None when it is not about any week (see
    docs/PARTICIPATION.md): neither in a week's thread nor a reply to a prompt."""
    target = found.post.get(event.reply_to) if event.reply_to is not None else None
    post_id: int | None
    if target is not None and target[3] == "prompt":
        post_id, week_id, circle_id, _kind = target
    elif event.channel_id in found.week_of_thread:
        week_id, circle_id = found.week_of_thread[event.channel_id]
        prompts = found.prompts.get(week_id, {})
        prompt = answered_prompt(event.message_id, event.reply_to, prompts) if prompts else None
        post_id = prompts[prompt] if prompt is not None else None
    else:
        return None
    kind = "message" if post_id is None else "answer"
    return (circle_id, week_id, post_id, event.user_id, kind, event.message_id, None, event.at, event.words)


def _ids(ids: Collection[int]) -> str:
    """Ids as one JSON parameter for ``IN (SELECT value FROM json_each(?))``: any number, one statement."""
    return json.dumps(sorted(ids))


def as_datetime(ms: int) -> datetime:
    """A stored time (epoch milliseconds) as an aware UTC datetime."""
    return datetime.fromtimestamp(ms / 1000, UTC)
