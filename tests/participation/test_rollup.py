"""The rollups (migration 0005) stay exactly what counting the raw events gives, whatever happens.

Random sequences of what members and the bot do (messages in threads and replies to prompts, replays,
deletes, votes and their removal, opt-out and opt-in, a member's delete, the purge) go through the real
service into a real SQLite file; at checkpoints the summary, each member's stats and the rollup tables are
compared with counts made here from the stored events alone.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.participation.rules import Author, epoch_ms
from bot.participation.service import ParticipationService
from bot.reports.summary import build_summary, member_stats
from bot.storage.database import Database
from bot.storage.participation import ParticipationStore, as_datetime
from tests.participation.world import GUILD, START, add_circle, add_post, add_week, open_db

WEEKS, USERS, ANSWERS = 3, 6, 3
# Per week: a thread, two prompts and a poll. Message ids grow with time (snowflakes), so a message with an
# id below the first prompt's answers nothing, one between the prompts answers the first, and so on.
THREAD = 9000
PROMPT_IDS = (1000, 5000)
POLL_ID = 500


def week_base(number: int) -> int:
    return (number + 1) * 10**6


class MovableClock:
    def __init__(self) -> None:
        self.at = START

    def now(self) -> datetime:
        return self.at


# The rollups as a fresh count of the events would make them (the migration's own build, run again).
FRESH_MEMBER_WEEKS = """
SELECT circle_id, user_id, week_id, sum(kind != 'vote'), sum(kind = 'answer'),
       count(DISTINCT CASE WHEN kind = 'answer' THEN post_id END), sum(kind = 'vote'), max(at)
FROM participation_events GROUP BY circle_id, user_id, week_id ORDER BY 1, 2, 3
"""
FRESH_WEEKS = """
SELECT week_id, circle_id, count(*), sum(messages > 0), sum(prompts > 0), sum(votes > 0),
       sum(messages), sum(prompts), sum(votes)
FROM (SELECT circle_id, week_id, user_id, sum(kind != 'vote') AS messages,
             count(DISTINCT CASE WHEN kind = 'answer' THEN post_id END) AS prompts, sum(kind = 'vote') AS votes
      FROM participation_events GROUP BY circle_id, week_id, user_id)
GROUP BY week_id, circle_id ORDER BY 1
"""


async def assert_rollups_match_events(db: Database) -> None:
    kept = [tuple(row) for row in await db.fetchall("SELECT * FROM participation_member_weeks ORDER BY 1, 2, 3")]
    assert kept == [tuple(row) for row in await db.fetchall(FRESH_MEMBER_WEEKS)]
    weeks = [tuple(row) for row in await db.fetchall("SELECT * FROM participation_weeks ORDER BY 1")]
    assert weeks == [tuple(row) for row in await db.fetchall(FRESH_WEEKS)]


async def assert_summary_counts_the_events(db: Database, store: ParticipationStore) -> None:
    """Every figure of the summary and of each member's stats, counted here from the raw rows."""
    rows = await db.fetchall("SELECT week_id, user_id, kind, post_id, at FROM participation_events")
    messages, votes, last = defaultdict(int), defaultdict(int), {}
    prompts, weeks_of = defaultdict(set), defaultdict(set)
    week_members, week_messages, week_votes = defaultdict(set), defaultdict(int), defaultdict(int)
    week_writers, week_answerers, week_voters = defaultdict(set), defaultdict(set), defaultdict(set)
    week_answers = defaultdict(set)  # (member, prompt) pairs
    for week, user, kind, post, at in rows:
        weeks_of[user].add(week)
        week_members[week].add(user)
        last[user] = max(last.get(user, at), at)
        if kind == "vote":
            votes[user] += 1
            week_votes[week] += 1
            week_voters[week].add(user)
        else:
            messages[user] += 1
            week_messages[week] += 1
            week_writers[week].add(user)
        if kind == "answer":
            prompts[user].add(post)
            week_answerers[week].add(user)
            week_answers[week].add((user, post))

    summary = await build_summary(store, GUILD, weeks=None)
    expected = {
        user: (messages[user], len(prompts[user]), votes[user], len(weeks_of[user]), as_datetime(last[user]))
        for user in weeks_of
    }
    got = {
        m.user_id: (m.thread_messages, m.prompts_answered, m.poll_votes, m.weeks_active, m.last_seen)
        for m in summary.members
    }
    assert got == expected
    for week in summary.weeks:
        w = week.week.id
        assert (week.active, week.wrote, week.answered, week.voted, week.thread_messages, week.poll_votes) == (
            len(week_members[w]),
            len(week_writers[w]),
            len(week_answerers[w]),
            len(week_voters[w]),
            week_messages[w],
            week_votes[w],
        )
    for reading, week in zip(summary.readings, summary.weeks, strict=True):  # one reading per week here
        assert (reading.active_members, reading.thread_messages, reading.prompts_answered, reading.poll_votes) == (
            len(week_members[week.week.id]),
            week_messages[week.week.id],
            len(week_answers[week.week.id]),
            week_votes[week.week.id],
        )

    for user in range(1, USERS + 1):
        stats = await member_stats(store, GUILD, user)
        assert (stats.thread_messages, stats.prompts_answered, stats.poll_votes, stats.weeks_active) == (
            messages[user],
            len(prompts[user]),
            votes[user],
            len(weeks_of[user]),
        )
        assert stats.last_seen == (as_datetime(last[user]) if user in last else None)


async def build_world(db: Database) -> None:
    circle = await add_circle(db)
    for number in range(WEEKS):
        week = await add_week(circle, thread_id=THREAD + number, number=number)
        base = week_base(number)
        for prompt in PROMPT_IDS:
            await add_post(circle, week, "prompt", base + prompt, THREAD + number)
        await add_post(circle, week, "poll", base + POLL_ID, THREAD + number)


async def play(service: ParticipationService, clock: MovableClock, rng: random.Random, steps: int) -> None:
    """``steps`` random things members and the bot do; replays and removals of what never was included."""
    posted: list[int] = []
    for _ in range(steps):
        roll = rng.random()
        user = rng.randint(1, USERS)
        number = rng.randrange(WEEKS)
        base = week_base(number)
        if roll < 0.45:
            message = (
                posted[rng.randrange(len(posted))] if posted and rng.random() < 0.05 else base + rng.randint(1, 9999)
            )
            reply = rng.choice([None, None, base + PROMPT_IDS[0], base + PROMPT_IDS[1], week_base(0) + PROMPT_IDS[0]])
            created = START + timedelta(weeks=number, minutes=rng.randint(0, 10_000))
            await service.message_posted(
                guild_id=GUILD, channel_id=THREAD + number, message_id=message, author=Author(user),
                created_at=created, reply_to=reply,
            )  # fmt: skip
            posted.append(message)
        elif roll < 0.60:
            gone = posted[rng.randrange(len(posted))] if posted and rng.random() < 0.8 else base + rng.randint(1, 9999)
            await service.message_deleted(gone)
        elif roll < 0.78:
            at = START + timedelta(weeks=number, minutes=rng.randint(0, 10_000))
            await service.vote_added(
                guild_id=GUILD, poll_message_id=base + POLL_ID, answer_id=rng.randint(1, ANSWERS), voter=Author(user),
                at=at,
            )  # fmt: skip
        elif roll < 0.88:
            await service.vote_removed(
                guild_id=GUILD, poll_message_id=base + POLL_ID, answer_id=rng.randint(1, ANSWERS), user_id=user
            )
        elif roll < 0.92:
            await service.opt_out(GUILD, user)
        elif roll < 0.96:
            await service.opt_in(GUILD, user)
        elif roll < 0.98:
            await service.delete_member(GUILD, user)
        else:
            clock.at = START + timedelta(days=rng.randint(0, 7 * WEEKS)) + timedelta(days=30)
            await service.purge(30)


@pytest.mark.parametrize("seed", range(12))
async def test_rollups_equal_a_count_of_the_events_after_any_sequence(tmp_path: Path, seed: int) -> None:
    db = await open_db(tmp_path / "rc.db")
    await build_world(db)
    store = ParticipationStore(db)
    clock = MovableClock()
    service = ParticipationService(store, clock=clock, flush_at=rng_flush(seed), max_delay=0.01)
    await service.start()
    rng = random.Random(seed)
    try:
        for _ in range(8):
            await play(service, clock, rng, steps=60)
            await service.writer.flush()
            await assert_rollups_match_events(db)
            await assert_summary_counts_the_events(db, store)
    finally:
        await service.close()
        await db.close()


def rng_flush(seed: int) -> int:
    """Batches of one and of many: a vote added and removed within one batch, or across two."""
    return (1, 7, 500)[seed % 3]


async def test_the_migration_builds_the_rollups_from_events_already_stored(tmp_path: Path) -> None:
    """A database from before 0005 with events in it: upgrading builds rollups equal to a fresh count."""
    path = tmp_path / "rc.db"
    db = await open_db(path)
    await build_world(db)
    service = ParticipationService(ParticipationStore(db), clock=MovableClock(), max_delay=0.01)
    await service.start()
    await play(service, MovableClock(), random.Random(99), steps=300)
    await service.close()
    async with db.transaction() as tx:  # back to schema 4: the rollups and their triggers gone
        for (name,) in await tx.fetchall("SELECT name FROM sqlite_schema WHERE type = 'trigger'"):
            await tx.execute(f"DROP TRIGGER {name}")
        await tx.execute("DROP TABLE participation_member_weeks")
        await tx.execute("DROP TABLE participation_weeks")
    await db.conn.execute("PRAGMA user_version = 4")
    await db.close()

    db = await Database.open(path)
    try:
        assert await db.version() == 5
        assert await db.fetchone("SELECT count(*) FROM participation_member_weeks") != (0,)
        await assert_rollups_match_events(db)
        await assert_summary_counts_the_events(db, ParticipationStore(db))
    finally:
        await db.close()


async def test_a_deleted_circle_takes_its_rollups_and_events_are_never_updated(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "rc.db")
    await build_world(db)
    service = ParticipationService(ParticipationStore(db), clock=MovableClock(), max_delay=0.01)
    await service.start()
    await play(service, MovableClock(), random.Random(5), steps=100)
    await service.close()
    try:
        assert (await db.fetchone("SELECT count(*) FROM participation_weeks"))[0] == WEEKS
        with pytest.raises(Exception, match="never updated"):
            async with db.transaction() as tx:
                await tx.execute("UPDATE participation_events SET user_id = 1")
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM circles")  # cascades to weeks and events; the triggers follow
        for table in ("participation_events", "participation_member_weeks", "participation_weeks"):
            assert (await db.fetchone(f"SELECT count(*) FROM {table}"))[0] == 0, table
    finally:
        await db.close()


async def test_the_purge_removes_in_chunks_and_the_rollups_follow(tmp_path: Path) -> None:
    """Chunks smaller than what is purged: every older event goes, none newer, the rollups still count."""
    db = await open_db(tmp_path / "rc.db")
    await build_world(db)
    store = ParticipationStore(db)
    service = ParticipationService(store, clock=MovableClock(), max_delay=0.01)
    await service.start()
    await play(service, MovableClock(), random.Random(7), steps=200)
    await service.close()
    cutoff = epoch_ms(START + timedelta(weeks=1, days=3))
    try:
        older = (await db.fetchone("SELECT count(*) FROM participation_events WHERE at < ?", (cutoff,)))[0]
        total = (await db.fetchone("SELECT count(*) FROM participation_events"))[0]
        assert older > 7
        assert await store.purge_before(cutoff, chunk=7) == older
        left = await db.fetchone("SELECT count(*), min(at) FROM participation_events")
        assert left[0] == total - older and left[1] >= cutoff
        await assert_rollups_match_events(db)
        await assert_summary_counts_the_events(db, store)
    finally:
        await db.close()
