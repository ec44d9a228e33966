"""The reading service on a real SQLite file: who may use a preview, and what the queue's dates are."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.analysis import analyse
from bot.circles import Actor
from bot.config import Settings
from bot.errors import PermissionDenied, UserError
from bot.ingest import from_text
from bot.services import Services
from bot.storage import readings as reading_store
from bot.storage.database import Database
from tests.clock import FakeClock

ROOT = Path(__file__).resolve().parents[2]
OWNER = Actor(user_id=1, role_ids=frozenset(), manage_guild=True)
ORGANISER = Actor(user_id=2, role_ids=frozenset({77}), manage_guild=False)
MEMBER = Actor(user_id=3, role_ids=frozenset(), manage_guild=False)
GUILD = 500
MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


class NoPublisher:
    """The service tests send nothing; a call here would be a bug in the test."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"nothing should be published here ({name})")


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    db = await Database.open(tmp_path / "rc.db")
    clock = FakeClock(MONDAY)
    found = Services.create(db, clock, NoPublisher(), Settings(database_path=tmp_path / "rc.db"))  # type: ignore[arg-type]
    await found.circles.setup(
        OWNER,
        guild_id=GUILD,
        channel_id=10,
        timezone="Europe/Berlin",
        weekday=0,
        post_time="18:00",
        organiser_role_id=77,
    )
    try:
        yield found
    finally:
        await db.close()


async def a_draft(services: Services, actor: Actor, title: str = "Libraries") -> int:
    reading = from_text((ROOT / "data" / "samples" / "libraries.md").read_text(encoding="utf-8"))
    draft = await services.readings.add_draft(
        actor,
        GUILD,
        title=title,
        author=None,
        text=reading.text,
        words=reading.words,
        minutes=reading.reading_minutes,
        analysis=analyse(reading),
    )
    assert draft.id is not None
    return draft.id


async def test_only_the_organiser_who_asked_may_use_the_preview(services: Services) -> None:
    """Another organiser pressing Queue it, Edit prompts or Discard on someone else's preview is refused."""
    draft = await a_draft(services, ORGANISER)
    with pytest.raises(UserError, match="Only the organiser who added"):
        await services.readings.queue_draft(OWNER, draft)
    with pytest.raises(UserError, match="Only the organiser who added"):
        await services.readings.discard_draft(OWNER, draft)
    with pytest.raises(UserError, match="Only the organiser who added"):
        await services.readings.edit_draft(OWNER, draft, "Why?", "")
    _, queue = await services.readings.queue(GUILD)
    assert queue == []
    scheduled = await services.readings.queue_draft(ORGANISER, draft)
    assert scheduled.reading.position == 1


async def test_plain_member_cannot_add_and_nothing_is_stored(services: Services) -> None:
    with pytest.raises(PermissionDenied):
        await a_draft(services, MEMBER)
    assert await services.db.fetchall("SELECT id FROM readings") == []


async def test_queue_dates_follow_the_slot_and_a_skip(services: Services) -> None:
    """Three readings go out on three Mondays at 18:00 Berlin; skipping moves all of them a week."""
    for title in ("One", "Two", "Three"):
        await services.readings.queue_draft(ORGANISER, await a_draft(services, ORGANISER, title))
    _, queue = await services.readings.queue(GUILD)
    assert [s.when for s in queue] == [MONDAY.replace(hour=17) + timedelta(weeks=n) for n in range(3)]
    await services.readings.skip(ORGANISER, GUILD)
    _, queue = await services.readings.queue(GUILD)
    assert [s.when for s in queue] == [MONDAY.replace(hour=17) + timedelta(weeks=n) for n in range(1, 4)]
    with pytest.raises(UserError, match="already skipped"):
        await services.readings.skip(ORGANISER, GUILD)


async def test_queue_dates_keep_the_local_time_across_a_daylight_saving_change(services: Services) -> None:
    """Berlin moves to summer time on 30 March 2025: the fifth Monday is still 18:00 on the wall clock,
    16:00 UTC instead of 17:00, the same instant the runner will post at."""
    for n in range(5):
        await services.readings.queue_draft(ORGANISER, await a_draft(services, ORGANISER, f"Reading {n}"))
    _, queue = await services.readings.queue(GUILD)
    winter = [MONDAY.replace(hour=17) + timedelta(weeks=n) for n in range(4)]
    assert [s.when for s in queue] == [*winter, datetime(2025, 3, 31, 16, 0, tzinfo=UTC)]


async def test_an_edit_with_the_wrong_number_of_poll_questions_changes_nothing(services: Services) -> None:
    draft = await a_draft(services, ORGANISER)
    before = await reading_store.get(services.db, draft)
    assert before is not None
    with pytest.raises(UserError, match="one question per line"):
        too_many = "\n".join(f"Question {n}?" for n in range(len(before.analysis.polls) + 1))
        await services.readings.edit_draft(ORGANISER, draft, "A new prompt?", too_many)
    after = await reading_store.get(services.db, draft)
    assert after is not None and after.analysis == before.analysis
