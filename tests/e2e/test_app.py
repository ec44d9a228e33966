"""The application around the cogs, end to end: the error handler, start-up failures, clean shutdown."""

from __future__ import annotations

import asyncio
import gc
import os
import re
import signal
import socket
from pathlib import Path

import discord
import discord.http
import pytest

from bot.app import create_bot, run_until_stopped
from bot.config import Settings
from bot.discordside.client import ReadingCircleBot
from tests.fakediscord import FakeDiscord, World


async def test_unexpected_error_gives_an_error_id_and_logs_it(
    fake: FakeDiscord, world: World, bot: ReadingCircleBot, caplog: pytest.LogCaptureFixture
) -> None:
    """When the database is gone the member gets a short ephemeral message with an id; the log has the trace."""
    await bot.services.db.close()
    result = await fake.invoke("circle show", member=world.member, channel=world.channel)
    assert result.ephemeral
    error_id = re.search(r"error id `([0-9a-f]{8})`", result.content)
    assert error_id, result.content
    logged = [r for r in caplog.records if error_id.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info is not None


async def test_sigterm_closes_gateway_and_database(fake: FakeDiscord, world: World, settings: Settings) -> None:
    """SIGTERM makes `reading-circle run`'s loop close the gateway and the database and return 0."""
    app = create_bot(settings)
    app._connection.guild_ready_timeout = 0.05
    running = asyncio.create_task(run_until_stopped(settings, "fake-token", bot=app))
    async with asyncio.timeout(10):
        while not app.is_ready():
            await asyncio.sleep(0.01)  # polling a flag the real client sets; the task itself does the work
    assert fake.gateway.live
    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(running, 10) == 0
    assert app.is_closed()
    assert app.services.db.conn._connection is None  # aiosqlite's own marker of a closed connection
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


async def test_unopenable_database_is_one_line_and_exit_2(
    fake: FakeDiscord, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A DATABASE_PATH under a regular file stops start-up with one line naming it, not a traceback."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings = Settings(discord_token="fake-token", database_path=blocker / "rc.db")
    assert await asyncio.wait_for(run_until_stopped(settings, "fake-token"), 10) == 2
    err = capsys.readouterr().err
    assert "cannot open the database" in err and "DATABASE_PATH" in err and "Traceback" not in err


async def test_database_fault_is_reported_before_any_request_to_discord(
    fake: FakeDiscord, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged database file stops `run` with its own sentence, and Discord is never contacted."""
    damaged = tmp_path / "rc.db"
    damaged.write_text("these are my notes, not a database\n")
    settings = Settings(discord_token="fake-token", database_path=damaged)
    assert await asyncio.wait_for(run_until_stopped(settings, "fake-token"), 10) == 2
    err = capsys.readouterr().err
    assert "not a Reading Circle database" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert fake.requests == [] and fake.gateway.identifies == []


async def test_discord_unreachable_at_login_is_one_line(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """Connection refused at login: one sentence naming the reason, a non-zero exit, no aiohttp traceback."""
    with socket.socket() as closed:  # a port that was free a moment ago: nothing listens there
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    code = await asyncio.wait_for(run_until_stopped(settings, "fake-token"), 30)
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1
    assert "could not reach Discord" in err and "refused" in err.lower()
    assert settings.database_path.is_file()  # the database was checked (and created) first


def test_start_up_does_not_warn_about_voice_libraries(caplog: pytest.LogCaptureFixture, settings: Settings) -> None:
    """discord.py warns about PyNaCl and davey, which only voice needs; this bot never joins voice."""
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = True  # as a fresh process starts
    with caplog.at_level("WARNING"):
        create_bot(settings)
    assert not [r for r in caplog.records if "voice" in r.getMessage()]


async def test_what_is_alive_at_ready_is_out_of_the_collectors_sight(bot: ReadingCircleBot) -> None:
    """After the first READY the bot's modules and guild cache are frozen (``gc.freeze``), so a full
    collection under load scans only what the load made."""
    assert gc.get_freeze_count() > 0
