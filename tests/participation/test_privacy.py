"""A member's own data: status, export, delete; and retention."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.participation.rules import Author
from tests.participation.world import GUILD, START, add_circle, add_post, add_week, events, open_db, service

THREAD, OTHER_GUILD_THREAD, POLL = 1000, 5000, 1500


class FixedClock:
    def __init__(self) -> None:
        self.now_value = START

    def now(self):
        return self.now_value


async def test_export_delete_and_status(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "rc.db")
    circle = await add_circle(db)
    week = await add_week(circle, thread_id=THREAD, number=0, title="On Liberty")
    await add_post(circle, week, "poll", POLL, THREAD)
    other = await add_circle(db, guild_id=GUILD + 1)
    await add_week(other, thread_id=OTHER_GUILD_THREAD, number=0)
    svc = service(db)
    await svc.start()
    try:
        for message, user, thread in ((2000, 7, THREAD), (2100, 8, THREAD), (2200, 7, OTHER_GUILD_THREAD)):
            await svc.message_posted(
                guild_id=GUILD if thread == THREAD else GUILD + 1, channel_id=thread, message_id=message,
                author=Author(user), created_at=START,
            )  # fmt: skip
        await svc.vote_added(guild_id=GUILD, poll_message_id=POLL, answer_id=3, voter=Author(7), at=START)

        exported = await svc.export(GUILD, 7)  # flushes what is queued first
        assert [(row["kind"], row["reading"], row["message_id"], row["answer_id"]) for row in exported] == [
            ("message", "On Liberty", 2000, None),
            ("vote", "On Liberty", None, 3),
        ]
        assert (await svc.status(GUILD, 7)).rows == 2

        await svc.opt_out(GUILD, 7)
        assert await svc.delete_member(GUILD, 7) == 2
        status = await svc.status(GUILD, 7)
        assert status.rows == 0 and status.opted_out  # the opt-out stays, so logging does not restart
        # the other member and the same member in another server are untouched
        assert sorted((e["user_id"], e["message_id"]) for e in await events(db)) == [(7, 2200), (8, 2100)]
    finally:
        await svc.close()
        await db.close()


async def test_retention_purges_older_events(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "rc.db")
    circle = await add_circle(db)
    await add_week(circle, thread_id=THREAD, number=0)
    clock = FixedClock()
    svc = service(db, clock=clock)
    for message, age in ((2000, 400), (2100, 366), (2200, 364), (2300, 1)):
        await svc.message_posted(
            guild_id=GUILD, channel_id=THREAD, message_id=message, author=Author(7),
            created_at=START - timedelta(days=age),
        )  # fmt: skip
    assert await svc.purge(retention_days=365) == 2
    assert [e["message_id"] for e in await events(db)] == [2200, 2300]
    await svc.close()
    await db.close()
