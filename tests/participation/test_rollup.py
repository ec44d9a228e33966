"""The rollups (migration 0005) stay exactly what counting the raw events gives, whatever happens.

Sequences of what members and the bot do (messages in threads and replies to prompts, replays, deletes,
votes and their removal, opt-out and opt-in, a member's delete, the purge), drawn by hypothesis (which
shrinks a failure to its shortest sequence), go through the real service into a real SQLite file; at
checkpoints the summary, each member's stats and the rollup tables are compared with counts made here
from the stored events alone.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.participation.rules import Author, epoch_ms
from bot.participation.service import ParticipationService
from bot.reports.summary import build_summary, member_stats
from bot.storage.database import Database, migrations
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


# One thing a member or the bot does: (kind, member, week, number, minutes into the week, choice). The
# mix makes posts and votes common and the sweeping acts (a member's delete, the purge) rare.
Op = tuple[str, int, int, int, int, int]
KINDS = ["post"] * 9 + ["replay"] + ["delete"] * 3 + ["vote"] * 4 + ["unvote"] * 2
KINDS += ["opt_out", "opt_in", "forget", "purge", "check"]
REPLIES = (None, None, PROMPT_IDS[0], PROMPT_IDS[1], -1)  # -1: week 0's first prompt, from another thread
operations = st.tuples(
    st.sampled_from(KINDS),
    st.integers(1, USERS),
    st.integers(0, WEEKS - 1),
    st.integers(1, 9999),
    st.integers(0, 10_000),
    st.integers(0, len(REPLIES) - 1),
)


def random_ops(rng: random.Random, steps: int) -> list[Op]:
    return [
        (rng.choice(KINDS), rng.randint(1, USERS), rng.randrange(WEEKS), rng.randint(1, 9999),
         rng.randint(0, 10_000), rng.randrange(len(REPLIES)))
        for _ in range(steps)
    ]  # fmt: skip


async def play(
    service: ParticipationService,
    clock: MovableClock,
    ops: list[Op],
    check: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Do ``ops`` through the service; replays, and removals of what never was, included."""
    posted: list[int] = []
    for kind, user, number, n, minutes, choice in ops:
        base = week_base(number)
        at = START + timedelta(weeks=number, minutes=minutes)
        answer = choice % ANSWERS + 1
        if kind == "post" or (kind == "replay" and posted):
            message = base + n if kind == "post" else posted[n % len(posted)]
            reply = REPLIES[choice]
            reply_to = None if reply is None else week_base(0) + PROMPT_IDS[0] if reply < 0 else base + reply
            await service.message_posted(
                guild_id=GUILD, channel_id=THREAD + number, message_id=message, author=Author(user), created_at=at,
                reply_to=reply_to,
            )  # fmt: skip
            posted.append(message)
        elif kind == "delete":
            await service.message_deleted(posted[n % len(posted)] if posted and choice else base + n)
        elif kind == "vote":
            await service.vote_added(
                guild_id=GUILD, poll_message_id=base + POLL_ID, answer_id=answer, voter=Author(user), at=at
            )
        elif kind == "unvote":
            await service.vote_removed(guild_id=GUILD, poll_message_id=base + POLL_ID, answer_id=answer, user_id=user)
        elif kind == "opt_out":
            await service.opt_out(GUILD, user)
        elif kind == "opt_in":
            await service.opt_in(GUILD, user)
        elif kind == "forget":
            await service.delete_member(GUILD, user)
        elif kind == "purge":
            clock.at = START + timedelta(days=30 + n % (7 * WEEKS))
            await service.purge(30)
        elif kind == "check" and check is not None:
            await service.writer.flush()
            await check()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(operations, max_size=200), flush_at=st.sampled_from([1, 7, 500]))
def test_rollups_equal_a_count_of_the_events_after_any_sequence(ops: list[Op], flush_at: int) -> None:
    """Batches of one and of many (a vote added and removed within one batch, or across two); the counts
    are compared at each "check" in the sequence and at its end."""
    asyncio.run(_play_and_compare(ops, flush_at))


async def _play_and_compare(ops: list[Op], flush_at: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = await open_db(Path(folder) / "rc.db")
        await build_world(db)
        store = ParticipationStore(db)
        clock = MovableClock()
        service = ParticipationService(store, clock=clock, flush_at=flush_at, max_delay=0.01)
        await service.start()

        async def compare() -> None:
            await assert_rollups_match_events(db)
            await assert_summary_counts_the_events(db, store)

        try:
            await play(service, clock, ops, compare)
            await service.writer.flush()
            await compare()
        finally:
            await service.close()
            await db.close()


async def test_the_migration_builds_the_rollups_from_events_already_stored(tmp_path: Path) -> None:
    """A database from before 0005 with events in it: upgrading builds rollups equal to a fresh count."""
    path = tmp_path / "rc.db"
    db = await open_db(path)
    await build_world(db)
    service = ParticipationService(ParticipationStore(db), clock=MovableClock(), max_delay=0.01)
    await service.start()
    await play(service, MovableClock(), random_ops(random.Random(99), 300))
    await service.close()
    async with db.transaction() as tx:  # back to schema 4: the rollups, their triggers and later indexes gone
        await tx.execute("DROP INDEX readings_drafts")
        for (name,) in await tx.fetchall("SELECT name FROM sqlite_schema WHERE type = 'trigger'"):
            await tx.execute(f"DROP TRIGGER {name}")
        await tx.execute("DROP TABLE participation_member_weeks")
        await tx.execute("DROP TABLE participation_weeks")
    await db.conn.execute("PRAGMA user_version = 4")
    await db.close()

    db = await Database.open(path)
    try:
        assert await db.version() == migrations()[-1].version
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
    await play(service, MovableClock(), random_ops(random.Random(5), 100))
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
    await play(service, MovableClock(), random_ops(random.Random(7), 200))
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
