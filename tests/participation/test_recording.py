"""Recording through the service and the batching writer into a real SQLite file: attribution, deletions,
votes, and who is never logged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.participation.rules import Author
from bot.participation.service import ParticipationService
from tests.participation.world import (
    CHANNEL,
    GUILD,
    START,
    Circle,
    add_circle,
    add_post,
    add_week,
    events,
    open_db,
    service,
)

THREAD = 1000
PROMPT_1, POLL, PROMPT_2 = 2000, 2500, 3000
OTHER_THREAD = 9000


@pytest.fixture
async def circle(tmp_path: Path) -> AsyncIterator[Circle]:
    db = await open_db(tmp_path / "rc.db")
    circle = await add_circle(db)
    week = await add_week(circle, thread_id=THREAD, number=0)
    await add_post(circle, week, "reading", 500, CHANNEL)
    await add_post(circle, week, "prompt", PROMPT_1, THREAD)
    await add_post(circle, week, "poll", POLL, THREAD)
    await add_post(circle, week, "prompt", PROMPT_2, THREAD)
    try:
        yield circle
    finally:
        await db.close()


@pytest.fixture
async def svc(circle: Circle) -> AsyncIterator[ParticipationService]:
    svc = service(circle.db)
    await svc.start()
    yield svc
    await svc.close()


async def post(svc: ParticipationService, message_id: int, user: int = 7, *, channel: int = THREAD, **extra) -> bool:
    author = extra.pop("author", Author(user))
    return await svc.message_posted(
        guild_id=GUILD, channel_id=channel, message_id=message_id, author=author, created_at=START, **extra
    )


async def test_messages_are_attributed_to_the_prompt_they_answer(circle: Circle, svc: ParticipationService) -> None:
    """Before any prompt: a plain message; after a prompt: its answer until the next; a reply wins."""
    await post(svc, 1500)  # before the first prompt
    await post(svc, 2100)  # after prompt 1
    await post(svc, 2600)  # after the poll, still before prompt 2: answers prompt 1
    await post(svc, 3100)  # after prompt 2
    await post(svc, 3200, reply_to=PROMPT_1)  # a late reply to prompt 1
    await post(svc, 3300, reply_to=2100)  # a reply to a member's answer: the latest prompt before it
    await post(svc, 3400, channel=CHANNEL, reply_to=PROMPT_2)  # a reply to the prompt from the main channel
    await post(svc, 3500, channel=OTHER_THREAD)  # another channel, no prompt: not about the week
    await svc.writer.flush()
    assert [(e["message_id"], e["kind"], e["post"]) for e in await events(circle.db)] == [
        (1500, "message", None),
        (2100, "answer", PROMPT_1),
        (2600, "answer", PROMPT_1),
        (3100, "answer", PROMPT_2),
        (3200, "answer", PROMPT_1),
        (3300, "answer", PROMPT_2),
        (3400, "answer", PROMPT_2),
    ]


async def test_bots_webhooks_and_opted_out_members_are_not_logged(circle: Circle, svc: ParticipationService) -> None:
    assert not await post(svc, 2100, author=Author(8, bot=True))
    assert not await post(svc, 2200, author=Author(9, webhook=True))
    await svc.opt_out(GUILD, 10)
    assert not await post(svc, 2300, 10)
    assert not await svc.vote_added(guild_id=GUILD, poll_message_id=POLL, answer_id=1, voter=Author(10))
    assert await post(svc, 2400, 11)
    await svc.opt_in(GUILD, 10)
    assert await post(svc, 2500, 10)
    await svc.writer.flush()
    assert [(e["user_id"], e["message_id"]) for e in await events(circle.db)] == [(11, 2400), (10, 2500)]


async def test_opting_out_drops_events_already_queued(circle: Circle) -> None:
    """An event waiting in the queue when its member opts out is not written."""
    svc = service(circle.db, max_delay=60)
    await svc.start()
    await post(svc, 2100, 12)
    await svc.opt_out(GUILD, 12)
    await svc.close()
    assert await events(circle.db) == []


async def test_opt_outs_survive_a_restart(circle: Circle, svc: ParticipationService) -> None:
    await svc.opt_out(GUILD, 13)
    again = service(circle.db)
    await again.start()
    assert not await post(again, 2100, 13)
    assert (await again.status(GUILD, 13)).opted_out
    await again.close()


async def test_a_deleted_message_removes_its_event(circle: Circle, svc: ParticipationService) -> None:
    await post(svc, 2100)
    await post(svc, 2200)
    await svc.message_deleted(2100)  # same batch as its creation
    await svc.writer.flush()
    await svc.message_deleted(2200)  # a later batch
    await svc.message_deleted(424242)  # never logged: nothing happens
    await svc.writer.flush()
    assert await events(circle.db) == []


async def test_votes_added_and_removed_in_order(circle: Circle, svc: ParticipationService) -> None:
    """Add, remove, add again in one batch ends with the vote; a vote on another message is not one."""
    voter = Author(7)
    await svc.vote_added(guild_id=GUILD, poll_message_id=POLL, answer_id=1, voter=voter)
    await svc.vote_removed(guild_id=GUILD, poll_message_id=POLL, answer_id=1, user_id=7)
    await svc.vote_added(guild_id=GUILD, poll_message_id=POLL, answer_id=1, voter=voter)
    await svc.vote_added(guild_id=GUILD, poll_message_id=POLL, answer_id=2, voter=voter)
    await svc.vote_added(guild_id=GUILD, poll_message_id=POLL, answer_id=2, voter=Author(8))
    await svc.vote_added(guild_id=GUILD, poll_message_id=PROMPT_1, answer_id=1, voter=voter)  # not a poll
    await svc.vote_added(guild_id=GUILD, poll_message_id=777, answer_id=1, voter=voter)  # not ours
    await svc.writer.flush()
    await svc.vote_removed(guild_id=GUILD, poll_message_id=POLL, answer_id=2, user_id=8)
    await svc.writer.flush()
    assert [(e["user_id"], e["kind"], e["answer_id"], e["post"]) for e in await events(circle.db)] == [
        (7, "vote", 1, POLL),
        (7, "vote", 2, POLL),
    ]


async def test_a_replayed_event_counts_once(circle: Circle, svc: ParticipationService) -> None:
    """A gateway resume can deliver the same message or vote twice."""
    for _ in range(2):
        await post(svc, 2100)
        await svc.vote_added(guild_id=GUILD, poll_message_id=POLL, answer_id=1, voter=Author(7))
        await svc.writer.flush()
    assert len(await events(circle.db)) == 2


async def test_word_counts_only_with_the_message_content_intent(circle: Circle) -> None:
    """Without the intent the content Discord sends is empty, so no count is stored (not a zero)."""
    without = service(circle.db)
    await post(without, 2100, content="")
    await post(without, 2150, content="text the bot would not even receive")
    await without.close()
    with_intent = service(circle.db, content_intent=True)
    await post(with_intent, 2200, content="I don't agree: it's the   libraries' fault.")
    await post(with_intent, 2300, content="")
    await with_intent.close()
    assert [e["words"] for e in await events(circle.db)] == [None, None, 7, 0]


async def test_events_keep_their_time(circle: Circle, svc: ParticipationService) -> None:
    later = START + timedelta(days=2, hours=3)
    await svc.message_posted(guild_id=GUILD, channel_id=THREAD, message_id=2100, author=Author(7), created_at=later)
    await svc.writer.flush()
    [row] = await svc.export(GUILD, 7)
    assert row["at"] == later.isoformat()
