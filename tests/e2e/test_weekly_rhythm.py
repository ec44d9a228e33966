"""The weekly rhythm end to end: the real bot, a real SQLite file, the fake Discord and a test clock.

A reading is added (pasted, uploaded, linked), previewed, edited and queued; then virtual time runs a whole
week and every post goes out once, in order, with payloads Discord's spec accepts. Restarts, a crash
between send and record, and a daylight-saving change are each driven through the same code path.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.discordside.client import ReadingCircleBot
from bot.storage import schedule
from tests.clock import FakeClock
from tests.e2e.circle import SAMPLE, add_and_queue, set_up
from tests.fakediscord import FakeDiscord, World, running_bot
from tests.pages import article, serving

ROOT = Path(__file__).resolve().parents[2]
BOLIVIA = ROOT.parent / "shared" / "readings" / "victory-in-bolivia.txt"
MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday morning; the circle posts Mondays 18:00 Berlin


@pytest.fixture
def clock(fake: FakeDiscord) -> FakeClock:
    return FakeClock(MONDAY)


@pytest.fixture
async def circle_bot(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock
) -> AsyncIterator[ReadingCircleBot]:
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world)
        yield bot  # type: ignore[misc]


async def run_week(clock: FakeClock, bot: ReadingCircleBot, until: datetime) -> None:
    await clock.advance_to(until)
    await bot.services.runner.until_idle()


def thread_messages(fake: FakeDiscord, world: World) -> list[Any]:
    threads = fake.threads(world.channel)
    assert len(threads) == 1, threads
    return fake.bot_messages(threads[0])


async def test_a_whole_week_posts_once_in_order(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock
) -> None:
    """Queue a pasted reading; the week posts the reading with embed and thread, two prompts, two polls, a recap."""
    preview = await add_and_queue(fake, world, title="Why libraries matter", text=SAMPLE)
    assert "Queued" in preview.content and "Mon 03 Mar 2025, 18:00" in preview.content

    listed = await fake.invoke("reading queue", member=world.member, channel=world.channel)
    assert "Why libraries matter" in listed.content and "Mon 03 Mar 2025, 18:00" in listed.content

    await run_week(clock, circle_bot, MONDAY + timedelta(days=2, hours=10))  # the convinced poll is up
    thread = fake.threads(world.channel)[0]
    poll = next(m for m in fake.bot_messages(thread) if m.poll)
    await fake.vote(poll, 1, member=world.member)
    await fake.vote(poll, 1, member=world.moderator)
    await fake.post_message(thread, world.organiser, "I think the second argument is the strongest.")
    await run_week(clock, circle_bot, MONDAY + timedelta(days=5, hours=10))
    for message in fake.bot_messages(thread):
        if message.poll and not message.poll.finalized:
            await fake.expire_poll(message)  # their hours are up by day 6 (virtual time does not end them)
    await run_week(clock, circle_bot, MONDAY + timedelta(days=7))

    posts = fake.bot_messages(world.channel)
    assert len(posts) == 1
    post = posts[0]
    assert post.embeds and post.embeds[0]["title"] == "Why libraries matter"
    assert post.attachments and post.attachments[0].filename.endswith(".txt")
    in_thread = thread_messages(fake, world)
    polls = [m for m in in_thread if m.poll]
    recaps = [m for m in in_thread if m.content.startswith("Recap")]
    prompts = [m for m in in_thread if not m.poll and not m.content.startswith("Recap")]
    assert len(prompts) == 2 and len(polls) == 2 and len(recaps) == 1
    assert in_thread[-1] is recaps[0]
    recap = recaps[0].content
    assert "2 votes (100%)" in recap and "3 members took part" in recap, recap
    berlin = ZoneInfo("Europe/Berlin")
    days = [(m.created_at.astimezone(berlin).date() - datetime(2025, 3, 3).date()).days for m in in_thread]
    assert days == sorted(days)
    assert {m.allowed_mentions.get("parse") == [] for m in [post, *in_thread]} == {True}

    current = await fake.invoke("reading current", member=world.member, channel=world.channel)
    assert "Why libraries matter" in current.content


async def test_plain_member_cannot_add_or_post(fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot) -> None:
    refused = await fake.invoke(
        "reading add", member=world.member, channel=world.channel, options={"title": "x", "text": SAMPLE}
    )
    assert refused.ephemeral and "organisers" in refused.content
    refused = await fake.invoke("reading post-now", member=world.member, channel=world.channel)
    assert refused.ephemeral and "organisers" in refused.content
    assert fake.bot_messages(world.channel) == []


async def test_the_recap_counts_who_took_part_from_the_participation_log(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock
) -> None:
    """A member who opted out writes and votes: the poll counts the vote, the recap does not count the
    member. The count comes from the participation log, so the recap reads no thread history and no
    voter lists: its only reads are the two polls' results."""
    await add_and_queue(fake, world, title="Why libraries matter", text=SAMPLE)
    await fake.invoke("privacy opt-out", member=world.member, channel=world.channel)
    await run_week(clock, circle_bot, MONDAY + timedelta(days=2, hours=10))
    thread = fake.threads(world.channel)[0]
    poll = next(m for m in fake.bot_messages(thread) if m.poll)
    await fake.vote(poll, 1, member=world.member)
    await fake.post_message(thread, world.member, "I opted out of being logged.")
    await fake.vote(poll, 1, member=world.moderator)
    await fake.post_message(thread, world.organiser, "I think the second argument is the strongest.")
    await run_week(clock, circle_bot, MONDAY + timedelta(days=5, hours=10))
    for message in fake.bot_messages(thread):
        if message.poll and not message.poll.finalized:
            await fake.expire_poll(message)
    before = len(fake.requests)
    await run_week(clock, circle_bot, MONDAY + timedelta(days=7))

    (recap,) = [m.content for m in fake.bot_messages(thread) if m.content.startswith("Recap")]
    assert "2 votes (100%)" in recap and "2 members took part" in recap, recap
    reads = [r.path for r in fake.requests[before:] if r.method == "GET"]
    assert len(reads) == 2 and all(re.fullmatch(rf"/channels/{thread.id}/messages/\d+", p) for p in reads), reads


async def test_reading_from_an_uploaded_pdf_and_a_link(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock
) -> None:
    """An uploaded PDF (served by the fake CDN) and a page on 127.0.0.1 are read in the worker and queued."""
    from tests.ingest.builders import make_pdf

    paragraphs = [line for line in SAMPLE.splitlines() if line.strip() and not line.startswith("#")]
    pdf = make_pdf([paragraphs[i : i + 4] for i in range(0, len(paragraphs), 4)])
    attachment = fake.add_attachment("libraries.pdf", pdf, content_type="application/pdf")

    page = article("Bolivia", BOLIVIA.read_text(encoding="utf-8").split("\n\n"))
    async with serving(page, "/bolivia") as (url, _):
        local = dataclasses.replace(settings, allow_private_urls=True)
        async with running_bot(fake, local, clock=clock):
            await set_up(fake, world)
            await add_and_queue(fake, world, title="Libraries (PDF)", file=attachment)
            await add_and_queue(fake, world, title="Victory in Bolivia", url=url)
            listed = await fake.invoke("reading queue", member=world.member, channel=world.channel)
    assert r"1. **Libraries \(PDF\)**" in listed.content  # the title as typed: Markdown in it is escaped
    assert "2. **Victory in Bolivia**" in listed.content
    assert "Mon 03 Mar 2025" in listed.content and "Mon 10 Mar 2025" in listed.content


async def test_edit_prompts_then_post_now(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock
) -> None:
    """The organiser rewrites the prompts in the modal; post-now starts the week with the edited prompt."""
    result = await fake.invoke(
        "reading add", member=world.organiser, channel=world.channel, options={"title": "Libraries", "text": SAMPLE}
    )
    edit_id = next(c for c in result.original.custom_ids() if c != result.original.custom_ids()[0])
    modal = await fake.press_button(result, edit_id, member=world.organiser)
    fields = modal.modal
    prompts_id, questions_id = [row["components"][0]["custom_id"] for row in fields["components"]]
    polls_text = [row["components"][0].get("value", "") for row in fields["components"]][1]
    await fake.submit_modal(
        fields["custom_id"],
        {prompts_id: "What would you lose if the library closed?\nWho is the library for?", questions_id: polls_text},
        member=world.organiser,
    )
    assert "What would you lose" in result.text
    await fake.press_button(result, result.original.custom_ids()[0], member=world.organiser)

    now = await fake.invoke("reading post-now", member=world.organiser, channel=world.channel)
    assert "Posting" in now.content
    await circle_bot.services.runner.until_idle()
    assert len(fake.bot_messages(world.channel)) == 1
    await run_week(clock, circle_bot, clock.now() + timedelta(days=1, minutes=1))
    assert [m.content for m in thread_messages(fake, world)] == ["What would you lose if the library closed?"]


async def test_restart_mid_week_loses_and_repeats_nothing(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock
) -> None:
    """Stopped after day 1 and started again on day 2 (within the grace window): every post goes out once."""
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world)
        await add_and_queue(fake, world, title="Libraries", text=SAMPLE)
        await run_week(clock, bot, MONDAY + timedelta(days=1, hours=12))  # Tuesday: reading + first prompt
        assert len(thread_messages(fake, world)) == 1
    later = FakeClock(MONDAY + timedelta(days=2, hours=12))  # Wednesday 21:00 Berlin: the day-2 poll is 3 h late
    async with running_bot(fake, settings, clock=later) as bot:
        await bot.services.runner.until_idle()
        assert len(thread_messages(fake, world)) == 2
        await run_week(later, bot, MONDAY + timedelta(days=7))
    messages = thread_messages(fake, world)
    assert [bool(m.poll) for m in messages] == [False, True, False, True, False]
    assert len(fake.bot_messages(world.channel)) == 1


async def test_crash_between_send_and_record_does_not_duplicate(
    fake: FakeDiscord,
    world: World,
    circle_bot: ReadingCircleBot,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The prompt is sent, then recording it fails; the retry sends the same nonce and Discord keeps one."""
    await add_and_queue(fake, world, title="Libraries", text=SAMPLE)
    await run_week(clock, circle_bot, MONDAY + timedelta(hours=10))  # the reading post
    real = schedule.add_post
    crashed: list[int] = []

    async def crash_once(tx: Any, post: Any) -> None:
        if post.kind == "prompt" and not crashed:
            crashed.append(post.message_id)
            raise RuntimeError("simulated crash after Discord accepted the message")
        await real(tx, post)

    monkeypatch.setattr(schedule, "add_post", crash_once)
    await run_week(clock, circle_bot, MONDAY + timedelta(days=1, hours=10))
    await run_week(clock, circle_bot, MONDAY + timedelta(days=1, hours=11))  # the retry, after its backoff
    prompts = [m for m in thread_messages(fake, world) if not m.poll]
    assert crashed and len(prompts) == 1 and prompts[0].id == crashed[0]
    assert len(fake.nonce_hits) == 1


async def test_daylight_saving_change_keeps_the_local_time(fake: FakeDiscord, world: World, settings: Settings) -> None:
    """Mondays 18:00 in Berlin: 17:00 UTC before the end of March, 16:00 UTC after it."""
    clock = FakeClock(datetime(2025, 3, 24, 9, 0, tzinfo=UTC))
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world)
        await add_and_queue(fake, world, title="Week one", text=SAMPLE)
        await add_and_queue(fake, world, title="Week two", text=SAMPLE)
        await run_week(clock, bot, datetime(2025, 4, 1, tzinfo=UTC))
        weeks = await bot.services.db.fetchall("SELECT starts_at FROM weeks ORDER BY starts_at")
    starts = [datetime.fromisoformat(w[0]) for w in weeks]
    assert [s.astimezone(UTC).hour for s in starts] == [17, 16]
    assert {s.astimezone(ZoneInfo("Europe/Berlin")).strftime("%a %H:%M") for s in starts} == {"Mon 18:00"}
    assert len(fake.bot_messages(world.channel)) == 2


async def test_everyone_in_a_reading_pings_nobody_and_the_member_role_is_the_only_mention(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, clock: FakeClock
) -> None:
    members = fake.add_role(world.guild, "Readers")
    await set_up(fake, world, member_role=members)
    hostile = "# @everyone listen\n\n@everyone @here <@&1> " + SAMPLE
    await add_and_queue(fake, world, title="@everyone read this", text=hostile)
    await run_week(clock, circle_bot, MONDAY + timedelta(days=7))
    post = fake.bot_messages(world.channel)[0]
    assert post.content.startswith(f"<@&{members.id}>")
    mentions = post.allowed_mentions or {}
    assert mentions.get("parse") == [] and [int(r) for r in mentions.get("roles", [])] == [members.id]
    assert not mentions.get("users") and not mentions.get("replied_user")
    for message in thread_messages(fake, world):
        assert message.allowed_mentions is not None and message.allowed_mentions.get("parse") == []
        assert not message.allowed_mentions.get("roles") and not message.allowed_mentions.get("users")


async def test_preview_expires_with_its_buttons_disabled(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its lifetime the preview says it expired and no button can be pressed; nothing was queued."""
    from bot.discordside import preview

    monkeypatch.setattr(preview, "PREVIEW_SECONDS", 0.2)
    result = await fake.invoke(
        "reading add", member=world.organiser, channel=world.channel, options={"title": "Libraries", "text": SAMPLE}
    )

    def disabled() -> bool:
        buttons = [c for row in result.original.components for c in row.get("components", [])]
        return bool(buttons) and all(b.get("disabled") for b in buttons)

    await fake.wait_until(disabled, "the expired preview's buttons to be disabled")
    assert "expired" in result.content
    _, queue = await circle_bot.services.readings.queue(world.guild.id)
    assert queue == []


async def test_a_text_without_arguments_asks_the_organiser_for_prompts(
    fake: FakeDiscord, world: World, circle_bot: ReadingCircleBot
) -> None:
    shopping = "\n".join(f"- {n} bags of flour, eggs, milk, butter, sugar and salt" for n in range(1, 12))
    result = await fake.invoke(
        "reading add", member=world.organiser, channel=world.channel, options={"title": "List", "text": shopping}
    )
    assert "no arguable claim" in result.text and "none yet" in result.text, result.text
    assert "bags of flour" not in result.embeds[1]["fields"][0]["value"]
