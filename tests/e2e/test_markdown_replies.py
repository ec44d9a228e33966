"""A reading's title is the organiser's text: every ephemeral reply that names the reading shows it as
typed, so Markdown in it (bold, strike-through, a masked link, code, a heading) cannot restyle the reply."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.text import escape_markdown
from tests.clock import FakeClock
from tests.e2e.circle import add_and_queue, set_up
from tests.fakediscord import FakeDiscord, InteractionResult, World, running_bot

TITLE = "**x** ~~y~~ [link](http://a) `code` __u__ # h"
SHOWN = escape_markdown(TITLE)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 3, 3, 9, 0, tzinfo=UTC))


def assert_literal(content: str) -> None:
    assert SHOWN in content, content
    assert TITLE not in content, content


async def test_a_title_full_of_markdown_shows_literally_in_every_reply(
    fake: FakeDiscord, world: World, settings: Settings, clock: FakeClock
) -> None:
    async with running_bot(fake, settings, clock=clock) as bot:
        await set_up(fake, world)
        preview = await add_and_queue(fake, world, title=TITLE)
        assert_literal(preview.content)  # "Queued **…** at position 1"
        await add_and_queue(fake, world, title="Plain")
        rows = await bot.services.db.fetchall("SELECT id, title FROM readings ORDER BY id")
        ids = {title: reading_id for reading_id, title in rows}

        def ask(command: str, **options: object) -> Awaitable[InteractionResult]:
            return fake.invoke(command, member=world.organiser, channel=world.channel, options=options)

        assert_literal((await ask("reading queue")).content)
        assert_literal((await ask("reading move", reading=str(ids["Plain"]), position=1)).content)
        await ask("reading move", reading=str(ids[TITLE]), position=1)
        assert_literal((await ask("reading post-now")).content)
        await bot.services.runner.until_idle()
        assert_literal((await ask("reading current")).content)
        assert_literal((await ask("reading archive")).content)
        assert_literal((await ask("prompt add", text="What now?")).content)
        assert_literal((await ask("poll add", question="Agree?", answers="yes|no")).content)

        await add_and_queue(fake, world, title=TITLE)  # a queued one to remove
        (again,) = await bot.services.db.fetchall(
            "SELECT id FROM readings WHERE title = ? AND status = 'queued'", (TITLE,)
        )
        assert_literal((await ask("reading remove", reading=str(again[0]))).content)
