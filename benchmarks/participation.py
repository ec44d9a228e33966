"""Participation: ingest speed through the listeners' code path, and summary time over a million events.

``python -m benchmarks.participation`` prints:

- events/s for 200,000 events put through ``ParticipationService`` (the batching writer, attribution at
  write time, one transaction per batch, the rollup triggers), every one of them checked to be stored;
  beside it, in the same run, raw ``sqlite3.executemany`` of the very same rows into the same table (the
  ceiling, rollup triggers and all) and the ratio; and the same raw insert with the rollup triggers dropped,
  the table as it was before migration 0005, to show what keeping the rollup costs;
- the time of a summary over 1,000,000 events and 10,000 members (default window and every week), with the
  query plan of each of its queries, and a check that the trigger-kept rollup equals a fresh count;
- the time the purge takes to remove the oldest week of those events (the rollup triggers run per row).

Goals (issue 8): >= 20,000 events/s, ratio >= 0.5, summary <= 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.participation.rules import Author
from bot.participation.service import ParticipationService
from bot.reports.summary import DEFAULT_WEEKS, build_summary
from bot.storage import participation as queries
from bot.storage.database import Database
from bot.storage.participation import ParticipationStore

GUILD = 1
START = datetime(2026, 1, 1, 18, 0, tzinfo=UTC)
PROMPTS_PER_WEEK = 3
_COLUMNS = "circle_id, week_id, post_id, user_id, kind, message_id, answer_id, at, words"


async def _circle(db: Database, weeks: int) -> list[tuple[int, list[int], int]]:
    """A circle with ``weeks`` weeks; returns (thread id, prompt message ids, poll message id) per week."""
    layout = []
    async with db.transaction() as tx:
        circle = await tx.insert(
            "INSERT INTO circles (guild_id, channel_id, timezone, weekday, post_time, created_by, created_at, "
            "updated_at) VALUES (?, 2, 'UTC', 3, '18:00', 1, ?, ?)",
            (GUILD, START.isoformat(), START.isoformat()),
        )
        for number in range(weeks):
            starts = (START + timedelta(weeks=number)).strftime("%Y-%m-%dT%H:%M:%SZ")
            reading = await tx.insert(
                "INSERT INTO readings (circle_id, status, title, text, words, minutes, analysis, added_by, added_at) "
                "VALUES (?, 'done', ?, '', 1, 1, '{}', 1, ?)",
                (circle, f"Reading {number + 1}", starts),
            )
            thread = 10**9 + number
            week = await tx.insert(
                "INSERT INTO weeks (circle_id, reading_id, starts_at, status, channel_id, thread_id) "
                "VALUES (?, ?, ?, 'ended', 2, ?)",
                (circle, reading, starts, thread),
            )
            base = (number + 1) * 10**7
            prompts = [base + 1000 * (k + 1) for k in range(PROMPTS_PER_WEEK)]
            poll = base + 500
            for kind, message in [*(("prompt", p) for p in prompts), ("poll", poll)]:
                await tx.execute(
                    "INSERT INTO posts (week_id, kind, channel_id, message_id, posted_at) VALUES (?, ?, ?, ?, ?)",
                    (week, kind, thread, message, starts),
                )
            layout.append((thread, prompts, poll))
    return layout


async def ingest(events: int, folder: Path) -> tuple[float, float, float, int]:
    """(events/s through the service, raw executemany, raw executemany without the rollup, rows stored)."""
    db = await Database.open(folder / "ingest.db")
    layout = await _circle(db, weeks=4)
    service = ParticipationService(ParticipationStore(db))
    await service.start()
    rng = random.Random(8)
    authors = [Author(user) for user in range(1, 10_001)]
    started = time.perf_counter()
    for n in range(events):
        thread, prompts, poll = layout[n * len(layout) // events]  # weeks follow each other in time
        if n % 5 == 4:
            await service.vote_added(
                guild_id=GUILD, poll_message_id=poll, answer_id=n // 5 // 10_000 + 1, voter=authors[n // 5 % 10_000],
                at=START,
            )  # fmt: skip
        else:
            await service.message_posted(
                guild_id=GUILD, channel_id=thread, message_id=prompts[0] + 10 + n, author=rng.choice(authors),
                created_at=START, reply_to=prompts[0] if n % 7 == 0 else None,
            )  # fmt: skip
    await service.close()
    through_service = events / (time.perf_counter() - started)
    rows = await db.fetchall(f"SELECT {_COLUMNS} FROM participation_events ORDER BY id")
    await db.close()

    plain = [tuple(row) for row in rows]
    raw = await _raw_insert(folder / "ceiling.db", plain, without_rollup=False)
    bare = await _raw_insert(folder / "bare.db", plain, without_rollup=True)
    return through_service, raw, bare, len(rows)


async def _raw_insert(path: Path, rows: list[tuple], *, without_rollup: bool) -> float:
    """events/s of one raw executemany of ``rows``, with the rollup triggers or without them."""
    db = await Database.open(path)
    await _circle(db, weeks=4)
    await db.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA temp_store=MEMORY")  # as Database.open sets it
    if without_rollup:
        for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO participation_events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    rate = len(rows) / (time.perf_counter() - started)
    conn.close()
    return rate


async def summary_times(events: int, members: int, weeks: int, folder: Path, repeat: int) -> None:
    path = folder / "summary.db"
    db = await Database.open(path)
    layout = await _circle(db, weeks)
    await db.close()
    rng = random.Random(9)
    rows = []
    per_week = events // weeks
    for week_index in range(len(layout)):
        week_id = week_index + 1
        base_ms = int((START + timedelta(weeks=week_index)).timestamp() * 1000)
        for n in range(per_week):
            user = int(rng.paretovariate(1.2)) % members + 1 if n % 2 else rng.randint(1, members)
            at = base_ms + n * 30_000
            roll = n % 10
            if roll < 5:
                rows.append((1, week_id, None, user, "message", week_id * 10**8 + n, None, at, None))
            elif roll < 8:
                prompt_post = (week_id - 1) * (PROMPTS_PER_WEEK + 1) + roll - 4  # posts: prompts, then the poll
                rows.append((1, week_id, prompt_post, user, "answer", week_id * 10**8 + n, None, at, None))
            else:
                poll_post = week_id * (PROMPTS_PER_WEEK + 1)
                rows.append((1, week_id, poll_post, user, "vote", None, n, at, None))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO participation_events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    stored, distinct = conn.execute("SELECT count(*), count(DISTINCT user_id) FROM participation_events").fetchone()
    member_weeks = conn.execute("SELECT count(*) FROM participation_member_weeks").fetchone()[0]
    print(f"summary database: {stored:,} events, {distinct:,} members, {weeks} weeks, {member_weeks:,} member-weeks")
    print(f"  rollup kept by the triggers equals a fresh count of the events: {_rollup_matches(conn)}")
    window = json.dumps(list(range(weeks - DEFAULT_WEEKS + 1, weeks + 1)))
    for name, sql, params in (
        ("weeks", queries.WEEKS, (1,)),
        ("member totals", queries.MEMBER_TOTALS, (1, window)),
        ("week totals", queries.WEEK_TOTALS, (1, window)),
    ):
        print(f"  query plan, {name}:")
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params):
            print(f"    {row[3]}")
    conn.close()

    db = await Database.open(path)
    store = ParticipationStore(db)
    for label, window in ((f"last {DEFAULT_WEEKS} weeks (the default)", DEFAULT_WEEKS), ("every week", None)):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            summary = await build_summary(store, GUILD, weeks=window, role_size=members)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"summary, {label}: median {statistics.median(times):.0f} ms, best {min(times):.0f} ms "
            f"over {repeat} runs ({len(summary.members):,} members, {len(summary.weeks)} weeks; goal <= 200 ms)"
        )
    # The daily purge removes about a day of events; a week's worth shows what the per-row triggers cost it.
    cutoff = int((START + timedelta(weeks=1)).timestamp() * 1000)
    started = time.perf_counter()
    purged = await store.purge_before(cutoff)
    print(f"purge of the oldest week: {purged:,} events in {(time.perf_counter() - started) * 1000:.0f} ms")
    await db.close()


def _rollup_matches(conn: sqlite3.Connection) -> bool:
    fresh = conn.execute(
        "SELECT circle_id, user_id, week_id, sum(kind != 'vote'), sum(kind = 'answer'), "
        "count(DISTINCT CASE WHEN kind = 'answer' THEN post_id END), sum(kind = 'vote'), max(at) "
        "FROM participation_events GROUP BY circle_id, user_id, week_id ORDER BY 1, 2, 3"
    ).fetchall()
    kept = conn.execute("SELECT * FROM participation_member_weeks ORDER BY 1, 2, 3").fetchall()
    return fresh == kept


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000, help="events to ingest")
    parser.add_argument("--summary-events", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        through_service, raw, bare, stored = await ingest(args.events, Path(folder))
        verdict = "all" if stored == args.events else "MISSING SOME"
        print(f"ingest: {args.events:,} events put, {stored:,} stored ({verdict})")
        print(f"  through the service (batching writer): {through_service:,.0f} events/s (goal >= 20,000)")
        print(f"  raw sqlite3.executemany, same rows, same table: {raw:,.0f} events/s")
        print(f"  ratio: {through_service / raw:.2f} (goal >= 0.5)")
        print(f"  raw executemany without the rollup triggers (the table before 0005): {bare:,.0f} events/s")
        print(f"  ratio to that: {through_service / bare:.2f}")
        await summary_times(args.summary_events, args.members, args.weeks, Path(folder), args.repeat)


if __name__ == "__main__":
    asyncio.run(main())
