"""The worker's limits and failures, made to happen through a test hook the worker alone reads.

Every test checks that no process of the worker outlives ``prepare``: neither the worker (not even as a
zombie) nor a process it started.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
from pathlib import Path

import pytest

from bot.prepare import Pasted, WorkerLimits, prepare
from bot.prepare.supervisor import EXIT_GRACE_SECONDS
from bot.prepare.worker import TEST_HOOK
from tests.prepare.conftest import ESSAY, FAST

FAULT = re.compile(
    r"Something went wrong while reading that \(error id `([0-9a-f]{8})`\)\. Try again, or paste the text instead"
)


def _state(pid: int) -> str | None:
    """A process's state letter from /proc ("S", "R", "Z" for a zombie), or None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


def _pids(pidfile: Path) -> list[int]:
    return [int(p) for p in pidfile.read_text().split()]


async def _assert_gone(worker: int, helper: int) -> None:
    assert _state(worker) is None, "the worker was not reaped"
    # The helper is not the bot's child: SIGKILL reaches it at once, but it may take a moment to die, and
    # whoever adopted it reaps it when it will. Dead is what counts.
    async with asyncio.timeout(5):
        while _state(helper) not in (None, "Z"):
            await asyncio.sleep(0.01)


pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


async def test_a_hanging_worker_is_killed_at_the_time_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pidfile = tmp_path / "pids"
    monkeypatch.setenv(TEST_HOOK, f"hang:{pidfile}")
    limits = WorkerLimits(seconds=2, memory_mb=FAST.memory_mb)
    with pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=limits)
    assert str(caught.value).startswith("That reading took longer than 2 seconds to read, so I stopped.")
    await _assert_gone(*_pids(pidfile))


async def test_a_process_escaping_the_group_does_not_hold_prepare(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A process the worker started in a session of its own survives the group kill and keeps the worker's
    stderr open; prepare still answers, and the worker itself is reaped."""
    pidfile = tmp_path / "pids"
    monkeypatch.setenv(TEST_HOOK, f"hang-escaped:{pidfile}")
    limits = WorkerLimits(seconds=2, memory_mb=FAST.memory_mb)
    try:
        async with asyncio.timeout(limits.seconds + 3 * EXIT_GRACE_SECONDS):
            with pytest.raises(Exception) as caught:
                await prepare(Pasted(ESSAY), limits=limits)
        assert str(caught.value).startswith("That reading took longer than 2 seconds")
        worker, _helper = _pids(pidfile)
        assert _state(worker) is None
    finally:
        if pidfile.exists():
            os.kill(_pids(pidfile)[1], signal.SIGKILL)


async def test_cancelling_prepare_kills_the_worker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pidfile = tmp_path / "pids"
    monkeypatch.setenv(TEST_HOOK, f"hang:{pidfile}")
    task = asyncio.create_task(prepare(Pasted(ESSAY), limits=FAST))
    async with asyncio.timeout(FAST.seconds):
        while not pidfile.exists():
            await asyncio.sleep(0.02)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await _assert_gone(*_pids(pidfile))


async def test_the_memory_cap_stops_a_worker_that_allocates_too_much(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_HOOK, "allocate")
    limits = WorkerLimits(seconds=FAST.seconds, memory_mb=300)
    with pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=limits)
    assert str(caught.value).startswith("That reading needed more memory than I allow (300 MB), so I stopped.")


async def test_a_worker_killed_by_the_system_is_reported_as_out_of_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The OOM killer sends SIGKILL; the bot did not, so memory is the likely cause."""
    monkeypatch.setenv(TEST_HOOK, "killed")
    with pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=FAST)
    assert str(caught.value).startswith(f"That reading needed more memory than I allow ({FAST.memory_mb} MB)")


@pytest.mark.parametrize(
    ("hook", "logged"),
    [("crash", "RuntimeError: test hook: an unexpected failure"), ("garbage", "a line that is not JSON")],
)
async def test_a_crash_or_foreign_output_is_an_error_id_and_a_log_entry(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, hook: str, logged: str
) -> None:
    monkeypatch.setenv(TEST_HOOK, hook)
    with caplog.at_level(logging.ERROR, logger="bot.prepare.supervisor"), pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=FAST)
    match = FAULT.match(str(caught.value))
    assert match, str(caught.value)
    [record] = [r for r in caplog.records if r.name == "bot.prepare.supervisor"]
    assert f"error {match.group(1)} in the reading worker" in record.getMessage()
    assert logged in record.getMessage()


async def test_a_failing_progress_callback_does_not_fail_the_reading(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[str] = []

    async def broken(sentence: str) -> None:
        seen.append(sentence)
        raise RuntimeError("Discord refused the edit")

    prepared = await prepare(Pasted(ESSAY), limits=FAST, progress=broken)
    assert prepared.analysis.arguments
    assert seen == ["Reading the text…", "Finding the arguments…"]
    assert "could not show reading progress" in caplog.text


async def test_the_worker_does_not_inherit_the_bot_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A sitecustomize only the worker loads writes down what the worker's environment holds."""
    seen = tmp_path / "seen"
    (tmp_path / "sitecustomize.py").write_text(
        f"import os\nopen({str(seen)!r}, 'w').write(repr([os.environ.get(n) for n in ('DISCORD_TOKEN', 'LANG')]))\n"
    )
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("DISCORD_TOKEN", "a-secret-token")
    monkeypatch.setenv("LANG", "C.UTF-8")
    await prepare(Pasted(ESSAY), limits=FAST)
    assert seen.read_text() == repr([None, "C.UTF-8"])
