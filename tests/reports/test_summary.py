"""Summaries over a scripted three weeks: per member, per week, per reading, inactive, member stats."""

from __future__ import annotations

import csv
import io
import struct
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.errors import UserError
from bot.participation.rules import Author
from bot.reports.chart import weekly_chart_png
from bot.reports.csvfile import summary_csv
from bot.reports.summary import build_summary, inactive_members, member_stats, streaks
from bot.reports.text import summary_message
from bot.storage.participation import ParticipationStore
from tests.participation.world import GUILD, START, Circle, service
from tests.reports import scenario


@pytest.fixture
async def circle(tmp_path: Path) -> AsyncIterator[Circle]:
    circle = await scenario.build(tmp_path / "rc.db")
    yield circle
    await circle.db.close()


def member_counts(summary) -> dict[int, tuple]:
    return {m.user_id: (m.thread_messages, m.prompts_answered, m.poll_votes, m.weeks_active) for m in summary.members}


async def test_summary_over_all_weeks(circle: Circle) -> None:
    summary = await build_summary(ParticipationStore(circle.db), GUILD, weeks=None, role_size=5)
    assert member_counts(summary) == {1: (6, 4, 1, 3), 2: (1, 1, 1, 1), 3: (0, 0, 1, 1)}
    assert [m.user_id for m in summary.members] == [1, 2, 3]  # most active first
    assert [(w.active, w.wrote, w.answered, w.voted, w.thread_messages, w.poll_votes) for w in summary.weeks] == [
        (2, 2, 2, 2, 4, 2),
        (2, 1, 1, 1, 2, 1),
        (1, 1, 1, 0, 1, 0),
    ]
    readings = summary.readings
    assert [(r.title, r.active_members, r.thread_messages, r.prompts_answered, r.poll_votes) for r in readings] == [
        ("Reading 0", 2, 4, 2, 2),
        ("Reading 1", 2, 2, 2, 1),
        ("Reading 2", 1, 1, 1, 0),
    ]  # fmt: skip
    last_seen = {m.user_id: m.last_seen for m in summary.members}
    assert last_seen[1].isoformat() == "2026-01-17T20:00:00+00:00"  # message 3150: week 2, 50 hours in


async def test_summary_of_the_last_weeks_and_inactive_members(circle: Circle) -> None:
    summary = await build_summary(ParticipationStore(circle.db), GUILD, weeks=2)
    assert [w.week.label for w in summary.weeks] == ["2026-01-08", "2026-01-15"]
    assert member_counts(summary) == {1: (3, 3, 0, 2), 3: (0, 0, 1, 1)}
    assert inactive_members(summary, role_member_ids=[1, 2, 3, 4, 5], opted_out={5}) == [2, 4]


async def test_member_stats_and_streaks(circle: Circle) -> None:
    store = ParticipationStore(circle.db)
    ada = await member_stats(store, GUILD, 1)
    assert (ada.thread_messages, ada.prompts_answered, ada.poll_votes, ada.weeks_active, ada.weeks_total) == (
        6,
        4,
        1,
        3,
        3,
    )
    assert (ada.current_streak, ada.longest_streak) == (3, 3)
    assert (
        (await member_stats(store, GUILD, 2)).current_streak,
        (await member_stats(store, GUILD, 3)).current_streak,
    ) == (0, 1)
    nobody = await member_stats(store, GUILD, 99)
    assert nobody.last_seen is None and nobody.weeks_active == 0


def test_streaks() -> None:
    assert streaks([1, 2, 3, 4, 5], {1, 2, 4, 5}) == (2, 2)
    assert streaks([1, 2, 3, 4, 5], {1, 2, 3, 4}) == (4, 4)  # the latest week is still under way
    assert streaks([1, 2, 3, 4, 5], {1, 2, 3}) == (0, 3)
    assert streaks([], set()) == (0, 0)


async def test_a_server_without_a_circle_gets_a_sentence(circle: Circle) -> None:
    with pytest.raises(UserError, match="no reading circle"):
        await build_summary(ParticipationStore(circle.db), GUILD + 1)


async def test_csv_holds_exactly_the_summary(circle: Circle) -> None:
    summary = await build_summary(ParticipationStore(circle.db), GUILD, weeks=None)
    rows = list(csv.DictReader(io.StringIO(summary_csv(summary, scenario.NAMES))))
    assert [
        (int(r["member_id"]), r["member"], int(r["thread_messages"]), int(r["prompts_answered"]), int(r["poll_votes"]),
         int(r["weeks_active"]), r["last_seen"])
        for r in rows
    ] == [
        (m.user_id, scenario.NAMES[m.user_id], m.thread_messages, m.prompts_answered, m.poll_votes, m.weeks_active,
         m.last_seen.isoformat())
        for m in summary.members
    ]  # fmt: skip


async def test_chart_is_a_real_png(circle: Circle) -> None:
    summary = await build_summary(ParticipationStore(circle.db), GUILD, weeks=None, role_size=5)
    png = weekly_chart_png(summary)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (800, 450)
    import matplotlib.image

    assert matplotlib.image.imread(io.BytesIO(png)).shape[:2] == (450, 800)


async def test_message_text_fits_or_says_so(circle: Circle) -> None:
    summary = await build_summary(ParticipationStore(circle.db), GUILD, weeks=None, role_size=5)
    text = summary_message(summary, scenario.NAMES)
    assert len(text) <= 2000 and "CSV" not in text
    assert "Ada" in text and "Bartholomew the Exc…" in text and "2 of 5" in text
    many = {user: f"Member number {user}" for user in range(1000)}
    crowded = type(summary)(summary.weeks, [summary.members[0]] * 200, summary.readings, 5)
    text = summary_message(crowded, many)
    assert len(text) <= 2000
    assert "The table of 200 members does not fit in a message" in text and "attached CSV" in text


async def test_a_reading_over_two_weeks_counts_each_member_once(circle: Circle) -> None:
    """Reading 2 runs a second week: its engagement adds both weeks up, but a member active in both is one
    active member, not two."""
    async with circle.db.transaction() as tx:
        await tx.execute(
            "INSERT INTO weeks (circle_id, reading_id, starts_at, status, channel_id, thread_id) "
            "SELECT circle_id, reading_id, '2026-01-22T18:00:00Z', 'active', channel_id, 4000 FROM weeks "
            "WHERE thread_id = 3000"
        )
    svc = service(circle.db)
    for message, user in ((4050, 1), (4060, 2)):  # Ada was active in reading 2's first week too
        await svc.message_posted(
            guild_id=GUILD, channel_id=4000, message_id=message, author=Author(user),
            created_at=START + timedelta(weeks=3),
        )  # fmt: skip
    await svc.close()
    store = ParticipationStore(circle.db)

    readings = (await build_summary(store, GUILD, weeks=None)).readings
    assert [(r.title, r.weeks, r.active_members, r.thread_messages) for r in readings][-1] == ("Reading 2", 2, 2, 3)
    readings = (await build_summary(store, GUILD, weeks=1)).readings
    assert [(r.title, r.weeks, r.active_members, r.thread_messages) for r in readings] == [("Reading 2", 1, 2, 2)]
