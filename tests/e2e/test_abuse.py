"""Members trying what they should not: organiser commands without the role, Markdown and mentions in
what they type, and /reading add in a loop. Each is refused or defused through the real bot and fake Discord.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.config import Settings
from bot.discordside.client import ReadingCircleBot
from bot.text import escape_markdown
from tests.clock import FakeClock
from tests.e2e.circle import SAMPLE, add_and_queue, set_up
from tests.fakediscord import FakeDiscord, World, running_bot

MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
HOSTILE_TITLE = "**Bold** __under__ ||spoiler|| [click](https://example.com) `code` <@&1> @everyone ~~x~~"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


async def queue(fake: FakeDiscord, world: World, title: str, **options: Any) -> None:
    await add_and_queue(fake, world, title=title, **options)


@pytest.fixture
async def running_week(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock
) -> AsyncIterator[ReadingCircleBot]:
    """A circle in the middle of a week (so /prompt add has a thread), with a second reading queued."""
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world)
        await queue(fake, world, "First reading")
        await queue(fake, world, "Second reading")
        await fake.invoke("reading post-now", member=world.organiser, channel=world.channel)
        await bot.services.runner.until_idle()
        yield bot  # type: ignore[misc]


async def snapshot(bot: ReadingCircleBot) -> dict[str, list[str]]:
    """Every row of every table: what a refused command must leave exactly as it was."""
    db = bot.services.db
    tables = [r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: sorted(repr(tuple(r)) for r in await db.fetchall(f'SELECT * FROM "{t}"')) for t in tables}


def posts(fake: FakeDiscord, world: World) -> list[Any]:
    """What the bot has posted in the circle's channel and its threads (not ephemeral answers)."""
    return [m for c in [world.channel, *fake.threads(world.channel)] for m in fake.bot_messages(c)]


ORGANISER_COMMANDS: list[tuple[str, dict[str, Any]]] = [
    ("circle setup", {"channel": "CHANNEL", "timezone": "UTC"}),
    ("circle pause", {}),
    ("circle resume", {}),
    ("circle plan", {"prompt_days": "1"}),
    ("reading add", {"title": "Mine", "text": SAMPLE}),
    ("reading remove", {"reading": "SECOND"}),
    ("reading move", {"reading": "SECOND", "position": 1}),
    ("reading skip", {}),
    ("reading post-now", {}),
    ("prompt add", {"text": "What do you think?"}),
    ("poll add", {"question": "Agree?", "answers": "yes|no"}),
]


@pytest.mark.parametrize(("command", "options"), ORGANISER_COMMANDS, ids=[c for c, _ in ORGANISER_COMMANDS])
async def test_plain_member_is_refused_every_organiser_command(
    fake: FakeDiscord, world: World, running_week: ReadingCircleBot, command: str, options: dict[str, Any]
) -> None:
    """A member without the organiser role or Manage Server: an ephemeral refusal, not a row changed,
    nothing posted."""
    if options.get("reading") == "SECOND":
        row = await running_week.services.db.fetchone("SELECT id FROM readings WHERE title = 'Second reading'")
        assert row is not None
        options = {**options, "reading": str(row[0])}
    if options.get("channel") == "CHANNEL":
        options = {**options, "channel": world.channel}
    before = await snapshot(running_week)
    posted = posts(fake, world)
    refused = await fake.invoke(command, member=world.member, channel=world.channel, options=options)
    await running_week.services.runner.until_idle()
    assert refused.ephemeral, refused
    assert re.search(r"organisers|Manage Server", refused.content), refused.content
    assert await snapshot(running_week) == before
    assert posts(fake, world) == posted


async def test_markdown_and_mentions_in_what_organisers_type_ping_nobody_and_keep_the_layout(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock
) -> None:
    """A title full of Markdown and mentions shows as typed in the reading post; an author, a custom
    prompt and a custom poll full of mentions ping nobody."""
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world)
        await queue(fake, world, HOSTILE_TITLE, author=f"<@{world.member.id}> @here")
        await fake.invoke("reading post-now", member=world.organiser, channel=world.channel)
        await bot.services.runner.until_idle()
        pings = f"@everyone @here <@{world.member.id}> <@&{world.organiser_role.id}>"
        for command, options in (
            ("prompt add", {"text": f"{pings} what now?"}),
            ("poll add", {"question": f"{pings} agree?", "answers": "yes|no"}),
            ("poll add", {"question": "Agree?", "answers": "yes @everyone|no"}),
        ):
            refused = await fake.invoke(command, member=world.organiser, channel=world.channel, options=options)
            assert refused.ephemeral and "cannot mention" in refused.content, refused.content
        for command, options in (
            ("prompt add", {"text": "**Why** would ||anyone|| # disagree?"}),
            ("poll add", {"question": "**Agree**?", "answers": "# yes|**no**"}),
        ):
            sent = await fake.invoke(command, member=world.organiser, channel=world.channel, options=options)
            assert "going out" in sent.content, sent.content
        await bot.services.runner.until_idle()

    (post,) = fake.bot_messages(world.channel)
    assert f"**{escape_markdown(HOSTILE_TITLE)}**" in post.content
    assert post.embeds[0]["title"] == HOSTILE_TITLE  # embed titles render no Markdown but links, pings: none
    (thread,) = fake.threads(world.channel)
    messages = [post, *fake.bot_messages(thread)]
    assert len(messages) == 3 and messages[2].poll
    for message in messages:
        mentions = message.allowed_mentions or {}
        assert mentions.get("parse") == [] and not mentions.get("users") and not mentions.get("roles"), mentions


def test_escaped_recap_answers_cannot_start_a_heading_or_list() -> None:
    """A poll answer at the start of a recap line is a line start: '# yes' would be a heading there."""
    from bot.publishing import PollResult
    from bot.scheduling.posts import recap_post

    class Reading:  # only what recap_post reads
        title = "**t**"

    result = PollResult("**q** ||x||", (("# yes", 2), ("- no", 1), ("1. maybe", 0)), True)
    content = recap_post(Reading(), [result], 3, "n").content  # type: ignore[arg-type]
    lines = content.splitlines()
    assert lines[0] == r"Recap of **\*\*t\*\***"
    assert r"**\*\*q\*\* \|\|x\|\|**" in lines
    assert any(line.startswith(r"\# yes — 2 votes") for line in lines)
    assert any(line.startswith(r"\- no — 1 vote") for line in lines)
    assert any(line.startswith(r"1\. maybe — 0 votes") for line in lines)


async def test_reading_add_has_a_cooldown_per_member(
    fake: FakeDiscord, world: World, running_week: ReadingCircleBot
) -> None:
    """Each /reading add runs a worker process: the fourth in a minute is refused with how long to wait;
    another organiser is not held up by it."""
    # the fixture's two readings were this organiser's first two of the minute
    third = await fake.invoke(
        "reading add", member=world.organiser, channel=world.channel, options={"title": "R3", "text": SAMPLE}
    )
    assert "Queue it" in str(third.components)
    fourth = await fake.invoke(
        "reading add", member=world.organiser, channel=world.channel, options={"title": "R4", "text": SAMPLE}
    )
    assert fourth.ephemeral
    assert re.search(r"/reading add is costly .* 3 times a minute; try again in \d+ s", fourth.content), fourth.content
    owner = await fake.invoke(
        "reading add", member=world.owner, channel=world.channel, options={"title": "Owner's", "text": SAMPLE}
    )
    assert "Queue it" in str(owner.components)
