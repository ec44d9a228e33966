"""Participation end to end: members write, reply and vote in a real week through the fake Discord; the
moderator's summary, its CSV and chart, the member's view and the offline report show exactly that.
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
import os
import sqlite3
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main as cli_main
from bot.config import Settings
from bot.discordside.client import ReadingCircleBot
from cogs.participation import CHART_NICENESS, chart_pool
from tests.clock import FakeClock
from tests.e2e.circle import add_and_queue, set_up
from tests.fakediscord import FakeDiscord, Member, Message, World, running_bot

MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
WEEK_START = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)  # Monday 18:00 in Berlin


@dataclasses.dataclass
class Circle:
    bot: ReadingCircleBot
    clock: FakeClock
    readers: dict[str, Member]


@pytest.fixture
async def circle(
    fake: FakeDiscord, world: World, settings: Settings, request: pytest.FixtureRequest
) -> AsyncIterator[Circle]:
    """The bot with a circle whose member role ann, bob and cat hold, and a reading queued; by default with
    the Server Members intent (a test may pass other settings with indirect parametrisation)."""
    clock = FakeClock(MONDAY)
    role = fake.add_role(world.guild, "Readers")
    readers = {name: fake.add_member(world.guild, name, roles=[role]) for name in ("ann", "bob", "cat")}
    chosen = dataclasses.replace(settings, **getattr(request, "param", {"members_intent": True}))
    async with running_bot(fake, chosen, clock=clock) as bot:
        await set_up(fake, world, moderator_role=world.moderator_role, member_role=role)
        await add_and_queue(fake, world)
        yield Circle(bot, clock, readers)  # type: ignore[arg-type]


async def advance(circle: Circle, to: datetime) -> None:
    await circle.clock.advance_to(to)
    await circle.bot.services.runner.until_idle()


def thread_of(fake: FakeDiscord, world: World) -> Any:
    (thread,) = fake.threads(world.channel)
    return thread


def posted(fake: FakeDiscord, world: World) -> tuple[list[Message], list[Message]]:
    """The week's prompts and polls so far, oldest first."""
    messages = fake.bot_messages(thread_of(fake, world))
    polls = [m for m in messages if m.poll]
    prompts = [m for m in messages if not m.poll and not m.content.startswith("Recap")]
    return prompts, polls


async def play_a_week(fake: FakeDiscord, world: World, circle: Circle) -> None:
    """ann: a thread message before any prompt, a reply to the first prompt, a vote on the first poll.
    bob: a thread message after the last prompt (it answers that one), one he deletes, a vote on the second
    poll. cat: votes on the first poll and takes the vote back. The bot's own posts are not anyone's."""
    ann, bob, cat = circle.readers["ann"], circle.readers["bob"], circle.readers["cat"]
    await advance(circle, WEEK_START + timedelta(minutes=1))
    thread = thread_of(fake, world)
    assert posted(fake, world) == ([], [])
    await fake.post_message(thread, ann, "Hello all, starting now")
    acted: set[str] = set()
    for day in range(1, 7):
        await advance(circle, WEEK_START + timedelta(days=day, hours=1))
        prompts, polls = posted(fake, world)
        if prompts and "reply" not in acted:
            await fake.post_message(thread, ann, "My answer", reply_to=prompts[0])
            acted.add("reply")
        if polls and "poll 1" not in acted:
            first = polls[0].poll.answers[0].answer_id
            await fake.vote(polls[0], first, member=ann)
            await fake.vote(polls[0], first, member=cat)
            await fake.unvote(polls[0], first, member=cat)
            acted.add("poll 1")
        if len(polls) > 1 and "poll 2" not in acted:
            await fake.vote(polls[1], polls[1].poll.answers[-1].answer_id, member=bob)
            acted.add("poll 2")
    assert acted == {"reply", "poll 1", "poll 2"}, acted
    prompts, _polls = posted(fake, world)
    assert len(prompts) == 2
    await fake.post_message(thread, bob, "Late thoughts")
    gone = await fake.post_message(thread, bob, "Oops, wrong thread")
    await fake.delete_message(gone)
    await fake.settle()
    await fake.post_message(world.channel, bob, "Off-topic in the channel: not the circle's business")


def csv_rows(text: str) -> dict[str, dict[str, str]]:
    return {row["member"]: row for row in csv.DictReader(io.StringIO(text))}


def attachment(result: Any, suffix: str) -> bytes:
    (found,) = [a for m in result.messages for a in m.attachments if a.filename.endswith(suffix)]
    return found.data


async def test_a_week_of_participation_is_counted_exactly(
    fake: FakeDiscord,
    world: World,
    circle: Circle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await play_a_week(fake, world, circle)
    # The bot keeps no message cache: bob's deleted message and cat's taken-back vote reach it as raw events.
    assert not circle.bot.cached_messages

    summary = await fake.invoke("participation summary", member=world.moderator, channel=world.channel)
    assert summary.ephemeral
    rows = csv_rows(attachment(summary, ".csv").decode())
    counts = {
        name: (r["thread_messages"], r["prompts_answered"], r["poll_votes"], r["weeks_active"])
        for name, r in rows.items()
    }
    assert counts == {"ann": ("2", "1", "1", "1"), "bob": ("1", "1", "1", "1")}
    text = summary.text
    assert "ann" in text and "bob" in text and "cat" not in text
    ann_line = next(line for line in text.splitlines() if line.startswith("ann "))
    assert ann_line.split()[1:5] == ["2", "1", "1", "1"]
    assert " 2 of 3 " in text  # active members of the week against the member role's size
    assert attachment(summary, ".png").startswith(b"\x89PNG\r\n\x1a\n")

    mine = await fake.invoke("me stats", member=circle.readers["ann"], channel=world.channel)
    assert mine.ephemeral
    assert "2 thread message(s), 1 prompt(s) answered, 1 poll vote(s); active in 1 of 1 week(s)" in mine.text

    one = await fake.invoke(
        "participation member", member=world.moderator, channel=world.channel, options={"user": circle.readers["bob"]}
    )
    assert one.deferred and one.ephemeral  # deferred before the reads: Discord drops an answer after 3 s
    assert "bob: 1 thread message(s), 1 prompt(s) answered, 1 poll vote(s)" in one.text

    quiet = await fake.invoke("participation inactive", member=world.organiser, channel=world.channel)
    assert quiet.deferred and quiet.ephemeral
    assert "1 of 3 member(s)" in quiet.text and "cat" in quiet.text and "ann" not in quiet.text

    exported = await fake.invoke(
        "participation export", member=world.owner, channel=world.channel, options={"format": "json"}
    )
    assert b'"member": "bob"' in attachment(exported, ".json")

    # The offline report reads the same database and prints the same numbers (ids stand in for names):
    # the same per-week and per-reading lines as the command's message, the same CSV but for the name.
    monkeypatch.setenv("DATABASE_PATH", str(circle.bot.settings.database_path))
    report_csv = tmp_path / "report.csv"
    argv = ["report", "--guild", str(world.guild.id), "--csv", str(report_csv)]
    assert await asyncio.to_thread(cli_main, argv) == 0
    printed = capsys.readouterr().out.splitlines()
    circle_lines = printed[: printed.index(next(line for line in printed if line.startswith("member ")))]
    command_lines = [without_role_size(line) for line in text.splitlines()]
    assert len(circle_lines) > 5 and all(line.split() in command_lines for line in circle_lines)
    offline = {r["member_id"]: without_name(r) for r in csv.DictReader(io.StringIO(report_csv.read_text()))}
    assert offline == {r["member_id"]: without_name(r) for r in rows.values()}


def without_role_size(line: str) -> list[str]:
    """A line's words without "of 3": only the bot sees who holds the member role, the offline report not."""
    words = line.split()
    while "of" in words:
        at = words.index("of")
        del words[at : at + 2]
    return words


def without_name(row: dict[str, str]) -> dict[str, str]:
    return {column: value for column, value in row.items() if column != "member"}


async def test_a_plain_member_is_refused_and_sees_nobody(fake: FakeDiscord, world: World, circle: Circle) -> None:
    await play_a_week(fake, world, circle)
    for command, options in (
        ("participation summary", {}),
        ("participation inactive", {}),
        ("participation export", {}),
        ("participation member", {"user": circle.readers["ann"]}),
    ):
        refused = await fake.invoke(command, member=circle.readers["bob"], channel=world.channel, options=options)
        assert refused.ephemeral and "moderators and organisers" in refused.content, command
        assert "ann" not in refused.text and not [a for m in refused.messages for a in m.attachments]


async def test_opting_out_stops_logging_and_delete_removes_every_row(
    fake: FakeDiscord, world: World, circle: Circle, settings: Settings
) -> None:
    await play_a_week(fake, world, circle)
    ann, bob = circle.readers["ann"], circle.readers["bob"]
    thread = thread_of(fake, world)

    before = await fake.invoke("privacy status", member=bob, channel=world.channel)
    assert "are logged" in before.content and "2 row(s)" in before.content  # his message and his vote
    await fake.invoke("privacy opt-out", member=bob, channel=world.channel)
    await fake.post_message(thread, bob, "Not counted any more")
    after = await fake.invoke("privacy status", member=bob, channel=world.channel)
    assert "You opted out" in after.content and "2 row(s)" in after.content

    mine = await fake.invoke("privacy export", member=ann, channel=world.channel)
    exported = list(csv.DictReader(io.StringIO(attachment(mine, ".csv").decode())))
    assert sorted(row["kind"] for row in exported) == ["answer", "message", "vote"]

    asked = await fake.invoke("privacy delete", member=ann, channel=world.channel)
    assert "cannot be undone" in asked.content
    confirm = next(c for c in asked.original.custom_ids() if asked.original.find_component(c)["style"] == 4)
    with pytest.raises(AssertionError, match="only the user who received an ephemeral message"):
        await fake.press_button(asked, confirm, member=bob)  # Discord offers the button to ann alone
    await fake.press_button(asked, confirm, member=ann)
    assert "Deleted 3 row(s)" in asked.text

    with sqlite3.connect(settings.database_path) as db:
        left = db.execute("SELECT user_id, count(*) FROM participation_events GROUP BY user_id").fetchall()
    assert left == [(bob.id, 2)]
    summary = await fake.invoke("participation summary", member=world.moderator, channel=world.channel)
    assert set(csv_rows(attachment(summary, ".csv").decode())) == {"bob"}
    assert "ann" not in summary.text


async def test_an_expired_delete_confirmation_disables_its_buttons(
    fake: FakeDiscord, world: World, circle: Circle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its lifetime the confirmation says so and no button can be pressed; nothing was deleted."""
    loaded = sys.modules["cogs.participation"]  # the module the running bot loaded as its extension
    monkeypatch.setattr(loaded, "CONFIRM_SECONDS", 0.2)
    await play_a_week(fake, world, circle)
    ann = circle.readers["ann"]
    asked = await fake.invoke("privacy delete", member=ann, channel=world.channel)

    def disabled() -> bool:
        buttons = [c for row in asked.original.components for c in row.get("components", [])]
        return bool(buttons) and all(b.get("disabled") for b in buttons)

    await fake.wait_until(disabled, "the expired confirmation's buttons to be disabled")
    assert "expired" in asked.content and "nothing was deleted" in asked.content
    status = await fake.invoke("privacy status", member=ann, channel=world.channel)
    assert "3 row(s)" in status.content


@pytest.mark.parametrize("circle", [{"members_intent": False, "message_content_intent": True}], indirect=True)
async def test_without_the_members_intent_names_are_asked_by_id_and_inactive_says_why(
    fake: FakeDiscord, world: World, circle: Circle, settings: Settings
) -> None:
    """No member cache: display names come from a gateway request by id; nobody can be called inactive.
    With the Message Content intent, words are counted (and the text is still not stored)."""
    assert not circle.bot.intents.members and circle.bot.intents.message_content
    await play_a_week(fake, world, circle)
    summary = await fake.invoke("participation summary", member=world.moderator, channel=world.channel)
    assert set(csv_rows(attachment(summary, ".csv").decode())) == {"ann", "bob"}
    assert " of 3" not in summary.text
    quiet = await fake.invoke("participation inactive", member=world.moderator, channel=world.channel)
    assert "Server Members intent" in quiet.content and "SERVER_MEMBERS_INTENT=true" in quiet.content
    with sqlite3.connect(settings.database_path) as db:
        words = db.execute("SELECT message_id, words FROM participation_events WHERE kind != 'vote'").fetchall()
        stored = " ".join(str(value) for row in db.execute("SELECT * FROM participation_events") for value in row)
    assert sorted(count for _id, count in words) == [2, 2, 4]  # "My answer", "Late thoughts", "Hello all, …"
    assert "Hello" not in stored and "thoughts" not in stored


async def test_word_counts_are_not_guessed_without_the_content_intent(
    fake: FakeDiscord, world: World, circle: Circle, settings: Settings
) -> None:
    assert not circle.bot.intents.message_content
    await play_a_week(fake, world, circle)
    await fake.invoke("privacy status", member=circle.readers["ann"], channel=world.channel)  # writes the queue
    with sqlite3.connect(settings.database_path) as db:
        words = db.execute("SELECT words FROM participation_events WHERE kind != 'vote'").fetchall()
    assert words == [(None,), (None,), (None,)]


async def test_what_is_queued_when_the_bot_stops_is_written(
    fake: FakeDiscord, world: World, circle: Circle, settings: Settings
) -> None:
    """A message a moment before shutdown is still waiting in the writer; closing the bot writes it before
    the database closes."""
    await advance(circle, WEEK_START + timedelta(minutes=1))
    circle.bot.services.participation.writer.max_delay = 3600  # so only the shutdown can write it
    await fake.post_message(thread_of(fake, world), circle.readers["cat"], "Last word")
    assert circle.bot.services.participation.writer.pending == 1
    await circle.bot.close()
    with sqlite3.connect(settings.database_path) as db:
        assert db.execute("SELECT user_id, kind FROM participation_events").fetchall() == [
            (circle.readers["cat"].id, "message")
        ]


async def test_threads_outside_the_cache_and_bulk_deletes_count(
    fake: FakeDiscord, world: World, circle: Circle, settings: Settings
) -> None:
    """After a restart the week's thread may be missing from discord.py's cache (archived, or not yet
    listed): messages in it still arrive and count. A bulk delete removes every event it names."""
    await advance(circle, WEEK_START + timedelta(minutes=1))
    thread = thread_of(fake, world)
    guild = circle.bot.get_guild(world.guild.id)
    guild._remove_thread(guild.get_thread(thread.id))  # as if the bot had never seen the thread
    assert guild.get_thread(thread.id) is None
    first = await fake.post_message(thread, circle.readers["ann"], "Still counted")
    second = await fake.post_message(thread, circle.readers["bob"], "Me too")
    await fake.post_message(thread, circle.readers["cat"], "And me")
    await fake.dispatch(
        "MESSAGE_DELETE_BULK",
        {"ids": [str(first.id), str(second.id)], "channel_id": str(thread.id), "guild_id": str(world.guild.id)},
    )
    await fake.settle()
    await circle.bot.services.participation.writer.flush()
    with sqlite3.connect(settings.database_path) as db:
        users = db.execute("SELECT user_id FROM participation_events").fetchall()
    assert users == [(circle.readers["cat"].id,)]


async def test_a_burst_sent_without_waiting_is_all_logged_after_one_settle(
    fake: FakeDiscord, world: World, circle: Circle, settings: Settings
) -> None:
    """The fake's load path (benchmarks/load.py): messages, replies, votes and a command sent back to back
    without waiting for the bot; one settle, and every event is a row and the command is answered."""
    await advance(circle, WEEK_START + timedelta(days=2, hours=1))
    prompts, polls = posted(fake, world)
    assert prompts and polls
    thread = thread_of(fake, world)
    readers = list(circle.readers.values())
    for i in range(60):
        reply_to = prompts[0] if i % 4 == 0 else None
        await fake.send_message(thread, readers[i % 3], f"thought {i}", reply_to=reply_to)
    for reader in readers:
        await fake.send_vote(polls[0], polls[0].poll.answers[0].answer_id, member=reader)
    stats = await fake.send_command("me stats", member=readers[0], channel=world.channel)
    await fake.settle()
    assert stats.record.answered and stats.record.answered_at is not None
    assert stats.deferred  # events were still queued: acknowledged first, answered once they were written
    assert "thread message(s)" in stats.text
    await circle.bot.services.participation.writer.flush()
    with sqlite3.connect(settings.database_path) as db:
        kinds = dict(db.execute("SELECT kind, count(*) FROM participation_events GROUP BY kind").fetchall())
    assert kinds == {"answer": 60, "vote": 3}


def test_charts_are_drawn_at_a_lower_priority_than_the_bot() -> None:
    """The chart worker yields the CPU to the event loop (``os.nice(0)`` returns a process's niceness)."""
    with chart_pool() as pool:
        assert pool.submit(os.nice, 0).result(timeout=30) == min(19, os.nice(0) + CHART_NICENESS)
