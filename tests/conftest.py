"""Shared fixtures: a fake Discord per test, a default world in it, and the real bot running against it.

A test that made the bot send something Discord would refuse (spec or the limits in docs/ARCHITECTURE.md),
or call a route the fake does not know, fails with the list of those requests, unless it declared the expectation with
``fake.expect_violation()`` / ``fake.expect_unhandled()``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from discord.ext import commands
from hypothesis import settings as hypothesis_settings

from bot.config import Settings
from tests.fakediscord import FakeDiscord, World, running_bot
from tests.fakediscord import validation as fake_validation
from tests.fakeopenai import FakeOpenAI

# In CI the property tests replay the same examples every run: a landing must not hinge on which random
# examples came up. Run locally, they draw new ones each time and keep looking.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def _report(problems: list[str]) -> str:
    lines = "\n".join(f"  - {p}" for p in problems)
    return f"the fake Discord saw requests Discord would not accept:\n{lines}"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A started fake Discord, with discord.py pointed at it for this test."""
    server = FakeDiscord()
    await server.start()
    with server.patch_discord():
        try:
            yield server
        finally:
            await server.close()
    late = [p for p in server.problems() if p not in server.reported_problems]
    if late:
        pytest.fail(_report(late), pytrace=False)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fake OpenAI-compatible chat-completions server on 127.0.0.1, for the model writer."""
    server = FakeOpenAI()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def world(fake: FakeDiscord) -> World:
    """One guild with an owner, organiser and moderator roles and members, a plain member, #reading-circle."""
    return fake.build_default_world()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Application settings on a fresh SQLite file, as the bot would read them from the environment."""
    return Settings(discord_token="fake-token", database_path=tmp_path / "rc.db", log_level="INFO", dev_guild_id=None)


@pytest.fixture
async def bot(fake: FakeDiscord, world: World, settings: Any) -> AsyncIterator[commands.Bot]:
    """The real application (bot.app.create_bot) logged in to the fake, with the default world."""
    async with running_bot(fake, settings) as running:
        yield running


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test itself (not only its teardown) when the fake recorded problems during it."""
    result = yield
    server = getattr(item, "funcargs", {}).get("fake")
    if isinstance(server, FakeDiscord):
        problems = server.problems()
        server.reported_problems = problems
        if problems:
            pytest.fail(_report(problems), pytrace=False)
    return result


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say it loudly when Discord's OpenAPI spec was missing, since validation then did not happen."""
    if fake_validation.SPEC_PATH.is_file():
        return
    terminalreporter.write_sep(
        "=", f"Discord OpenAPI spec missing at {fake_validation.SPEC_PATH}: REST bodies were not validated", yellow=True
    )
